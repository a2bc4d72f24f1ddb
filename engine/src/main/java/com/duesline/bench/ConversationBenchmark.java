package com.duesline.bench;

import com.duesline.cli.CommonOptions;
import com.duesline.conversation.CallerTurn;
import com.duesline.conversation.Conversation;
import com.duesline.conversation.SharedClassifier;
import com.duesline.intent.IntentClassifier;
import com.duesline.intent.IntentMatch;
import com.duesline.scripts.LibraryLocation;
import com.duesline.scripts.Linter;
import com.duesline.scripts.TrackLibrary;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code duesline bench conversation}: how long the talk-track side of a turn takes. Measures
 * loading + linting the whole library (what a hot reload costs), one state-machine turn with the
 * intent given (the engine alone), and, with {@code --classifier}, classify + turn (a text turn).
 */
@Command(
    name = "conversation",
    mixinStandardHelpOptions = true,
    description =
        "Library load+lint time, state-machine turn latency, and (with --classifier) classify+turn latency; medians and p99.")
public final class ConversationBenchmark implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(
      names = "--calls",
      defaultValue = "20000",
      description = "Scripted calls to run (default ${DEFAULT-VALUE}).")
  int calls;

  @Option(names = "--classifier", description = "Also time the real Lucene classifier + turn.")
  boolean withClassifier;

  @Option(names = "--library", description = "Library directory (default as for scripts lint).")
  Path library;

  /** A call: verification, an objection, a plan with a month count. */
  private static final List<String[]> SCRIPT =
      List.of(
          new String[] {"affirm", "yes this is maria"},
          new String[] {"#1203", "1203"},
          new String[] {"fee_dispute", "the fee is too high"},
          new String[] {"hardship", "i lost my job"},
          new String[] {"request_installments", "can i pay over six months"});

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path root = LibraryLocation.resolve(library);
    long[] load = new long[30];
    TrackLibrary lib = null;
    for (int i = 0; i < load.length; i++) {
      long t0 = System.nanoTime();
      lib = TrackLibrary.load(root);
      Linter.lint(lib);
      load[i] = System.nanoTime() - t0;
    }
    out.printf(
        "library load + lint (%d tracks): median %.1f ms, min %.1f ms over %d runs%n",
        lib.tracks().size(),
        median(load) / 1e6,
        Arrays.stream(load).min().getAsLong() / 1e6,
        load.length);

    Map<String, Object> facts = new HashMap<>();
    facts.put("first_name", "Maria");
    facts.put("last_name", "Lopez");
    facts.put("company", "Harbor View");
    facts.put("callback_number", "555 0100");
    facts.put("unit_number", "1203");
    facts.put("amount_due", new BigDecimal("1250.00"));
    facts.put("due_date", LocalDate.of(2026, 10, 15));
    facts.put("days_overdue", 41);
    runTurns(out, lib, facts, null, "state machine turn (intent given)");
    if (withClassifier)
      runTurns(out, lib, facts, SharedClassifier.get(), "classify + turn (Lucene)");
    out.flush();
    return 0;
  }

  private void runTurns(
      PrintWriter out,
      TrackLibrary lib,
      Map<String, Object> facts,
      IntentClassifier classifier,
      String label) {
    int turnsPerCall = SCRIPT.size();
    int warm = Math.min(2000, calls / 5);
    long[] samples = new long[calls * turnsPerCall];
    int n = 0;
    LocalDate today = LocalDate.of(2026, 11, 25);
    long start = 0;
    for (int call = -warm; call < calls; call++) {
      if (call == 0) start = System.nanoTime();
      Conversation c = new Conversation(lib.track("mid", "en"), lib.catalogue(), facts, call);
      c.start();
      for (String[] step : SCRIPT) {
        long t0 = System.nanoTime();
        CallerTurn in;
        if (step[0].startsWith("#")) in = new CallerTurn.Keys(step[0].substring(1));
        else if (classifier != null)
          in = new CallerTurn.Heard(classifier.classify(step[1], c.matchContext(today)));
        else
          in =
              new CallerTurn.Heard(
                  new IntentMatch(
                      step[1],
                      step[0],
                      0.9,
                      List.of(),
                      step[0].equals("request_installments")
                          ? Map.of("installments", "6")
                          : Map.of()));
        c.take(in);
        long dt = System.nanoTime() - t0;
        if (call >= 0) samples[n++] = dt;
      }
      if (!c.ended())
        throw new IllegalStateException(
            "benchmark script did not end the call at " + c.currentNode());
    }
    double secs = (System.nanoTime() - start) / 1e9;
    Arrays.sort(samples, 0, n);
    out.printf(
        "%s: median %.1f µs, p99 %.1f µs, %,.0f turns/s including call set-up (%d calls x %d turns, one thread)%n",
        label,
        samples[n / 2] / 1e3,
        samples[(int) (n * 0.99)] / 1e3,
        n / secs,
        calls,
        turnsPerCall);
  }

  private static long median(long[] xs) {
    long[] s = xs.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
