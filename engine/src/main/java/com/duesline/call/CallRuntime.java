package com.duesline.call;

import com.duesline.app.Engine;
import com.duesline.carrier.CarrierSettings;
import com.duesline.config.DueslineConfig;
import com.duesline.config.Secrets;
import com.duesline.handoff.HandoffDesk;
import com.duesline.intent.LuceneIntentClassifier;
import com.duesline.scripts.LibraryLocation;
import com.duesline.scripts.TrackRepository;
import com.duesline.speech.AudioFormatKind;
import com.duesline.speech.PromptCache;
import com.duesline.speech.RecordedVoices;
import com.duesline.speech.SpeechModels;
import com.duesline.speech.SpeechSettings;
import com.duesline.speech.SpeechWorkers;
import com.duesline.speech.Synthesizer;
import com.duesline.telephony.carrier.Carrier;
import com.duesline.telephony.local.LocalCarrier;
import com.duesline.telephony.local.LocalCarrierOptions;
import com.duesline.telephony.local.Persona;
import com.duesline.telephony.local.PersonaVoice;
import com.duesline.telephony.twilio.TelephonyMetrics;
import com.duesline.telephony.twilio.TwilioCarrier;
import com.duesline.telephony.twilio.TwilioSettings;
import com.duesline.telephony.twilio.TwilioWebhooks;
import io.vertx.core.Future;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.vosk.Model;

/**
 * Everything live calls need, built once on a started {@link Engine}: the speech models and prompt
 * cache, the intent matcher, the talk tracks, the carrier (the local carrier with its simulated
 * callers, or Twilio), the signed webhooks and Media Streams socket, the hand-off desk and the
 * {@link CallCoordinator} that places and runs calls.
 */
public final class CallRuntime implements AutoCloseable {
  private final Engine engine;
  private final SpeechWorkers workers;
  private final PromptCache prompts;
  private final TrackRepository tracks;
  private final CallCoordinator coordinator;
  private final HandoffDesk desk;
  private final LocalCarrier localCarrier;
  private final Carrier carrier;
  private final LuceneIntentClassifier classifier;
  private final Model voskModel;
  private final LanguageVoices voices;
  private final UtteranceHearing hearing;

  private CallRuntime(
      Engine engine,
      SpeechWorkers workers,
      PromptCache prompts,
      TrackRepository tracks,
      CallCoordinator coordinator,
      HandoffDesk desk,
      LocalCarrier localCarrier,
      Carrier carrier,
      LuceneIntentClassifier classifier,
      Model voskModel,
      LanguageVoices voices,
      UtteranceHearing hearing) {
    this.voices = voices;
    this.hearing = hearing;
    this.carrier = carrier;
    this.classifier = classifier;
    this.voskModel = voskModel;
    this.engine = engine;
    this.workers = workers;
    this.prompts = prompts;
    this.tracks = tracks;
    this.coordinator = coordinator;
    this.desk = desk;
    this.localCarrier = localCarrier;
  }

  /**
   * Builds the runtime on an engine already listening (its port makes the webhook URLs). With
   * {@code personas} non-null the local carrier runs in-process with them; otherwise the carrier is
   * Twilio, configured from the environment. Blocking (models load): call from a worker or main.
   */
  public static CallRuntime start(Engine engine, List<Persona> personas) throws Exception {
    return start(engine, personas, null, UnaryOperator.identity());
  }

  /**
   * Builds the runtime on a local carrier that is already running (and outlives this runtime, as a
   * real carrier outlives an engine restart): the carrier's engine URL must point at {@code
   * engine}'s port. Closing the runtime leaves the carrier running.
   */
  public static CallRuntime attach(Engine engine, LocalCarrier carrier) throws Exception {
    return start(engine, null, carrier, UnaryOperator.identity());
  }

  /**
   * As {@link #start(Engine, List)}, with the bot's voice wrapped by {@code voice} (tests inject
   * speech faults with it).
   */
  static CallRuntime start(
      Engine engine, List<Persona> personas, LocalCarrier running, UnaryOperator<BotVoice> botVoice)
      throws Exception {
    DueslineConfig config = engine.config();
    SpeechSettings speech = SpeechSettings.from(config);
    SpeechWorkers workers = new SpeechWorkers(speech);
    Model model = SpeechModels.vosk(speech);
    Synthesizer synthesizer = new Synthesizer(speech.voice(), engine.meterRegistry());
    PromptCache prompts = PromptCache.of(speech, synthesizer, engine.meterRegistry());
    LuceneIntentClassifier classifier = LuceneIntentClassifier.fromConfig(config);
    classifier.warmUp();
    TrackRepository tracks = new TrackRepository(trackRoot(config));
    BotVoice cached = text -> prompts.get(text, "", AudioFormatKind.MULAW8K).data();
    // Languages with a recorded voice speak from clips; a language's recognizer is the bundled
    // English model or speech.models.<lang>.
    LanguageVoices voices =
        new LanguageVoices(
            cached,
            RecordedVoices.load(
                config, trackRoot(config), speech.cacheDir(), tracks.library().catalogue()));
    java.util.Map<String, Model> languageModels =
        new java.util.HashMap<>(java.util.Map.of("en", model));
    for (String lang : List.of("zh"))
      RecordedVoices.model(config, lang)
          .ifPresent(
              dir ->
                  languageModels.put(
                      lang,
                      SpeechModels.vosk(
                          new SpeechSettings(
                              speech.workers(),
                              java.util.Optional.of(dir),
                              speech.cacheDir(),
                              speech.voice(),
                              speech.promptCacheBytes(),
                              speech.vad()))));
    String faultText = config.get("calls.fault-message");
    java.util.concurrent.atomic.AtomicReference<LocalCarrier> localRef =
        new java.util.concurrent.atomic.AtomicReference<>(running);
    CallServices services =
        new CallServices(
            engine.vertx(),
            model,
            speech.vad(),
            speech.cleanup(),
            classifier,
            prompts,
            workers.executor(),
            engine.meterRegistry(),
            config.getInt("calls.silence-timeout-ms"),
            config.getDouble("calls.min-asr-confidence"),
            config.getInt("calls.dtmf-gap-ms"),
            config.getInt("calls.max-call-seconds") * 1000L,
            botVoice.apply(voices),
            faultText,
            cached.mulaw(faultText),
            Endpointing.Settings.from(config),
            workers.urgent(),
            config.getBoolean("calls.rehearse") ? workers.background() : null,
            new com.duesline.speech.Prerenderer(
                prompts, workers.background(), engine.meterRegistry()),
            (sid, mark, phase, kind) -> {
              LocalCarrier l = localRef.get();
              if (l != null) l.prompted(sid, mark, phase, kind);
            },
            languageModels);
    // Filled once the carrier is up: the simulated callers learn what each prompt asks through it.
    HandoffDesk desk = new HandoffDesk(engine.vertx(), config.getInt("calls.handoff-max-wait-ms"));
    TelephonyMetrics metrics = new TelephonyMetrics(engine.meterRegistry());
    String engineUrl = "http://127.0.0.1:" + engine.port();

    LocalCarrier local = null;
    TwilioSettings settings;
    Carrier carrier;
    String sharedLocal =
        config.get("carrier.kind").equals("local") ? config.get("carrier.local.url").trim() : "";
    if (running != null) {
      settings = running.twilioSettings(config.getDouble("carrier.cps"));
      carrier = new TwilioCarrier(engine.vertx(), running.restClient(), settings, metrics);
    } else if (!sharedLocal.isEmpty()) {
      // A local carrier of its own process, shared by the nodes of a cluster: each node's calls
      // point their
      // webhooks and media stream at that node (the owner), as with Twilio.
      var shared =
          CarrierSettings.resolve(config, Secrets.fromEnvironment(), System::getenv).twilio();
      settings =
          new TwilioSettings(
              shared.accountSid(), shared.authToken(), engineUrl, config.getDouble("carrier.cps"));
      carrier =
          new TwilioCarrier(
              engine.vertx(),
              new com.twilio.http.TwilioRestClient.Builder(shared.accountSid(), shared.authToken())
                  .httpClient(new com.duesline.telephony.local.LocalApiHttpClient(sharedLocal))
                  .build(),
              settings,
              metrics);
    } else if (personas != null) {
      // The local carrier's credentials exist only inside this process: made up fresh, never
      // configured.
      String sid = "AC" + HexFormat.of().formatHex(random(16));
      String token = HexFormat.of().formatHex(random(16));
      settings = new TwilioSettings(sid, token, engineUrl, config.getDouble("carrier.cps"));
      PersonaVoice voice =
          (text, effects) -> prompts.get(text, effects, AudioFormatKind.MULAW8K).data();
      local =
          await(
              LocalCarrier.start(
                  engine.vertx(),
                  new LocalCarrierOptions(
                      sid,
                      token,
                      0,
                      engineUrl,
                      config.getInt("carrier.local.ring-ms"),
                      1200,
                      personas,
                      voice,
                      recordingsDir(config))));
      localRef.set(local);
      carrier = new TwilioCarrier(engine.vertx(), local.restClient(), settings, metrics);
    } else {
      settings =
          CarrierSettings.resolve(config, Secrets.fromEnvironment(), System::getenv).twilio();
      carrier =
          new TwilioCarrier(
              engine.vertx(), TwilioCarrier.productionClient(settings), settings, metrics);
    }
    CallJournal journal = new CallJournal(engine.database());
    java.util.function.Function<String, String> questionKinds = QuestionKinds.shipped()::kindOf;
    String carrierName =
        personas != null || running != null || !sharedLocal.isEmpty() ? "local" : "twilio";
    CallCoordinator coordinator =
        new CallCoordinator(
            engine.vertx(),
            carrier,
            carrierName,
            config.get("carrier.caller-id"),
            services,
            journal,
            desk,
            questionKinds,
            settings.url(VoicemailAudio.PATH),
            tracks,
            config.get("calls.callback-message"),
            config.getInt("calls.callback-after-minutes"),
            config.getInt("calls.render-ahead-steps"));
    // In a cluster a webhook may reach any node: it is stored once and handled by the node that
    // owns the call.
    com.duesline.telephony.carrier.CarrierListener webhooks =
        engine
            .cluster()
            .<com.duesline.telephony.carrier.CarrierListener>map(
                c ->
                    new CarrierEventRouter(
                        engine.vertx(),
                        new CarrierEventStore(engine.database()),
                        c.settings().nodeId(),
                        coordinator))
            .orElse(coordinator);
    new TwilioWebhooks(settings, webhooks, metrics, carrier).mount(engine.router());
    VoicemailAudio.mount(engine, coordinator, prompts);
    RecordingRoutes.mount(engine, journal, carrier);
    // Before any new call: settle the calls a stopped engine left open (the webhooks are up, so a
    // hang-up's status callback finds a listener).
    new CallReconciler(journal, carrier, carrierName).run();
    return new CallRuntime(
        engine,
        workers,
        prompts,
        tracks,
        coordinator,
        desk,
        local,
        carrier,
        classifier,
        model,
        voices,
        UtteranceHearing.of(services, questionKinds));
  }

  /**
   * Where the local carrier writes call recordings: {@code recordings/} under the data directory.
   */
  public static Path recordingsDir(DueslineConfig config) {
    return Path.of(config.get("store.data-dir")).toAbsolutePath().resolve("recordings");
  }

  private static Path trackRoot(DueslineConfig config) {
    return LibraryLocation.resolve(
        config.optional("tracks.library-dir").map(Path::of).orElse(null));
  }

  public CallCoordinator coordinator() {
    return coordinator;
  }

  /** The carrier calls and messages go through. */
  public Carrier carrier() {
    return carrier;
  }

  public HandoffDesk desk() {
    return desk;
  }

  public TrackRepository tracks() {
    return tracks;
  }

  public PromptCache prompts() {
    return prompts;
  }

  /** The intent matcher the calls use (shared: the script playground explains its answers). */
  public LuceneIntentClassifier classifier() {
    return classifier;
  }

  /**
   * Whether calls in {@code lang} have a voice: MaryTTS for English, a recorded voice with clips
   * for others.
   */
  public boolean speaks(String lang) {
    return voices.speaks(lang);
  }

  /** How a live call hears an answer, for hearing one outside a call (the script playground). */
  public UtteranceHearing hearing() {
    return hearing;
  }

  /** The loaded Vosk model (shared by every recognizer). */
  public Model voskModel() {
    return voskModel;
  }

  /** The pool that runs recognition and synthesis. */
  public SpeechWorkers speechWorkers() {
    return workers;
  }

  /** The in-process local carrier, when that is the carrier. */
  public Optional<LocalCarrier> localCarrier() {
    return Optional.ofNullable(localCarrier);
  }

  @Override
  public void close() {
    coordinator.close();
    if (localCarrier != null) {
      try {
        await(localCarrier.close());
      } catch (Exception e) {
        // Closing is best effort: the engine's Vert.x closes the carrier's sockets anyway.
      }
    }
    workers.close();
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage()
        .toCompletableFuture()
        .get(60, java.util.concurrent.TimeUnit.SECONDS);
  }
}
