package com.duesline.bench;

import com.duesline.app.DemoCommand;
import com.duesline.app.Engine;
import com.duesline.call.CallRuntime;
import com.duesline.call.DemoCalls;
import com.duesline.config.DueslineConfig;
import com.duesline.handoff.HandoffDesk;
import com.duesline.ledger.AccountView;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.scripts.LibraryLocation;
import com.duesline.speech.AudioFormatKind;
import com.duesline.speech.PromptCache;
import com.duesline.speech.PromptWarmer;
import com.duesline.speech.SpeechSettings;
import com.duesline.speech.Synthesizer;
import com.duesline.speech.TrackPromptSource;
import com.duesline.telephony.local.LocalCarrier;
import com.duesline.telephony.local.LocalCarrierOptions;
import com.duesline.telephony.local.Persona;
import com.duesline.telephony.local.PersonaLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The engine on a fresh embedded store with the sample estate, and the answering personas calling
 * in through the local carrier on a Vert.x of their own (so their threads' CPU can be told apart):
 * what {@code bench calls} and {@code bench soak} drive.
 */
final class SimulatedCalls implements AutoCloseable {
  final DueslineConfig config;
  final Engine engine;
  final Vertx callerVertx;
  final LocalCarrier carrier;
  final CallRuntime runtime;
  final List<DemoCalls.Target> targets;

  /** The threads the simulated callers added (their event loops, workers and voices). */
  final Set<Long> callerThreads;

  /** The simulated callers' voices (a prompt cache of its own, bounded like the engine's). */
  final PromptCache callerVoices;

  /** The tracks' fixed sentences warmed into a fresh prompt cache, or null (the usual cache). */
  final PromptWarmer.Warmed warmed;

  private SimulatedCalls(
      DueslineConfig config,
      Engine engine,
      Vertx callerVertx,
      LocalCarrier carrier,
      CallRuntime runtime,
      List<DemoCalls.Target> targets,
      Set<Long> callerThreads,
      PromptCache callerVoices,
      PromptWarmer.Warmed warmed) {
    this.config = config;
    this.engine = engine;
    this.callerVertx = callerVertx;
    this.carrier = carrier;
    this.runtime = runtime;
    this.targets = targets;
    this.callerThreads = callerThreads;
    this.callerVoices = callerVoices;
    this.warmed = warmed;
  }

  /**
   * Starts it all with up to {@code calls} English accounts in arrears as the callers' numbers.
   *
   * @param freshPrompts the engine's prompt cache starts empty but for the talk tracks' fixed
   *     sentences (warmed first, as a deployment's {@code tts warm --tracks} does), so every
   *     sentence with an account's values is rendered during the run, as for a real estate, whose
   *     accounts are each called once; false: the usual cache, which holds the sample accounts'
   *     sentences from earlier runs
   */
  static SimulatedCalls start(DueslineConfig base, int calls, boolean freshPrompts)
      throws Exception {
    Path dir = Files.createTempDirectory("duesline-bench-calls");
    DueslineConfig config =
        base.with("store.data-dir", dir.toString()).with("carrier.local.ring-ms", "500");
    PromptWarmer.Warmed warmed = null;
    if (freshPrompts) {
      config = config.with("speech.prompts-dir", dir.resolve("prompts").toString());
      warmed =
          PromptWarmer.warm(
              TrackPromptSource.installed(config),
              List.of(AudioFormatKind.MULAW8K),
              SpeechSettings.from(config));
    }
    Engine engine = Engine.create(config);
    DemoCommand.loadSampleIfEmpty(engine.database());
    engine.start(0).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    List<Persona> answering =
        PersonaLoader.loadDirectory(LibraryLocation.resolve(null).resolve("personas")).stream()
            .filter(p -> p.line() == Persona.Line.ANSWERS)
            .toList();
    List<AccountView> accounts =
        new ArrearsQuery(engine.database())
            .all().stream()
                .filter(
                    a ->
                        a.inArrears()
                            && "en".equals(a.language())
                            && a.phoneId() != null
                            && "ok".equals(a.phoneStatus()))
                .sorted(Comparator.comparing(AccountView::unit))
                .limit(calls)
                .toList();
    List<DemoCalls.Target> targets = DemoCalls.pair(engine.database(), accounts, answering);
    Set<Long> before = threadIds();
    Vertx callerVertx =
        Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(2));
    // The callers' voices keep the usual cache: they are the bench's set-up, not the engine's work.
    SpeechSettings speech = SpeechSettings.from(base);
    PromptCache voices =
        PromptCache.of(
            speech,
            new Synthesizer(speech.voice(), new SimpleMeterRegistry()),
            new SimpleMeterRegistry());
    LocalCarrier carrier =
        LocalCarrier.start(
                callerVertx,
                new LocalCarrierOptions(
                    "AC" + HexFormat.of().formatHex(random(16)),
                    HexFormat.of().formatHex(random(16)),
                    0,
                    "http://127.0.0.1:" + engine.port(),
                    config.getInt("carrier.local.ring-ms"),
                    1200,
                    targets.stream().map(DemoCalls.Target::persona).toList(),
                    (text, fx) -> voices.get(text, fx, AudioFormatKind.MULAW8K).data(),
                    CallRuntime.recordingsDir(config)))
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.MINUTES);
    Set<Long> callerThreads = threadIds();
    callerThreads.removeAll(before);
    CallRuntime runtime = CallRuntime.attach(engine, carrier);
    engine
        .vertx()
        .runOnContext(
            v -> runtime.desk().signIn(HandoffDesk.AUTO_PREFIX + "agent", "sip:agent@pbx.bench"));
    return new SimulatedCalls(
        config, engine, callerVertx, carrier, runtime, targets, callerThreads, voices, warmed);
  }

  @Override
  public void close() throws Exception {
    try {
      runtime.close();
      carrier.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      callerVertx.close();
    } finally {
      engine.close();
    }
  }

  private static Set<Long> threadIds() {
    Set<Long> ids = new HashSet<>();
    for (Thread t : Thread.getAllStackTraces().keySet()) ids.add(t.getId());
    return ids;
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }
}
