package com.duesline.letters;

import com.duesline.config.ConfigException;
import com.duesline.config.DueslineConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code letters.*} configuration: the association's contacts printed on every letter, the
 * state for pre-lien notices, the deadlines, the currency signs, and the font with Chinese glyphs.
 *
 * @param propertyAddress where the units are: a letter to an owner without a mailing address goes
 *     to "unit, property address"
 * @param disputeDays days from the letter date to the dispute deadline (30 days after assumed
 *     receipt, 5 days in the post)
 * @param replyWorkingDays working days to pay or reply to a formal demand (the playbooks' 10)
 * @param cjkFont a TrueType font or collection with Chinese glyphs (Debian's fonts-wqy-microhei by
 *     default)
 */
public record LetterSettings(
    String association,
    String associationZh,
    String address,
    String phone,
    String email,
    String propertyAddress,
    String state,
    int disputeDays,
    int replyWorkingDays,
    String currencyEn,
    String currencyZh,
    Path cjkFont) {
  /** Where Debian's fonts-wqy-microhei puts its font collection. */
  public static final Path DEBIAN_WQY = Path.of("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc");

  public static LetterSettings from(DueslineConfig c) {
    int dispute = c.getInt("letters.dispute-days");
    int reply = c.getInt("letters.reply-working-days");
    if (dispute < 30)
      throw new ConfigException(
          "letters.dispute-days must be at least 30 (Regulation F's validation period), got "
              + dispute);
    if (reply < 1)
      throw new ConfigException("letters.reply-working-days must be at least 1, got " + reply);
    String state = c.get("letters.association.state").trim();
    if (!state.isEmpty() && !state.matches("[A-Z]{2}"))
      throw new ConfigException(
          "letters.association.state must be a two-letter state code such as CA, got '"
              + state
              + "'");
    String font = c.optional("letters.cjk-font").orElse("");
    String name = c.optional("letters.association.name").orElse(c.get("tracks.company"));
    return new LetterSettings(
        name,
        c.optional("letters.association.name-zh").orElse(name),
        c.get("letters.association.address"),
        c.optional("letters.association.phone").orElse(c.get("tracks.callback-number")),
        c.get("letters.association.email"),
        c.get("letters.association.property-address"),
        state,
        dispute,
        reply,
        c.get("letters.currency.en"),
        c.get("letters.currency.zh"),
        font.isBlank() ? DEBIAN_WQY : Path.of(font));
  }

  /** The association's name as a letter in {@code lang} prints it. */
  public String association(String lang) {
    return "zh".equals(lang) ? associationZh : association;
  }

  /** The font file with Chinese glyphs, or an error that says how to get one. */
  public Path requireCjkFont() {
    if (!Files.isReadable(cjkFont)) {
      throw new ConfigException(
          "letters.cjk-font: no font with Chinese glyphs at "
              + cjkFont
              + " (install Debian's fonts-wqy-microhei, or point letters.cjk-font at a .ttf/.ttc with CJK glyphs)");
    }
    return cjkFont;
  }
}
