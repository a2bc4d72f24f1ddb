package com.duesline.campaign;

import com.duesline.policy.ReasonCode;
import com.duesline.store.Database;
import com.duesline.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Contact tasks and attempts in PostgreSQL: planning writes at most one open task per account and
 * campaign; nodes claim due tasks with {@code FOR UPDATE SKIP LOCKED} under a lease; outcomes are
 * recorded with their effects (promise, opt-out, hold, wrong number) and an audit record, in one
 * transaction. Blocking JDBC: call from a worker or the CLI.
 */
public final class TaskStore {
  private final Database db;

  public TaskStore(Database db) {
    this.db = db;
  }

  /**
   * A claimed task, as the dialer needs it, with the claim's owner and fencing epoch (every later
   * write presents them).
   */
  public record Claimed(
      long id,
      long unitId,
      String unit,
      Long partyId,
      Long phoneId,
      String e164,
      String language,
      String channel,
      String handler,
      String track,
      String variant,
      String campaignId,
      String rung,
      Owner owner) {}

  /**
   * Who holds a claim: the node and the fencing epoch of its lease ({@code NodeRegistry}); epoch 0
   * outside a cluster.
   */
  public record Owner(String node, long epoch) {}

  // ---- campaigns ----

  /** Registers a campaign (created); refused if the id exists. */
  public void createCampaign(String id, String definition) {
    run("INSERT INTO campaigns(id, definition) VALUES (?, ?)", id, definition);
    audit("cli", "campaign.created", "campaign", id, "{}");
  }

  /**
   * Moves a campaign to {@code status} from one of {@code from}; false when it was not in one of
   * them.
   */
  public boolean transition(String id, String status, String... from) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE campaigns SET status = ?, updated_at = now() WHERE id = ? AND status = ANY(?)")) {
      ps.setString(1, status);
      ps.setString(2, id);
      ps.setArray(3, c.createArrayOf("text", from));
      boolean changed = ps.executeUpdate() == 1;
      if (changed) {
        if (status.equals("stopped")) {
          run(
              "UPDATE contact_tasks SET status = 'cancelled', updated_at = now() WHERE campaign_ref = ? AND status = 'pending'",
              id);
        }
        audit("cli", "campaign." + status, "campaign", id, "{}");
      }
      return changed;
    } catch (SQLException e) {
      throw new StoreException("cannot change campaign " + id + ": " + e.getMessage(), e);
    }
  }

  /** The campaign's status and definition, if it exists. */
  public Optional<String[]> campaign(String id) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement("SELECT status, definition FROM campaigns WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new String[] {rs.getString(1), rs.getString(2)})
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read campaign " + id + ": " + e.getMessage(), e);
    }
  }

  /** Ids of running campaigns. */
  public List<String> running() {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement("SELECT id FROM campaigns WHERE status = 'running' ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.add(rs.getString(1));
    } catch (SQLException e) {
      throw new StoreException("cannot list campaigns: " + e.getMessage(), e);
    }
    return out;
  }

  // ---- planning ----

  /**
   * Writes the planner's answer for one account: a pending task (blocked ones keep their reason and
   * are never claimed), or cancels the pending one when there is nothing to do. Claimed and running
   * tasks are left alone: planning never doubles a contact in flight.
   */
  public void schedule(String campaignId, String unit, ContactTask t) {
    if (t == null) {
      run(
          "UPDATE contact_tasks SET status = 'cancelled', updated_at = now() WHERE campaign_ref = ? AND status = 'pending' "
              + "AND unit_id = (SELECT id FROM units WHERE unit_code = ?)",
          campaignId,
          unit);
      return;
    }
    String reasons =
        t.blockedBy().isEmpty()
            ? null
            : String.join(",", t.blockedBy().stream().map(ReasonCode::name).toList());
    String sql =
        """
        INSERT INTO contact_tasks(unit_id, party_id, phone_id, campaign_ref, channel, ladder_step, segment_grade, talk_track, variant,
                                  due_at, status, refusal_reason, handler, e164)
        SELECT u.id, ?, (SELECT ph.id FROM phones ph WHERE ph.party_id = ? AND ph.e164 = ?), ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?
        FROM units u WHERE u.unit_code = ?
        ON CONFLICT (campaign_ref, unit_id) WHERE status IN ('pending', 'claimed', 'in_progress')
        DO UPDATE SET channel = EXCLUDED.channel, ladder_step = EXCLUDED.ladder_step, segment_grade = EXCLUDED.segment_grade,
                      talk_track = EXCLUDED.talk_track, variant = EXCLUDED.variant, due_at = EXCLUDED.due_at,
                      refusal_reason = EXCLUDED.refusal_reason, handler = EXCLUDED.handler, e164 = EXCLUDED.e164, updated_at = now()
        WHERE contact_tasks.status = 'pending'""";
    long party = Long.parseLong(t.partyId());
    String grade = t.grade() == null || t.grade().name().equals("NONE") ? null : t.grade().name();
    run(
        sql,
        party,
        party,
        t.phone(),
        campaignId,
        dbChannel(t.channel()),
        t.rungId(),
        grade,
        t.track(),
        t.variant(),
        Timestamp.from(t.notBefore()),
        reasons,
        t.channel() == RungChannel.HUMAN_CALL ? "human" : "bot",
        t.phone(),
        unit);
  }

  static String dbChannel(RungChannel ch) {
    return switch (ch) {
      case SMS -> "sms";
      case LETTER -> "letter";
      default -> "voice";
    };
  }

  // ---- dialing ----

  /**
   * Claims the next due task of a running campaign whose phone is not already in a call, under a
   * lease; {@code humans} false leaves tasks for human agents alone. Empty when nothing is due.
   */
  public Optional<Claimed> claim(String node, Instant now, Duration lease, boolean humans) {
    return claim(new Owner(node, 0), now, lease, humans);
  }

  /** As above, the claim stamped with {@code owner}'s node and fencing epoch. */
  public Optional<Claimed> claim(Owner owner, Instant now, Duration lease, boolean humans) {
    String sql =
        """
        UPDATE contact_tasks SET status = 'claimed', claimed_by = ?, lease_epoch = ?, claimed_at = ?, lease_until = ?, updated_at = now()
        WHERE id = (
          SELECT t.id FROM contact_tasks t JOIN campaigns k ON k.id = t.campaign_ref
          WHERE k.status = 'running' AND t.status = 'pending' AND t.refusal_reason IS NULL AND t.due_at <= ?
            AND (? OR t.handler = 'bot')
            AND NOT EXISTS (SELECT 1 FROM contact_tasks o WHERE o.e164 = t.e164 AND o.status IN ('claimed', 'in_progress'))
          ORDER BY t.due_at, t.id LIMIT 1
          FOR UPDATE OF t SKIP LOCKED)
        RETURNING id""";
    // A unique-index refusal means another node won that phone a moment ago; the next try sees its
    // claim.
    for (int tries = 0; tries < 50; tries++) {
      try (Connection c = db.connection();
          PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, owner.node());
        ps.setLong(2, owner.epoch());
        ps.setTimestamp(3, Timestamp.from(now));
        ps.setTimestamp(4, Timestamp.from(now.plus(lease)));
        ps.setTimestamp(5, Timestamp.from(now));
        ps.setBoolean(6, humans);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) return Optional.empty();
          return Optional.of(load(c, rs.getLong(1), owner));
        }
      } catch (SQLException e) {
        // Another node claimed a task for the same phone at the same moment: the unique index
        // refused ours.
        if ("23505".equals(e.getSQLState())) continue;
        throw new StoreException("cannot claim a task: " + e.getMessage(), e);
      }
    }
    return Optional.empty();
  }

  private static Claimed load(Connection c, long id, Owner owner) throws SQLException {
    String sql =
        """
        SELECT t.id, t.unit_id, u.unit_code, t.party_id, t.phone_id, t.e164, COALESCE(p.language, 'en'), t.channel, t.handler,
               t.talk_track, t.variant, t.campaign_ref, t.ladder_step
        FROM contact_tasks t JOIN units u ON u.id = t.unit_id LEFT JOIN parties p ON p.id = t.party_id WHERE t.id = ?""";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Claimed(
            rs.getLong(1),
            rs.getLong(2),
            rs.getString(3),
            (Long) rs.getObject(4),
            (Long) rs.getObject(5),
            rs.getString(6),
            rs.getString(7),
            rs.getString(8),
            rs.getString(9),
            rs.getString(10),
            rs.getString(11),
            rs.getString(12),
            rs.getString(13),
            owner);
      }
    }
  }

  /** The dial-time policy check said no: the task is refused with its reasons, and audited. */
  public void refuse(Claimed t, List<ReasonCode> reasons, Instant now) {
    String codes = String.join(",", reasons.stream().map(ReasonCode::name).toList());
    run(
        "UPDATE contact_tasks SET status = 'refused', refusal_reason = ?, lease_until = NULL, updated_at = now() "
            + "WHERE id = ? AND claimed_by = ? AND lease_epoch IS NOT DISTINCT FROM ? AND status = 'claimed'",
        codes,
        t.id(),
        t.owner().node(),
        t.owner().epoch());
    audit(
        "dialer",
        "policy.refused",
        "contact_task",
        String.valueOf(t.id()),
        "{\"reasons\": \"" + codes + "\", \"unit\": \"" + t.unit() + "\"}");
  }

  /**
   * The contact starts: the task is in progress and its attempt is recorded before the carrier is
   * asked. Returns -1 when the task is no longer this claim's: a payment cancelled it, or the lease
   * ran out (a node that woke up late is fenced: another may have taken the task over).
   */
  public long begin(Claimed t, String node, Instant now) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement up =
          c.prepareStatement(
              "UPDATE contact_tasks SET status = 'in_progress', updated_at = now() WHERE "
                  + FENCE
                  + " AND status = 'claimed'")) {
        fence(up, 1, t, now);
        if (up.executeUpdate() != 1) {
          c.rollback();
          return -1;
        }
      }
      long attempt;
      try (PreparedStatement ins =
          c.prepareStatement(
              """
          INSERT INTO attempts(task_id, unit_id, phone_id, channel, started_at, campaign_ref, ladder_step, script_id, variant, node_id, lease_epoch)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""")) {
        ins.setLong(1, t.id());
        ins.setLong(2, t.unitId());
        ins.setObject(3, t.phoneId());
        ins.setString(4, t.channel());
        ins.setTimestamp(5, Timestamp.from(now));
        ins.setString(6, t.campaignId());
        ins.setString(7, t.rung());
        ins.setString(8, t.track());
        ins.setString(9, t.variant());
        ins.setString(10, t.owner().node());
        ins.setLong(11, t.owner().epoch());
        try (ResultSet rs = ins.executeQuery()) {
          rs.next();
          attempt = rs.getLong(1);
        }
      }
      audit(
          c,
          "dialer",
          "contact.started",
          "attempt",
          String.valueOf(attempt),
          "{\"task\": "
              + t.id()
              + ", \"unit\": \""
              + t.unit()
              + "\", \"channel\": \""
              + t.channel()
              + "\"}");
      c.commit();
      return attempt;
    } catch (SQLException e) {
      throw new StoreException("cannot start task " + t.id() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Records how a contact ended, in one transaction: the attempt and its effects through {@link
   * ContactEffects} (the one writer), and the task done (failed on a carrier error, so the planner
   * retries it with backoff). Fenced: only while the claim is still this owner's, under this epoch
   * and inside its lease; otherwise nothing is written, the refusal is audited and false returned.
   */
  public boolean finish(Claimed t, long attemptId, ContactResult r, Instant now) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement up =
          c.prepareStatement(
              "UPDATE contact_tasks SET status = ?, lease_until = NULL, updated_at = now() WHERE "
                  + FENCE
                  + " AND status = 'in_progress'")) {
        up.setString(1, r.outcome() == Outcome.CARRIER_ERROR ? "failed" : "done");
        fence(up, 2, t, now);
        if (up.executeUpdate() != 1) {
          c.rollback();
          audit(
              c,
              "dialer",
              "contact.fenced",
              "attempt",
              String.valueOf(attemptId),
              new io.vertx.core.json.JsonObject()
                  .put("task", t.id())
                  .put("node", t.owner().node())
                  .put("epoch", t.owner().epoch())
                  .put("disposition", r.disposition().code())
                  .encode());
          c.commit();
          return false;
        }
      }
      ContactEffects.record(
          c,
          attemptId,
          new ContactEffects.Target(t.unitId(), t.partyId(), t.phoneId(), t.channel()),
          r,
          now,
          "dialer");
      c.commit();
      return true;
    } catch (SQLException e) {
      throw new StoreException(
          "cannot record the outcome of task " + t.id() + ": " + e.getMessage(), e);
    }
  }

  /**
   * The claim condition every write under a claim carries: still claimed by this node, under this
   * fencing epoch, and the lease not run out by the writer's clock. Its row lock orders the write
   * against a take-over of the same task, so exactly one of them wins.
   */
  private static final String FENCE =
      "id = ? AND claimed_by = ? AND lease_epoch IS NOT DISTINCT FROM ? AND lease_until >= ?";

  private static void fence(PreparedStatement ps, int from, Claimed t, Instant now)
      throws SQLException {
    ps.setLong(from, t.id());
    ps.setString(from + 1, t.owner().node());
    ps.setLong(from + 2, t.owner().epoch());
    ps.setTimestamp(from + 3, Timestamp.from(now));
  }

  /**
   * Extends the leases of every claim {@code owner} still holds (a heartbeat); a claim whose lease
   * already ran out is not revived, so a node that was frozen past it stays fenced. Returns how
   * many were renewed.
   */
  public int renew(Owner owner, Instant now, Duration lease) {
    return run(
        "UPDATE contact_tasks SET lease_until = ? WHERE claimed_by = ? AND lease_epoch = ? AND status IN ('claimed', 'in_progress') "
            + "AND lease_until >= ?",
        Timestamp.from(now.plus(lease)),
        owner.node(),
        owner.epoch(),
        Timestamp.from(now));
  }

  /**
   * A contact whose node was lost mid-contact, taken over to be resolved: the claim, and its open
   * attempt.
   */
  public record Lost(
      Claimed task,
      long attemptId,
      String carrierId,
      Instant startedAt,
      boolean answered,
      String amd) {}

  /**
   * Takes over contacts in progress whose lease ran out: the claim moves to {@code owner} under its
   * epoch (so the lost node, should it wake, is fenced), for the caller to resolve with the carrier
   * and then {@link #finish}. A task whose attempt already ended (the lost node finished it just
   * before) is closed here.
   */
  public List<Lost> takeOverExpired(Owner owner, Instant now, Duration lease, int max) {
    String sql =
        """
        UPDATE contact_tasks SET claimed_by = ?, lease_epoch = ?, lease_until = ?, updated_at = now()
        WHERE id IN (SELECT id FROM contact_tasks WHERE status = 'in_progress' AND lease_until < ? ORDER BY lease_until LIMIT ? FOR UPDATE SKIP LOCKED)
        RETURNING id""";
    List<Lost> out = new ArrayList<>();
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      List<Long> ids = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, owner.node());
        ps.setLong(2, owner.epoch());
        ps.setTimestamp(3, Timestamp.from(now.plus(lease)));
        ps.setTimestamp(4, Timestamp.from(now));
        ps.setInt(5, max);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) ids.add(rs.getLong(1));
        }
      }
      for (long id : ids) {
        Claimed t = load(c, id, owner);
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, carrier_call_id, started_at, answered_at IS NOT NULL, amd_result, ended_at IS NOT NULL "
                    + "FROM attempts WHERE task_id = ? ORDER BY id DESC LIMIT 1")) {
          ps.setLong(1, id);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next() || rs.getBoolean(6)) {
              // Nothing open to resolve: the task is done with whatever its attempt says.
              exec(
                  c,
                  "UPDATE contact_tasks SET status = 'failed', lease_until = NULL, updated_at = now() WHERE id = ?",
                  id);
              continue;
            }
            out.add(
                new Lost(
                    t,
                    rs.getLong(1),
                    rs.getString(2),
                    rs.getTimestamp(3).toInstant(),
                    rs.getBoolean(4),
                    rs.getString(5)));
          }
        }
      }
      if (!ids.isEmpty())
        audit(
            c,
            owner.node(),
            "lease.taken_over",
            "contact_task",
            null,
            new io.vertx.core.json.JsonObject()
                .put("tasks", new io.vertx.core.json.JsonArray(ids))
                .put("epoch", owner.epoch())
                .encode());
      c.commit();
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot take over expired contacts: " + e.getMessage(), e);
    }
  }

  /**
   * Releases claims whose lease ran out before their contact began (their node was lost): back to
   * pending, with no attempt to settle. Contacts already in progress are taken over and resolved
   * with the carrier instead ({@link #takeOverExpired}), never simply released: the node may have
   * dialed.
   */
  public int releaseExpired(Instant now) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      int n =
          exec(
              c,
              "UPDATE contact_tasks SET status = 'pending', claimed_by = NULL, lease_epoch = NULL, lease_until = NULL, updated_at = now() "
                  + "WHERE status = 'claimed' AND lease_until < ?",
              Timestamp.from(now));
      if (n > 0)
        audit(c, "dialer", "lease.released", "contact_task", null, "{\"count\": " + n + "}");
      c.commit();
      return n;
    } catch (SQLException e) {
      throw new StoreException("cannot release expired leases: " + e.getMessage(), e);
    }
  }

  /** Status counts of one campaign: tasks by state, blocked by reason, and attempt outcomes. */
  public Map<String, Long> status(String campaignId, Instant now) {
    Map<String, Long> out = new LinkedHashMap<>();
    String tasks =
        """
        SELECT CASE WHEN status = 'pending' AND refusal_reason IS NOT NULL THEN 'blocked:' || refusal_reason
                    WHEN status = 'pending' AND due_at <= ? THEN 'due'
                    WHEN status = 'pending' THEN 'queued'
                    WHEN status IN ('claimed', 'in_progress') THEN 'in_progress'
                    WHEN status = 'refused' THEN 'refused:' || COALESCE(refusal_reason, '')
                    ELSE status END, count(*)
        FROM contact_tasks WHERE campaign_ref = ? GROUP BY 1 ORDER BY 1""";
    String attempts =
        """
        SELECT 'contacts', count(*) FROM attempts WHERE campaign_ref = ? AND coalesce(disposition, '') <> ALL(?)
        UNION ALL SELECT 'right_party_contacts', count(*) FROM attempts WHERE campaign_ref = ? AND disposition = ANY(?)
        UNION ALL SELECT 'promises', count(*) FROM promises p JOIN attempts a ON a.id = p.attempt_id WHERE a.campaign_ref = ?
        UNION ALL SELECT 'promised_cents', COALESCE(sum(p.amount) * 100, 0)::bigint FROM promises p JOIN attempts a ON a.id = p.attempt_id WHERE a.campaign_ref = ?""";
    try (Connection c = db.connection()) {
      try (PreparedStatement ps = c.prepareStatement(tasks)) {
        ps.setTimestamp(1, Timestamp.from(now));
        ps.setString(2, campaignId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
        }
      }
      try (PreparedStatement ps = c.prepareStatement(attempts)) {
        ps.setString(1, campaignId);
        ps.setArray(
            2, c.createArrayOf("text", Disposition.spellings(o -> o == Outcome.CARRIER_ERROR)));
        ps.setString(3, campaignId);
        ps.setArray(4, c.createArrayOf("text", Disposition.spellings(Outcome::conversation)));
        ps.setString(5, campaignId);
        ps.setString(6, campaignId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read campaign status: " + e.getMessage(), e);
    }
  }

  // ---- helpers ----

  private int run(String sql, Object... args) {
    try (Connection c = db.connection()) {
      return exec(c, sql, args);
    } catch (SQLException e) {
      throw new StoreException(e.getMessage(), e);
    }
  }

  /** Runs one statement with positional arguments on the caller's connection (and transaction). */
  public static int exec(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
      return ps.executeUpdate();
    }
  }

  void audit(String actor, String action, String entity, String id, String json) {
    try (Connection c = db.connection()) {
      audit(c, actor, action, entity, id, json);
    } catch (SQLException e) {
      throw new StoreException("cannot write the audit log: " + e.getMessage(), e);
    }
  }

  /** Appends one record to the audit log on the caller's connection (and transaction). */
  public static void audit(
      Connection c, String actor, String action, String entity, String id, String json)
      throws SQLException {
    exec(
        c,
        "INSERT INTO audit_log(actor, action, entity, entity_id, details) VALUES (?, ?, ?, ?, ?::jsonb)",
        actor,
        action,
        entity,
        id,
        json);
  }
}
