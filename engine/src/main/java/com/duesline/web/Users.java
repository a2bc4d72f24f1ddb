package com.duesline.web;

import com.duesline.cli.InputRejectedException;
import com.duesline.store.Database;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.springframework.security.crypto.bcrypt.BCrypt;

/**
 * The people who may sign in: name, role, bcrypt password hash and (agents) the address their taken
 * calls are transferred to. Blocking (JDBC and bcrypt): call from a worker.
 */
public final class Users {
  /**
   * bcrypt cost: about 50–100 ms per check on this class of machine, slow enough to make guessing
   * dear.
   */
  private static final int COST = 10;

  private static final String ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * A hash no password matches, checked for unknown names so timing does not tell which names
   * exist.
   */
  private static final String NO_USER_HASH = BCrypt.hashpw("no such user", BCrypt.gensalt(COST));

  private final Database db;

  public Users(Database db) {
    this.db = db;
  }

  /** Creates the user, or replaces their role, password and address when the name exists. */
  public void put(String name, Role role, String password, String address) {
    if (name == null || !name.matches("[a-z0-9][a-z0-9._-]{1,39}")) {
      throw new InputRejectedException(
          "name: 2-40 lower-case letters, digits, '.', '_' or '-', got '" + name + "'");
    }
    if (password == null || password.length() < 10)
      throw new InputRejectedException("password: at least 10 characters");
    String hash = BCrypt.hashpw(password, BCrypt.gensalt(COST));
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                """
            INSERT INTO users (name, role, password_hash, address) VALUES (?, ?, ?, ?)
            ON CONFLICT (name) DO UPDATE SET role = EXCLUDED.role, password_hash = EXCLUDED.password_hash,
              address = EXCLUDED.address, updated_at = now()""")) {
      ps.setString(1, name);
      ps.setString(2, role.id());
      ps.setString(3, hash);
      ps.setString(4, address);
      ps.executeUpdate();
      audit(c, name, role);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store user " + name + ": " + e.getMessage(), e);
    }
  }

  /** The viewer for a name and password, or empty when either is wrong (never says which). */
  public Optional<Viewer> verify(String name, String password) {
    if (name == null || password == null) return Optional.empty();
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement("SELECT role, password_hash FROM users WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          BCrypt.checkpw(password, NO_USER_HASH);
          return Optional.empty();
        }
        return BCrypt.checkpw(password, rs.getString(2))
            ? Optional.of(new Viewer(name, Role.of(rs.getString(1))))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read user " + name + ": " + e.getMessage(), e);
    }
  }

  /** Where the user's taken calls go, if they set one. */
  public Optional<String> address(String name) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT address FROM users WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read user " + name + ": " + e.getMessage(), e);
    }
  }

  /** A random password of {@code length} unambiguous letters and digits. */
  public static String newPassword(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    return sb.toString();
  }

  private static void audit(Connection c, String name, Role role) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_log (actor, action, entity, entity_id, details) VALUES ('users', 'user.saved', 'user', ?, jsonb_build_object('role', ?::text))")) {
      ps.setString(1, name);
      ps.setString(2, role.id());
      ps.executeUpdate();
    }
  }
}
