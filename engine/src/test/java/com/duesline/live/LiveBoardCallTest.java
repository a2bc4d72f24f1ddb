package com.duesline.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.app.DemoCommand;
import com.duesline.app.Engine;
import com.duesline.call.CallCoordinator.CallResult;
import com.duesline.call.CallRuntime;
import com.duesline.call.DemoCalls;
import com.duesline.config.DueslineConfig;
import com.duesline.ledger.AccountView;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import com.duesline.telephony.local.Persona;
import com.duesline.telephony.local.PersonaLoader;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real call through the local carrier (with sign-in guarding the engine), watched by the board:
 * every stage reaches the event bus, in order, phone masked.
 */
class LiveBoardCallTest {
  @Test
  void aCallIsPlacedAnsweredHeardAndEndedOnTheBoard() throws Exception {
    try (Database db = TestDatabase.fresh()) {
      DemoCommand.loadSampleIfEmpty(db);
      DueslineConfig config =
          DueslineConfig.load(null, k -> null)
              .with("carrier.local.ring-ms", "300")
              .with(
                  "speech.cache-dir",
                  Path.of("target", "speech-cache").toAbsolutePath().toString());
      try (Engine engine = Engine.create(config, db)) {
        // Sign-in guards every page; the carrier's webhooks and media socket must pass it
        // untouched.
        com.duesline.web.Access.mount(engine, new com.duesline.web.Users(db));
        engine.start(0).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        Persona persona =
            PersonaLoader.loadDirectory(Path.of("..", "scripts-library", "library", "personas"))
                .stream()
                .filter(p -> p.id().equals("promise-date-amount"))
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
        List<JsonObject> events = new CopyOnWriteArrayList<>();
        engine
            .vertx()
            .eventBus()
            .<JsonObject>consumer(LiveBoard.ADDRESS, m -> events.add(m.body()));
        try (CallRuntime runtime = CallRuntime.start(engine, List.of(targets.get(0).persona()))) {
          LiveBoard board = new LiveBoard(engine.vertx(), runtime.desk());
          runtime.coordinator().watch(board);
          List<CallResult> results =
              DemoCalls.run(runtime, config, targets, 1)
                  .toCompletionStage()
                  .toCompletableFuture()
                  .get(5, TimeUnit.MINUTES);
          Thread.sleep(200);
          List<String> types = events.stream().map(e -> e.getString("type")).toList();
          assertThat(types).as(results + " " + events).contains("call", "turn", "partial", "ended");
          assertThat(types.get(0)).isEqualTo("call");
          assertThat(types.get(types.size() - 1)).isEqualTo("ended");
          JsonObject first = events.get(0).getJsonObject("data");
          assertThat(first.getString("phone"))
              .contains("•")
              .doesNotContain(targets.get(0).phone().substring(3));
          assertThat(
                  events.stream()
                      .filter(e -> e.getString("type").equals("turn"))
                      .map(e -> e.getJsonObject("data").getString("speaker")))
              .contains("bot", "caller");
          assertThat(events.get(events.size() - 1).getJsonObject("data").getString("disposition"))
              .isEqualTo(results.get(0).disposition());
          assertThat(board.size()).isZero();
        }
      }
    }
  }
}
