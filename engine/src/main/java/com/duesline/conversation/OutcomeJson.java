package com.duesline.conversation;

import io.vertx.core.json.JsonObject;

/** The outcome in the shape {@code converse} prints and stories compare against. */
public final class OutcomeJson {
  public static JsonObject of(Outcome o) {
    JsonObject j = new JsonObject();
    j.put("disposition", o.disposition());
    j.put(
        "promise",
        o.promise() == null
            ? null
            : new JsonObject()
                .put("date", o.promise().date() == null ? null : o.promise().date().toString())
                .put(
                    "amount",
                    o.promise().amount() == null ? null : o.promise().amount().toPlainString()));
    j.put(
        "plan",
        o.plan() == null
            ? null
            : new JsonObject()
                .put("months", o.plan().months())
                .put(
                    "monthly_amount",
                    o.plan().monthly() == null ? null : o.plan().monthly().toPlainString()));
    j.put("opt_out", o.optOut());
    j.put("hold", o.hold());
    j.put("handoff", o.handoff());
    j.put(
        "complaint",
        o.complaint() == null ? null : new JsonObject().put("text", o.complaint().text()));
    return j;
  }

  private OutcomeJson() {}
}
