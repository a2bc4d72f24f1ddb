package com.duesline.letters;

import com.duesline.store.Database;
import com.duesline.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.NoSuchElementException;

/**
 * Where letters for a unit go, as people record it: the owner's e-mail and mailing address, their
 * consent to receive letters by e-mail (with its evidence), and an attorney on record. Each change
 * is audited. Blocking JDBC.
 */
public final class LetterContacts {
  private final Database db;

  public LetterContacts(Database db) {
    this.db = db;
  }

  /** Sets the primary party's e-mail and/or mailing address (null leaves one as it is). */
  public void owner(String unit, String email, String mailingAddress) {
    long party = party(unit);
    exec(
        "UPDATE parties SET email = COALESCE(?, email), mailing_address = COALESCE(?, mailing_address), updated_at = now() WHERE id = ?",
        email,
        mailingAddress,
        party);
    audit(
        "letters.contact",
        unit,
        "{\"email\": "
            + (email != null)
            + ", \"mailing_address\": "
            + (mailingAddress != null)
            + "}");
  }

  /** Records the owner's consent to letters by e-mail, with what they said or signed. */
  public void eDeliveryConsent(String unit, String evidence, String source) {
    if (evidence == null || evidence.isBlank())
      throw new IllegalArgumentException(
          "consent evidence: say what the owner agreed to, where and when");
    exec(
        "INSERT INTO consents(party_id, channel, kind, evidence, source) VALUES (?, 'email', 'consent', ?, ?)",
        party(unit),
        evidence,
        source);
    audit("letters.e_delivery_consent", unit, "{}");
  }

  /**
   * Records an attorney on record for the unit: letters go to them instead of the owner from now
   * on.
   */
  public void attorney(
      String unit, String name, String firm, String mailingAddress, String email, String source) {
    exec(
        "INSERT INTO attorneys(unit_id, name, firm, mailing_address, email, source) SELECT unit_id, ?, ?, ?, ?, ? FROM parties WHERE id = ?",
        name,
        firm,
        mailingAddress,
        email,
        source,
        party(unit));
    audit("letters.attorney", unit, "{}");
  }

  private long party(String unit) {
    String sql =
        """
        SELECT p.id FROM parties p JOIN units u ON u.id = p.unit_id WHERE u.unit_code = ?
        ORDER BY p.primary_contact DESC, (p.role = 'owner') DESC, p.id LIMIT 1""";
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, unit);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next())
          throw new NoSuchElementException("unit: no unit '" + unit + "' with an owner");
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new StoreException(e.getMessage(), e);
    }
  }

  private void exec(String sql, Object... args) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
      ps.executeUpdate();
    } catch (SQLException e) {
      // The table's checks (e-mail shape) speak for themselves.
      if ("23514".equals(e.getSQLState()))
        throw new IllegalArgumentException(
            "refused by the store: " + e.getMessage().lines().findFirst().orElse(""));
      throw new StoreException(e.getMessage(), e);
    }
  }

  private void audit(String action, String unit, String json) {
    exec(
        "INSERT INTO audit_log(actor, action, entity, entity_id, details) VALUES ('cli', ?, 'unit', ?, ?::jsonb)",
        action,
        unit,
        json);
  }
}
