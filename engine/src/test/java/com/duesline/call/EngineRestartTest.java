package com.duesline.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.app.DemoCommand;
import com.duesline.app.Engine;
import com.duesline.call.CallCoordinator.DialRequest;
import com.duesline.call.CallJournal.Party;
import com.duesline.config.DueslineConfig;
import com.duesline.conversation.AccountVariables;
import com.duesline.ledger.AccountView;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.speech.AudioFormatKind;
import com.duesline.speech.PromptCache;
import com.duesline.speech.SpeechSettings;
import com.duesline.speech.Synthesizer;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import com.duesline.telephony.carrier.CallStatus;
import com.duesline.telephony.local.CallLog;
import com.duesline.telephony.local.LocalCarrier;
import com.duesline.telephony.local.LocalCarrierOptions;
import com.duesline.telephony.local.Persona;
import com.duesline.telephony.local.PersonaLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine dies while calls are live and a new one starts over the same store and the same
 * carrier (which, like Twilio, outlives the engine): the new runtime asks the carrier about every
 * attempt left open, hangs up the call still ringing, records the one that ended with the carrier's
 * status and duration, releases both tasks to the ladder, audits each decision, and a second pass
 * changes nothing.
 */
class EngineRestartTest {
  private Database db;
  private Vertx carrierVertx;
  private Engine engine1;
  private Engine engine2;
  private CallRuntime runtime2;

  @AfterEach
  void stop() {
    if (runtime2 != null) runtime2.close();
    if (engine2 != null) engine2.close();
    if (engine1 != null) engine1.close();
    if (carrierVertx != null) {
      try {
        carrierVertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
      } catch (Exception e) {
        // The carrier's Vert.x is only this test's; a slow close must not hang the suite.
      }
    }
    if (db != null) db.close();
  }

  @Test
  void callsLeftOpenByAStoppedEngineAreSettledOnceAtTheNextStart() throws Exception {
    db = TestDatabase.fresh();
    DemoCommand.loadSampleIfEmpty(db);
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    // Rings of 6 s: the silent phone rings for 30 s (the 25 s timeout, in whole rings), long enough
    // to
    // still be ringing after the restart; the talker answers after one ring.
    DueslineConfig config =
        DueslineConfig.load(null, k -> null)
            .with("carrier.local.ring-ms", "6000")
            .with("calls.silence-timeout-ms", "4000")
            .with("speech.cache-dir", Path.of("target", "speech-cache").toAbsolutePath().toString())
            .with("store.data-dir", Path.of("target", "restart-test").toAbsolutePath().toString());

    Map<String, Persona> all = new HashMap<>();
    for (Persona p :
        PersonaLoader.loadDirectory(Path.of("..", "scripts-library", "library", "personas")))
      all.put(p.id(), p);
    List<AccountView> accounts =
        new ArrearsQuery(db)
            .all().stream()
                .filter(
                    a ->
                        a.inArrears()
                            && a.daysPastDue() > 30
                            && "en".equals(a.language())
                            && a.phoneId() != null
                            && "ok".equals(a.phoneStatus()))
                .sorted(Comparator.comparing(AccountView::unit))
                .limit(2)
                .toList();
    List<DemoCalls.Target> targets =
        DemoCalls.pair(db, accounts, List.of(all.get("service-complaint"), all.get("no-answer")));

    // The carrier runs on its own Vert.x: killing the engine does not kill it.
    carrierVertx = Vertx.vertx();
    SpeechSettings speech = SpeechSettings.from(config);
    PromptCache voices =
        PromptCache.of(
            speech,
            new Synthesizer(speech.voice(), new SimpleMeterRegistry()),
            new SimpleMeterRegistry());
    LocalCarrier carrier =
        await(
            LocalCarrier.start(
                carrierVertx,
                new LocalCarrierOptions(
                    "AC" + "0".repeat(31) + "1",
                    "restart-test-token",
                    0,
                    "http://127.0.0.1:" + port,
                    6000,
                    1200,
                    targets.stream().map(DemoCalls.Target::persona).toList(),
                    (text, effects) -> voices.get(text, effects, AudioFormatKind.MULAW8K).data(),
                    CallRuntime.recordingsDir(config))));

    engine1 = Engine.create(config, db);
    await(engine1.start(port));
    CallRuntime runtime1 = CallRuntime.attach(engine1, carrier);
    List<Long> tasks = new ArrayList<>();
    for (DemoCalls.Target t : targets) {
      long task = openTask(t.account());
      tasks.add(task);
      AccountView a = t.account();
      DialRequest req =
          new DialRequest(
              new Party(a.unitId(), a.partyId(), a.phoneId(), task),
              t.phone(),
              runtime1.tracks().track(DemoCalls.trackFor(a), "en"),
              runtime1.tracks().library().catalogue(),
              new HashMap<>(AccountVariables.fromLedger(a, config, "en")),
              a.asOf(),
              a.unitId(),
              null,
              true);
      runtime1.coordinator().dial(req);
    }
    long talking =
        waitFor(
            () ->
                longOrNull(
                    "SELECT a.id FROM attempts a JOIN turns t ON t.attempt_id = a.id "
                        + "WHERE a.task_id = "
                        + tasks.get(0)
                        + " AND t.speaker = 'caller' LIMIT 1"));
    long ringing =
        waitFor(
            () ->
                longOrNull(
                    "SELECT id FROM attempts WHERE carrier_call_id IS NOT NULL AND task_id = "
                        + tasks.get(1)));
    String ringingSid = string("SELECT carrier_call_id FROM attempts WHERE id = " + ringing);
    assertThat(carrier.callLog(ringingSid).orElseThrow().entries())
        .noneMatch(e -> e.kind() == CallLog.Kind.STATUS && e.detail().equals("no-answer"));

    // Killed mid-call, as a crash would: the runtime's workers stop first, so the stream's end is
    // never
    // recorded; then the engine's sockets close. No goodbye, no outcome.
    runtime1.close();
    engine1.close();
    assertThat(
            longOrNull(
                "SELECT count(*) FROM attempts WHERE ended_at IS NULL AND id IN ("
                    + talking
                    + ", "
                    + ringing
                    + ")"))
        .isEqualTo(2L);

    engine2 = Engine.create(config, db);
    await(engine2.start(port));
    runtime2 = CallRuntime.attach(engine2, carrier);

    // The conversation's stream died with the engine, so the carrier finished that call: recorded
    // as dropped, with its duration.
    Map<String, Object> a =
        row(
            "SELECT disposition, carrier_status, carrier_duration_s, ended_at IS NOT NULL AS ended FROM attempts WHERE id = "
                + talking);
    assertThat(a.get("ended")).isEqualTo(true);
    assertThat(a.get("disposition")).isEqualTo("dropped");
    assertThat(a.get("carrier_status")).isEqualTo("completed");
    assertThat((Integer) a.get("carrier_duration_s")).isPositive();
    // The silent phone was still ringing: hung up by the new engine, closed as canceled.
    Map<String, Object> r =
        row("SELECT disposition, carrier_status FROM attempts WHERE id = " + ringing);
    assertThat(r.get("disposition")).isEqualTo("canceled");
    assertThat(carrier.callLog(ringingSid).orElseThrow().entries())
        .anyMatch(
            e -> e.kind() == CallLog.Kind.STATUS && e.detail().equals(CallStatus.CANCELED.wire()));
    String decision =
        string(
            "SELECT details->>'decision' FROM audit_log WHERE action = 'call.reconciled' AND entity_id = '"
                + ringing
                + "'");
    assertThat(decision).startsWith("hung up");

    for (long id : List.of(talking, ringing)) {
      assertThat(
              longOrNull(
                  "SELECT count(*) FROM audit_log WHERE action = 'call.reconciled' AND entity_id = '"
                      + id
                      + "'"))
          .isEqualTo(1L);
      assertThat(
              longOrNull(
                  "SELECT count(*) FROM audit_log WHERE action = 'call.outcome' AND entity_id = '"
                      + id
                      + "'"))
          .isZero();
    }
    // Both tasks go back to the planner, whose retry rules reschedule them.
    for (long task : tasks)
      assertThat(string("SELECT status FROM contact_tasks WHERE id = " + task)).isEqualTo("failed");

    // Nothing doubled: a second pass finds nothing open.
    assertThat(new CallReconciler(new CallJournal(db), runtime2.carrier(), "local").run().closed())
        .isZero();
    assertThat(longOrNull("SELECT count(*) FROM audit_log WHERE action = 'call.reconciled'"))
        .isEqualTo(2L);
  }

  private long openTask(AccountView a) throws Exception {
    return longOrNull(
        "INSERT INTO contact_tasks (unit_id, party_id, phone_id, channel, ladder_step, due_at, status) VALUES ("
            + a.unitId()
            + ", "
            + a.partyId()
            + ", "
            + a.phoneId()
            + ", 'voice', 'r1', now(), 'in_progress') RETURNING id");
  }

  private static long waitFor(Supplier<Long> probe) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      Long v = probe.get();
      if (v != null) return v;
      Thread.sleep(200);
    }
    throw new AssertionError("timed out waiting for the calls to get going");
  }

  private Long longOrNull(String sql) {
    Object v = row(sql).get("v");
    return v == null ? null : ((Number) v).longValue();
  }

  private String string(String sql) {
    Object v = row(sql).get("v");
    return v == null ? null : v.toString();
  }

  /** The first row of {@code sql} by column label; a single unnamed column is "v". */
  private Map<String, Object> row(String sql) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      Map<String, Object> out = new HashMap<>();
      if (!rs.next()) return out;
      int n = rs.getMetaData().getColumnCount();
      for (int i = 1; i <= n; i++)
        out.put(n == 1 ? "v" : rs.getMetaData().getColumnLabel(i), rs.getObject(i));
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static <T> T await(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }
}
