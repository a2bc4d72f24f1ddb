package com.duesline.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.app.DemoCommand;
import com.duesline.app.Engine;
import com.duesline.call.CallCoordinator.CallResult;
import com.duesline.config.DueslineConfig;
import com.duesline.ledger.AccountView;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import com.duesline.telephony.local.Persona;
import com.duesline.telephony.local.PersonaLoader;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A caller asks for a person and nobody is free in time: they are told a person will call back, and
 * that call-back is a task.
 */
class HandoffCallbackTest {
  @Test
  void nobodyFreeMeansACallBackTaskAndTheCallerIsToldSo() throws Exception {
    try (Database db = TestDatabase.fresh()) {
      DemoCommand.loadSampleIfEmpty(db);
      DueslineConfig config =
          DueslineConfig.load(null, k -> null)
              .with("carrier.local.ring-ms", "300")
              .with("calls.handoff-max-wait-ms", "1500")
              .with(
                  "speech.cache-dir",
                  Path.of("target", "speech-cache").toAbsolutePath().toString());
      try (Engine engine = Engine.create(config, db)) {
        engine.start(0).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        Persona persona =
            PersonaLoader.loadDirectory(Path.of("..", "scripts-library", "library", "personas"))
                .stream()
                .filter(p -> p.id().equals("request-human"))
                .findFirst()
                .orElseThrow();
        AccountView account =
            new ArrearsQuery(db)
                .all().stream()
                    .filter(
                        a ->
                            a.inArrears()
                                && a.daysPastDue() > 30
                                && "en".equals(a.language())
                                && a.phoneId() != null
                                && "ok".equals(a.phoneStatus()))
                    .min(Comparator.comparing(AccountView::unit))
                    .orElseThrow();
        List<DemoCalls.Target> targets = DemoCalls.pair(db, List.of(account), List.of(persona));
        try (CallRuntime runtime = CallRuntime.start(engine, List.of(targets.get(0).persona()))) {
          CallResult r =
              DemoCalls.run(runtime, config, targets, 1)
                  .toCompletionStage()
                  .toCompletableFuture()
                  .get(5, TimeUnit.MINUTES)
                  .get(0);
          assertThat(r.outcome().handoff()).as(r.transcript().toString()).isTrue();
          assertThat(r.handoffTaken()).isFalse();
          assertThat(r.transcript().get(r.transcript().size() - 1).text())
              .isEqualTo(config.get("calls.callback-message"));
          try (var c = db.connection();
              var st = c.createStatement()) {
            try (ResultSet rs =
                st.executeQuery(
                    "SELECT status, reason FROM handoffs WHERE attempt_id = " + r.attemptId())) {
              assertThat(rs.next()).isTrue();
              assertThat(rs.getString(1)).isEqualTo("abandoned");
              assertThat(rs.getString(2)).isEqualTo("request_human");
            }
            try (ResultSet rs =
                st.executeQuery(
                    "SELECT t.handler, t.channel, t.status, t.due_at > now() + interval '50 minutes', t.unit_id = "
                        + account.unitId()
                        + " FROM contact_tasks t WHERE t.ladder_step = 'callback'")) {
              assertThat(rs.next()).as("one call-back task").isTrue();
              assertThat(rs.getString(1)).isEqualTo("human");
              assertThat(rs.getString(2)).isEqualTo("voice");
              assertThat(rs.getString(3)).isEqualTo("pending");
              assertThat(rs.getBoolean(4)).as("due in about an hour").isTrue();
              assertThat(rs.getBoolean(5)).isTrue();
              assertThat(rs.next()).isFalse();
            }
            try (ResultSet rs =
                st.executeQuery(
                    "SELECT count(*) FROM audit_log WHERE action = 'handoff.callback_promised' AND entity_id = '"
                        + r.attemptId()
                        + "'")) {
              rs.next();
              assertThat(rs.getInt(1)).isEqualTo(1);
            }
          }
        }
      }
    }
  }
}
