package com.duesline.payments;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One pay link: which account, how much, until when, and whether it has been paid.
 *
 * @param token what the URL carries: {@code id.expiry.signature}
 */
public record PayLink(
    String id,
    long unitId,
    String unit,
    BigDecimal amount,
    String purpose,
    Instant expires,
    String status,
    String token,
    String url) {

  public boolean paid() {
    return "paid".equals(status);
  }

  /** What {@code payments link --format json} prints. */
  public JsonObject toJson() {
    return new JsonObject()
        .put("id", id)
        .put("url", url)
        .put("amount", amount.toPlainString())
        .put("expires", expires.toString());
  }
}
