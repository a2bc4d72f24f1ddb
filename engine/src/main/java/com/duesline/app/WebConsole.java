package com.duesline.app;

import com.duesline.call.CallRuntime;
import com.duesline.campaign.CampaignRoutes;
import com.duesline.dashboard.DashboardRoutes;
import com.duesline.handoff.AgentRoutes;
import com.duesline.live.LiveBoard;
import com.duesline.live.LiveStream;
import com.duesline.payments.PaymentRoutes;
import com.duesline.payments.Payments;
import com.duesline.payments.PromiseSchedule;
import com.duesline.playground.PlaygroundRoutes;
import com.duesline.qa.CallQa;
import com.duesline.qa.QaChecker;
import com.duesline.qa.QaRoutes;
import com.duesline.qa.QaRules;
import com.duesline.qa.QaStore;
import com.duesline.qa.RecordingQa;
import com.duesline.speech.Transcriber;
import com.duesline.web.Access;
import com.duesline.web.StaticAssets;
import com.duesline.web.Users;
import io.vertx.ext.web.Router;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the browser pages on an engine: sign-in and the supervisor page before it listens, then,
 * once the call runtime exists, the live board, its event stream and the agent console.
 */
public final class WebConsole {
  private static final Logger LOG = LoggerFactory.getLogger(WebConsole.class);
  private final Engine engine;
  private final Users users;
  private final Payments payments;

  private WebConsole(Engine engine) {
    this.engine = engine;
    this.users = new Users(engine.database());
    this.payments =
        Payments.from(
            engine.config(),
            engine.database(),
            com.duesline.config.Secrets.fromEnvironment(),
            java.time.Clock.systemUTC());
  }

  /**
   * Mounts access control, the supervisor page with its campaign and dashboard APIs; call before
   * the engine starts.
   */
  public static WebConsole beforeStart(Engine engine) {
    WebConsole console = new WebConsole(engine);
    Access.mount(engine, console.users);
    Router router = engine.router();
    StaticAssets.page(router, "/", "index.html");
    CampaignRoutes.mount(engine);
    DashboardRoutes.mount(engine);
    com.duesline.letters.LetterRoutes.mount(engine, console.payments.letterLinks());
    PaymentRoutes.mount(engine, console.payments);
    QaRoutes.mount(engine);
    return console;
  }

  public Users users() {
    return users;
  }

  public Payments payments() {
    return payments;
  }

  /**
   * Mounts what needs the call runtime: the board (watching every call it places), its stream, the
   * agent console, the script playground.
   */
  public LiveBoard withCalls(CallRuntime runtime) {
    LiveBoard board = new LiveBoard(engine.vertx(), runtime.desk());
    engine.cluster().ifPresent(c -> board.origin(c.settings().nodeId()));
    runtime.coordinator().watch(board);
    checkEveryCall(board, runtime);
    LiveStream.mount(engine, board);
    com.duesline.live.ChairRoutes.mount(engine, runtime.coordinator(), users);
    AgentRoutes.mount(engine, runtime.desk(), users, board);
    PlaygroundRoutes.mount(engine, runtime);
    // Messages carry signed pay links, and promises are judged and reminded of with the carrier at
    // hand.
    runtime.coordinator().payLinks(payments.links());
    runtime.coordinator().acknowledgePayments(engine.config().get("calls.payment-notice"));
    PromiseSchedule.start(engine, payments, runtime.carrier(), runtime.tracks());
    RetentionSchedule.start(engine);
    return board;
  }

  /**
   * Every finished call is checked by QA; its verdict goes on the board (failing calls flagged).
   * Calls a stopped engine left unchecked are checked at start. A call a person joined is checked
   * again once its recording arrives, with the person's part transcribed from it.
   */
  private void checkEveryCall(LiveBoard board, CallRuntime runtime) {
    QaStore store = new QaStore(engine.database());
    CallQa qa = new CallQa(engine, new QaChecker(QaRules.bundled(), null), store);
    RecordingQa recordings =
        new RecordingQa(
            engine,
            new Transcriber(
                runtime.voskModel(),
                com.duesline.speech.SpeechSettings.from(engine.config()).cleanup(),
                engine.meterRegistry()),
            runtime.speechWorkers(),
            runtime.carrier()::recording,
            qa,
            store);
    runtime
        .coordinator()
        .afterRecording(
            event ->
                recordings
                    .recorded(event.callSid())
                    .onSuccess(v -> v.ifPresent(board::checked))
                    .onFailure(
                        e ->
                            LOG.warn(
                                "call {}: the recording's QA check failed: {}",
                                event.callSid(),
                                e.getMessage())));
    board.afterEnded(
        (id, call) ->
            qa.check(id)
                .onSuccess(
                    v ->
                        v.ifPresent(
                            verdict ->
                                board.checked(
                                    verdict
                                        .put("unit", call.getString("unit"))
                                        .put("track", call.getString("track"))
                                        .put("phone", call.getString("phone")))))
                .onFailure(e -> LOG.warn("attempt {}: QA check failed: {}", id, e.getMessage())));
    qa.catchUp(1000).onFailure(e -> LOG.warn("QA catch-up failed: {}", e.getMessage()));
  }

  /**
   * Without a call runtime (serve --no-dialer): an empty board, so the supervisor page still loads.
   */
  public LiveBoard withoutCalls() {
    LiveBoard board = new LiveBoard(engine.vertx(), null);
    LiveStream.mount(engine, board);
    return board;
  }
}
