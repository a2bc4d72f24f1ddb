package com.duesline.dashboard;

import com.duesline.app.Engine;
import com.duesline.call.CallJournal;
import com.duesline.call.CallObserver.TurnRecord;
import com.duesline.call.TurnLatency;
import com.duesline.campaign.PaymentPoster;
import com.duesline.conversation.Outcome;
import com.duesline.ledger.LedgerImporter;
import com.duesline.store.Database;
import com.duesline.web.Role;
import com.duesline.web.Viewer;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.Map;

/**
 * A three-unit estate with known figures and one fully recorded call, shared by the dashboard's API
 * and browser tests.
 */
final class DashboardFixtures {
  /** The day the small estate is looked at. */
  static final LocalDate DAY = LocalDate.parse("2026-03-10");

  /** What the caller says in the recorded call: commas and quotes, as the CSV must keep them. */
  static final String CALLER_WORDS = "I said \"no\", but I'll pay 100, on Friday";

  static final String LEDGER =
      """
      record,unit,id,name,role,language,phone,phone_status,timezone,commercial,area_m2,period,kind,amount,date
      unit,R1,,,,,,,,false,80,,,,
      party,R1,R1-O,"Wang, Li",owner,en,+12125550142,,America/New_York,,,,,,
      unit,R2,,,,,,,,false,60,,,,
      party,R2,R2-O,Mary Smith,owner,en,+12125550143,,America/New_York,,,,,,
      unit,C1,,,,,,,,true,120,,,,
      party,C1,C1-O,Shop Co,owner,en,+12125550144,,America/New_York,,,,,,
      charge,R1,R1-2025-12,,,,,,,,,2025-12,service,100,2025-12-01
      charge,R1,R1-2026-01,,,,,,,,,2026-01,service,100,2026-01-01
      charge,R1,R1-2026-02,,,,,,,,,2026-02,service,100,2026-02-01
      charge,R1,R1-2026-03,,,,,,,,,2026-03,service,100,2026-03-01
      charge,R2,R2-2026-01,,,,,,,,,2026-01,service,100,2026-01-01
      charge,R2,R2-2026-02,,,,,,,,,2026-02,service,100,2026-02-01
      charge,R2,R2-2026-03,,,,,,,,,2026-03,service,100,2026-03-01
      charge,C1,C1-2026-01,,,,,,,,,2026-01,service,200,2026-01-01
      charge,C1,C1-2026-02,,,,,,,,,2026-02,service,200,2026-02-01
      charge,C1,C1-2026-03,,,,,,,,,2026-03,service,200,2026-03-01
      payment,R1,P1,,,,,,,,,,,200,2026-02-01
      payment,R2,P2,,,,,,,,,,,300,2026-03-05
      payment,C1,P3,,,,,,,,,,,600,2026-03-02
      """;

  private DashboardFixtures() {}

  /** Imports the small estate through the ledger importer. */
  static void importEstate(Database db) throws Exception {
    Path f = Files.createTempFile("small-estate", ".csv");
    try {
      Files.writeString(f, LEDGER);
      new LedgerImporter(db).importFile(f);
    } finally {
      Files.deleteIfExists(f);
    }
  }

  /**
   * Records one answered call to R1 through the call journal (a greeting, the caller's words, a
   * promise of 100, a 3-month plan, an opt-out and a dispute hold) and posts a payment of 50;
   * returns the attempt id.
   */
  static long recordCall(Database db) throws Exception {
    long unitId = id(db, "SELECT id FROM units WHERE unit_code = 'R1'");
    long partyId = id(db, "SELECT id FROM parties WHERE party_ref = 'R1-O'");
    long phoneId = id(db, "SELECT id FROM phones WHERE party_id = " + partyId);
    CallJournal journal = new CallJournal(db);
    CallJournal.Party who = new CallJournal.Party(unitId, partyId, phoneId, null);
    long attempt = journal.openAttempt(who, "local", "early", "1", "A");
    journal.placed(attempt, "CA-test-1");
    journal.answered(attempt, "human");
    TurnRecord bot =
        new TurnRecord(
            1,
            "bot",
            "greet",
            "Hello, this is Harbor View.",
            null,
            0,
            Map.of(),
            "early.greet",
            "A",
            null,
            null);
    TurnRecord caller =
        new TurnRecord(
            2,
            "caller",
            "ask_promise",
            CALLER_WORDS,
            "promise_to_pay",
            0.91,
            Map.of("amount", "100"),
            null,
            null,
            new TurnLatency(700, 120, 5, 2, 0, 827),
            null);
    journal.turn(attempt, bot);
    journal.turn(attempt, caller);
    journal.outcome(
        attempt,
        who,
        new Outcome(
            "promise",
            new Outcome.PromiseToPay(LocalDate.parse("2026-03-13"), new BigDecimal("100")),
            new Outcome.Plan(3, new BigDecimal("50")),
            true,
            "dispute",
            false,
            null),
        java.util.List.of(bot, caller),
        true,
        LocalDate.parse("2026-03-10"));
    journal.closed(attempt, "promise", null);
    new PaymentPoster(db)
        .post("R1", new BigDecimal("50"), LocalDate.parse("2026-03-09"), "PAY-R1-50");
    return attempt;
  }

  /**
   * Puts a viewer on every request: the role named by the X-Test-Role header (supervisor when
   * absent).
   */
  static void viewerFromHeader(Engine engine) {
    engine
        .router()
        .route()
        .order(-1)
        .handler(
            ctx -> {
              String role = ctx.request().getHeader("X-Test-Role");
              ctx.put(
                  Viewer.KEY, new Viewer("test", role == null ? Role.SUPERVISOR : Role.of(role)));
              ctx.next();
            });
  }

  static long id(Database db, String sql) throws Exception {
    try (Connection c = db.connection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void exec(Database db, String sql, Object... args) throws Exception {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
      ps.executeUpdate();
    }
  }
}
