package com.duesline.playground;

import com.duesline.app.Engine;
import com.duesline.call.Endpointing;
import com.duesline.call.QuestionKinds;
import com.duesline.call.UtteranceHearing;
import com.duesline.config.DueslineConfig;
import com.duesline.intent.LuceneIntentClassifier;
import com.duesline.scripts.TrackRepository;
import com.duesline.speech.PromptCache;
import com.duesline.speech.SpeechModels;
import com.duesline.speech.SpeechSettings;
import com.duesline.speech.SpeechWorkers;
import com.duesline.speech.Synthesizer;
import com.duesline.speech.VoskRecognizer;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import com.duesline.web.Role;
import com.duesline.web.Viewer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.vosk.Model;

/**
 * A real engine with the playground mounted over the real parts (Lucene classifier, Vosk, MaryTTS,
 * prompt cache) on a scratch copy of the library that a test may edit. Models load once per JVM.
 */
final class PlaygroundFixture implements AutoCloseable {
  static final Path SHIPPED = Path.of("..", "scripts-library", "library");

  /** Loaded once per test JVM: indexing, Vosk and MaryTTS take seconds each. */
  static final class Models {
    static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();
    static final SpeechSettings SETTINGS = speechSettings();
    static final LuceneIntentClassifier CLASSIFIER = LuceneIntentClassifier.fromLibrary();
    static final Synthesizer SYNTH = new Synthesizer("cmu-slt-hsmm", REGISTRY);
    static final Model VOSK = SpeechModels.vosk(SETTINGS);
    static final PromptCache PROMPTS = PromptCache.of(SETTINGS, SYNTH, REGISTRY);
    static final SpeechWorkers WORKERS = new SpeechWorkers(2);

    private static SpeechSettings speechSettings() {
      SpeechSettings s = SpeechSettings.defaults();
      return new SpeechSettings(
          s.workers(),
          s.voskModel(),
          Path.of("target", "speech-cache").toAbsolutePath(),
          s.voice(),
          s.promptCacheBytes(),
          s.vad());
    }
  }

  final Path library;
  final Database db;
  final Engine engine;
  final Playground playground;
  final int port;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  PlaygroundFixture(Path scratch) throws Exception {
    library = copy(scratch);
    db = TestDatabase.fresh();
    engine = Engine.create(DueslineConfig.load(null, k -> null), db);
    PlaygroundSessions sessions =
        new PlaygroundSessions(Duration.ofMinutes(30), 20, System::nanoTime);
    DueslineConfig config = engine.config();
    SpeechSettings speech = SpeechSettings.from(config);
    UtteranceHearing hearing =
        new UtteranceHearing(
            lang ->
                "en".equals(lang)
                    ? VoskRecognizer.factory(Models.VOSK, speech.vad(), Models.REGISTRY)
                    : null,
            Models.CLASSIFIER,
            config.getDouble("calls.min-asr-confidence"),
            speech.vad(),
            speech.cleanup(),
            Endpointing.Settings.from(config),
            Models.WORKERS.executor(),
            Models.WORKERS.urgent(),
            QuestionKinds.shipped()::kindOf);
    playground =
        new Playground(
            Models.CLASSIFIER, new TrackRepository(library), Models.PROMPTS, hearing, sessions);
    // The access layer is the lead's; here a script writer is put on every request by hand.
    engine
        .router()
        .route()
        .order(-1000)
        .handler(
            ctx -> {
              ctx.put(Viewer.KEY, new Viewer("writer", Role.SCRIPT_WRITER));
              ctx.next();
            });
    PlaygroundRoutes.mount(engine, playground, Models.WORKERS.executor());
    port = engine.start(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  String url(String path) {
    return "http://localhost:" + port + path;
  }

  /** A response: status, content type and body. */
  record Reply(int status, String type, byte[] body) {
    JsonObject json() {
      return new JsonObject(new String(body, StandardCharsets.UTF_8));
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  Reply get(String path) throws Exception {
    return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
  }

  Reply post(String path, JsonObject body) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(url(path)))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.encode())));
  }

  Reply postBytes(String path, String contentType, byte[] body) throws Exception {
    return send(
        HttpRequest.newBuilder(URI.create(url(path)))
            .header("content-type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
  }

  private Reply send(HttpRequest.Builder b) throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            b.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(r.statusCode(), r.headers().firstValue("content-type").orElse(""), r.body());
  }

  /** Replaces the one occurrence of {@code from} in a library file. */
  void edit(String file, String from, String to) throws IOException {
    Path p = library.resolve(file);
    String text = Files.readString(p, StandardCharsets.UTF_8);
    int at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0)
      throw new AssertionError("'" + from + "' is not in " + file + " exactly once");
    Files.writeString(p, text.replace(from, to), StandardCharsets.UTF_8);
  }

  /** The 1-based line on which {@code text} first appears in a library file. */
  int lineOf(String file, String text) throws IOException {
    var lines = Files.readAllLines(library.resolve(file), StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(text)) return i + 1;
    throw new AssertionError(text + " not in " + file);
  }

  private static Path copy(Path tmp) {
    try (Stream<Path> s = Files.walk(SHIPPED)) {
      for (Path p : s.toList()) {
        Path target = tmp.resolve(SHIPPED.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(target);
        else Files.copy(p, target);
      }
      return tmp;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    engine.close();
    db.close();
  }
}
