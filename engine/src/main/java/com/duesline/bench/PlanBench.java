package com.duesline.bench;

import com.duesline.campaign.AccountSnapshot;
import com.duesline.campaign.CampaignDefinition;
import com.duesline.campaign.CampaignLoader;
import com.duesline.campaign.ContactTask;
import com.duesline.campaign.Planner;
import com.duesline.campaign.Segmenter;
import com.duesline.campaign.SyntheticAccounts;
import com.duesline.campaign.TaskState;
import com.duesline.campaign.TrackCatalog;
import com.duesline.cli.CommonOptions;
import com.duesline.policy.ContactPolicy;
import com.duesline.policy.PolicyRules;
import com.duesline.policy.ReasonCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `duesline bench plan`: plans generated in-memory accounts (segmentation + ladder + policy) and
 * prints accounts per second. Generation happens in batches outside the timed part.
 */
@Command(
    name = "plan",
    description =
        "Plan N generated accounts (segmentation + ladder + contact policy); print accounts/second.")
public final class PlanBench implements Runnable {
  @Mixin CommonOptions common;

  @Option(
      names = "--accounts",
      defaultValue = "1000000",
      description = "Accounts to plan (default ${DEFAULT-VALUE}).")
  int accounts;

  @Option(
      names = "--runs",
      defaultValue = "3",
      description = "Timed runs; the median is reported (default ${DEFAULT-VALUE}).")
  int runs;

  @Option(
      names = "--threads",
      defaultValue = "1",
      description = "Planning threads (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(
      names = "--campaign",
      defaultValue = "standard",
      description = "Bundled campaign id (default ${DEFAULT-VALUE}).")
  String campaignId;

  @Option(
      names = "--at",
      defaultValue = "2026-03-10T15:00:00Z",
      description = "The planning instant (default ${DEFAULT-VALUE}, 10:00 in New York).")
  Instant at;

  @Option(names = "--seed", defaultValue = "42")
  long seed;

  static final int BATCH = 50_000;

  @Override
  public void run() {
    PolicyRules rules = PolicyRules.bundled();
    ContactPolicy policy = new ContactPolicy(rules);
    CampaignDefinition campaign =
        new CampaignLoader(TrackCatalog.bundled(), rules).bundled(campaignId);
    Planner planner = new Planner(campaign, policy, Segmenter.bundled());
    SyntheticAccounts gen = new SyntheticAccounts(seed, at);
    System.out.printf(
        "bench plan: %,d accounts, campaign %s, at %s, %d thread(s), %d runs (+1 warm-up)%n",
        accounts, campaignId, at, threads, runs);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      double[] seconds = new double[runs];
      Result last = null;
      for (int run = -1; run < runs; run++) {
        Result r = once(planner, gen, pool, run < 0 ? Math.min(accounts, 200_000) : accounts);
        if (run >= 0) {
          seconds[run] = r.nanos / 1e9;
          last = r;
          System.out.printf(
              "  run %d: %.2f s planning (%,.0f accounts/s)%n",
              run + 1, seconds[run], accounts / seconds[run]);
        }
      }
      double[] sorted = seconds.clone();
      Arrays.sort(sorted);
      double median = sorted[sorted.length / 2];
      System.out.printf(
          "median: %.2f s for %,d accounts = %,.0f accounts/s%n",
          median, accounts, accounts / median);
      System.out.printf(
          "tasks: due %,d  scheduled %,d  blocked %,d  no contact %,d%n",
          last.states.get(TaskState.DUE).sum(),
          last.states.get(TaskState.SCHEDULED).sum(),
          last.states.get(TaskState.BLOCKED).sum(),
          last.none.sum());
      StringBuilder reasons = new StringBuilder("blocked by:");
      for (var e : last.reasons.entrySet())
        if (e.getValue().sum() > 0)
          reasons.append(' ').append(e.getKey()).append('=').append(e.getValue().sum());
      System.out.println(reasons);
    } finally {
      pool.shutdownNow();
    }
  }

  record Result(
      long nanos,
      Map<TaskState, LongAdder> states,
      Map<ReasonCode, LongAdder> reasons,
      LongAdder none) {}

  private Result once(Planner planner, SyntheticAccounts gen, ExecutorService pool, int n) {
    Map<TaskState, LongAdder> states = new EnumMap<>(TaskState.class);
    for (TaskState s : TaskState.values()) states.put(s, new LongAdder());
    Map<ReasonCode, LongAdder> reasons = new EnumMap<>(ReasonCode.class);
    for (ReasonCode c : ReasonCode.values()) reasons.put(c, new LongAdder());
    LongAdder none = new LongAdder();
    long nanos = 0;
    for (int from = 0; from < n; from += BATCH) {
      List<AccountSnapshot> batch = gen.batch(from, Math.min(n, from + BATCH));
      long t0 = System.nanoTime();
      List<Future<?>> parts = new ArrayList<>();
      int per = (batch.size() + threads - 1) / threads;
      for (int k = 0; k < batch.size(); k += per) {
        List<AccountSnapshot> slice = batch.subList(k, Math.min(batch.size(), k + per));
        parts.add(
            pool.submit(
                () -> {
                  for (AccountSnapshot a : slice) {
                    ContactTask t = planner.plan(a, at);
                    if (t == null) none.increment();
                    else {
                      states.get(t.state()).increment();
                      for (ReasonCode c : t.blockedBy()) reasons.get(c).increment();
                    }
                  }
                }));
      }
      for (Future<?> f : parts) {
        try {
          f.get();
        } catch (Exception e) {
          throw new IllegalStateException("planning failed", e);
        }
      }
      nanos += System.nanoTime() - t0;
    }
    return new Result(nanos, states, reasons, none);
  }
}
