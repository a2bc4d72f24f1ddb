package com.duesline.bench;

import com.duesline.app.DemoCommand;
import com.duesline.call.CallJournal;
import com.duesline.campaign.CampaignService;
import com.duesline.cli.CommonOptions;
import com.duesline.config.Secrets;
import com.duesline.conversation.Outcome;
import com.duesline.ledger.AccountView;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.payments.PayLink;
import com.duesline.payments.PaymentApplier;
import com.duesline.payments.Payments;
import com.duesline.payments.ProviderPayment;
import com.duesline.store.Database;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `duesline bench payments`: how long "a payment acts at once" takes. On a fresh embedded store
 * with the sample estate and the standard campaign planned, each account in arrears is given a
 * promise (through the call journal, as a call gives it) and a signed link for it; then the link's
 * payment is applied, the one transaction that posts it, stops the account's pending contacts,
 * marks the link paid and keeps the promise; then the same payment again (a provider's retry),
 * which must change nothing. Prints medians, the 95th percentile and CPU time (this JVM and the
 * embedded PostgreSQL's processes).
 */
@Command(
    name = "payments",
    mixinStandardHelpOptions = true,
    description =
        "Time issuing pay links and applying payments (post, stop contacts, keep the promise) and their replays on a fresh store; print medians and CPU time.")
public final class PaymentsBench implements Callable<Integer> {
  private static final int WARM_UP = 10;

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(
      names = "--payments",
      defaultValue = "200",
      description = "Payments timed after 10 warm-up ones (default ${DEFAULT-VALUE}).")
  int count;

  @Option(names = "--format", defaultValue = "text", description = "text or json")
  String format;

  @Override
  public Integer call() throws Exception {
    if (!format.equals("text") && !format.equals("json")) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--format: '" + format + "' must be text or json");
    }
    if (count < 1)
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "--payments: at least 1, got " + count);
    PrintWriter out = spec.commandLine().getOut();
    Path dir = Files.createTempDirectory("duesline-bench-payments");
    // A fresh embedded store whatever --data-dir/--db-url say: the bench posts payments, never into
    // a real ledger.
    var config =
        common
            .config()
            .with("store.data-dir", dir.resolve("data").toString())
            .with("store.db-url", "");
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    String secret = Base64.getEncoder().encodeToString(key);
    try (Database db = Database.open(config)) {
      DemoCommand.loadSampleIfEmpty(db);
      Clock clock = Clock.systemUTC();
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      CampaignService campaigns = new CampaignService(db, clock);
      campaigns.create("standard");
      campaigns.transition("standard", "start");
      int planned = campaigns.plan("standard");
      Payments payments =
          Payments.from(
              config, db, new Secrets(k -> k.equals("PAY_LINK_SECRET") ? secret : null), clock);
      PaymentApplier applier = payments.applier();
      CallJournal journal = new CallJournal(db);
      List<AccountView> owing =
          new ArrayList<>(
              new ArrearsQuery(db)
                  .all(today).stream()
                      .filter(
                          a ->
                              a.inArrears()
                                  && a.partyId() != null
                                  && a.balance().compareTo(BigDecimal.valueOf(100)) > 0)
                      .toList());
      if (owing.isEmpty())
        throw new IllegalStateException("the sample estate has no account in arrears");

      List<Double> issue = new ArrayList<>(), apply = new ArrayList<>(), replay = new ArrayList<>();
      long cancelled = 0, kept = 0;
      double cpu0 = 0, pg0 = 0;
      for (int i = 0; i < WARM_UP + count; i++) {
        if (i == WARM_UP) {
          cpu0 = CpuClock.jvmSeconds();
          pg0 = postgresSeconds(dir);
        }
        AccountView a = owing.get(i % owing.size());
        // A promise of 100 for next week, stored as a call's outcome stores it.
        CallJournal.Party who = new CallJournal.Party(a.unitId(), a.partyId(), a.phoneId(), null);
        long attempt = journal.openAttempt(who, "local", "mid", "1", "A");
        journal.outcome(
            attempt,
            who,
            new Outcome(
                "PTP",
                new Outcome.PromiseToPay(today.plusDays(7), BigDecimal.valueOf(100)),
                null,
                false,
                null,
                false,
                null),
            List.of(),
            true,
            today);
        long t0 = System.nanoTime();
        PayLink link = payments.links().issue(a.unit(), null, null);
        long t1 = System.nanoTime();
        ProviderPayment p =
            new ProviderPayment(
                "local",
                null,
                "charge.succeeded",
                "ch_bench_" + i,
                link.id(),
                link.amount(),
                today);
        PaymentApplier.Applied applied = applier.apply(p);
        long t2 = System.nanoTime();
        PaymentApplier.Applied again = applier.apply(p);
        long t3 = System.nanoTime();
        if (applied.replay() || !again.replay())
          throw new IllegalStateException(
              "payment " + i + " applied " + applied + ", replayed " + again);
        if (i < WARM_UP) continue;
        issue.add((t1 - t0) / 1e6);
        apply.add((t2 - t1) / 1e6);
        replay.add((t3 - t2) / 1e6);
        cancelled += applied.cancelledTasks();
        kept += applied.keptPromises().size();
      }
      double cpu = CpuClock.jvmSeconds() - cpu0;
      double pg = postgresSeconds(dir) - pg0;
      JsonObject result =
          new JsonObject()
              .put("payments", count)
              .put("accounts", owing.size())
              .put("planned_accounts", planned)
              .put("issue_ms", stats(issue))
              .put("apply_ms", stats(apply))
              .put("replay_ms", stats(replay))
              .put(
                  "cpu_ms_per_payment",
                  new JsonObject()
                      .put("jvm", round(cpu * 1000 / count))
                      .put("postgres", round(pg * 1000 / count)))
              .put("contacts_stopped", cancelled)
              .put("promises_kept", kept);
      if (format.equals("json")) {
        out.println(result.encode());
      } else {
        out.printf(
            "%d payments over %d accounts in arrears (standard campaign planned for %d)%n",
            count, owing.size(), planned);
        out.printf(
            "issue a signed link       median %6.2f ms, p95 %6.2f ms%n", median(issue), p95(issue));
        out.printf(
            "apply (post, stop, keep)  median %6.2f ms, p95 %6.2f ms%n", median(apply), p95(apply));
        out.printf(
            "the same payment again    median %6.2f ms, p95 %6.2f ms%n",
            median(replay), p95(replay));
        out.printf(
            "CPU per payment (link, apply, replay, and the promise stored): %.2f ms JVM + %s PostgreSQL%n",
            cpu * 1000 / count,
            pg > 0
                ? String.format("%.2f ms", pg * 1000 / count)
                : "n/a (its server process was not found)");
        out.printf("%d pending contacts stopped, %d promises kept%n", cancelled, kept);
      }
    }
    return 0;
  }

  /**
   * CPU seconds of the embedded PostgreSQL: the server started on {@code dir} (found by its command
   * line) and its backends.
   */
  private static double postgresSeconds(Path dir) {
    String data = dir.toAbsolutePath().toString();
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains(data)).orElse(false))
        .flatMap(
            p -> java.util.stream.Stream.concat(java.util.stream.Stream.of(p), p.descendants()))
        .mapToDouble(p -> CpuClock.processSeconds(p.pid()))
        .filter(d -> !Double.isNaN(d))
        .sum();
  }

  private static JsonObject stats(List<Double> ms) {
    return new JsonObject().put("median", round(median(ms))).put("p95", round(p95(ms)));
  }

  private static double median(List<Double> ms) {
    return com.duesline.call.DemoCalls.percentile(ms.stream().sorted().toList(), 0.5);
  }

  private static double p95(List<Double> ms) {
    return com.duesline.call.DemoCalls.percentile(ms.stream().sorted().toList(), 0.95);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
