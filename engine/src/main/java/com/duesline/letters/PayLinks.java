package com.duesline.letters;

import com.duesline.config.DueslineConfig;

/**
 * Where an owner pays: the one seam between letters and payment links, so signed links can replace
 * the configured URL template without touching the letters.
 */
public interface PayLinks {
  /** The payment link for {@code unit}. */
  String link(String unit);

  /** The link SMS uses too: {@code tracks.pay-link} with {@code {unit}} replaced. */
  static PayLinks configured(DueslineConfig config) {
    String template = config.get("tracks.pay-link");
    return unit -> template.replace("{unit}", java.net.URLEncoder.encode(unit, java.nio.charset.StandardCharsets.UTF_8));
  }
}
