package com.duesline.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.app.DemoCommand;
import com.duesline.app.Engine;
import com.duesline.call.CallCoordinator.CallResult;
import com.duesline.config.DueslineConfig;
import com.duesline.handoff.HandoffDesk;
import com.duesline.ledger.AccountView;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import com.duesline.telephony.local.Persona;
import com.duesline.telephony.local.PersonaLoader;
import java.math.BigDecimal;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The demo path end to end with real audio: the local carrier's personas speak MaryTTS audio over the
 * Media Streams socket, the engine hears them with Vosk, matches intents, runs the talk track, speaks
 * back, and stores the outcome. Asserts what is in the store afterwards, per persona.
 */
class LiveCallsEndToEndTest {
  private static final List<String> PERSONAS = List.of(
      "promise-date-amount", "request-human", "stop-contact", "attorney", "wrong-person", "voicemail", "no-answer");

  private static Database db;
  private static Engine engine;
  private static CallRuntime runtime;
  private static final Map<String, CallResult> byPersona = new HashMap<>();

  @BeforeAll
  static void callEveryPersona() throws Exception {
    db = TestDatabase.fresh();
    DemoCommand.loadSampleIfEmpty(db);
    DueslineConfig config = DueslineConfig.load(null, k -> null)
        .with("carrier.local.ring-ms", "400")
        .with("calls.silence-timeout-ms", "4000")
        .with("calls.handoff-max-wait-ms", "5000")
        .with("speech.cache-dir", Path.of("target", "speech-cache").toAbsolutePath().toString());
    engine = Engine.create(config, db);
    engine.start(0).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

    Map<String, Persona> all = new HashMap<>();
    for (Persona p : PersonaLoader.loadDirectory(Path.of("..", "scripts-library", "library", "personas"))) all.put(p.id(), p);
    List<Persona> personas = PERSONAS.stream().map(all::get).toList();
    List<AccountView> accounts = new ArrearsQuery(db).all().stream()
        .filter(a -> a.inArrears() && a.daysPastDue() > 30 && "en".equals(a.language()) && a.phoneId() != null && "ok".equals(a.phoneStatus()))
        .sorted(Comparator.comparing(AccountView::unit))
        .limit(personas.size())
        .toList();
    List<DemoCalls.Target> targets = DemoCalls.pair(db, accounts, personas);
    runtime = CallRuntime.start(engine, targets.stream().map(DemoCalls.Target::persona).toList());
    engine.vertx().runOnContext(v -> runtime.desk().signIn(HandoffDesk.AUTO_PREFIX + "agent", "sip:agent@pbx.test"));
    List<CallResult> results = DemoCalls.run(runtime, config, targets, 4).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.MINUTES);
    for (int i = 0; i < targets.size(); i++) byPersona.put(PERSONAS.get(i), results.get(i));
  }

  @AfterAll
  static void stop() {
    if (runtime != null) runtime.close();
    if (engine != null) engine.close();
    if (db != null) db.close();
  }

  @Test
  void promiseWithDateAndAmountIsStoredAndConfirmedBySms() throws Exception {
    CallResult r = byPersona.get("promise-date-amount");
    assertThat(r.disposition()).as(transcript(r)).isEqualTo("PTP");
    List<Map<String, Object>> rows = rows("SELECT amount, promised_for::text AS d FROM promises WHERE attempt_id = ?", r.attemptId());
    assertThat(rows).hasSize(1);
    assertThat((BigDecimal) rows.get(0).get("amount")).isEqualByComparingTo("200.00");
    assertThat((String) rows.get(0).get("d")).endsWith("-12-04");
    assertThat(r.smsSent()).isTrue();
  }

  @Test
  void askingForAPersonHandsTheCallToAnAgentWithASummary() throws Exception {
    CallResult r = byPersona.get("request-human");
    assertThat(r.outcome().handoff()).as(transcript(r)).isTrue();
    assertThat(r.handoffTaken()).isTrue();
    List<Map<String, Object>> rows = rows("SELECT status, agent, summary FROM handoffs WHERE attempt_id = ?", r.attemptId());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("status")).isEqualTo("assigned");
    assertThat((String) rows.get(0).get("summary")).contains("request_human");
  }

  @Test
  void stopRecordsAnOptOutFromCallsWithTheCallersWords() throws Exception {
    CallResult r = byPersona.get("stop-contact");
    assertThat(r.outcome().optOut()).as(transcript(r)).isTrue();
    List<Map<String, Object>> rows = rows("SELECT channel, kind, evidence FROM consents WHERE attempt_id = ?", r.attemptId());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("kind")).isEqualTo("opt_out");
    assertThat(rows.get(0).get("channel")).isEqualTo("voice");
  }

  @Test
  void attorneyPlacesAHold() throws Exception {
    CallResult r = byPersona.get("attorney");
    assertThat(r.outcome().hold()).as(transcript(r)).isEqualTo("attorney");
    assertThat(rows("SELECT kind FROM holds WHERE reason LIKE ?", "said in attempt " + r.attemptId() + ":%")).hasSize(1);
  }

  @Test
  void aWrongPersonHearsNothingAboutTheDebt() throws Exception {
    CallResult r = byPersona.get("wrong-person");
    assertThat(r.disposition()).as(transcript(r)).isEqualTo("WRONG_PARTY");
    List<Map<String, Object>> bot = rows("SELECT transcript FROM turns WHERE attempt_id = ? AND speaker = 'bot'", r.attemptId());
    assertThat(bot).isNotEmpty();
    for (Map<String, Object> t : bot) {
      assertThat(((String) t.get("transcript")).toLowerCase()).doesNotContain("$", "overdue", "balance", "fee");
    }
  }

  @Test
  void aMachineGetsTheVoicemailAndNoConversation() throws Exception {
    CallResult r = byPersona.get("voicemail");
    assertThat(r.disposition()).as(transcript(r)).isEqualTo("voicemail");
    assertThat(r.amd()).startsWith("machine");
    assertThat(r.outcome().promise()).isNull();
  }

  @Test
  void noAnswerIsRecordedAsSuch() {
    CallResult r = byPersona.get("no-answer");
    assertThat(r.disposition()).isEqualTo("no_answer");
    assertThat(r.transcript()).isEmpty();
  }

  @Test
  void everyAnsweredCallStoresItsTurnsWithLatencies() throws Exception {
    for (String p : List.of("promise-date-amount", "stop-contact", "attorney", "wrong-person")) {
      CallResult r = byPersona.get(p);
      List<Map<String, Object>> caller = rows("SELECT total_ms FROM turns WHERE attempt_id = ? AND speaker = 'caller' AND total_ms IS NOT NULL", r.attemptId());
      assertThat(caller).as(p).isNotEmpty();
      assertThat(rows("SELECT 1 FROM audit_log WHERE entity = 'attempt' AND entity_id = ? AND action = 'call.outcome'", String.valueOf(r.attemptId())))
          .as(p).hasSize(1);
    }
  }

  private static String transcript(CallResult r) {
    StringBuilder sb = new StringBuilder("transcript:\n");
    r.transcript().forEach(t -> sb.append(t.speaker()).append(' ').append(t.node()).append(": ").append(t.text())
        .append(t.intent() == null ? "" : " [" + t.intent() + "]").append('\n'));
    return sb.toString();
  }

  private static List<Map<String, Object>> rows(String sql, Object param) throws Exception {
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        List<Map<String, Object>> out = new ArrayList<>();
        while (rs.next()) {
          Map<String, Object> row = new HashMap<>();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
          out.add(row);
        }
        return out;
      }
    }
  }
}
