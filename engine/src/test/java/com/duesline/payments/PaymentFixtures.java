package com.duesline.payments;

import com.duesline.call.CallJournal;
import com.duesline.config.Secrets;
import com.duesline.conversation.Outcome;
import com.duesline.ledger.LedgerImporter;
import com.duesline.store.Database;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small estate for the payment tests, loaded through the ledger importer, and promises made the
 * way a call records them.
 */
final class PaymentFixtures {
  /** The day the tests stand on: a Wednesday with no holiday in the US. */
  static final LocalDate DAY = LocalDate.parse("2026-11-25");

  /**
   * Three flats, each owing 300 a month since September (900), with an English owner in New York.
   */
  static final String LEDGER =
      """
      record,unit,id,name,role,language,phone,phone_status,timezone,commercial,area_m2,period,kind,amount,date
      unit,M1,,,,,,,,false,80,,,,
      party,M1,M1-O,Amy Chen,owner,en,+12125550161,,America/New_York,,,,,,
      unit,M2,,,,,,,,false,80,,,,
      party,M2,M2-O,Ben Ortiz,owner,en,+12125550162,,America/New_York,,,,,,
      unit,M3,,,,,,,,false,80,,,,
      party,M3,M3-O,Cara Dunn,owner,en,+12125550163,,America/New_York,,,,,,
      charge,M1,M1-2026-09,,,,,,,,,2026-09,service,300,2026-09-01
      charge,M1,M1-2026-10,,,,,,,,,2026-10,service,300,2026-10-01
      charge,M1,M1-2026-11,,,,,,,,,2026-11,service,300,2026-11-01
      charge,M2,M2-2026-09,,,,,,,,,2026-09,service,300,2026-09-01
      charge,M2,M2-2026-10,,,,,,,,,2026-10,service,300,2026-10-01
      charge,M2,M2-2026-11,,,,,,,,,2026-11,service,300,2026-11-01
      charge,M3,M3-2026-09,,,,,,,,,2026-09,service,300,2026-09-01
      charge,M3,M3-2026-10,,,,,,,,,2026-10,service,300,2026-10-01
      charge,M3,M3-2026-11,,,,,,,,,2026-11,service,300,2026-11-01
      """;

  /**
   * Three flats for the tests that call: unit codes with room numbers a caller can say ("one two
   * zero four"), each owing 300 a month since September, an English owner in New York.
   */
  static final String CALLED_LEDGER =
      """
      record,unit,id,name,role,language,phone,phone_status,timezone,commercial,area_m2,period,kind,amount,date
      unit,C-1204,,,,,,,,false,80,,,,
      party,C-1204,C-1204-O,Linda Park,owner,en,+12125550171,,America/New_York,,,,,,
      unit,C-1307,,,,,,,,false,80,,,,
      party,C-1307,C-1307-O,Omar Reyes,owner,en,+12125550172,,America/New_York,,,,,,
      unit,C-1203,,,,,,,,false,80,,,,
      party,C-1203,C-1203-O,Nina Brooks,owner,en,+12125550173,,America/New_York,,,,,,
      charge,C-1204,C-1204-2026-09,,,,,,,,,2026-09,service,300,2026-09-01
      charge,C-1204,C-1204-2026-10,,,,,,,,,2026-10,service,300,2026-10-01
      charge,C-1204,C-1204-2026-11,,,,,,,,,2026-11,service,300,2026-11-01
      charge,C-1307,C-1307-2026-09,,,,,,,,,2026-09,service,300,2026-09-01
      charge,C-1307,C-1307-2026-10,,,,,,,,,2026-10,service,300,2026-10-01
      charge,C-1307,C-1307-2026-11,,,,,,,,,2026-11,service,300,2026-11-01
      charge,C-1203,C-1203-2026-09,,,,,,,,,2026-09,service,300,2026-09-01
      charge,C-1203,C-1203-2026-10,,,,,,,,,2026-10,service,300,2026-10-01
      charge,C-1203,C-1203-2026-11,,,,,,,,,2026-11,service,300,2026-11-01
      """;

  static final String WEBHOOK_SECRET = "whsec_test_" + "8f2c1a9e7d6b5c4a3f2e1d0c";
  static final String LINK_SECRET = "a-test-pay-link-secret-of-32-bytes!";

  private PaymentFixtures() {}

  static void importEstate(Database db) throws Exception {
    importEstate(db, LEDGER);
  }

  /** Loads {@code ledger} (the importer's CSV) and records every owner's consent to texts. */
  static void importEstate(Database db, String ledger) throws Exception {
    Path f = Files.createTempFile("payments-estate", ".csv");
    try {
      Files.writeString(f, ledger);
      new LedgerImporter(db).importFile(f);
    } finally {
      Files.deleteIfExists(f);
    }
    // The owners agreed to texts (a consent with its evidence), so reminders may go by SMS.
    exec(
        db,
        "INSERT INTO consents (party_id, channel, kind, evidence, source) SELECT id, 'sms', 'consent', 'agreed to texts about the account', 'import' FROM parties");
  }

  /** Secrets as the environment would give them. */
  static Secrets secrets(boolean stripe) {
    Map<String, String> env =
        stripe
            ? Map.of("PAY_LINK_SECRET", LINK_SECRET, "STRIPE_WEBHOOK_SECRET", WEBHOOK_SECRET)
            : Map.of("PAY_LINK_SECRET", LINK_SECRET);
    return new Secrets(env::get);
  }

  /**
   * A promise recorded the way a call records it: an attempt opened and closed by the call journal
   * with a PTP outcome.
   */
  static long promise(Database db, String unit, String amount, LocalDate date) throws Exception {
    long unitId = id(db, "SELECT id FROM units WHERE unit_code = '" + unit + "'");
    long partyId = id(db, "SELECT id FROM parties WHERE party_ref = '" + unit + "-O'");
    long phoneId = id(db, "SELECT id FROM phones WHERE party_id = " + partyId);
    CallJournal journal = new CallJournal(db);
    CallJournal.Party who = new CallJournal.Party(unitId, partyId, phoneId, null);
    long attempt = journal.openAttempt(who, "local", "early", "1", "A");
    journal.answered(attempt, "human");
    journal.outcome(
        attempt,
        who,
        new Outcome(
            "PTP",
            new Outcome.PromiseToPay(date, new BigDecimal(amount)),
            null,
            false,
            null,
            false,
            null),
        List.of(),
        true,
        DAY);
    return id(db, "SELECT max(id) FROM promises WHERE unit_id = " + unitId);
  }

  static long id(Database db, String sql) throws Exception {
    try (Connection c = db.connection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static List<String> strings(Database db, String sql) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }

  static void exec(Database db, String sql) throws Exception {
    try (Connection c = db.connection();
        Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }
}
