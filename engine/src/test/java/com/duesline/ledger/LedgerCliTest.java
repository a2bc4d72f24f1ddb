package com.duesline.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.cli.Duesline;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The `duesline` commands end to end against a real database: output shapes and exit codes. */
class LedgerCliTest {
  static Database db;
  @TempDir static Path dir;
  static Path config;

  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void store() throws Exception {
    db = TestDatabase.fresh();
    config = dir.resolve("test.yaml");
    Files.writeString(config, "store:\n  db-user: postgres\n");
  }

  @AfterAll
  static void close() {
    db.close();
  }

  static Run run(String... args) {
    String[] full = new String[args.length + 4];
    System.arraycopy(args, 0, full, 0, args.length);
    full[args.length] = "--db-url";
    full[args.length + 1] = db.jdbcUrl();
    full[args.length + 2] = "--config";
    full[args.length + 3] = config.toString();
    return runRaw(full);
  }

  static Run runRaw(String... full) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = Duesline.run(full);
      return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void importThenAccountsAndReports() throws Exception {
    Path ledger = dir.resolve("estate.csv");
    Run gen =
        run(
            "ledger",
            "generate",
            "--seed",
            "3",
            "--units",
            "40",
            "--months",
            "14",
            "-o",
            ledger.toString());
    assertThat(gen.exit()).isZero();

    Run imp = run("import", ledger.toString());
    assertThat(imp.exit()).as(imp.err()).isZero();
    assertThat(imp.out()).contains("charges", "560").contains("365+").contains("total");

    Run json = run("accounts", "--format", "json", "--as-of", "2026-11-25");
    assertThat(json.exit()).as(json.err()).isZero();
    JsonArray accounts = new JsonArray(json.out());
    assertThat(accounts).hasSize(40);
    JsonObject first = accounts.getJsonObject(0);
    assertThat(first.fieldNames())
        .contains(
            "unit",
            "party",
            "phone",
            "timezone",
            "language",
            "balance",
            "days_past_due",
            "bucket",
            "class",
            "grade",
            "commercial");
    for (Object o : accounts) {
      JsonObject a = (JsonObject) o;
      assertThat(a.getString("phone")).matches("\\+[0-9]{1,3}•+[0-9]{4}");
      assertThat(a.getString("class")).isIn("A", "B", "C", "D");
      assertThat(a.getString("bucket"))
          .isIn("current", "1-30", "31-60", "61-90", "91-180", "181-365", "365+");
    }

    Run csv = run("report", "aging", "--format", "csv", "--as-of", "2026-11-25");
    assertThat(csv.exit()).isZero();
    assertThat(csv.out().lines().findFirst())
        .contains("bucket,accounts,residential,commercial,owed,provision");
    assertThat(csv.out().lines().count()).isEqualTo(9);

    Run reportJson = run("report", "aging", "--format", "json", "--as-of", "2026-11-25");
    JsonObject report = new JsonObject(reportJson.out());
    assertThat(report.getJsonArray("buckets")).hasSize(7);
    assertThat(report.getJsonObject("total").getInteger("accounts")).isEqualTo(40);

    String unit = first.getString("unit");
    Run show = run("accounts", "show", unit);
    assertThat(show.exit()).isZero();
    assertThat(show.out())
        .contains(unit)
        .contains("class ")
        .contains("grade ")
        .contains("provision ");
  }

  @Test
  void rejectedInputExitsTwoWithEveryProblemOnStderr() throws Exception {
    Path bad = dir.resolve("bad.csv");
    Files.writeString(
        bad,
        LedgerParserTest.HEADER
            + "unit,X-1,,,,,,,,false,,,,,\n"
            + "charge,X-1,C1,,,,,,,,,2026-01,service,-5,2026-01-01\n"
            + "payment,NOPE,P1,,,,,,,,,,,5,2026-01-02\n");
    Run r = run("import", bad.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err())
        .contains("bad.csv:3:14: amount: negative amount -5")
        .contains("bad.csv:4:2: unit: unknown unit 'NOPE'");
    assertThat(LedgerImportTest.rows(db, "SELECT count(*) FROM units WHERE unit_code = 'X-1'"))
        .containsExactly("0");

    assertThat(run("accounts", "show", "NO-SUCH-UNIT").exit()).isEqualTo(2);
    assertThat(run("import", dir.resolve("missing.csv").toString()).exit()).isEqualTo(2);
  }

  @Test
  void otherFailuresExitOne() {
    Run r =
        runRaw(
            "accounts",
            "--db-url",
            "jdbc:postgresql://localhost:1/nowhere",
            "--config",
            config.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("error: ");
  }
}
