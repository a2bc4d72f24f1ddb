package com.duesline.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Runs a read-only query with positional arguments and hands each row to a reader: the dashboard's
 * one JDBC idiom.
 */
public final class Rows {
  private Rows() {}

  /** Reads one result row. */
  @FunctionalInterface
  public interface Reader {
    void read(ResultSet rs) throws SQLException;
  }

  public static void query(Connection c, String sql, Reader reader, Object... args)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) reader.read(rs);
      }
    }
  }

  /** An instant column as ISO-8601 text, or null. */
  static String instant(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant().toString();
  }

  /** An instant column, or null. */
  static Instant at(ResultSet rs, String column) throws SQLException {
    Timestamp t = rs.getTimestamp(column);
    return t == null ? null : t.toInstant();
  }
}
