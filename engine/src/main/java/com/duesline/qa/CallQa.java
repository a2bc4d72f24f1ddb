package com.duesline.qa;

import com.duesline.app.Engine;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every finished call: reads its stored transcript, scores it, stores the verdict, and hands
 * the verdict to whoever shows it (the live board). The JDBC and the checking run on the engine's
 * worker pool, never on an event loop.
 */
public final class CallQa {
  private static final Logger LOG = LoggerFactory.getLogger(CallQa.class);
  private final Engine engine;
  private final QaChecker checker;
  private final QaStore store;

  public CallQa(Engine engine, QaChecker checker, QaStore store) {
    this.engine = engine;
    this.checker = checker;
    this.store = store;
  }

  /** Checks one finished call; empty when it has no turns (nobody spoke, e.g. a voicemail). */
  public Future<Optional<JsonObject>> check(long attemptId) {
    return engine.blocking(() -> checkNow(attemptId));
  }

  /** Checks the calls a stopped engine left unchecked (at start), up to {@code limit}; returns how many. */
  public Future<Integer> catchUp(int limit) {
    return engine.blocking(() -> {
      int n = 0;
      for (long id : store.unchecked(limit)) {
        if (checkNow(id).isPresent()) n++;
      }
      return n;
    });
  }

  private Optional<JsonObject> checkNow(long attemptId) {
    Optional<QaTranscript> t = store.transcript(attemptId);
    if (t.isEmpty()) return Optional.empty();
    QaResult r;
    try {
      r = checker.check(t.get());
    } catch (IllegalArgumentException unknownLanguage) {
      LOG.warn("attempt {}: not checked: {}", attemptId, unknownLanguage.getMessage());
      return Optional.empty();
    }
    store.save(attemptId, "transcript", t.get(), r);
    if (!r.passed()) LOG.info("attempt {}: QA failed, score {}, rules {}", attemptId, r.score(),
        r.findings().stream().map(QaResult.Finding::rule).distinct().toList());
    return Optional.of(r.toJson().put("id", attemptId).put("lang", t.get().lang()).put("jurisdiction", t.get().jurisdiction())
        .put("checked_at", System.currentTimeMillis()));
  }
}
