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
    return engine.blocking(() -> checkNow(attemptId, "transcript"));
  }

  /**
   * Checks the calls a stopped engine left unchecked (at start), up to {@code limit}; returns how
   * many.
   */
  public Future<Integer> catchUp(int limit) {
    return engine.blocking(
        () -> {
          int n = 0;
          for (long id : store.unchecked(limit)) {
            if (checkNow(id, "transcript").isPresent()) n++;
          }
          return n;
        });
  }

  /**
   * Checks a call's stored turns now and stores the verdict under {@code source}: {@code
   * transcript} (what the live call heard and said) or {@code recording} (with a person's part
   * transcribed from the recording). Blocking: call it on a worker.
   */
  Optional<JsonObject> checkNow(long attemptId, String source) {
    Optional<QaTranscript> t = store.transcript(attemptId);
    if (t.isEmpty()) return Optional.empty();
    QaResult r;
    try {
      r = checker.check(t.get());
    } catch (IllegalArgumentException unknownLanguage) {
      LOG.warn("attempt {}: not checked: {}", attemptId, unknownLanguage.getMessage());
      return Optional.empty();
    }
    if (!store.save(attemptId, source, t.get(), r)) {
      LOG.info(
          "attempt {}: its verdict from the recording stands; the live transcript's is not stored",
          attemptId);
      return Optional.empty();
    }
    if (!r.passed())
      LOG.info(
          "attempt {}: QA failed, score {}, rules {}",
          attemptId,
          r.score(),
          r.findings().stream().map(QaResult.Finding::rule).distinct().toList());
    return Optional.of(
        r.toJson()
            .put("id", attemptId)
            .put("lang", t.get().lang())
            .put("jurisdiction", t.get().jurisdiction())
            .put("checked_at", System.currentTimeMillis())
            .put("source", source));
  }
}
