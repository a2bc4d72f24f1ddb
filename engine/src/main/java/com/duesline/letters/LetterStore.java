package com.duesline.letters;

import com.duesline.store.Database;
import com.duesline.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Letters as evidence in PostgreSQL: each written letter with its recipient, delivery, SHA-256 and
 * the PDF itself (the document and hash cannot change afterwards), the print queue, and an audit
 * record for each step. Blocking JDBC: call from a worker or the CLI.
 */
public final class LetterStore {
  private final Database db;

  public LetterStore(Database db) {
    this.db = db;
  }

  /** Where a letter came from: the campaign task and attempt, or none for one written by hand. */
  public record Origin(Long taskId, Long attemptId, String campaignId) {
    public static final Origin MANUAL = new Origin(null, null, null);
  }

  /** A stored letter, without its PDF. */
  public record Stored(
      long id,
      String unit,
      String template,
      String lang,
      String recipientKind,
      String recipientName,
      String delivery,
      String address,
      java.math.BigDecimal balance,
      LocalDate disputeDeadline,
      String sha256,
      String status,
      String messageId,
      String batchRef,
      Instant createdAt,
      Instant sentAt,
      String campaignId,
      Long attemptId) {}

  /**
   * Records a letter. A second record for the same attempt returns the first one's id instead of
   * writing again, so a replayed rung never doubles the evidence.
   */
  public long record(
      RenderedLetter l, Recipient to, Origin origin, String status, String messageId, Instant at) {
    String sql =
        """
        INSERT INTO letters(unit_id, party_id, task_id, attempt_id, campaign_ref, template, lang, recipient_kind, recipient_name, delivery,
                            address, balance, dispute_deadline, sha256, pdf, status, message_id, created_at, sent_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (attempt_id) WHERE attempt_id IS NOT NULL DO NOTHING RETURNING id""";
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      long id;
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        Object[] args = {
          l.facts().unitId(),
          l.facts().partyId(),
          origin.taskId(),
          origin.attemptId(),
          origin.campaignId(),
          l.template(),
          l.lang(),
          to.kindId(),
          to.name(),
          to.byEmail() ? "email" : "print",
          to.byEmail() ? to.email() : to.postalAddress(),
          l.facts().balance(),
          java.sql.Date.valueOf(l.disputeDeadline()),
          l.sha256(),
          l.pdf(),
          status,
          messageId,
          Timestamp.from(at),
          "sent".equals(status) ? Timestamp.from(at) : null
        };
        for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            c.rollback();
            return byAttempt(origin.attemptId()).orElseThrow();
          }
          id = rs.getLong(1);
        }
      }
      audit(
          c,
          "letters",
          "letter." + status,
          String.valueOf(id),
          "{\"unit\": "
              + json(l.facts().unit())
              + ", \"template\": "
              + json(l.template())
              + ", \"recipient\": "
              + json(to.kindId())
              + ", \"delivery\": "
              + json(to.byEmail() ? "email" : "print")
              + ", \"sha256\": "
              + json(l.sha256())
              + "}");
      c.commit();
      return id;
    } catch (SQLException e) {
      throw new StoreException(
          "cannot record the letter for " + l.facts().unit() + ": " + e.getMessage(), e);
    }
  }

  private Optional<Long> byAttempt(Long attemptId) throws SQLException {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT id FROM letters WHERE attempt_id = ?")) {
      ps.setObject(1, attemptId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  private static final String COLUMNS =
      """
      l.id, u.unit_code, l.template, l.lang, l.recipient_kind, l.recipient_name, l.delivery, l.address, l.balance, l.dispute_deadline,
      l.sha256, l.status, l.message_id, l.batch_ref, l.created_at, l.sent_at, l.campaign_ref, l.attempt_id""";

  /** Letters of a unit, oldest first. */
  public List<Stored> forUnit(String unit) {
    return list(
        "SELECT "
            + COLUMNS
            + " FROM letters l JOIN units u ON u.id = l.unit_id WHERE u.unit_code = ? ORDER BY l.created_at, l.id",
        unit);
  }

  /**
   * Letters waiting for the print house, written on {@code day} (UTC) or before, of one campaign.
   */
  public List<Stored> printQueue(String campaignId, LocalDate day) {
    return list(
        "SELECT "
            + COLUMNS
            + " FROM letters l JOIN units u ON u.id = l.unit_id WHERE l.status = 'queued_for_print' AND l.campaign_ref = ? "
            + "AND l.created_at < ? ORDER BY l.created_at, l.id",
        campaignId,
        Timestamp.from(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
  }

  /** The stored PDF of a letter. */
  public Optional<byte[]> pdf(long id) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT pdf FROM letters WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read letter " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * Marks letters as handed to the print house in batch {@code ref}; only those still queued move.
   */
  public int printed(List<Long> ids, String ref, Instant at) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      int n;
      try (PreparedStatement ps =
          c.prepareStatement(
              "UPDATE letters SET status = 'printed', batch_ref = ?, sent_at = ? WHERE id = ANY(?) AND status = 'queued_for_print'")) {
        ps.setString(1, ref);
        ps.setTimestamp(2, Timestamp.from(at));
        ps.setArray(3, c.createArrayOf("bigint", ids.toArray(Long[]::new)));
        n = ps.executeUpdate();
      }
      audit(c, "letters", "letters.batch", ref, "{\"letters\": " + n + "}");
      c.commit();
      return n;
    } catch (SQLException e) {
      throw new StoreException("cannot mark print batch " + ref + ": " + e.getMessage(), e);
    }
  }

  private List<Stored> list(String sql, Object... args) {
    List<Stored> out = new ArrayList<>();
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          java.sql.Date dd = rs.getDate(10);
          Timestamp sent = rs.getTimestamp(16);
          out.add(
              new Stored(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getString(8),
                  rs.getBigDecimal(9),
                  dd == null ? null : dd.toLocalDate(),
                  rs.getString(11),
                  rs.getString(12),
                  rs.getString(13),
                  rs.getString(14),
                  rs.getTimestamp(15).toInstant(),
                  sent == null ? null : sent.toInstant(),
                  rs.getString(17),
                  (Long) rs.getObject(18)));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read letters: " + e.getMessage(), e);
    }
    return out;
  }

  private static void audit(Connection c, String actor, String action, String id, String json)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_log(actor, action, entity, entity_id, details) VALUES (?, ?, 'letter', ?, ?::jsonb)")) {
      ps.setString(1, actor);
      ps.setString(2, action);
      ps.setString(3, id);
      ps.setString(4, json);
      ps.executeUpdate();
    }
  }

  private static String json(String s) {
    return io.vertx.core.json.Json.encode(s);
  }
}
