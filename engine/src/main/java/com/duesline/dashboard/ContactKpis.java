package com.duesline.dashboard;

import com.duesline.campaign.Outcome;
import com.duesline.store.Database;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The contact numbers of a collection desk over a period, for the estate, per campaign and per
 * track variant: right-party-contact rate, promise-kept rate, collected against promised, and the
 * cost per dollar collected (call minutes and texts at the configured prices).
 *
 * <ul>
 *   <li>right-party contacts: attempts whose outcome was a conversation with the party (the Reg F
 *       set) over voice attempts dialed;
 *   <li>promise-kept rate: kept / (kept + broken) of the promises made on the period's attempts
 *       (open ones are not yet decided);
 *   <li>collected: payments of the accounts the group contacted, on or after the group's first
 *       contact with that account in the period and not after its end;
 *   <li>cost: each answered call's minutes rounded up (as carriers bill) times the per-minute
 *       price, plus texts sent times the per-text price.
 * </ul>
 */
public final class ContactKpis {
  private static final String[] CONVERSATION =
      com.duesline.campaign.Disposition.spellings(Outcome::conversation);
  private final Database db;
  private final DeskCosts costs;

  public ContactKpis(Database db, DeskCosts costs) {
    this.db = db;
    this.costs = costs;
  }

  /** Per group, figures over the days [from, to] (UTC). */
  public JsonObject report(LocalDate from, LocalDate to) {
    Map<String, Figures> groups = new LinkedHashMap<>();
    try (Connection c = db.connection()) {
      c.setReadOnly(true);
      Array conversation = c.createArrayOf("text", CONVERSATION);
      try (PreparedStatement ps =
          c.prepareStatement(
              """
          SELECT coalesce(campaign_ref, '(none)'), variant, GROUPING(campaign_ref), GROUPING(variant),
                 count(*) FILTER (WHERE channel = 'voice'),
                 count(*) FILTER (WHERE channel = 'voice' AND (answered_at IS NOT NULL OR disposition = 'voicemail')),
                 count(*) FILTER (WHERE disposition = ANY(?)),
                 count(*) FILTER (WHERE channel = 'sms'),
                 coalesce(sum(CASE WHEN channel = 'voice' AND answered_at IS NOT NULL AND ended_at > answered_at
                                   THEN ceil(extract(epoch FROM ended_at - answered_at) / 60.0) ELSE 0 END), 0)
            FROM attempts WHERE started_at >= ? AND started_at < ?
           GROUP BY GROUPING SETS ((), (campaign_ref), (campaign_ref, variant))""")) {
        ps.setArray(1, conversation);
        ps.setTimestamp(2, DeskGroups.start(from));
        ps.setTimestamp(3, DeskGroups.start(to.plusDays(1)));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Figures f =
                groups.computeIfAbsent(
                    name(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4)),
                    k -> new Figures());
            f.dialed = rs.getLong(5);
            f.answered = rs.getLong(6);
            f.rpc = rs.getLong(7);
            f.sms = rs.getLong(8);
            f.minutes = rs.getLong(9);
          }
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              """
          SELECT coalesce(a.campaign_ref, '(none)'), a.variant, GROUPING(a.campaign_ref), GROUPING(a.variant),
                 count(*), coalesce(sum(p.amount), 0),
                 count(*) FILTER (WHERE p.status = 'kept'), coalesce(sum(p.amount) FILTER (WHERE p.status = 'kept'), 0),
                 count(*) FILTER (WHERE p.status = 'broken')
            FROM promises p JOIN attempts a ON a.id = p.attempt_id
           WHERE a.started_at >= ? AND a.started_at < ?
           GROUP BY GROUPING SETS ((), (a.campaign_ref), (a.campaign_ref, a.variant))""")) {
        ps.setTimestamp(1, DeskGroups.start(from));
        ps.setTimestamp(2, DeskGroups.start(to.plusDays(1)));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Figures f =
                groups.computeIfAbsent(
                    name(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4)),
                    k -> new Figures());
            f.promises = rs.getLong(5);
            f.promised = rs.getBigDecimal(6);
            f.kept = rs.getLong(7);
            f.keptAmount = rs.getBigDecimal(8);
            f.broken = rs.getLong(9);
          }
        }
      }
      collected(c, from, to, groups);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot compute the contact figures: " + e.getMessage(), e);
    }
    JsonArray out = new JsonArray();
    for (var e : groups.entrySet()) out.add(e.getValue().toJson(e.getKey(), costs));
    return new JsonObject()
        .put("from", from.toString())
        .put("to", to.toString())
        .put(
            "prices",
            new JsonObject()
                .put("per_minute", costs.perMinute().toPlainString())
                .put("per_sms", costs.perSms().toPlainString()))
        .put("groups", out);
  }

  /**
   * Payments of contacted accounts after the group's first contact with each, up to the period's
   * end.
   */
  private static void collected(
      Connection c, LocalDate from, LocalDate to, Map<String, Figures> groups) throws SQLException {
    record First(String group, long unit, LocalDate since) {}
    List<First> firsts = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            """
        SELECT coalesce(campaign_ref, '(none)'), variant, GROUPING(campaign_ref), GROUPING(variant), unit_id, min(started_at)::date
          FROM attempts WHERE started_at >= ? AND started_at < ?
         GROUP BY GROUPING SETS ((unit_id), (campaign_ref, unit_id), (campaign_ref, variant, unit_id))""")) {
      ps.setTimestamp(1, DeskGroups.start(from));
      ps.setTimestamp(2, DeskGroups.start(to.plusDays(1)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next())
          firsts.add(
              new First(
                  name(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4)),
                  rs.getLong(5),
                  rs.getObject(6, LocalDate.class)));
      }
    }
    Map<Long, List<Object[]>> payments = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            """
        SELECT p.unit_id, p.paid_on, p.amount FROM payments p
         WHERE p.paid_on >= ? AND p.paid_on <= ?
           AND EXISTS (SELECT 1 FROM attempts a WHERE a.unit_id = p.unit_id AND a.started_at >= ? AND a.started_at < ?)""")) {
      ps.setObject(1, from);
      ps.setObject(2, to);
      ps.setTimestamp(3, DeskGroups.start(from));
      ps.setTimestamp(4, DeskGroups.start(to.plusDays(1)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next())
          payments
              .computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
              .add(new Object[] {rs.getObject(2, LocalDate.class), rs.getBigDecimal(3)});
      }
    }
    for (First f : firsts) {
      Figures g = groups.computeIfAbsent(f.group(), k -> new Figures());
      for (Object[] p : payments.getOrDefault(f.unit(), List.of())) {
        if (!((LocalDate) p[0]).isBefore(f.since()))
          g.collected = g.collected.add((BigDecimal) p[1]);
      }
    }
  }

  private static String name(
      String campaign, String variant, int campaignRolledUp, int variantRolledUp) {
    if (campaignRolledUp == 1) return "all";
    if (variantRolledUp == 1) return "campaign:" + campaign;
    return "variant:" + campaign + "/" + (variant == null ? "-" : variant);
  }

  private static String money(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  /** One group's counts. */
  private static final class Figures {
    long dialed;
    long answered;
    long rpc;
    long sms;
    long minutes;
    long promises;
    BigDecimal promised = BigDecimal.ZERO;
    long kept;
    BigDecimal keptAmount = BigDecimal.ZERO;
    long broken;
    BigDecimal collected = BigDecimal.ZERO;

    JsonObject toJson(String group, DeskCosts costs) {
      BigDecimal cost =
          costs
              .perMinute()
              .multiply(BigDecimal.valueOf(minutes))
              .add(costs.perSms().multiply(BigDecimal.valueOf(sms)))
              .setScale(4, RoundingMode.HALF_UP);
      return new JsonObject()
          .put("group", group)
          .put("dialed", dialed)
          .put("answered", answered)
          .put("right_party_contacts", rpc)
          .put("rpc_rate", RollRates.rate(rpc, dialed))
          .put("sms", sms)
          .put("minutes", minutes)
          .put("promises", promises)
          .put("promised", money(promised))
          .put("kept", kept)
          .put("kept_amount", money(keptAmount))
          .put("broken", broken)
          .put("promise_kept_rate", RollRates.rate(kept, kept + broken))
          .put("collected", money(collected))
          .put(
              "collected_vs_promised",
              promised.signum() == 0
                  ? null
                  : collected.divide(promised, 4, RoundingMode.HALF_UP).doubleValue())
          .put("cost", cost.toPlainString())
          .put(
              "cost_per_dollar",
              collected.signum() == 0
                  ? null
                  : cost.divide(collected, 4, RoundingMode.HALF_UP).doubleValue());
    }
  }
}
