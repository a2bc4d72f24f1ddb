package com.duesline.web;

import com.duesline.cli.InputRejectedException;
import com.duesline.policy.DataProblems;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one shape of a refused or failed API request: {@code {"problems": ["where: what is wrong",
 * ...]}} with 400 for refused input, 404 for something that does not exist, 500 otherwise (logged).
 */
public final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);

  private Problems() {}

  /** Answers {@code status} with the problems given. */
  public static void send(RoutingContext ctx, int status, List<String> problems) {
    if (ctx.response().ended()) return;
    ctx.response()
        .setStatusCode(status)
        .putHeader("content-type", "application/json")
        .end(new JsonObject().put("problems", new JsonArray(List.copyOf(problems))).encode());
  }

  /** Answers {@code status} with one problem. */
  public static void send(RoutingContext ctx, int status, String problem) {
    send(ctx, status, List.of(problem));
  }

  /**
   * Answers for a failure of the request's work: refused input ({@link InputRejectedException},
   * {@link DataProblems}, an unparsable date) is 400, a missing thing ({@link
   * NoSuchElementException}) 404, anything else 500.
   */
  public static void fail(RoutingContext ctx, Throwable err) {
    Throwable e =
        err instanceof CompletionException && err.getCause() != null ? err.getCause() : err;
    if (e instanceof InputRejectedException r) send(ctx, 400, r.problems());
    else if (e instanceof DataProblems p) send(ctx, 400, p.problems());
    else if (e instanceof DateTimeParseException) send(ctx, 400, e.getMessage());
    else if (e instanceof NoSuchElementException) send(ctx, 404, e.getMessage());
    else {
      LOG.warn("{} {} failed", ctx.request().method(), ctx.request().path(), e);
      // The cause stays in the log: its message is the engine's internals (SQL, class names), not
      // the client's business.
      send(
          ctx,
          500,
          "the engine failed to answer this request (the cause is in its log); try again or tell the operator");
    }
  }
}
