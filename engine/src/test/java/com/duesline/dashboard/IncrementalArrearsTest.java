package com.duesline.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.ledger.AccountView;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.ledger.LedgerImporter;
import com.duesline.ledger.SampleLedgerGenerator;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cached arrears view and today's collection rate follow every kind of ledger change by
 * recomputing only the units it touched (V90's notes), and always equal a fresh computation.
 */
class IncrementalArrearsTest {
  private static final LocalDate DAY = LocalDate.of(2026, 11, 20);

  @Test
  void onlyTouchedUnitsAreRecomputedAndTheResultEqualsAFreshRead(@TempDir Path dir)
      throws Exception {
    try (Database db = TestDatabase.fresh()) {
      Path file = dir.resolve("ledger.csv");
      try (var w = Files.newBufferedWriter(file)) {
        new SampleLedgerGenerator(5, 60, 12, YearMonth.of(2026, 11)).write(w);
      }
      new LedgerImporter(db).importFile(file);
      ArrearsQuery fresh = new ArrearsQuery(db);
      ArrearsQuery cached = fresh.cached();
      TodayBoard today = new TodayBoard(db, cached, CollectionTargets.bundled());
      List<AccountView> before = cached.all(DAY);
      assertThat(before).isEqualTo(fresh.all(DAY));
      collectionMatchesAFreshBoard(db, today);

      // A payment on one unit: that unit's view is new, every other is the same instance.
      AccountView owing = before.stream().filter(AccountView::inArrears).findFirst().orElseThrow();
      exec(
          db,
          "INSERT INTO payments(payment_ref, unit_id, amount, paid_on) VALUES ('PX-1', "
              + owing.unitId()
              + ", 50.00, DATE '2026-11-19')");
      List<AccountView> after = cached.all(DAY);
      assertThat(after).isEqualTo(fresh.all(DAY));
      for (int i = 0; i < after.size(); i++) {
        if (after.get(i).unitId() == owing.unitId())
          assertThat(after.get(i)).isNotSameAs(before.get(i));
        else assertThat(after.get(i)).as(after.get(i).unit()).isSameAs(before.get(i));
      }
      assertThat(
              after.stream()
                  .filter(v -> v.unitId() == owing.unitId())
                  .findFirst()
                  .orElseThrow()
                  .balance())
          .isEqualByComparingTo(owing.balance().subtract(new java.math.BigDecimal("50.00")));
      collectionMatchesAFreshBoard(db, today);

      // A phone's status (noted through its party), a hold, a new unit sorting first, then its
      // removal.
      exec(db, "UPDATE phones SET status = 'wrong_number' WHERE id = (SELECT min(id) FROM phones)");
      assertThat(cached.all(DAY)).isEqualTo(fresh.all(DAY));
      exec(
          db,
          "INSERT INTO holds(unit_id, kind, reason, starts_at, created_by) VALUES ("
              + owing.unitId()
              + ", 'dispute', 'test', TIMESTAMPTZ '2026-11-01 00:00Z', 'test')");
      assertThat(cached.all(DAY)).isEqualTo(fresh.all(DAY));
      exec(db, "INSERT INTO units(unit_code, commercial) VALUES ('0-FIRST', false)");
      exec(
          db,
          "INSERT INTO charges(charge_ref, unit_id, period, kind, amount, due_date)"
              + " SELECT '0-FIRST-1', id, '2026-10', 'service', 120.00, DATE '2026-10-01' FROM units WHERE unit_code = '0-FIRST'");
      List<AccountView> grown = cached.all(DAY);
      assertThat(grown).isEqualTo(fresh.all(DAY));
      assertThat(grown.get(0).unit()).isEqualTo("0-FIRST");
      collectionMatchesAFreshBoard(db, today);
      exec(db, "DELETE FROM charges WHERE charge_ref = '0-FIRST-1'");
      exec(db, "DELETE FROM units WHERE unit_code = '0-FIRST'");
      assertThat(cached.all(DAY)).isEqualTo(fresh.all(DAY)).hasSize(before.size());
      collectionMatchesAFreshBoard(db, today);

      // A statement touching every unit notes each of them once (over 1,000 it would note the whole
      // ledger).
      long last = rows(db, "SELECT max(id) FROM ledger_changes");
      exec(db, "UPDATE units SET area_m2 = area_m2");
      assertThat(rows(db, "SELECT count(DISTINCT unit_id) FROM ledger_changes WHERE id > " + last))
          .isEqualTo(before.size());
      assertThat(cached.all(DAY)).isEqualTo(fresh.all(DAY));
    }
  }

  private static void collectionMatchesAFreshBoard(Database db, TodayBoard board) {
    JsonObject got = board.day(DAY, ZoneId.of("UTC"), 7).getJsonObject("collection");
    JsonObject want =
        new TodayBoard(db, new ArrearsQuery(db).cached(), CollectionTargets.bundled())
            .day(DAY, ZoneId.of("UTC"), 7)
            .getJsonObject("collection");
    assertThat(got).isEqualTo(want);
  }

  private static void exec(Database db, String sql) throws Exception {
    try (Connection c = db.connection();
        var st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static long rows(Database db, String sql) throws Exception {
    try (Connection c = db.connection();
        var st = c.createStatement();
        var rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
