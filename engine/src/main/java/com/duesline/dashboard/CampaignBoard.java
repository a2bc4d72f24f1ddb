package com.duesline.dashboard;

import com.duesline.campaign.DialerLimits;
import com.duesline.campaign.Outcome;
import com.duesline.store.Database;
import com.duesline.store.StoreException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every campaign's running figures for the supervisor: what was dialed and what it achieved, what
 * the policy holds back and why, what waits for a retry, and how hard the dialer is pacing.
 * Blocking JDBC: call it on a worker.
 */
public final class CampaignBoard {
  /** Outcomes where nobody was reached: the rung's retry rules decide the next try. */
  private static final String[] RETRYABLE =
      com.duesline.campaign.Disposition.spellings(Outcome::retryable);

  /** Outcomes where the party was spoken with (the same set that starts the Reg F cool-down). */
  private static final String[] CONVERSATION =
      com.duesline.campaign.Disposition.spellings(Outcome::conversation);

  private static final String FIGURES =
      """
      SELECT k.id, k.status, k.updated_at,
        (SELECT count(*) FROM attempts a WHERE a.campaign_ref = k.id AND a.channel = 'voice') AS dialed,
        (SELECT count(*) FROM attempts a WHERE a.campaign_ref = k.id AND a.channel = 'sms') AS messages,
        (SELECT count(*) FROM attempts a WHERE a.campaign_ref = k.id AND a.channel = 'letter') AS letters,
        (SELECT count(*) FROM attempts a WHERE a.campaign_ref = k.id AND a.channel = 'voice'
           AND (a.answered_at IS NOT NULL OR a.disposition = 'voicemail')) AS answered,
        (SELECT count(*) FROM attempts a WHERE a.campaign_ref = k.id AND a.disposition = ANY(?)) AS rpc,
        (SELECT count(*) FROM promises p JOIN attempts a ON a.id = p.attempt_id WHERE a.campaign_ref = k.id) AS promises,
        (SELECT COALESCE(sum(p.amount), 0) FROM promises p JOIN attempts a ON a.id = p.attempt_id WHERE a.campaign_ref = k.id) AS promised,
        (SELECT count(*) FROM plans p JOIN attempts a ON a.id = p.attempt_id WHERE a.campaign_ref = k.id) AS plans,
        (SELECT count(*) FROM consents c JOIN attempts a ON a.id = c.attempt_id WHERE a.campaign_ref = k.id AND c.kind = 'opt_out') AS opt_outs,
        (SELECT count(*) FROM contact_tasks t WHERE t.campaign_ref = k.id AND t.status = 'pending' AND t.refusal_reason IS NULL
           AND EXISTS (SELECT 1 FROM (SELECT a.disposition, a.error FROM attempts a WHERE a.campaign_ref = k.id AND a.unit_id = t.unit_id
                                      ORDER BY a.started_at DESC, a.id DESC LIMIT 1) last
                       WHERE last.disposition = ANY(?) OR last.error LIKE 'lease expired%')) AS in_retry,
        (SELECT count(*) FROM contact_tasks t WHERE t.campaign_ref = k.id AND t.status = 'pending' AND t.refusal_reason IS NULL) AS waiting,
        (SELECT count(*) FROM contact_tasks t WHERE t.campaign_ref = k.id AND t.status = 'pending' AND t.refusal_reason IS NOT NULL) AS blocked,
        (SELECT count(*) FROM contact_tasks t WHERE t.campaign_ref = k.id AND t.status IN ('claimed', 'in_progress')) AS in_flight,
        (SELECT count(*) FROM attempts a WHERE a.campaign_ref = k.id AND a.started_at > ?) AS last_minute
      FROM campaigns k ORDER BY (k.status = 'running') DESC, k.id""";

  private static final String REASONS =
      """
      SELECT t.campaign_ref, t.status, r.code, count(*)
      FROM contact_tasks t CROSS JOIN LATERAL unnest(string_to_array(t.refusal_reason, ',')) AS r(code)
      WHERE t.refusal_reason IS NOT NULL AND t.status IN ('pending', 'refused')
      GROUP BY 1, 2, 3 ORDER BY 1, 2, 4 DESC, 3""";

  private static final String DIALER =
      """
      SELECT (SELECT count(*) FROM contact_tasks WHERE status IN ('claimed', 'in_progress')),
             (SELECT count(DISTINCT claimed_by) FROM contact_tasks WHERE status IN ('claimed', 'in_progress')),
             (SELECT count(*) FROM attempts WHERE started_at > ? AND campaign_ref IS NOT NULL)""";

  private final Database db;
  private final DialerLimits limits;
  private final Clock clock;

  public CampaignBoard(Database db, DialerLimits limits, Clock clock) {
    this.db = db;
    this.limits = limits;
    this.clock = clock;
  }

  /**
   * {@code {"at", "pacing": {...}, "campaigns": [...]}}: see docs/dashboard.md for what each figure
   * means.
   */
  public JsonObject summary() {
    Instant now = clock.instant();
    Timestamp minuteAgo = Timestamp.from(now.minusSeconds(60));
    try (Connection c = db.connection()) {
      c.setReadOnly(true);
      Map<String, JsonObject[]> reasons = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(REASONS);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          JsonObject[] pair =
              reasons.computeIfAbsent(
                  rs.getString(1), k -> new JsonObject[] {new JsonObject(), new JsonObject()});
          pair[rs.getString(2).equals("pending") ? 0 : 1].put(rs.getString(3), rs.getLong(4));
        }
      }
      JsonArray campaigns = new JsonArray();
      try (PreparedStatement ps = c.prepareStatement(FIGURES)) {
        Array conversation = c.createArrayOf("text", CONVERSATION);
        Array retryable = c.createArrayOf("text", RETRYABLE);
        ps.setArray(1, conversation);
        ps.setArray(2, retryable);
        ps.setTimestamp(3, minuteAgo);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            String id = rs.getString("id");
            JsonObject[] r =
                reasons.getOrDefault(id, new JsonObject[] {new JsonObject(), new JsonObject()});
            long lastMinute = rs.getLong("last_minute");
            campaigns.add(
                new JsonObject()
                    .put("id", id)
                    .put("status", rs.getString("status"))
                    .put("since", rs.getTimestamp("updated_at").toInstant().toString())
                    .put("dialed", rs.getLong("dialed"))
                    .put("messages", rs.getLong("messages"))
                    .put("letters", rs.getLong("letters"))
                    .put("answered", rs.getLong("answered"))
                    .put("right_party_contacts", rs.getLong("rpc"))
                    .put(
                        "promises",
                        new JsonObject()
                            .put("count", rs.getLong("promises"))
                            .put("amount", rs.getBigDecimal("promised")))
                    .put("plans", rs.getLong("plans"))
                    .put("opt_outs", rs.getLong("opt_outs"))
                    .put("blocked", r[0])
                    .put("blocked_accounts", rs.getLong("blocked"))
                    .put("refused_at_dial", r[1])
                    .put("in_retry", rs.getLong("in_retry"))
                    .put("waiting", rs.getLong("waiting"))
                    .put("in_flight", rs.getLong("in_flight"))
                    .put("started_last_minute", lastMinute));
          }
        }
      }
      JsonObject pacing;
      try (PreparedStatement ps = c.prepareStatement(DIALER)) {
        ps.setTimestamp(1, minuteAgo);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          long inFlight = rs.getLong(1);
          long nodes = Math.max(1, rs.getLong(2));
          long lastMinute = rs.getLong(3);
          double perSecond = lastMinute / 60.0;
          pacing =
              new JsonObject()
                  .put("cps", limits.cps())
                  .put("channels", limits.channels())
                  .put("nodes_dialing", rs.getLong(2))
                  .put("channels_in_use", inFlight)
                  .put("channel_use", inFlight / (double) (limits.channels() * nodes))
                  .put("started_last_minute", lastMinute)
                  .put("dialed_per_second", perSecond)
                  .put("dial_level", perSecond / limits.cps());
        }
      }
      return new JsonObject()
          .put("at", now.toString())
          .put("pacing", pacing)
          .put("campaigns", campaigns);
    } catch (SQLException e) {
      throw new StoreException("cannot read the campaign figures: " + e.getMessage(), e);
    }
  }
}
