package com.duesline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The arrears view read from a real database: contact choice, as-of dates, holds, the phone-status
 * rule on re-import.
 */
class ArrearsQueryTest {
  static final String LEDGER =
      LedgerParserTest.HEADER
          + "unit,A-1,,,,,,,,false,,,,,\n"
          + "unit,S-1,,,,,,,,true,,,,,\n"
          + "party,A-1,A-1-T,Tina Tenant,tenant,en,+12125550100,,America/New_York,,,,,,\n"
          + "party,A-1,A-1-O,王芳,owner,zh,+8613912345678,,Asia/Shanghai,,,,,,\n"
          + "charge,A-1,A1-01,,,,,,,,,2026-01,service,300.00,2026-01-01\n"
          + "charge,A-1,A1-02,,,,,,,,,2026-02,service,300.00,2026-02-01\n"
          + "charge,A-1,A1-03,,,,,,,,,2026-03,service,300.00,2026-03-01\n"
          + "payment,A-1,PA1,,,,,,,,,,,300.00,2026-01-02\n"
          + "charge,S-1,S1-01,,,,,,,,,2026-01,service,9000.00,2026-01-01\n";

  @Test
  void viewsAsOfADate(@TempDir Path dir) throws Exception {
    try (Database db = TestDatabase.fresh()) {
      new LedgerImporter(db).importFile(LedgerImportTest.write(dir, LEDGER));
      ArrearsQuery q = new ArrearsQuery(db);
      List<AccountView> all = q.all(LocalDate.of(2026, 3, 11));
      assertThat(all).extracting(AccountView::unit).containsExactly("A-1", "S-1");
      AccountView a = all.get(0);
      // The first party listed is the primary contact, even though it is the tenant.
      assertThat(a.party()).isEqualTo("Tina Tenant");
      assertThat(a.phone()).isEqualTo("+1••••••0100");
      assertThat(a.timezone()).isEqualTo("America/New_York");
      assertThat(a.balance()).isEqualByComparingTo("600.00");
      assertThat(a.daysPastDue()).isEqualTo(38);
      assertThat(a.bucket()).isEqualTo(AgingBucket.D31_60);
      assertThat(a.grade()).isEqualTo(RiskGrade.A);
      assertThat(all.get(1).commercial()).isTrue();
      assertThat(all.get(1).grade()).isEqualTo(RiskGrade.A);

      // Earlier as-of: the March charge is not due yet.
      assertThat(q.unit("A-1", LocalDate.of(2026, 2, 15)).orElseThrow().balance())
          .isEqualByComparingTo("300.00");
      assertThat(q.unit("NOPE", LocalDate.of(2026, 2, 15))).isEmpty();
    }
  }

  @Test
  void aHardshipHoldMakesAGoodPayerGradeC(@TempDir Path dir) throws Exception {
    try (Database db = TestDatabase.fresh()) {
      new LedgerImporter(db).importFile(LedgerImportTest.write(dir, LEDGER));
      LocalDate asOf = LocalDate.of(2026, 2, 3);
      assertThat(new ArrearsQuery(db).unit("A-1", asOf).orElseThrow().grade())
          .isEqualTo(RiskGrade.B);
      try (Connection c = db.connection();
          var st = c.createStatement()) {
        st.execute(
            "INSERT INTO holds(unit_id, kind, reason, starts_at, created_by)"
                + " SELECT id, 'hardship', 'lost job, agreed to pay in spring', '2026-01-15', 'agent:li' FROM units WHERE unit_code = 'A-1'");
      }
      AccountView v = new ArrearsQuery(db).unit("A-1", asOf).orElseThrow();
      assertThat(v.grade()).isEqualTo(RiskGrade.C);
      assertThat(v.gradeRule()).startsWith("C: hardship hold");
    }
  }

  @Test
  void reimportDoesNotResetAPhoneStatusLearntOnACall(@TempDir Path dir) throws Exception {
    try (Database db = TestDatabase.fresh()) {
      LedgerImporter importer = new LedgerImporter(db);
      importer.importFile(LedgerImportTest.write(dir, LEDGER));
      try (Connection c = db.connection();
          var st = c.createStatement()) {
        st.execute("UPDATE phones SET status = 'wrong_number' WHERE e164 = '+12125550100'");
      }
      assertThat(importer.importFile(LedgerImportTest.write(dir, LEDGER)).unchanged()).isTrue();
      assertThat(LedgerImportTest.rows(db, "SELECT status FROM phones WHERE e164 = '+12125550100'"))
          .containsExactly("wrong_number");
      // The primary party has only this phone, so the view carries its status for the policy to
      // refuse.
      assertThat(
              new ArrearsQuery(db)
                  .unit("A-1", LocalDate.of(2026, 3, 11))
                  .orElseThrow()
                  .phoneStatus())
          .isEqualTo("wrong_number");
    }
  }
}
