package com.duesline.telephony.twilio;

import com.duesline.telephony.local.LocalCarrier;
import com.duesline.telephony.local.LocalCarrierOptions;
import com.duesline.telephony.local.Persona;
import com.duesline.telephony.local.PersonaLoader;
import com.duesline.telephony.local.ToneVoice;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One engine stand-in and one local carrier per test JVM: the production adapter ({@link
 * TwilioCarrier} + {@link TwilioWebhooks}) on a real HTTP server, the real Twilio SDK pointed at
 * the local carrier, and the shipped persona files.
 */
final class Harness {
  static final String ACCOUNT = "AC00000000000000000000000000000001";
  static final String TOKEN = "test-auth-token-not-a-secret";
  static final String CALLER_ID = "+15550100000";
  private static Harness instance;

  final Vertx vertx = Vertx.vertx();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final TelephonyMetrics metrics = new TelephonyMetrics(registry);
  final RecordingListener listener = new RecordingListener();

  /**
   * Held for the JVM: Vert.x closes a client nobody references when the garbage collector finds it,
   * and a client created per connect was sometimes collected mid-handshake on a loaded machine
   * ("Connection evicted").
   */
  final WebSocketClient webSockets = vertx.createWebSocketClient();

  final List<Persona> personas =
      PersonaLoader.loadDirectory(Path.of("../scripts-library/library/personas"));
  final HttpServer engine;
  final TwilioSettings settings;
  final LocalCarrier local;
  final TwilioCarrier carrier;

  private Harness() throws Exception {
    Router router = Router.router(vertx);
    engine =
        vertx
            .createHttpServer()
            .requestHandler(router)
            .listen(0, "127.0.0.1")
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    String publicUrl = "http://127.0.0.1:" + engine.actualPort();
    settings = new TwilioSettings(ACCOUNT, TOKEN, publicUrl, 20);
    local =
        LocalCarrier.start(
                vertx,
                new LocalCarrierOptions(
                    ACCOUNT, TOKEN, 0, publicUrl, 100, 300, personas, new ToneVoice(120)))
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    carrier = new TwilioCarrier(vertx, local.restClient(), settings, metrics);
    new TwilioWebhooks(settings, listener, metrics, carrier).mount(router);
  }

  static synchronized Harness get() throws Exception {
    if (instance == null) instance = new Harness();
    return instance;
  }

  Persona persona(String id) {
    return personas.stream()
        .filter(p -> p.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no persona " + id));
  }

  double counter(String name, String... tags) {
    var c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }
}
