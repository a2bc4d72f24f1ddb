package com.duesline.call;

import com.duesline.call.CallCoordinator.CallResult;
import com.duesline.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the end-to-end call tests read back: a call's transcript for failure messages, and stored
 * rows.
 */
final class CallRows {
  private CallRows() {}

  /** The call's turns, one per line with node and intent, headed by its disposition. */
  static String transcript(CallResult r) {
    StringBuilder sb = new StringBuilder("transcript (" + r.disposition() + "):\n");
    r.transcript()
        .forEach(
            t ->
                sb.append(t.speaker())
                    .append(' ')
                    .append(t.node())
                    .append(": ")
                    .append(t.text())
                    .append(t.intent() == null ? "" : " [" + t.intent() + "]")
                    .append('\n'));
    return sb.toString();
  }

  /** The rows of {@code sql} with one parameter, as column label → value. */
  static List<Map<String, Object>> rows(Database db, String sql, Object param) throws Exception {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        List<Map<String, Object>> out = new ArrayList<>();
        while (rs.next()) {
          Map<String, Object> row = new HashMap<>();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++)
            row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
          out.add(row);
        }
        return out;
      }
    }
  }
}
