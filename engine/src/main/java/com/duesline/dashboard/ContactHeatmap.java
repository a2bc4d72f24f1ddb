package com.duesline.dashboard;

import com.duesline.campaign.AnswerModel;
import com.duesline.store.Database;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalDate;

/**
 * Contact rate by the party's local weekday and hour: voice attempts dialed and answered by a
 * person in each slot, the observed rate, and the best-time model's estate rate for the slot (the
 * prior the planner's Thompson sampling starts from, shrunk towards the overall rate where data is
 * thin).
 */
public final class ContactHeatmap {
  private final Database db;

  public ContactHeatmap(Database db) {
    this.db = db;
  }

  /** Over the days [from, to] (UTC), for one campaign or (null) all. */
  public JsonObject report(LocalDate from, LocalDate to, String campaign) {
    AnswerModel m =
        AnswerModel.load(
            db,
            DeskGroups.start(from).toInstant(),
            DeskGroups.start(to.plusDays(1)).toInstant(),
            campaign);
    JsonArray cells = new JsonArray();
    long dialed = 0;
    long answered = 0;
    for (DayOfWeek d : DayOfWeek.values()) {
      for (int h = 0; h < 24; h++) {
        long n = m.dialed(d, h);
        long a = m.answered(d, h);
        dialed += n;
        answered += a;
        cells.add(
            new JsonObject()
                .put("weekday", d.getValue())
                .put("day", d.name().substring(0, 3).toLowerCase())
                .put("hour", h)
                .put("dialed", n)
                .put("answered", a)
                .put("rate", RollRates.rate(a, n))
                .put("model", Math.round(m.estateRate(d, h) * 10000) / 10000.0));
      }
    }
    return new JsonObject()
        .put("from", from.toString())
        .put("to", to.toString())
        .put("campaign", campaign)
        .put("dialed", dialed)
        .put("answered", answered)
        .put("rate", RollRates.rate(answered, dialed))
        .put("cells", cells);
  }
}
