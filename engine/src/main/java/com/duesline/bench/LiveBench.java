package com.duesline.bench;

import com.duesline.app.Engine;
import com.duesline.call.CallCoordinator.DialRequest;
import com.duesline.call.CallJournal.Party;
import com.duesline.call.CallObserver.TurnRecord;
import com.duesline.call.DemoCalls;
import com.duesline.cli.CommonOptions;
import com.duesline.live.LiveBoard;
import com.duesline.live.LiveStream;
import com.duesline.scripts.LibraryLocation;
import com.duesline.scripts.Track;
import com.duesline.scripts.TrackRepository;
import com.duesline.web.StaticAssets;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `duesline bench live`: replays the events of N simultaneous calls (placed, answered, bot and
 * caller turns, the caller's partial words every 250 ms while speaking, ended, next call) through
 * the real live board and event stream into the real supervisor page in headless Chromium, and
 * reports what the page saw: event-to-screen lag, frame rate, longest frame gap and long-task time.
 */
@Command(
    name = "live",
    mixinStandardHelpOptions = true,
    description =
        "Replay N calls' worth of live events into the supervisor page in headless Chromium; print its lag and frame rate as JSON.")
public final class LiveBench implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(
      names = "--calls",
      defaultValue = "200",
      split = ",",
      description =
          "Simultaneous calls to simulate; several runs when comma-separated (default ${DEFAULT-VALUE}).")
  List<Integer> calls;

  @Option(
      names = "--seconds",
      defaultValue = "30",
      description = "Measured seconds per run, after 6 s of warm-up (default ${DEFAULT-VALUE}).")
  int seconds;

  @Option(
      names = "--chromium",
      defaultValue = "/usr/bin/chromium",
      description = "The browser (default ${DEFAULT-VALUE}).")
  Path chromium;

  @Override
  public Integer call() throws Exception {
    if (!Files.isExecutable(chromium)) {
      throw new com.duesline.cli.InputRejectedException(
          "--chromium: " + chromium + " is not an executable browser (Debian package chromium)");
    }
    Path dir = Files.createTempDirectory("duesline-bench-live");
    var config = common.config().with("store.data-dir", dir.toString());
    TrackRepository tracks = new TrackRepository(LibraryLocation.resolve(null));
    Track track = tracks.track("late", "en");
    JsonArray runs = new JsonArray();
    try (Engine engine = Engine.create(config)) {
      LiveBoard board = new LiveBoard(engine.vertx(), null);
      List<JsonObject> reports = new CopyOnWriteArrayList<>();
      StaticAssets.page(engine.router(), "/", "index.html");
      LiveStream.mount(engine, board);
      engine
          .router()
          .post("/bench/report")
          .handler(BodyHandler.create())
          .handler(
              ctx -> {
                reports.add(ctx.body().asJsonObject());
                ctx.response().setStatusCode(204).end();
              });
      int port =
          engine.start(0).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      for (int n : calls) {
        reports.clear();
        Replay replay = new Replay(board, track, tracks, n);
        long timer = engine.vertx().setPeriodic(20, id -> replay.tick(System.currentTimeMillis()));
        Process browser = startBrowser(port, dir.resolve("profile-" + n));
        try {
          Thread.sleep(6_000);
          reports.clear();
          long published0 = replay.published.get();
          long t0 = System.nanoTime();
          Thread.sleep(seconds * 1000L);
          double elapsed = (System.nanoTime() - t0) / 1e9;
          runs.add(
              summarise(
                  n, (replay.published.get() - published0) / elapsed, new ArrayList<>(reports)));
        } finally {
          engine.vertx().cancelTimer(timer);
          browser.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          replay.endAll();
        }
      }
    }
    spec.commandLine().getOut().println(new JsonObject().put("runs", runs).encodePrettily());
    return 0;
  }

  private Process startBrowser(int port, Path profile) throws Exception {
    return new ProcessBuilder(
            chromium.toString(),
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--user-data-dir=" + profile,
            "--window-size=1280,800",
            "--remote-debugging-port=0",
            "http://localhost:" + port + "/?bench")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  private static JsonObject summarise(int calls, double eventsPerSecond, List<JsonObject> reports) {
    List<Double> lag = new ArrayList<>();
    List<Double> fps = new ArrayList<>();
    double maxGap = 0;
    double longTaskMs = 0;
    int rows = 0;
    for (JsonObject r : reports) {
      r.getJsonArray("lag").forEach(v -> lag.add(((Number) v).doubleValue()));
      fps.add(r.getInteger("frames") / 2.0);
      maxGap = Math.max(maxGap, r.getDouble("max_frame_gap_ms"));
      longTaskMs += r.getDouble("long_task_ms");
      rows = r.getInteger("rows");
    }
    Collections.sort(lag);
    Collections.sort(fps);
    double span = Math.max(1, reports.size() * 2.0);
    return new JsonObject()
        .put("calls", calls)
        .put("events_per_second", Math.round(eventsPerSecond))
        .put("reports", reports.size())
        .put("rows_on_screen", rows)
        .put(
            "lag_ms",
            new JsonObject()
                .put("p50", DemoCalls.percentile(lag, 0.5))
                .put("p95", DemoCalls.percentile(lag, 0.95))
                .put("p99", DemoCalls.percentile(lag, 0.99))
                .put("events_seen", lag.size()))
        .put("frames_per_second_median", DemoCalls.percentile(fps, 0.5))
        .put("max_frame_gap_ms", Math.round(maxGap))
        .put("long_task_ms_per_second", Math.round(longTaskMs / span));
  }

  /**
   * N calls going round a fixed exchange: ringing, answer, then bot line, caller speaking
   * (partials), caller turn.
   */
  private static final class Replay {
    private static final String[][] EXCHANGE = {
      {
        "identity",
        "Am I speaking with Patricia Thompson?",
        "yes this is patricia speaking",
        "affirm"
      },
      {
        "balance",
        "Your balance is 3,905 dollars, 147 days overdue. Can you pay it today?",
        "i can pay two hundred on friday",
        "promise_to_pay"
      },
      {"pay_ask", "Which date can you pay by?", "next friday the fourth", "promise_to_pay"},
      {"confirm", "So 200 dollars by December 4th. Is that right?", "yes that's right", "affirm"}
    };
    private final LiveBoard board;
    private final DialRequest request;
    private final List<long[]> live = new ArrayList<>(); // {id, startedAt, step}
    private long nextId = 1;
    final AtomicLong published = new AtomicLong();

    Replay(LiveBoard board, Track track, TrackRepository tracks, int n) {
      this.board = board;
      this.request =
          new DialRequest(
              new Party(1, null, null, null),
              "+12065550125",
              track,
              tracks.library().catalogue(),
              Map.of("unit", "B01-0101"),
              LocalDate.now(),
              1,
              null,
              false);
      long now = System.currentTimeMillis();
      // Staggered starts, so the calls are spread over the exchange rather than in lock step.
      for (int i = 0; i < n; i++) live.add(new long[] {nextId++, now + i * 23L % 4500, -1});
    }

    /**
     * Advances every call whose next step is due; one step is one of: placed, answered, a turn, a
     * partial, ended.
     */
    void tick(long now) {
      for (long[] c : live) {
        while (c[1] <= now) step(c);
      }
    }

    private void step(long[] c) {
      long id = c[0];
      int s = (int) c[2]++;
      // Steps: -1 placed, 0 answered, then per exchange 6 steps: bot, 4 partials, caller; then
      // ended.
      if (s == -1) {
        board.placed(id, request);
        published.incrementAndGet();
        c[1] += 1500;
      } else if (s == 0) {
        board.answered(id, "human");
        published.incrementAndGet();
        c[1] += 300;
      } else if (s <= EXCHANGE.length * 6) {
        String[] ex = EXCHANGE[(s - 1) / 6];
        int k = (s - 1) % 6;
        if (k == 0) {
          board.turn(
              id,
              new TurnRecord(
                  0, "bot", ex[0], ex[1], null, 0, Map.of(), "late." + ex[0], "A", null, null));
          published.addAndGet(2);
          c[1] += 2500;
        } else if (k <= 4) {
          String[] words = ex[2].split(" ");
          board.partial(
              id,
              String.join(" ", java.util.Arrays.copyOf(words, Math.max(1, words.length * k / 4))));
          published.incrementAndGet();
          c[1] += 250;
        } else {
          board.turn(
              id,
              new TurnRecord(
                  0, "caller", ex[0], ex[2], ex[3], 0.87, Map.of(), null, null, null, null));
          published.addAndGet(2);
          c[1] += 700;
        }
      } else {
        board.ended(id, "PTP");
        published.incrementAndGet();
        c[0] = nextId++;
        c[2] = -1;
        c[1] += 500;
      }
    }

    void endAll() {
      for (long[] c : live) board.ended(c[0], "bench-end");
    }
  }
}
