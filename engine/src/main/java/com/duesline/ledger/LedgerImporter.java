package com.duesline.ledger;

import com.duesline.store.Database;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Loads a ledger file into the store: strict validation first (the whole file or nothing), then
 * PostgreSQL COPY into temporary staging tables and set-based upserts by natural keys, all in one
 * transaction. Re-importing the same file changes no ledger row.
 */
public final class LedgerImporter {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(LedgerImporter.class);

  /** Advisory lock key that serialises ledger imports ("DUESLINE" in ASCII, truncated). */
  private static final long IMPORT_LOCK = 0x4455_4553_4C49_4E45L;

  private final Database db;

  /** Milliseconds per phase of the last {@link #load} (for {@code bench import}), in order. */
  private final java.util.Map<String, Long> phases = new java.util.LinkedHashMap<>();

  private long phaseStart;

  public LedgerImporter(Database db) {
    this.db = db;
  }

  /**
   * Validates and imports {@code file}; throws {@link com.duesline.cli.InputRejectedException} on
   * bad input.
   */
  public ImportResult importFile(Path file) throws IOException, SQLException {
    long t0 = System.nanoTime();
    Set<String> known = existingUnits();
    Ledger ledger = LedgerParser.parse(file, known::contains);
    return load(file.toString(), ledger, t0);
  }

  /** Imports an already validated ledger. */
  public ImportResult load(String name, Ledger ledger, long startNanos) throws SQLException {
    try (Connection c = db.connection()) {
      return load(c, name, ledger, startNanos);
    }
  }

  /**
   * Imports an already validated ledger on {@code c} (committed on success, rolled back on failure;
   * left open).
   */
  public ImportResult load(Connection c, String name, Ledger ledger, long startNanos)
      throws SQLException {
    c.setAutoCommit(false);
    phases.clear();
    phaseStart = System.nanoTime();
    try {
      // A large first load of charges or payments skips staging: straight COPY into the table (see
      // direct()).
      boolean directCharges = ledger.charges().size() >= BULK_ROWS && isEmpty(c, "charges");
      boolean directPayments = ledger.payments().size() >= BULK_ROWS && isEmpty(c, "payments");
      stage(c, ledger, directCharges, directPayments);
      phase("stage (COPY + ANALYZE)");
      ImportResult.Count units =
          upsert(
              c,
              "units",
              "unit_code",
              "unit_code",
              "INSERT INTO units(unit_code, commercial, area_m2) SELECT s.unit_code, s.commercial, s.area_m2 FROM stage_units s",
              "UPDATE units t SET commercial = s.commercial, area_m2 = s.area_m2, updated_at = now() FROM stage_units s"
                  + " WHERE t.unit_code = s.unit_code AND (t.commercial, t.area_m2) IS DISTINCT FROM (s.commercial, s.area_m2)");
      ImportResult.Count parties =
          upsert(
              c,
              "parties",
              "party_ref",
              "party_ref",
              "INSERT INTO parties(party_ref, unit_id, full_name, role, language, primary_contact)"
                  + " SELECT s.party_ref, u.id, s.full_name, s.role, s.language, s.primary_contact"
                  + " FROM stage_parties s JOIN units u ON u.unit_code = s.unit_code",
              "UPDATE parties t SET unit_id = u.id, full_name = s.full_name, role = s.role, language = s.language,"
                  + " primary_contact = s.primary_contact, updated_at = now()"
                  + " FROM stage_parties s JOIN units u ON u.unit_code = s.unit_code WHERE t.party_ref = s.party_ref"
                  // An erased party stays erased (see privacy.Erasure): its name is not imported
                  // again.
                  + " AND t.erased_at IS NULL"
                  + " AND (t.unit_id, t.full_name, t.role, t.language, t.primary_contact)"
                  + " IS DISTINCT FROM (u.id, s.full_name, s.role, s.language, s.primary_contact)");
      phase("upsert units, parties");
      // A status the engine learnt on a call (wrong_number) is not reset to ok by re-importing an
      // older ledger.
      ImportResult.Count phones = upsertPhones(c);
      phase("upsert phones");
      Map<String, Long> unitIds = directCharges || directPayments ? unitIds(c) : Map.of();
      ImportResult.Count charges =
          directCharges
              ? direct(
                  c,
                  "charges",
                  "unit_id, charge_ref, period, kind, amount, due_date",
                  ledger.charges(),
                  ch ->
                      new Object[] {
                        unitIds.get(ch.unit()),
                        ch.id(),
                        ch.period(),
                        ch.kind(),
                        ch.amount(),
                        ch.due()
                      })
              : upsert(
                  c,
                  "charges",
                  "charge_ref",
                  "charge_ref",
                  "INSERT INTO charges(charge_ref, unit_id, period, kind, amount, due_date)"
                      + " SELECT s.charge_ref, u.id, s.period, s.kind, s.amount, s.due_date FROM stage_charges s JOIN units u ON u.unit_code = s.unit_code",
                  "UPDATE charges t SET unit_id = u.id, period = s.period, kind = s.kind, amount = s.amount, due_date = s.due_date"
                      + " FROM stage_charges s JOIN units u ON u.unit_code = s.unit_code WHERE t.charge_ref = s.charge_ref"
                      + " AND (t.unit_id, t.period, t.kind, t.amount, t.due_date) IS DISTINCT FROM (u.id, s.period, s.kind, s.amount, s.due_date)");
      phase("upsert charges");
      ImportResult.Count payments =
          directPayments
              ? direct(
                  c,
                  "payments",
                  "unit_id, payment_ref, amount, paid_on",
                  ledger.payments(),
                  p -> new Object[] {unitIds.get(p.unit()), p.id(), p.amount(), p.paidOn()})
              : upsert(
                  c,
                  "payments",
                  "payment_ref",
                  "payment_ref",
                  "INSERT INTO payments(payment_ref, unit_id, amount, paid_on)"
                      + " SELECT s.payment_ref, u.id, s.amount, s.paid_on FROM stage_payments s JOIN units u ON u.unit_code = s.unit_code",
                  "UPDATE payments t SET unit_id = u.id, amount = s.amount, paid_on = s.paid_on"
                      + " FROM stage_payments s JOIN units u ON u.unit_code = s.unit_code WHERE t.payment_ref = s.payment_ref"
                      + " AND (t.unit_id, t.amount, t.paid_on) IS DISTINCT FROM (u.id, s.amount, s.paid_on)");
      long millis = (System.nanoTime() - startNanos) / 1_000_000;
      ImportResult result =
          new ImportResult(name, ledger.rows(), units, parties, phones, charges, payments, millis);
      phase("upsert payments");
      audit(c, result);
      c.commit();
      phase("commit");
      return result;
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    }
  }

  /** Milliseconds per phase of the last load on this importer, in the order they ran. */
  public java.util.Map<String, Long> phaseMillis() {
    return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(phases));
  }

  private void phase(String name) {
    long now = System.nanoTime();
    phases.put(name, (now - phaseStart) / 1_000_000);
    phaseStart = now;
  }

  private Set<String> existingUnits() throws SQLException {
    Set<String> codes = new HashSet<>();
    try (Connection c = db.connection();
        Statement st = c.createStatement();
        var rs = st.executeQuery("SELECT unit_code FROM units")) {
      while (rs.next()) codes.add(rs.getString(1));
    }
    return codes;
  }

  private static boolean isEmpty(Connection c, String table) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + table + ")")) {
      rs.next();
      return rs.getBoolean(1);
    }
  }

  private static Map<String, Long> unitIds(Connection c) throws SQLException {
    Map<String, Long> ids = new HashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT unit_code, id FROM units")) {
      while (rs.next()) ids.put(rs.getString(1), rs.getLong(2));
    }
    return ids;
  }

  /**
   * A large first load of {@code table}, without staging: COPY straight into it, with the unit id
   * looked up here, while its keys and indexes are set aside (see {@link #withoutIndexes}).
   * Measured on the 100,000-unit estate, the staged path's {@code INSERT ... SELECT} of a million
   * charges took 7.5 s with no index to maintain (a WAL record and a tuple routed one by one per
   * row, after the same rows had already been copied once into the staging table); COPY inserts
   * whole pages.
   */
  private static <T> ImportResult.Count direct(
      Connection c, String table, String columns, List<T> rows, Function<T, Object[]> fields)
      throws SQLException {
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    long inserted =
        withoutIndexes(c, table, st -> copy(copy, table + " (" + columns + ")", rows, fields));
    return new ImportResult.Count(inserted, 0);
  }

  private static void stage(
      Connection c, Ledger ledger, boolean directCharges, boolean directPayments)
      throws SQLException {
    try (Statement st = c.createStatement()) {
      // One import at a time: the anti-join inserts below assume no concurrent writer of ledger
      // rows.
      st.execute("SELECT pg_advisory_xact_lock(" + IMPORT_LOCK + ")");
      // Staging tables are temporary and unlogged by nature: they vanish at commit.
      st.execute(
          "CREATE TEMP TABLE stage_units (unit_code text, commercial boolean, area_m2 numeric) ON COMMIT DROP");
      st.execute(
          "CREATE TEMP TABLE stage_parties (unit_code text, party_ref text, full_name text, role text, language text,"
              + " phone text, phone_status text, timezone text, primary_contact boolean) ON COMMIT DROP");
      st.execute(
          "CREATE TEMP TABLE stage_charges (unit_code text, charge_ref text, period text, kind text, amount numeric,"
              + " due_date date) ON COMMIT DROP");
      st.execute(
          "CREATE TEMP TABLE stage_payments (unit_code text, payment_ref text, amount numeric, paid_on date) ON COMMIT DROP");
    }
    CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
    copy(
        copy,
        "stage_units",
        ledger.units(),
        u -> new Object[] {u.code(), u.commercial(), u.area()});
    copy(
        copy,
        "stage_parties",
        ledger.parties(),
        p ->
            new Object[] {
              p.unit(),
              p.id(),
              p.name(),
              p.role(),
              p.language(),
              p.phone(),
              p.phoneStatus(),
              p.timezone(),
              p.primary()
            });
    if (!directCharges) {
      copy(
          copy,
          "stage_charges",
          ledger.charges(),
          ch -> new Object[] {ch.unit(), ch.id(), ch.period(), ch.kind(), ch.amount(), ch.due()});
    }
    if (!directPayments)
      copy(
          copy,
          "stage_payments",
          ledger.payments(),
          p -> new Object[] {p.unit(), p.id(), p.amount(), p.paidOn()});
    try (Statement st = c.createStatement()) {
      st.execute("ANALYZE stage_units");
      st.execute("ANALYZE stage_parties");
      st.execute("ANALYZE stage_charges");
      st.execute("ANALYZE stage_payments");
    }
  }

  /**
   * Streams rows to COPY ... FROM STDIN (CSV) in 256 KiB chunks, never holding the whole table as
   * text; the rows copied.
   */
  private static <T> long copy(
      CopyManager copy, String table, List<T> rows, Function<T, Object[]> fields)
      throws SQLException {
    if (rows.isEmpty()) return 0;
    CopyIn in = copy.copyIn("COPY " + table + " FROM STDIN WITH (FORMAT csv)");
    try {
      StringBuilder sb = new StringBuilder(1 << 18);
      for (T row : rows) {
        Object[] values = fields.apply(row);
        for (int i = 0; i < values.length; i++) {
          if (i > 0) sb.append(',');
          Object v = values[i];
          if (v == null) continue; // empty unquoted field is NULL in CSV COPY
          String s = v instanceof BigDecimal b ? b.toPlainString() : v.toString();
          // Quoted only when it must be (most fields need not); an empty string is quoted, else
          // COPY reads NULL.
          sb.append(s.isEmpty() ? "\"\"" : com.duesline.export.Csv.field(s));
        }
        sb.append('\n');
        if (sb.length() >= (1 << 18)) {
          byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
          in.writeToCopy(bytes, 0, bytes.length);
          sb.setLength(0);
        }
      }
      byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
      in.writeToCopy(bytes, 0, bytes.length);
      return in.endCopy();
    } finally {
      if (in.isActive()) in.cancelCopy();
    }
  }

  /**
   * Set-based upsert: update the rows whose natural key exists and whose values differ, then insert
   * the rest with an anti-join. Much cheaper than row-by-row ON CONFLICT for a million rows;
   * imports are serialised by an advisory lock, so no other writer races the anti-join.
   */
  private static ImportResult.Count upsert(
      Connection c, String table, String key, String stageKey, String insertSelect, String update)
      throws SQLException {
    try (Statement st = c.createStatement()) {
      // A first load into an empty table needs neither the UPDATE join nor the anti-join.
      boolean empty;
      try (ResultSet rs = st.executeQuery("SELECT NOT EXISTS (SELECT 1 FROM " + table + ")")) {
        rs.next();
        empty = rs.getBoolean(1);
      }
      if (empty) return new ImportResult.Count(firstLoad(c, table, insertSelect), 0);
      long updated = st.executeUpdate(update);
      String where = insertSelect.contains(" WHERE ") ? " AND " : " WHERE ";
      long inserted =
          st.executeUpdate(
              insertSelect
                  + where
                  + "NOT EXISTS (SELECT 1 FROM "
                  + table
                  + " t WHERE t."
                  + key
                  + " = s."
                  + stageKey
                  + ")");
      return new ImportResult.Count(inserted, updated);
    }
  }

  /**
   * Below this many rows a first load just inserts; above, maintaining indexes and checking keys
   * row by row costs more than rebuilding them.
   */
  private static final int BULK_ROWS = 20_000;

  /**
   * Fills an empty table. Measured on the 100,000-unit estate, most of a first import was not COPY
   * but the INSERT's per-row work: a foreign-key trigger per row (about 40 % of the charges and
   * payments inserts) and random-order index inserts. For a large first load the table's foreign
   * keys, unique constraints and plain indexes are dropped inside this transaction and rebuilt
   * after the insert (one sort per index, one anti-join per foreign key, which re-checks every
   * row), so the stored result and its guarantees are the same. The table is locked until commit;
   * nobody else reads an empty table's rows anyway.
   */
  private static long firstLoad(Connection c, String table, String insertSelect)
      throws SQLException {
    try (Statement st = c.createStatement()) {
      long staged;
      try (ResultSet rs = st.executeQuery("SELECT count(*) FROM stage_" + table)) {
        rs.next();
        staged = rs.getLong(1);
      }
      if (staged < BULK_ROWS) return st.executeUpdate(insertSelect);
      return withoutIndexes(c, table, s -> s.executeUpdate(insertSelect));
    }
  }

  /** Fills a table; the rows inserted. */
  private interface Fill {
    long into(Statement st) throws SQLException;
  }

  /**
   * Runs {@code fill} on an empty {@code table} with its foreign keys, unique constraints and plain
   * indexes dropped inside this transaction, then rebuilds them (one sort per index, one anti-join
   * per foreign key, which re-checks every row): the same stored result and guarantees. The table
   * is locked until commit; nobody else reads an empty table's rows anyway.
   */
  private static long withoutIndexes(Connection c, String table, Fill fill) throws SQLException {
    try (Statement st = c.createStatement()) {
      List<String> rebuild = new java.util.ArrayList<>();
      List<String> drop = new java.util.ArrayList<>();
      // Constraints first (foreign keys, then unique), then indexes no constraint owns.
      try (ResultSet rs =
          st.executeQuery(
              "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                  + " WHERE conrelid = '"
                  + table
                  + "'::regclass AND contype IN ('f', 'u') ORDER BY contype")) {
        while (rs.next()) {
          drop.add("ALTER TABLE " + table + " DROP CONSTRAINT " + quoteIdent(rs.getString(1)));
          rebuild.add(
              "ALTER TABLE "
                  + table
                  + " ADD CONSTRAINT "
                  + quoteIdent(rs.getString(1))
                  + " "
                  + rs.getString(2));
        }
      }
      try (ResultSet rs =
          st.executeQuery(
              "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i"
                  + " WHERE i.indrelid = '"
                  + table
                  + "'::regclass AND NOT i.indisprimary"
                  + " AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)")) {
        while (rs.next()) {
          drop.add("DROP INDEX " + rs.getString(1));
          rebuild.add(rs.getString(2));
        }
      }
      // The change notes' per-unit triggers (V90) would list a million rows' units; one
      // whole-ledger note says the same.
      List<String> noted = new java.util.ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT tgname FROM pg_trigger WHERE tgrelid = '"
                  + table
                  + "'::regclass"
                  + " AND tgfoid = 'note_ledger_rows'::regproc AND tgenabled <> 'D'")) {
        while (rs.next()) noted.add(quoteIdent(rs.getString(1)));
      }
      for (String sql : drop) st.execute(sql);
      for (String t : noted) st.execute("ALTER TABLE " + table + " DISABLE TRIGGER " + t);
      long t0 = System.nanoTime();
      long inserted = fill.into(st);
      long t1 = System.nanoTime();
      for (String t : noted) st.execute("ALTER TABLE " + table + " ENABLE TRIGGER " + t);
      if (!noted.isEmpty()) st.execute("INSERT INTO ledger_changes(unit_id) VALUES (NULL)");
      // Unique constraints and indexes are rebuilt before foreign keys are re-validated (the order
      // found).
      java.util.Collections.reverse(rebuild);
      for (String sql : rebuild) st.execute(sql);
      LOG.info(
          "first load of {}: {} rows in {} ms, rebuild of {} indexes and keys {} ms",
          table,
          inserted,
          (t1 - t0) / 1_000_000,
          rebuild.size(),
          (System.nanoTime() - t1) / 1_000_000);
      return inserted;
    }
  }

  private static String quoteIdent(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  private static ImportResult.Count upsertPhones(Connection c) throws SQLException {
    try (Statement st = c.createStatement()) {
      long updated =
          st.executeUpdate(
              "UPDATE phones t SET timezone = s.timezone, language = s.language,"
                  + " status = CASE WHEN s.phone_status <> 'ok' THEN s.phone_status ELSE t.status END"
                  + " FROM stage_parties s JOIN parties p ON p.party_ref = s.party_ref"
                  + " WHERE t.party_id = p.id AND t.e164 = s.phone AND p.erased_at IS NULL"
                  + " AND ((t.timezone, t.language) IS DISTINCT FROM (s.timezone, s.language)"
                  + "      OR (s.phone_status <> 'ok' AND s.phone_status <> t.status))");
      long inserted =
          st.executeUpdate(
              "INSERT INTO phones(party_id, e164, timezone, language, status)"
                  + " SELECT p.id, s.phone, s.timezone, s.language, s.phone_status"
                  + " FROM stage_parties s JOIN parties p ON p.party_ref = s.party_ref"
                  + " WHERE p.erased_at IS NULL AND NOT EXISTS (SELECT 1 FROM phones t WHERE t.party_id = p.id AND t.e164 = s.phone)");
      return new ImportResult.Count(inserted, updated);
    }
  }

  private static void audit(Connection c, ImportResult r) throws SQLException {
    String details =
        String.format(
            "{\"file\":%s,\"rows\":%d,\"units\":[%d,%d],\"parties\":[%d,%d],\"phones\":[%d,%d],\"charges\":[%d,%d],\"payments\":[%d,%d]}",
            io.vertx.core.json.Json.encode(r.file()),
            r.rowsRead(),
            r.units().inserted(),
            r.units().updated(),
            r.parties().inserted(),
            r.parties().updated(),
            r.phones().inserted(),
            r.phones().updated(),
            r.charges().inserted(),
            r.charges().updated(),
            r.payments().inserted(),
            r.payments().updated());
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_log(actor, action, entity, entity_id, details) VALUES ('ledger-import', 'ledger.import', 'ledger', ?, ?::jsonb)")) {
      ps.setString(1, r.file());
      ps.setString(2, details);
      ps.executeUpdate();
    }
  }
}
