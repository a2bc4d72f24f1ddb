package com.duesline.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.app.DemoCommand;
import com.duesline.app.Engine;
import com.duesline.call.CallCoordinator.CallResult;
import com.duesline.cli.VoicesCommand;
import com.duesline.config.DueslineConfig;
import com.duesline.handoff.HandoffDesk;
import com.duesline.ledger.AccountView;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import com.duesline.telephony.local.PersonaLoader;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Chinese calls end to end with no Chinese recognizer: the bot speaks the recorded voice (espeak-ng
 * stand-in clips, made once into the test cache), the local carrier's zh personas answer on the
 * keypad over Media Streams DTMF, and the outcomes land in the store: a promise by keys, a plan by
 * keys, a hand-off by 0 and an opt-out by 9.
 */
class ChineseCallsEndToEndTest {
  private static final Path LIBRARY = Path.of("..", "scripts-library", "library");
  private static Database db;
  private static Engine engine;
  private static CallRuntime runtime;
  private static final Map<String, CallResult> byPersona = new HashMap<>();

  @BeforeAll
  static void callTheKeypadOwners() throws Exception {
    db = TestDatabase.fresh();
    DemoCommand.loadSampleIfEmpty(db);
    DueslineConfig config =
        DueslineConfig.load(null, k -> null)
            .with("carrier.local.ring-ms", "400")
            .with("calls.silence-timeout-ms", "4000")
            .with("calls.handoff-max-wait-ms", "5000")
            .with("tracks.library-dir", LIBRARY.toAbsolutePath().toString())
            .with("speech.cache-dir", Path.of("target", "speech-cache").toAbsolutePath().toString())
            .with("store.data-dir", Path.of("target", "e2e-zh-data").toAbsolutePath().toString());
    VoicesCommand.ensureStandIn(config, LIBRARY, "zh");
    engine = Engine.create(config, db);
    engine.start(0).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);

    var personas = PersonaLoader.loadDirectory(LIBRARY.resolve("personas").resolve("zh"));
    List<AccountView> accounts =
        new ArrearsQuery(db)
            .all().stream()
                .filter(
                    a ->
                        a.inArrears()
                            && "zh".equals(a.language())
                            && a.phoneId() != null
                            && "ok".equals(a.phoneStatus()))
                .sorted(Comparator.comparing(AccountView::unit))
                .limit(personas.size())
                .toList();
    List<DemoCalls.Target> targets = DemoCalls.pair(db, accounts, personas);
    runtime = CallRuntime.start(engine, targets.stream().map(DemoCalls.Target::persona).toList());
    engine
        .vertx()
        .runOnContext(
            v -> runtime.desk().signIn(HandoffDesk.AUTO_PREFIX + "agent", "sip:agent@pbx.test"));
    List<CallResult> results =
        DemoCalls.run(runtime, config, targets, 4)
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.MINUTES);
    for (int i = 0; i < targets.size(); i++)
      byPersona.put(targets.get(i).persona().id(), results.get(i));
  }

  @AfterAll
  static void stop() {
    if (runtime != null) runtime.close();
    if (engine != null) engine.close();
    if (db != null) db.close();
  }

  @Test
  void aPromiseByKeysIsStored() throws Exception {
    CallResult r = byPersona.get("zh-promise-keys");
    assertThat(r.disposition()).as(transcript(r)).isEqualTo("PTP");
    List<Map<String, Object>> rows =
        rows(
            "SELECT amount, promised_for::text AS d FROM promises WHERE attempt_id = ?",
            r.attemptId());
    assertThat(rows).hasSize(1);
    assertThat((BigDecimal) rows.get(0).get("amount")).isPositive();
    assertThat(callerTexts(r))
        .as(transcript(r))
        .allMatch(t -> t.startsWith("[keys ") || t.equals("[silence]"));
  }

  @Test
  void aPlanByKeysHasSixInstalments() throws Exception {
    CallResult r = byPersona.get("zh-plan-keys");
    assertThat(r.disposition()).as(transcript(r)).isEqualTo("PLAN");
    assertThat(callerTexts(r)).as(transcript(r)).contains("[keys 3]", "[keys 6#]");
    List<Map<String, Object>> plans =
        rows("SELECT instalment_count FROM plans WHERE attempt_id = ?", r.attemptId());
    assertThat(plans).hasSize(1);
    // Six monthly instalments after the plan rules' down payment, which is stored as instalment 1.
    assertThat(plans.get(0).get("instalment_count")).isEqualTo(7);
  }

  @Test
  void zeroHandsTheCallToAPerson() throws Exception {
    CallResult r = byPersona.get("zh-human-keys");
    assertThat(r.outcome().handoff()).as(transcript(r)).isTrue();
    assertThat(r.handoffTaken()).isTrue();
    assertThat(rows("SELECT status FROM handoffs WHERE attempt_id = ?", r.attemptId())).hasSize(1);
  }

  @Test
  void nineOptsOutOfCalls() throws Exception {
    CallResult r = byPersona.get("zh-stop-keys");
    assertThat(r.outcome().optOut()).as(transcript(r)).isTrue();
    List<Map<String, Object>> rows =
        rows("SELECT channel, kind FROM consents WHERE attempt_id = ?", r.attemptId());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get("kind")).isEqualTo("opt_out");
  }

  @Test
  void theBotSpokeChineseFromTheRecordedVoiceAndAskedForTheUnitBeforeAnyDebtDetail() {
    for (CallResult r : byPersona.values()) {
      List<String> bot =
          r.transcript().stream()
              .filter(t -> t.speaker().equals("bot"))
              .map(t -> t.text())
              .toList();
      assertThat(bot).as(transcript(r)).isNotEmpty();
      assertThat(bot.get(0)).contains("本次通话会被录音");
      assertThat(bot).noneMatch(t -> t.startsWith("[speech failed]"));
      // Nothing about the debt (元, 逾期) before the unit number was keyed in.
      int unit = -1;
      for (int i = 0; i < r.transcript().size(); i++) {
        var t = r.transcript().get(i);
        if (t.speaker().equals("caller") && "ask_unit".equals(t.node())) {
          unit = i;
          break;
        }
      }
      assertThat(unit).as(transcript(r)).isPositive();
      for (var t : r.transcript().subList(0, unit))
        assertThat(t.text()).doesNotContain("元", "逾期", "欠费");
    }
  }

  private static List<String> callerTexts(CallResult r) {
    return r.transcript().stream()
        .filter(t -> t.speaker().equals("caller"))
        .map(t -> t.text())
        .toList();
  }

  private static String transcript(CallResult r) {
    return CallRows.transcript(r);
  }

  private static List<Map<String, Object>> rows(String sql, Object param) throws Exception {
    return CallRows.rows(db, sql, param);
  }
}
