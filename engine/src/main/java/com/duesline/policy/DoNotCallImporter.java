package com.duesline.policy;

import com.duesline.cli.InputRejectedException;
import com.duesline.store.Database;
import com.duesline.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Imports a do-not-call list: one E.164 number a line ({@code #} comments and blank lines allowed).
 * A file with any bad line is refused whole, each problem as {@code file:line}; numbers already on
 * the list are left as they are.
 */
public final class DoNotCallImporter {
  private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
  private final Database db;

  public DoNotCallImporter(Database db) {
    this.db = db;
  }

  /** Returns how many numbers were new to the list. */
  public int importFile(Path file, String source) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    List<String> problems = new ArrayList<>();
    Set<String> numbers = new LinkedHashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String t = lines.get(i).strip();
      int hash = t.indexOf('#');
      if (hash >= 0) t = t.substring(0, hash).strip();
      if (t.isEmpty()) continue;
      if (!E164.matcher(t).matches())
        problems.add(
            file + ":" + (i + 1) + ": not an E.164 number (like +14155550100): '" + t + "'");
      else numbers.add(t);
    }
    if (!problems.isEmpty()) throw new InputRejectedException(problems);
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      int added = 0;
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO do_not_call(e164, source) VALUES (?, ?) ON CONFLICT (e164) DO NOTHING")) {
        for (String n : numbers) {
          ps.setString(1, n);
          ps.setString(2, source);
          added += ps.executeUpdate();
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement(
              "INSERT INTO audit_log(actor, action, entity, entity_id, details) VALUES ('cli', 'dnc.import', 'do_not_call', ?, ?::jsonb)")) {
        ps.setString(1, source);
        ps.setString(2, "{\"numbers\": " + numbers.size() + ", \"added\": " + added + "}");
        ps.executeUpdate();
      }
      c.commit();
      return added;
    } catch (SQLException e) {
      throw new StoreException("cannot import the do-not-call list: " + e.getMessage(), e);
    }
  }
}
