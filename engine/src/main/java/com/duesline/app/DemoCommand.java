package com.duesline.app;

import com.duesline.cli.CommonOptions;
import com.duesline.ledger.Ledger;
import com.duesline.ledger.LedgerImporter;
import com.duesline.ledger.LedgerParser;
import com.duesline.ledger.SampleLedgerGenerator;
import com.duesline.store.Database;
import java.io.IOException;
import java.io.InputStream;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `duesline demo --port P`: the engine on its embedded defaults, with the sample estate loaded into
 * an empty store.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Start the engine on the embedded store; an empty store first gets the sample estate ledger. Runs until Ctrl-C.")
public final class DemoCommand implements Callable<Integer> {
  /** The sample ledger shipped in the scripts library. */
  public static final String SAMPLE = "library/ledgers/sample-estate.csv";

  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--port", description = "HTTP port (default http.port, 8080).")
  Integer port;

  @Option(
      names = "--accounts",
      description = "How many accounts of the sample estate the demo calls (default 12).")
  int accounts = 12;

  @Option(
      names = "--concurrency",
      description = "Calls in progress at once: the dialer's channels (default 2).")
  int concurrency = 2;

  @Option(
      names = "--exit-when-done",
      description = "Print the summary once every call is over, then exit.")
  boolean exitWhenDone;

  @Option(
      names = "--transcripts",
      description = "Print each call's transcript with intents and turn latencies.")
  boolean transcripts;

  @Option(
      names = "--language",
      defaultValue = "en",
      description =
          "Call the sample estate's owners of this language: en (MaryTTS, speech) or zh (recorded voice, keypad answers).")
  String language;

  @Option(
      names = "--simulated-agents",
      description =
          "Simulated agents who take hand-offs at once (default 2; 0 leaves them to agents signed in at /agent).")
  int simulatedAgents = 2;

  @Override
  public Integer call() throws Exception {
    var config = common.config();
    var out = spec.commandLine().getOut();
    if (!com.duesline.scripts.TrackLibrary.LANGS.contains(language)) {
      throw new com.duesline.cli.InputRejectedException(
          "--language: '" + language + "' is not supported (en, zh)");
    }
    if (concurrency < 1)
      throw new com.duesline.cli.InputRejectedException(
          "--concurrency: expected at least 1, got " + concurrency);
    // The demo's calls are a campaign: the dialer's channels are the demo's concurrency, and the
    // board says so.
    config = config.with("dialer.channels", String.valueOf(concurrency));
    Engine engine = Engine.create(config);
    WebConsole console = WebConsole.beforeStart(engine);
    try {
      int loaded = loadSampleIfEmpty(engine.database());
      if (loaded > 0)
        out.printf(
            "empty store: imported the sample estate (%d rows, seed %d)%n",
            loaded, SampleLedgerGenerator.SAMPLE_SEED);
    } catch (Exception e) {
      engine.close();
      throw e;
    }
    return EngineRunner.runUntilStopped(
        engine,
        port != null ? port : config.getInt("http.port"),
        out,
        exitWhenDone,
        started -> {
          DemoUsers.create(console.users(), started.port(), out);
          DemoRun.calls(
              started,
              console,
              language,
              accounts,
              simulatedAgents,
              transcripts,
              !exitWhenDone,
              java.time.Clock.systemUTC(),
              out);
        });
  }

  /**
   * Imports the shipped sample ledger when the store has no units; returns the rows imported (0 if
   * it had some).
   */
  public static int loadSampleIfEmpty(Database db) throws IOException, SQLException {
    try (var c = db.connection();
        var st = c.createStatement();
        var rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM units)")) {
      rs.next();
      if (rs.getBoolean(1)) return 0;
    }
    byte[] bytes;
    try (InputStream in = DemoCommand.class.getClassLoader().getResourceAsStream(SAMPLE)) {
      if (in == null) throw new IllegalStateException(SAMPLE + " is missing from the classpath");
      bytes = in.readAllBytes();
    }
    long t0 = System.nanoTime();
    Ledger ledger = LedgerParser.parse("sample-estate.csv", bytes, unit -> false);
    new LedgerImporter(db).load("sample-estate.csv", ledger, t0);
    return ledger.rows();
  }
}
