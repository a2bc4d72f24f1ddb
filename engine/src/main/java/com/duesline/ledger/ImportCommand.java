package com.duesline.ledger;

import com.duesline.cli.CommonOptions;
import com.duesline.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * `duesline import FILE`: validates a ledger CSV and loads it, then prints what is owed by bucket.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Import a ledger CSV (units, parties, charges, payments; see docs/ledger.md). "
            + "A file with any problem is rejected whole (exit 2); importing the same file again changes nothing.")
public final class ImportCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The ledger CSV (UTF-8).")
  Path file;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(file)) {
      throw new com.duesline.cli.InputRejectedException(file + ": no such file");
    }
    var out = spec.commandLine().getOut();
    var config = common.config();
    try (Database db = Database.open(config)) {
      ImportResult r = new LedgerImporter(db).importFile(file);
      out.printf(
          "imported %s: %d rows in %.1f s%s%n",
          r.file(),
          r.rowsRead(),
          r.millis() / 1000.0,
          r.unchanged() ? " (nothing changed: already imported)" : "");
      out.printf("  %-9s %8s %8s%n", "", "new", "changed");
      out.printf("  %-9s %8d %8d%n", "units", r.units().inserted(), r.units().updated());
      out.printf("  %-9s %8d %8d%n", "parties", r.parties().inserted(), r.parties().updated());
      out.printf("  %-9s %8d %8d%n", "phones", r.phones().inserted(), r.phones().updated());
      out.printf("  %-9s %8d %8d%n", "charges", r.charges().inserted(), r.charges().updated());
      out.printf("  %-9s %8d %8d%n", "payments", r.payments().inserted(), r.payments().updated());
      out.println();
      AgingReport report = AgingReport.of(ArrearsQuery.fromConfig(db, config).all());
      out.printf(
          "store now holds %d accounts, %d charges; arrears as of %s:%n",
          report.accounts(), countCharges(db), report.asOf());
      report.printTable(out);
      out.flush();
    }
    return 0;
  }

  private static long countCharges(Database db) throws Exception {
    try (var c = db.connection();
        var st = c.createStatement();
        var rs = st.executeQuery("SELECT count(*) FROM charges")) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
