package com.duesline.dashboard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which accounts a campaign, and a campaign's track variant, worked in a period: the units with at
 * least one attempt of it. The desk's numbers are given for the whole estate ({@code all}), per
 * campaign ({@code campaign:ID}) and per variant ({@code variant:ID/A}).
 */
final class DeskGroups {
  private DeskGroups() {}

  /**
   * Group name → the unit ids with an attempt in [from, to] (dates inclusive, UTC). "all" is not
   * included: it is everyone.
   */
  static Map<String, Set<Long>> unitsWorked(Connection c, LocalDate from, LocalDate to)
      throws SQLException {
    Map<String, Set<Long>> out = new LinkedHashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT DISTINCT campaign_ref, variant, unit_id FROM attempts WHERE campaign_ref IS NOT NULL AND started_at >= ? AND started_at < ? "
                + "ORDER BY campaign_ref, variant")) {
      ps.setTimestamp(1, start(from));
      ps.setTimestamp(2, start(to.plusDays(1)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String campaign = rs.getString(1);
          String variant = rs.getString(2);
          long unit = rs.getLong(3);
          out.computeIfAbsent("campaign:" + campaign, k -> new HashSet<>()).add(unit);
          if (variant != null)
            out.computeIfAbsent("variant:" + campaign + "/" + variant, k -> new HashSet<>())
                .add(unit);
        }
      }
    }
    return out;
  }

  static Timestamp start(LocalDate d) {
    return Timestamp.from(d.atStartOfDay(ZoneOffset.UTC).toInstant());
  }
}
