package com.duesline.telephony.local;

import com.duesline.telephony.carrier.PhoneMask;
import com.duesline.telephony.twilio.TwilioSettings;
import com.twilio.http.TwilioRestClient;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A carrier on loopback that speaks Twilio's REST subset (Calls create/update/fetch, Messages
 * create), calls the engine's webhooks signed with the auth token, and streams personas' audio over
 * Media Streams. The Twilio SDK reaches it through {@link LocalApiHttpClient}.
 */
public final class LocalCarrier {
  private static final Logger log = LoggerFactory.getLogger(LocalCarrier.class);
  private static final String API = "/2010-04-01/Accounts/:account";
  private static final long FINISHED_CALL_RETENTION_MILLIS = 15 * 60 * 1000;
  private final Vertx vertx;
  private final LocalCarrierOptions options;
  private final Map<String, Persona> phones;
  private final WebhookSigner signer;
  private final WebClient http;
  private final WebSocketClient webSockets;
  private final FrameTimings frameTimings = new FrameTimings();
  private final Map<String, SimulatedCall> calls = new ConcurrentHashMap<>();
  private final List<SmsRecord> messages = new CopyOnWriteArrayList<>();
  private final Map<String, Integer> activeCalls = new ConcurrentHashMap<>();
  private Context context;
  private final List<Context> callContexts = new ArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger nextContext =
      new java.util.concurrent.atomic.AtomicInteger();
  private HttpServer server;
  private final CallerTurns callerTurns = new CallerTurns();
  private final Map<String, Map<String, String>> promptNotes = new ConcurrentHashMap<>();
  private String deploymentId;

  private LocalCarrier(Vertx vertx, LocalCarrierOptions options) {
    this.vertx = vertx;
    this.options = options;
    this.phones =
        options.personas().stream()
            .collect(Collectors.toUnmodifiableMap(Persona::number, Function.identity()));
    this.signer = new WebhookSigner(options.authToken());
    this.http = WebClient.create(vertx, new WebClientOptions().setKeepAlive(true));
    this.webSockets =
        vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(1000));
  }

  /** Starts the REST API on 127.0.0.1 ({@code options.port()}, 0 for any free port). */
  public static Future<LocalCarrier> start(Vertx vertx, LocalCarrierOptions options) {
    LocalCarrier carrier = new LocalCarrier(vertx, options);
    // Calls are spread over one event loop per core, so 20 ms clocks of many calls do not queue
    // behind each other.
    int loops = Math.max(2, Runtime.getRuntime().availableProcessors());
    return vertx
        .deployVerticle(() -> new CallLoop(carrier), new DeploymentOptions().setInstances(loops))
        .compose(
            id -> {
              carrier.deploymentId = id;
              Context ctx = carrier.callContexts.get(0);
              carrier.context = ctx;
              return Future.<LocalCarrier>future(
                  p -> ctx.runOnContext(v -> carrier.listen().onComplete(p)));
            })
        .compose(c -> c.prerender().map(c));
  }

  /**
   * Renders every line the personas may say before any call, so a simulated caller speaks at once
   * (as a person does) instead of waiting for synthesis on a loaded machine, and a benchmark
   * measures the engine, not the callers' voices. The voice's own cache keeps the audio.
   */
  private Future<Void> prerender() {
    java.util.Set<java.util.Map.Entry<String, String>> lines = new java.util.LinkedHashSet<>();
    for (Persona p : options.personas()) {
      List<String> said = new ArrayList<>();
      if (!p.greeting().isEmpty()) said.add(p.greeting());
      for (List<Persona.Reply> replies : p.replies().values())
        for (Persona.Reply r : replies) said.add(r.say());
      for (String line : said)
        for (String part : Persona.segments(line))
          lines.add(java.util.Map.entry(part, p.voiceEffects()));
    }
    long t0 = System.nanoTime();
    List<Future<byte[]>> jobs = new ArrayList<>();
    for (var line : lines)
      jobs.add(
          vertx.executeBlocking(
              () -> options.voice().speakMulaw8k(line.getKey(), line.getValue()), false));
    return Future.join(jobs)
        .map(
            x -> {
              log.info(
                  "local carrier: {} persona lines ready in {} ms",
                  lines.size(),
                  (System.nanoTime() - t0) / 1_000_000);
              return (Void) null;
            })
        .recover(
            e -> {
              // A line that cannot be rendered now fails again when said, where the call shows it.
              log.warn(
                  "local carrier: some persona lines could not be pre-rendered: {}", e.toString());
              return Future.succeededFuture();
            });
  }

  /** Only there to own an event-loop context that calls are run on. */
  private static final class CallLoop extends AbstractVerticle {
    private final LocalCarrier carrier;

    CallLoop(LocalCarrier carrier) {
      this.carrier = carrier;
    }

    @Override
    public void start() {
      synchronized (carrier.callContexts) {
        carrier.callContexts.add(context);
      }
    }
  }

  private Future<LocalCarrier> listen() {
    Router router = Router.router(vertx);
    router.route("/2010-04-01/*").handler(BodyHandler.create(false).setBodyLimit(256 * 1024));
    router.route("/2010-04-01/*").handler(this::authenticate);
    router.post(API + "/Calls.json").handler(this::createCall);
    router.post(API + "/Calls/:sid.json").handler(this::updateCall);
    router.get(API + "/Calls/:sid.json").handler(this::fetchCall);
    router.get(API + "/Calls.json").handler(this::listCalls);
    router.post(API + "/Messages.json").handler(this::createMessage);
    router.get(API + "/Recordings/:file").handler(this::fetchRecording);
    router
        .route()
        .last()
        .handler(
            ctx ->
                error(
                    ctx,
                    404,
                    20404,
                    "The requested resource " + ctx.request().path() + " was not found"));
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(options.port(), "127.0.0.1")
        .map(
            s -> {
              server = s;
              log.info(
                  "local carrier listening on 127.0.0.1:{} with {} personas",
                  s.actualPort(),
                  phones.size());
              return this;
            });
  }

  /** The port the REST API listens on. */
  public int port() {
    return server.actualPort();
  }

  /** The REST base URL, e.g. {@code http://127.0.0.1:43121}. */
  public String apiBaseUrl() {
    return "http://127.0.0.1:" + port();
  }

  /** A Twilio SDK client that talks to this carrier; the code using it is the production code. */
  public TwilioRestClient restClient() {
    return new TwilioRestClient.Builder(options.accountSid(), options.authToken())
        .httpClient(new LocalApiHttpClient(apiBaseUrl()))
        .build();
  }

  /**
   * The Twilio account the SDK must use to reach this carrier (made up when it started), with the
   * engine URL it calls back and {@code callsPerSecond}.
   */
  public TwilioSettings twilioSettings(double callsPerSecond) {
    return new TwilioSettings(
        options.accountSid(), options.authToken(), options.engineUrl(), callsPerSecond);
  }

  /** What happened on the call {@code callSid}, if this carrier carried it. */
  public Optional<CallLog> callLog(String callSid) {
    return Optional.ofNullable(calls.get(callSid)).map(c -> c.callLog);
  }

  /** Every text message carried, both ways, oldest first. */
  public List<SmsRecord> messages() {
    return new ArrayList<>(messages);
  }

  /** The messages delivered to the simulated phone {@code number}. */
  public List<SmsRecord> messagesTo(String number) {
    return messages.stream().filter(m -> m.toPhone() && m.to().equals(number)).toList();
  }

  /** Calls not yet in a final state. */
  public int activeCalls() {
    return activeCalls.size();
  }

  /**
   * The engine's side channel to its simulated callers: the prompt followed by mark {@code mark} on
   * call {@code callSid} is a question of {@code kind} ({@code phase} {@code ask}), a statement
   * ({@code say}) or the goodbye ({@code end}). A real phone hears the words; a persona learns what
   * was asked here, so the marks on the Media Streams socket need not carry it. Without a note a
   * persona reads the mark name ({@link MarkName}: {@code <phase>:<kind>}).
   */
  public void prompted(String callSid, String mark, String phase, String kind) {
    promptNotes
        .computeIfAbsent(callSid, k -> new ConcurrentHashMap<>())
        .put(mark, MarkName.of(phase, kind));
  }

  /**
   * What the mark {@code mark} of call {@code callSid} follows: the engine's note, else the mark's
   * own name.
   */
  MarkName meaningOf(String callSid, String mark) {
    Map<String, String> notes = promptNotes.get(callSid);
    String note = notes == null ? null : notes.get(mark);
    return MarkName.parse(note != null ? note : mark);
  }

  void forgetNotes(String callSid) {
    promptNotes.remove(callSid);
  }

  /** What the simulated callers measured of the engine's turn-taking (all calls so far). */
  public CallerTurns callerTurns() {
    return callerTurns;
  }

  /** Frame punctuality of every stream so far. */
  public FrameTimings frameTimings() {
    return frameTimings;
  }

  /**
   * A simulated phone texts the engine (delivered signed to {@code /twilio/sms}); completes with
   * the message id.
   */
  public Future<String> textFromPhone(String from, String to, String body) {
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    messages.add(new SmsRecord(sid, from, to, body, false, Instant.now()));
    Map<String, String> p = new java.util.LinkedHashMap<>();
    p.put("AccountSid", options.accountSid());
    p.put("ApiVersion", "2010-04-01");
    p.put("Body", body);
    p.put("From", from);
    p.put("MessageSid", sid);
    p.put("NumMedia", "0");
    p.put("NumSegments", "1");
    p.put("SmsSid", sid);
    p.put("SmsStatus", "received");
    p.put("To", to);
    return postSigned(options.engineUrl() + "/twilio/sms", p).map(sid);
  }

  /** Stops listening and ends every live call. */
  public Future<Void> close() {
    return Future.future(
        p ->
            context.runOnContext(
                v -> {
                  calls
                      .values()
                      .forEach(
                          c ->
                              c.onContext(
                                  () ->
                                      c.update(
                                          MultiMap.caseInsensitiveMultiMap()
                                              .add("Status", "completed"))));
                  webSockets.close();
                  http.close();
                  (server == null ? Future.<Void>succeededFuture() : server.close())
                      .compose(
                          x ->
                              deploymentId == null
                                  ? Future.<Void>succeededFuture()
                                  : vertx.undeploy(deploymentId))
                      .onComplete(p);
                }));
  }

  // ---- used by SimulatedCall ----

  Vertx vertx() {
    return vertx;
  }

  LocalCarrierOptions options() {
    return options;
  }

  WebhookSigner signer() {
    return signer;
  }

  WebSocketClient webSockets() {
    return webSockets;
  }

  void callEnded(SimulatedCall call) {
    activeCalls.remove(call.sid);
    // Finished calls stay inspectable for a while (tests, the demo summary), then go, so a long run
    // stays small.
    vertx.setTimer(FINISHED_CALL_RETENTION_MILLIS, id -> calls.remove(call.sid));
  }

  /**
   * POSTs a signed form to the engine and returns the response body; non-2xx is a failure naming
   * the status.
   */
  Future<String> postSigned(String url, Map<String, String> params) {
    MultiMap form = MultiMap.caseInsensitiveMultiMap();
    params.forEach(form::add);
    return http.postAbs(url)
        .putHeader("X-Twilio-Signature", signer.sign(url, params))
        .sendForm(form)
        .compose(
            r ->
                r.statusCode() / 100 == 2
                    ? Future.succeededFuture(r.bodyAsString() == null ? "" : r.bodyAsString())
                    : Future.failedFuture("HTTP " + r.statusCode() + " from " + url));
  }

  /**
   * Stores a finished call's recording under the recordings directory and reports it the way Twilio
   * does: a signed recording status callback with its id, URL, duration and channel count.
   */
  void recordingDone(SimulatedCall call, CallRecording recording, String callbackUrl) {
    String sid = "RE" + UUID.randomUUID().toString().replace("-", "");
    Path file = options.recordingsDir().resolve(sid + ".wav");
    vertx
        .<Void>executeBlocking(
            () -> {
              Files.createDirectories(file.getParent());
              Files.write(file, recording.wav());
              return null;
            },
            false)
        .onFailure(
            e ->
                log.warn(
                    "call {}: recording not written to {}: {}", call.sid, file, e.getMessage()))
        .onSuccess(
            v -> {
              call.callLog.add(CallLog.Kind.RECORDED, sid);
              if (callbackUrl == null) return;
              Map<String, String> p = new java.util.LinkedHashMap<>();
              p.put("AccountSid", options.accountSid());
              p.put("CallSid", call.sid);
              p.put("RecordingChannels", "2");
              p.put("RecordingDuration", String.valueOf(Math.round(recording.millis() / 1000.0)));
              p.put("RecordingSid", sid);
              p.put("RecordingSource", "OutboundAPI");
              p.put("RecordingStatus", "completed");
              p.put(
                  "RecordingUrl",
                  apiBaseUrl()
                      + "/2010-04-01/Accounts/"
                      + options.accountSid()
                      + "/Recordings/"
                      + sid);
              postSigned(callbackUrl, p)
                  .onFailure(
                      e ->
                          log.warn(
                              "call {}: recording callback failed: {}", call.sid, e.getMessage()));
            });
  }

  // ---- REST API ----

  /** A recording's audio ({@code RE....wav}), as Twilio serves it. */
  private void fetchRecording(RoutingContext ctx) {
    String file = ctx.pathParam("file");
    String sid = file.endsWith(".wav") ? file.substring(0, file.length() - 4) : file;
    if (!sid.matches("RE[0-9a-f]{32}")) {
      error(ctx, 404, 20404, "Recording " + file + " was not found");
      return;
    }
    Path path = options.recordingsDir().resolve(sid + ".wav");
    vertx
        .fileSystem()
        .exists(path.toString())
        .onComplete(
            ar -> {
              if (ar.succeeded() && ar.result())
                ctx.response().putHeader("Content-Type", "audio/x-wav").sendFile(path.toString());
              else error(ctx, 404, 20404, "Recording " + sid + " was not found");
            });
  }

  private void authenticate(RoutingContext ctx) {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (options.accountSid() + ":" + options.authToken())
                        .getBytes(StandardCharsets.UTF_8));
    String account =
        ctx.request().path().split("/").length > 3 ? ctx.request().path().split("/")[3] : "";
    if (!expected.equals(ctx.request().getHeader("Authorization"))
        || !account.equals(options.accountSid())) {
      error(ctx, 401, 20003, "Authenticate");
      return;
    }
    ctx.next();
  }

  private void createCall(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    for (String required : List.of("To", "From")) {
      if (!form.contains(required)) {
        error(ctx, 400, 21201, "Required parameter " + required + " missing.");
        return;
      }
    }
    if (!form.contains("Url") && !form.contains("Twiml")) {
      error(ctx, 400, 21205, "Either Url or Twiml is required.");
      return;
    }
    Context callContext =
        callContexts.get(Math.floorMod(nextContext.getAndIncrement(), callContexts.size()));
    SimulatedCall call =
        new SimulatedCall(
            this,
            callContext,
            phones.get(form.get("To")),
            MultiMap.caseInsensitiveMultiMap().addAll(form));
    calls.put(call.sid, call);
    activeCalls.put(call.sid, 1);
    log.info("call {} to {} created", call.sid, PhoneMask.mask(call.to));
    ctx.response()
        .setStatusCode(201)
        .putHeader("Content-Type", "application/json")
        .end(call.toJson().encode());
    call.onContext(call::begin);
  }

  private void updateCall(RoutingContext ctx) {
    SimulatedCall call = calls.get(ctx.pathParam("sid"));
    if (call == null) {
      error(ctx, 404, 20404, "Call " + ctx.pathParam("sid") + " was not found");
      return;
    }
    MultiMap form = MultiMap.caseInsensitiveMultiMap().addAll(ctx.request().formAttributes());
    call.onContext(
        () ->
            call.update(form)
                .onSuccess(
                    v ->
                        ctx.response()
                            .putHeader("Content-Type", "application/json")
                            .end(call.toJson().encode()))
                .onFailure(
                    e ->
                        error(
                            ctx,
                            400,
                            21220,
                            "Call is not in-progress or the update is invalid: "
                                + e.getMessage())));
  }

  private void fetchCall(RoutingContext ctx) {
    SimulatedCall call = calls.get(ctx.pathParam("sid"));
    if (call == null) error(ctx, 404, 20404, "Call " + ctx.pathParam("sid") + " was not found");
    else ctx.response().putHeader("Content-Type", "application/json").end(call.toJson().encode());
  }

  /**
   * The Call list, filtered by {@code To} (newest first, as Twilio lists); one page holds them all.
   */
  private void listCalls(RoutingContext ctx) {
    String to = ctx.request().getParam("To");
    io.vertx.core.json.JsonArray list = new io.vertx.core.json.JsonArray();
    calls.values().stream()
        .filter(c -> to == null || to.equals(c.to))
        .sorted(java.util.Comparator.comparing((SimulatedCall c) -> c.created).reversed())
        .forEach(c -> list.add(c.toJson()));
    String uri = "/2010-04-01/Accounts/" + options.accountSid() + "/Calls.json";
    JsonObject page =
        new JsonObject()
            .put("calls", list)
            .put("uri", uri)
            .put("first_page_uri", uri)
            .put("next_page_uri", (String) null)
            .put("previous_page_uri", (String) null)
            .put("page", 0)
            .put("page_size", Math.max(50, list.size()))
            .put("start", 0)
            .put("end", Math.max(0, list.size() - 1));
    ctx.response().putHeader("Content-Type", "application/json").end(page.encode());
  }

  private void createMessage(RoutingContext ctx) {
    MultiMap form = ctx.request().formAttributes();
    String to = form.get("To");
    String from = form.get("From");
    String body = form.get("Body");
    if (to == null || from == null || body == null || body.isEmpty()) {
      error(ctx, 400, 21602, "To, From and Body are required.");
      return;
    }
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    messages.add(new SmsRecord(sid, from, to, body, true, Instant.now()));
    JsonObject json =
        new JsonObject()
            .put("sid", sid)
            .put("account_sid", options.accountSid())
            .put("to", to)
            .put("from", from)
            .put("body", body)
            .put("status", "queued")
            .put("direction", "outbound-api")
            .put("num_segments", "1")
            .put("num_media", "0")
            .put("api_version", "2010-04-01")
            .put(
                "uri",
                "/2010-04-01/Accounts/" + options.accountSid() + "/Messages/" + sid + ".json");
    ctx.response()
        .setStatusCode(201)
        .putHeader("Content-Type", "application/json")
        .end(json.encode());
    deliver(sid, from, to, form.get("StatusCallback"));
  }

  /**
   * Reports sent then delivered (or undelivered for a number no persona owns), then lets the
   * persona reply.
   */
  private void deliver(String sid, String from, String to, String statusCallback) {
    Persona persona = phones.get(to);
    boolean reachable = persona != null && persona.line() != Persona.Line.FAILS;
    smsStatus(statusCallback, sid, from, to, "sent", "")
        .compose(
            v ->
                smsStatus(
                    statusCallback,
                    sid,
                    from,
                    to,
                    reachable ? "delivered" : "undelivered",
                    reachable ? "" : "30003"))
        .onComplete(
            v -> {
              if (reachable && !persona.smsReply().isEmpty()) {
                vertx.setTimer(
                    200,
                    id ->
                        textFromPhone(to, from, persona.smsReply())
                            .onFailure(
                                e ->
                                    log.warn(
                                        "persona {} SMS reply not delivered: {}",
                                        persona.id(),
                                        e.getMessage())));
              }
            });
  }

  private Future<Void> smsStatus(
      String url, String sid, String from, String to, String status, String errorCode) {
    if (url == null) return Future.succeededFuture();
    Map<String, String> p = new java.util.LinkedHashMap<>();
    p.put("AccountSid", options.accountSid());
    p.put("ApiVersion", "2010-04-01");
    if (!errorCode.isEmpty()) p.put("ErrorCode", errorCode);
    p.put("From", from);
    p.put("MessageSid", sid);
    p.put("MessageStatus", status);
    p.put("SmsSid", sid);
    p.put("SmsStatus", status);
    p.put("To", to);
    return postSigned(url, p)
        .<Void>mapEmpty()
        .recover(
            e -> {
              log.warn("SMS status callback for {} failed: {}", sid, e.getMessage());
              return Future.succeededFuture();
            });
  }

  private static void error(RoutingContext ctx, int status, int code, String message) {
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(
            new JsonObject()
                .put("code", code)
                .put("message", message)
                .put("more_info", "https://www.twilio.com/docs/errors/" + code)
                .put("status", status)
                .encode());
  }
}
