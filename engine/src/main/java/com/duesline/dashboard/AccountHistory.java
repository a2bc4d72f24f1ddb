package com.duesline.dashboard;

import com.duesline.ledger.AccountView;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.store.Database;
import com.duesline.store.StoreException;
import com.duesline.telephony.carrier.PhoneMask;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An account's history as evidence: the account as the ledger sees it today, its parties and
 * phones, every contact with its transcript and a recording link, promises, plans, holds, consents
 * and opt-outs, payments, hand-offs and audit entries, and the same as a flat, dated event list
 * (the CSV). Phones are masked unless the viewer may see them. Blocking JDBC: call it on a worker.
 */
public final class AccountHistory {
  /**
   * Where a contact's recording is served (by another capability; it answers 404 when there is
   * none).
   */
  public static final String RECORDING_PATH = "/api/recordings/";

  /** Where a letter's stored PDF is served ({@code com.duesline.letters.LetterRoutes}). */
  public static final String LETTER_PATH = "/api/letters/";

  /** One account's history: the JSON the page renders and the events the CSV lists. */
  public record History(JsonObject json, List<HistoryEvent> events) {}

  private final Database db;
  private final ArrearsQuery arrears;

  public AccountHistory(Database db, ArrearsQuery arrears) {
    this.db = db;
    this.arrears = arrears;
  }

  /** The history of {@code unit}, empty when there is no such unit. */
  public Optional<History> load(String unit, boolean fullPhones) {
    Optional<AccountView> view = arrears.unit(unit);
    if (view.isEmpty()) return Optional.empty();
    AccountView v = view.get();
    List<HistoryEvent> events = new ArrayList<>();
    try (Connection c = db.connection()) {
      c.setReadOnly(true);
      long unitId = v.unitId();
      Map<Long, String> phones = new LinkedHashMap<>();
      JsonArray parties = new JsonArray();
      Map<Long, JsonObject> partyById = new LinkedHashMap<>();
      Rows.query(
          c,
          "SELECT id, party_ref, full_name, role, language, primary_contact FROM parties WHERE unit_id = ? ORDER BY primary_contact DESC, id",
          rs -> {
            JsonObject p =
                new JsonObject()
                    .put("id", rs.getString("party_ref"))
                    .put("name", rs.getString("full_name"))
                    .put("role", rs.getString("role"))
                    .put("language", rs.getString("language"))
                    .put("primary", rs.getBoolean("primary_contact"))
                    .put("phones", new JsonArray());
            partyById.put(rs.getLong("id"), p);
            parties.add(p);
          },
          unitId);
      Rows.query(
          c,
          "SELECT ph.id, ph.party_id, ph.e164, ph.status, ph.timezone FROM phones ph JOIN parties p ON p.id = ph.party_id WHERE p.unit_id = ? ORDER BY ph.id",
          rs -> {
            String shown = fullPhones ? rs.getString("e164") : PhoneMask.mask(rs.getString("e164"));
            phones.put(rs.getLong("id"), shown);
            partyById
                .get(rs.getLong("party_id"))
                .getJsonArray("phones")
                .add(
                    new JsonObject()
                        .put("phone", shown)
                        .put("status", rs.getString("status"))
                        .put("timezone", rs.getString("timezone")));
          },
          unitId);

      JsonObject account = v.toJson();
      if (fullPhones && v.phoneId() != null) account.put("phone", phones.get(v.phoneId()));

      // Contacts, then their turns grouped under them.
      JsonArray attempts = new JsonArray();
      Map<Long, JsonObject> attemptById = new LinkedHashMap<>();
      Rows.query(
          c,
          """
          SELECT id, channel, phone_id, started_at, answered_at, ended_at, disposition, error, campaign_ref, ladder_step, script_id, variant, amd_result, carrier
          FROM attempts WHERE unit_id = ? ORDER BY started_at, id""",
          rs -> {
            long id = rs.getLong("id");
            Long phoneId = (Long) rs.getObject("phone_id");
            String phone = phoneId == null ? null : phones.get(phoneId);
            boolean reached = rs.getTimestamp("answered_at") != null;
            String recording =
                rs.getString("channel").equals("voice") && reached ? RECORDING_PATH + id : null;
            JsonObject a =
                new JsonObject()
                    .put("id", id)
                    .put("channel", rs.getString("channel"))
                    .put("phone", phone)
                    .put("started_at", Rows.instant(rs, "started_at"))
                    .put("answered_at", Rows.instant(rs, "answered_at"))
                    .put("ended_at", Rows.instant(rs, "ended_at"))
                    .put("disposition", rs.getString("disposition"))
                    .put("error", rs.getString("error"))
                    .put("campaign", rs.getString("campaign_ref"))
                    .put("rung", rs.getString("ladder_step"))
                    .put("track", rs.getString("script_id"))
                    .put("variant", rs.getString("variant"))
                    .put("amd", rs.getString("amd_result"))
                    .put("carrier", rs.getString("carrier"))
                    .put("recording", recording)
                    .put("turns", new JsonArray());
            attempts.add(a);
            attemptById.put(id, a);
            StringBuilder d = new StringBuilder(rs.getString("channel"));
            if (phone != null) d.append(" to ").append(phone);
            if (rs.getString("campaign_ref") != null)
              d.append(", campaign ")
                  .append(rs.getString("campaign_ref"))
                  .append(" rung ")
                  .append(rs.getString("ladder_step"));
            if (rs.getString("script_id") != null)
              d.append(", track ").append(rs.getString("script_id"));
            if (rs.getString("variant") != null)
              d.append(" variant ").append(rs.getString("variant"));
            if (reached) d.append(", answered ").append(Rows.instant(rs, "answered_at"));
            if (rs.getTimestamp("ended_at") != null)
              d.append(", ended ").append(Rows.instant(rs, "ended_at"));
            if (rs.getString("error") != null) d.append(", error: ").append(rs.getString("error"));
            if (recording != null) d.append(", recording ").append(recording);
            events.add(
                new HistoryEvent(
                    Rows.at(rs, "started_at"),
                    "contact",
                    id,
                    null,
                    null,
                    null,
                    rs.getString("disposition"),
                    d.toString()));
          },
          unitId);
      Rows.query(
          c,
          """
          SELECT t.attempt_id, t.seq, t.speaker, t.at, t.state, t.transcript, t.intent, t.intent_score, t.total_ms
          FROM turns t JOIN attempts a ON a.id = t.attempt_id WHERE a.unit_id = ? ORDER BY t.attempt_id, t.seq""",
          rs -> {
            Double score = (Double) rs.getObject("intent_score");
            Integer ms = (Integer) rs.getObject("total_ms");
            attemptById
                .get(rs.getLong("attempt_id"))
                .getJsonArray("turns")
                .add(
                    new JsonObject()
                        .put("seq", rs.getInt("seq"))
                        .put("at", Rows.instant(rs, "at"))
                        .put("speaker", rs.getString("speaker"))
                        .put("node", rs.getString("state"))
                        .put("text", rs.getString("transcript"))
                        .put("intent", rs.getString("intent"))
                        .put("score", score)
                        .put("latency_ms", ms));
            String detail =
                "node "
                    + rs.getString("state")
                    + (rs.getString("intent") == null
                        ? ""
                        : ", intent "
                            + rs.getString("intent")
                            + (score == null
                                ? ""
                                : String.format(java.util.Locale.ROOT, " (%.2f)", score)));
            events.add(
                new HistoryEvent(
                    Rows.at(rs, "at"),
                    "turn",
                    rs.getLong("attempt_id"),
                    rs.getString("speaker"),
                    rs.getString("transcript"),
                    null,
                    null,
                    detail));
          },
          unitId);

      JsonArray promises = new JsonArray();
      Rows.query(
          c,
          "SELECT id, attempt_id, amount, promised_for, status, created_at, resolved_at FROM promises WHERE unit_id = ? ORDER BY created_at, id",
          rs -> {
            Long attempt = (Long) rs.getObject("attempt_id");
            promises.add(
                new JsonObject()
                    .put("id", rs.getLong("id"))
                    .put("attempt_id", attempt)
                    .put("amount", rs.getBigDecimal("amount"))
                    .put("promised_for", rs.getDate("promised_for").toString())
                    .put("status", rs.getString("status"))
                    .put("created_at", Rows.instant(rs, "created_at"))
                    .put("resolved_at", Rows.instant(rs, "resolved_at")));
            events.add(
                new HistoryEvent(
                    Rows.at(rs, "created_at"),
                    "promise",
                    attempt,
                    null,
                    null,
                    rs.getBigDecimal("amount"),
                    rs.getString("status"),
                    "to pay by " + rs.getDate("promised_for")));
          },
          unitId);

      JsonArray plans = new JsonArray();
      Rows.query(
          c,
          "SELECT id, attempt_id, total, instalment_count, late_fee_waiver_pct, status, agreement_ref, created_at FROM plans WHERE unit_id = ? ORDER BY created_at, id",
          rs -> {
            Long attempt = (Long) rs.getObject("attempt_id");
            plans.add(
                new JsonObject()
                    .put("id", rs.getLong("id"))
                    .put("attempt_id", attempt)
                    .put("total", rs.getBigDecimal("total"))
                    .put("instalments", rs.getInt("instalment_count"))
                    .put("late_fee_waiver_pct", rs.getBigDecimal("late_fee_waiver_pct"))
                    .put("status", rs.getString("status"))
                    .put("agreement", rs.getString("agreement_ref"))
                    .put("created_at", Rows.instant(rs, "created_at")));
            events.add(
                new HistoryEvent(
                    Rows.at(rs, "created_at"),
                    "plan",
                    attempt,
                    null,
                    null,
                    rs.getBigDecimal("total"),
                    rs.getString("status"),
                    rs.getInt("instalment_count")
                        + " instalments, late fees waived "
                        + rs.getBigDecimal("late_fee_waiver_pct")
                            .stripTrailingZeros()
                            .toPlainString()
                        + "%"));
          },
          unitId);

      JsonArray holds = new JsonArray();
      Rows.query(
          c,
          "SELECT id, kind, reason, starts_at, ends_at, created_by FROM holds WHERE unit_id = ? ORDER BY starts_at, id",
          rs -> {
            holds.add(
                new JsonObject()
                    .put("id", rs.getLong("id"))
                    .put("kind", rs.getString("kind"))
                    .put("reason", rs.getString("reason"))
                    .put("starts_at", Rows.instant(rs, "starts_at"))
                    .put("ends_at", Rows.instant(rs, "ends_at"))
                    .put("created_by", rs.getString("created_by")));
            events.add(
                new HistoryEvent(
                    Rows.at(rs, "starts_at"),
                    "hold",
                    null,
                    null,
                    rs.getString("reason"),
                    null,
                    rs.getString("kind"),
                    "by "
                        + rs.getString("created_by")
                        + (rs.getTimestamp("ends_at") == null
                            ? ", open"
                            : ", until " + Rows.instant(rs, "ends_at"))));
          },
          unitId);

      JsonArray consents = new JsonArray();
      Rows.query(
          c,
          """
          SELECT c.id, c.phone_id, c.channel, c.kind, c.evidence, c.source, c.attempt_id, c.recorded_at, c.revoked_at, p.party_ref
          FROM consents c JOIN parties p ON p.id = c.party_id WHERE p.unit_id = ? ORDER BY c.recorded_at, c.id""",
          rs -> {
            Long attempt = (Long) rs.getObject("attempt_id");
            Long phoneId = (Long) rs.getObject("phone_id");
            String phone = phoneId == null ? "every phone" : phones.get(phoneId);
            consents.add(
                new JsonObject()
                    .put("id", rs.getLong("id"))
                    .put("party", rs.getString("party_ref"))
                    .put("phone", phone)
                    .put("channel", rs.getString("channel"))
                    .put("kind", rs.getString("kind"))
                    .put("evidence", rs.getString("evidence"))
                    .put("source", rs.getString("source"))
                    .put("attempt_id", attempt)
                    .put("recorded_at", Rows.instant(rs, "recorded_at"))
                    .put("revoked_at", Rows.instant(rs, "revoked_at")));
            events.add(
                new HistoryEvent(
                    Rows.at(rs, "recorded_at"),
                    rs.getString("kind"),
                    attempt,
                    null,
                    rs.getString("evidence"),
                    null,
                    rs.getTimestamp("revoked_at") == null
                        ? "in force"
                        : "revoked " + Rows.instant(rs, "revoked_at"),
                    rs.getString("channel") + " on " + phone + ", from " + rs.getString("source")));
          },
          unitId);

      JsonArray payments = new JsonArray();
      Rows.query(
          c,
          "SELECT payment_ref, amount, paid_on, created_at FROM payments WHERE unit_id = ? ORDER BY paid_on, id",
          rs -> {
            payments.add(
                new JsonObject()
                    .put("ref", rs.getString("payment_ref"))
                    .put("amount", rs.getBigDecimal("amount"))
                    .put("paid_on", rs.getDate("paid_on").toString()));
            events.add(
                new HistoryEvent(
                    rs.getDate("paid_on")
                        .toLocalDate()
                        .atStartOfDay(java.time.ZoneOffset.UTC)
                        .toInstant(),
                    "payment",
                    null,
                    null,
                    null,
                    rs.getBigDecimal("amount"),
                    null,
                    "ref " + rs.getString("payment_ref") + ", received " + rs.getDate("paid_on")));
          },
          unitId);

      JsonArray handoffs = new JsonArray();
      List<String> handoffIds = new ArrayList<>();
      Rows.query(
          c,
          "SELECT id, attempt_id, reason, summary, status, agent, created_at, assigned_at, closed_at FROM handoffs WHERE unit_id = ? ORDER BY created_at, id",
          rs -> {
            Long attempt = (Long) rs.getObject("attempt_id");
            handoffIds.add(String.valueOf(rs.getLong("id")));
            handoffs.add(
                new JsonObject()
                    .put("id", rs.getLong("id"))
                    .put("attempt_id", attempt)
                    .put("reason", rs.getString("reason"))
                    .put("summary", rs.getString("summary"))
                    .put("status", rs.getString("status"))
                    .put("agent", rs.getString("agent"))
                    .put("created_at", Rows.instant(rs, "created_at"))
                    .put("assigned_at", Rows.instant(rs, "assigned_at"))
                    .put("closed_at", Rows.instant(rs, "closed_at")));
            events.add(
                new HistoryEvent(
                    Rows.at(rs, "created_at"),
                    "handoff",
                    attempt,
                    null,
                    rs.getString("summary"),
                    null,
                    rs.getString("status"),
                    rs.getString("reason")
                        + (rs.getString("agent") == null
                            ? ""
                            : ", agent " + rs.getString("agent"))));
          },
          unitId);

      // Letters written: to whom, how, the document's hash and where its PDF is kept (the PDF
      // itself is in the store).
      JsonArray letters = new JsonArray();
      Rows.query(
          c,
          """
          SELECT id, attempt_id, template, lang, recipient_kind, recipient_name, delivery, address, balance, dispute_deadline, sha256, status,
                 message_id, batch_ref, created_at, sent_at FROM letters WHERE unit_id = ? ORDER BY created_at, id""",
          rs -> {
            Long attempt = (Long) rs.getObject("attempt_id");
            String address = rs.getString("address");
            letters.add(
                new JsonObject()
                    .put("id", rs.getLong("id"))
                    .put("attempt_id", attempt)
                    .put("template", rs.getString("template"))
                    .put("lang", rs.getString("lang"))
                    .put("recipient", rs.getString("recipient_kind"))
                    .put("recipient_name", rs.getString("recipient_name"))
                    .put("delivery", rs.getString("delivery"))
                    .put("address", address)
                    .put("balance", rs.getBigDecimal("balance"))
                    .put(
                        "dispute_deadline",
                        rs.getDate("dispute_deadline") == null
                            ? null
                            : rs.getDate("dispute_deadline").toString())
                    .put("sha256", rs.getString("sha256"))
                    .put("status", rs.getString("status"))
                    .put("message_id", rs.getString("message_id"))
                    .put("batch", rs.getString("batch_ref"))
                    .put("created_at", Rows.instant(rs, "created_at"))
                    .put("sent_at", Rows.instant(rs, "sent_at"))
                    .put("pdf", LETTER_PATH + rs.getLong("id") + ".pdf"));
            events.add(
                new HistoryEvent(
                    Rows.at(rs, "created_at"),
                    "letter",
                    attempt,
                    null,
                    rs.getString("template"),
                    rs.getBigDecimal("balance"),
                    rs.getString("status"),
                    "to the "
                        + rs.getString("recipient_kind")
                        + " "
                        + rs.getString("recipient_name")
                        + " by "
                        + rs.getString("delivery")
                        + " ("
                        + address.replaceAll("\\s*\\n\\s*", ", ")
                        + "), sha256 "
                        + rs.getString("sha256")));
          },
          unitId);

      // Audit rows name an account in several ways: the attempt id, a hand-off id, a unit field in
      // their details, or the unit itself.
      JsonArray audit = new JsonArray();
      String[] attemptIds =
          attemptById.keySet().stream().map(String::valueOf).toArray(String[]::new);
      Rows.query(
          c,
          """
          SELECT at, actor, action, entity, entity_id, details::text AS details FROM audit_log
          WHERE (entity = 'attempt' AND entity_id = ANY(?))
             OR (entity = 'handoff' AND entity_id = ANY(?))
             OR details->>'unit' = ? OR (entity = 'unit' AND entity_id IN (?, ?))
          ORDER BY at, id""",
          rs -> {
            audit.add(
                new JsonObject()
                    .put("at", Rows.instant(rs, "at"))
                    .put("actor", rs.getString("actor"))
                    .put("action", rs.getString("action"))
                    .put("entity", rs.getString("entity"))
                    .put("entity_id", rs.getString("entity_id"))
                    .put("details", new JsonObject(rs.getString("details"))));
            Long attempt =
                "attempt".equals(rs.getString("entity")) && rs.getString("entity_id") != null
                    ? Long.valueOf(rs.getString("entity_id"))
                    : null;
            events.add(
                new HistoryEvent(
                    Rows.at(rs, "at"),
                    "audit",
                    attempt,
                    null,
                    rs.getString("action"),
                    null,
                    null,
                    rs.getString("actor")
                        + " "
                        + rs.getString("entity")
                        + " "
                        + rs.getString("entity_id")
                        + " "
                        + rs.getString("details")));
          },
          c.createArrayOf("text", attemptIds),
          c.createArrayOf("text", handoffIds.toArray(String[]::new)),
          v.unit(),
          v.unit(),
          String.valueOf(unitId));

      events.sort(
          Comparator.comparing(
              HistoryEvent::at, Comparator.nullsLast(Comparator.<Instant>naturalOrder())));
      JsonObject json =
          new JsonObject()
              .put("unit", v.unit())
              .put("account", account)
              .put("phones_masked", !fullPhones)
              .put("parties", parties)
              .put("attempts", attempts)
              .put("promises", promises)
              .put("plans", plans)
              .put("holds", holds)
              .put("consents", consents)
              .put("payments", payments)
              .put("handoffs", handoffs)
              .put("letters", letters)
              .put("audit", audit);
      return Optional.of(new History(json, events));
    } catch (SQLException e) {
      throw new StoreException("cannot read the history of " + unit + ": " + e.getMessage(), e);
    }
  }
}
