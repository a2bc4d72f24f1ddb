package com.duesline.bench;

import com.duesline.cli.CommonOptions;
import com.duesline.ledger.ImportResult;
import com.duesline.ledger.Ledger;
import com.duesline.ledger.LedgerImporter;
import com.duesline.ledger.LedgerParser;
import com.duesline.ledger.SampleLedgerGenerator;
import com.duesline.store.Database;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `duesline bench import`: generates a large ledger to a temporary file, imports it into a fresh
 * embedded database (in a temporary directory, removed afterwards) and prints rows per second,
 * split into validation and load (COPY + upserts).
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Generate UNITS units x MONTHS charges (default 100,000 x 10 = 1,000,000 charges), import into a fresh database, print rows/second.")
public final class ImportBenchmark implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(
      names = "--units",
      defaultValue = "100000",
      description = "Units (default ${DEFAULT-VALUE}).")
  int units;

  @Option(
      names = "--months",
      defaultValue = "10",
      description = "Monthly charges per unit (default ${DEFAULT-VALUE}).")
  int months;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Generator seed (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text, or json: one object on stdout (progress goes to stderr).")
  String format;

  @Option(
      names = "--runs",
      defaultValue = "3",
      description =
          "Imports to run, each into a fresh database; the median is reported (default ${DEFAULT-VALUE}).")
  int runs;

  private static double median(List<double[]> runs, int column) {
    double[] v = runs.stream().mapToDouble(r -> r[column]).sorted().toArray();
    return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  @Override
  public Integer call() throws Exception {
    boolean json =
        switch (format) {
          case "json" -> true;
          case "text" -> false;
          default ->
              throw new picocli.CommandLine.ParameterException(
                  spec.commandLine(), "--format: '" + format + "' must be text or json");
        };
    PrintWriter out = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
    java.util.Map<String, List<Long>> phaseRuns = new java.util.LinkedHashMap<>();
    Path dir = Files.createTempDirectory("duesline-bench-import");
    try {
      Path file = dir.resolve("ledger.csv");
      long g0 = System.nanoTime();
      long charges;
      try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        charges = new SampleLedgerGenerator(seed, units, months, YearMonth.of(2026, 11)).write(w);
      }
      out.printf(
          "generated %s: %d units, %d charges, %.1f MB in %.1f s%n",
          file, units, charges, Files.size(file) / 1e6, (System.nanoTime() - g0) / 1e9);
      out.flush();
      List<double[]> runs = new ArrayList<>();
      for (int run = 1; run <= this.runs; run++) {
        // Each run: a fresh embedded store in its own temporary directory, whatever
        // --data-dir/--db-url say.
        var config =
            common
                .config()
                .with("store.data-dir", dir.resolve("data" + run).toString())
                .with("store.db-url", "");
        try (Database db = Database.open(config);
            Connection c = db.connection()) {
          long backend;
          try (Statement st = c.createStatement();
              ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            backend = rs.getLong(1);
          }
          double j0 = CpuClock.jvmSeconds();
          double b0 = CpuClock.processSeconds(backend);
          long t0 = System.nanoTime();
          Ledger ledger = LedgerParser.parse(file, unit -> false);
          long t1 = System.nanoTime();
          double j1 = CpuClock.jvmSeconds();
          LedgerImporter importer = new LedgerImporter(db);
          ImportResult r = importer.load(c, file.toString(), ledger, t1);
          long t2 = System.nanoTime();
          double j2 = CpuClock.jvmSeconds();
          double b2 = CpuClock.processSeconds(backend);
          if (r.charges().inserted() != charges)
            throw new IllegalStateException(
                "imported " + r.charges().inserted() + " charges of " + charges);
          // CPU: validation is the JVM's; load is the JVM's (streaming COPY) plus the backend's
          // (COPY, upserts, indexes).
          double loadCpu = (j2 - j1) + (b2 - b0);
          double[] m = {
            ledger.rows(),
            (t1 - t0) / 1e9,
            (t2 - t1) / 1e9,
            (t2 - t0) / 1e9,
            j1 - j0,
            loadCpu,
            (j1 - j0) + loadCpu
          };
          runs.add(m);
          out.printf(
              "run %d: %d rows; validate %.1f s, COPY+upsert %.1f s, whole %.1f s wall (%.1f s CPU, %.1f of it PostgreSQL); %,.0f rows/s%n",
              run, ledger.rows(), m[1], m[2], m[3], m[6], b2 - b0, m[0] / m[3]);
          out.printf("  load phases (ms): %s%n", importer.phaseMillis());
          importer
              .phaseMillis()
              .forEach((k, v) -> phaseRuns.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
          out.flush();
        }
      }
      double rows = runs.get(0)[0];
      double whole = median(runs, 3);
      double loadAverage =
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      if (json) {
        var phasesJson = new io.vertx.core.json.JsonObject();
        phaseRuns.forEach(
            (k, v) -> phasesJson.put(k, v.stream().sorted().toList().get(v.size() / 2) / 1000.0));
        spec.commandLine()
            .getOut()
            .println(
                new io.vertx.core.json.JsonObject()
                    .put("rows", (long) rows)
                    .put("units", units)
                    .put("charges", charges)
                    .put("runs", runs.size())
                    .put("seconds", round(whole))
                    .put("rows_per_s", Math.round(rows / whole))
                    .put("cpu_seconds", round(median(runs, 6)))
                    .put("validate_seconds", round(median(runs, 1)))
                    .put("validate_cpu_seconds", round(median(runs, 4)))
                    .put("load_seconds", round(median(runs, 2)))
                    .put("load_cpu_seconds", round(median(runs, 5)))
                    .put("load_phases_seconds", phasesJson)
                    .put("cores", Runtime.getRuntime().availableProcessors())
                    .put("load_average", round(loadAverage))
                    .encode());
        return 0;
      }
      out.printf(
          "%nmedian of %d runs, %,d rows (%,d units, %,d charges) on %d cores, load average %.1f:%n",
          runs.size(),
          (long) rows,
          units,
          charges,
          Runtime.getRuntime().availableProcessors(),
          loadAverage);
      out.printf(
          "  read + validate  %6.1f s wall  %6.1f s CPU  %,10.0f rows/s%n",
          median(runs, 1), median(runs, 4), rows / median(runs, 1));
      out.printf(
          "  COPY + upsert    %6.1f s wall  %6.1f s CPU  %,10.0f rows/s%n",
          median(runs, 2), median(runs, 5), rows / median(runs, 2));
      out.printf(
          "  whole import     %6.1f s wall  %6.1f s CPU  %,10.0f rows/s  %,.0f charges/s%n",
          whole, median(runs, 6), rows / whole, charges / whole);
    } finally {
      try {
        deleteTree(dir);
      } catch (IOException e) {
        // A loaded machine can leave a postmaster file behind for a moment; the figures stand.
        spec.commandLine().getErr().println("note: could not remove " + dir + " (" + e + ")");
      }
    }
    return 0;
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }

  private static void deleteTree(Path dir) throws IOException {
    Files.walkFileTree(
        dir,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes a) throws IOException {
            Files.delete(f);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
            Files.delete(d);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
