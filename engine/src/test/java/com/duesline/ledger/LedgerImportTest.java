package com.duesline.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.duesline.cli.InputRejectedException;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Imports into a real embedded PostgreSQL. */
class LedgerImportTest {
  static final String TABLES = "units parties phones charges payments";

  @Test
  void importsEveryRecordKind(@TempDir Path dir) throws Exception {
    try (Database db = TestDatabase.fresh()) {
      ImportResult r = new LedgerImporter(db).importFile(write(dir, LedgerParserTest.GOOD));
      assertThat(r.units().inserted()).isEqualTo(2);
      assertThat(r.parties().inserted()).isEqualTo(2);
      assertThat(r.phones().inserted()).isEqualTo(2);
      assertThat(r.charges().inserted()).isEqualTo(2);
      assertThat(r.payments().inserted()).isEqualTo(1);
      assertThat(
              rows(
                  db,
                  "SELECT p.full_name, ph.e164, ph.status, ph.timezone, p.primary_contact FROM parties p JOIN phones ph ON ph.party_id = p.id ORDER BY p.party_ref"))
          .containsExactly(
              "Wang, Li|+8613812341234|ok|Asia/Shanghai|t",
              "Mary Smith|+12125550142|wrong_number|America/New_York|f");
      assertThat(
              rows(
                  db,
                  "SELECT charge_ref, period, kind, amount, due_date FROM charges ORDER BY charge_ref"))
          .containsExactly(
              "C1|2026-01|service|300.00|2026-01-01", "C2|2026-02|service|300.00|2026-02-01");
      assertThat(rows(db, "SELECT action, details->'charges'->>0 FROM audit_log"))
          .containsExactly("ledger.import|2");
    }
  }

  @Test
  void reimportingTheSameFileChangesNothing(@TempDir Path dir) throws Exception {
    try (Database db = TestDatabase.fresh()) {
      Path sample = dir.resolve("sample.csv");
      try (var w = Files.newBufferedWriter(sample)) {
        new SampleLedgerGenerator(7, 60, 12, java.time.YearMonth.of(2026, 6)).write(w);
      }
      LedgerImporter importer = new LedgerImporter(db);
      ImportResult first = importer.importFile(sample);
      assertThat(first.charges().inserted()).isEqualTo(720);
      List<String> before = snapshot(db);
      ImportResult second = importer.importFile(sample);
      assertThat(second.unchanged()).isTrue();
      assertThat(snapshot(db)).isEqualTo(before);
    }
  }

  @Test
  void aChangedRowIsUpdatedInPlace(@TempDir Path dir) throws Exception {
    try (Database db = TestDatabase.fresh()) {
      LedgerImporter importer = new LedgerImporter(db);
      importer.importFile(write(dir, LedgerParserTest.GOOD));
      ImportResult r =
          importer.importFile(
              write(
                  dir,
                  LedgerParserTest.GOOD.replace(
                      "C2,,,,,,,,,2026-02,,300,", "C2,,,,,,,,,2026-02,,320,")));
      assertThat(r.charges()).isEqualTo(new ImportResult.Count(0, 1));
      assertThat(rows(db, "SELECT amount FROM charges WHERE charge_ref = 'C2'"))
          .containsExactly("320.00");
    }
  }

  @Test
  void aRejectedFileImportsNothing(@TempDir Path dir) throws Exception {
    try (Database db = TestDatabase.fresh()) {
      String bad = LedgerParserTest.GOOD + "payment,NO-SUCH,P9,,,,,,,,,,,50.00,2026-01-05\n";
      InputRejectedException e =
          catchThrowableOfType(
              InputRejectedException.class,
              () -> new LedgerImporter(db).importFile(write(dir, bad)));
      assertThat(e.problems())
          .containsExactly(
              "ledger.csv:11:2: unit: unknown unit 'NO-SUCH' (no unit record in this file or in the store)");
      for (String table : TABLES.split(" ")) {
        assertThat(rows(db, "SELECT count(*) FROM " + table)).as(table).containsExactly("0");
      }
      assertThat(rows(db, "SELECT count(*) FROM audit_log")).containsExactly("0");
    }
  }

  @Test
  void aLaterFileMayReferToUnitsAlreadyInTheStore(@TempDir Path dir) throws Exception {
    try (Database db = TestDatabase.fresh()) {
      LedgerImporter importer = new LedgerImporter(db);
      importer.importFile(write(dir, LedgerParserTest.GOOD));
      ImportResult r =
          importer.importFile(
              write(
                  dir, LedgerParserTest.HEADER + "payment,A-101,P2,,,,,,,,,,,300.00,2026-02-02\n"));
      assertThat(r.payments().inserted()).isEqualTo(1);
      assertThat(rows(db, "SELECT count(*) FROM payments")).containsExactly("2");
    }
  }

  @Test
  void aLargeFirstLoadCopiesStraightInAndKeepsEveryKeyAndIndex(@TempDir Path dir) throws Exception {
    try (Database db = TestDatabase.fresh()) {
      String defs =
          "SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid::regclass::text IN ('charges', 'payments')"
              + " UNION ALL SELECT indexdef FROM pg_indexes WHERE tablename IN ('charges', 'payments') ORDER BY 1";
      List<String> before = rows(db, defs);
      Path sample = dir.resolve("bulk.csv");
      try (var w = Files.newBufferedWriter(sample)) {
        // 2,100 units x 10 months: 21,000 charges, over the 20,000 of a bulk first load.
        new SampleLedgerGenerator(3, 2_100, 10, java.time.YearMonth.of(2026, 6)).write(w);
      }
      LedgerImporter importer = new LedgerImporter(db);
      ImportResult first = importer.importFile(sample);
      assertThat(first.charges().inserted()).isEqualTo(21_000);
      assertThat(rows(db, defs)).isEqualTo(before);
      // Each charge belongs to the unit its line named.
      assertThat(
              rows(
                  db,
                  "SELECT count(*) FROM charges c JOIN units u ON u.id = c.unit_id WHERE c.charge_ref NOT LIKE u.unit_code || '%'"))
          .containsExactly("0");
      List<String> after = snapshot(db);
      assertThat(importer.importFile(sample).unchanged()).isTrue();
      assertThat(snapshot(db)).isEqualTo(after);
    }
  }

  static Path write(Path dir, String content) throws Exception {
    Path f = dir.resolve("ledger.csv");
    Files.writeString(f, content, StandardCharsets.UTF_8);
    return f;
  }

  static List<String> snapshot(Database db) throws Exception {
    List<String> all = new ArrayList<>();
    all.addAll(
        rows(db, "SELECT id, unit_code, commercial, area_m2, updated_at FROM units ORDER BY id"));
    all.addAll(
        rows(
            db,
            "SELECT id, party_ref, unit_id, full_name, role, language, primary_contact, updated_at FROM parties ORDER BY id"));
    all.addAll(
        rows(db, "SELECT id, party_id, e164, timezone, language, status FROM phones ORDER BY id"));
    all.addAll(
        rows(
            db,
            "SELECT id, charge_ref, unit_id, period, kind, amount, due_date, xmin::text FROM charges ORDER BY id"));
    all.addAll(
        rows(
            db,
            "SELECT id, payment_ref, unit_id, amount, paid_on, xmin::text FROM payments ORDER BY id"));
    return all;
  }

  static List<String> rows(Database db, String sql) throws Exception {
    return TestDatabase.rows(db, sql);
  }
}
