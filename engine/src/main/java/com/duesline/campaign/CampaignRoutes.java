package com.duesline.campaign;

import com.duesline.app.Engine;
import com.duesline.cli.InputRejectedException;
import com.duesline.policy.CampaignLimits;
import com.duesline.policy.Channel;
import com.duesline.policy.PolicyDecision;
import com.duesline.web.JsonBody;
import com.duesline.web.Problems;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * The REST face of campaigns, payments and the policy; every handler's JDBC work runs on the
 * engine's worker pool. Refused input answers 400 with {@code {"problems": [...]}}.
 *
 * <pre>
 * POST /api/payments                 {"unit", "amount", "paid_on"?, "ref"?} → 201 {"payment", "cancelled_tasks"}
 * POST /api/campaigns                {"definition": "standard"}             → 201 {"campaign"} (bundled ids only)
 * POST /api/campaigns/:id/:action    start | pause | resume | stop | plan   → 200 status
 * GET  /api/campaigns/:id                                                    → 200 status
 * GET  /api/policy/:unit?at=&channel=                                        → 200 the policy decision
 * </pre>
 */
public final class CampaignRoutes {
  private CampaignRoutes() {}

  /** Mounts the routes on the engine's router. */
  public static void mount(Engine engine) {
    var router = engine.router();
    CampaignService svc = new CampaignService(engine.database(), Clock.systemUTC());
    PaymentPoster payments = new PaymentPoster(engine.database());
    router.route("/api/payments").handler(BodyHandler.create());
    router.route("/api/campaigns*").handler(BodyHandler.create());

    router
        .post("/api/payments")
        .handler(
            ctx ->
                respond(
                    engine,
                    ctx,
                    201,
                    () -> {
                      JsonObject b = JsonBody.object(ctx);
                      String unit = JsonBody.string(b, "unit");
                      if (unit == null) throw new InputRejectedException("unit: required");
                      BigDecimal amount = JsonBody.amount(b, "amount");
                      if (amount == null) throw new InputRejectedException("amount: required");
                      LocalDate on = JsonBody.date(b, "paid_on");
                      String ref = JsonBody.string(b, "ref");
                      PaymentPoster.Posted p =
                          payments.post(
                              unit,
                              amount,
                              on == null ? LocalDate.now(ZoneOffset.UTC) : on,
                              ref == null ? "PAY-" + UUID.randomUUID() : ref);
                      return new JsonObject()
                          .put("payment", p.paymentId())
                          .put("cancelled_tasks", p.cancelledTasks());
                    }));

    router
        .post("/api/campaigns")
        .handler(
            ctx ->
                respond(
                    engine,
                    ctx,
                    201,
                    () -> {
                      String ref = JsonBody.string(JsonBody.object(ctx), "definition");
                      // Over HTTP only a bundled id: a path would have the engine read (and echo
                      // the keys of) any file it can.
                      if (ref == null || !CampaignLoader.BUNDLED.contains(ref)) {
                        throw new InputRejectedException(
                            "definition: expected a bundled campaign ("
                                + String.join(", ", CampaignLoader.BUNDLED)
                                + "), got "
                                + (ref == null ? "none" : "'" + JsonBody.shown(ref) + "'")
                                + "; a campaign file is created with `duesline campaign create FILE`");
                      }
                      return new JsonObject().put("campaign", svc.create(ref).id());
                    }));

    router
        .post("/api/campaigns/:id/:action")
        .handler(
            ctx ->
                respond(
                    engine,
                    ctx,
                    200,
                    () -> {
                      String id = ctx.pathParam("id");
                      String action = ctx.pathParam("action");
                      if (action.equals("plan")) svc.plan(id);
                      else {
                        svc.transition(id, action);
                        if (action.equals("start") || action.equals("resume")) svc.plan(id);
                      }
                      return status(svc, id);
                    }));

    router
        .get("/api/campaigns/:id")
        .handler(ctx -> respond(engine, ctx, 200, () -> status(svc, ctx.pathParam("id"))));

    router
        .get("/api/policy/:unit")
        .handler(
            ctx ->
                respond(
                    engine,
                    ctx,
                    200,
                    () -> {
                      String unit = ctx.pathParam("unit");
                      Channel ch =
                          Channel.parse(
                              ctx.queryParams().get("channel") == null
                                  ? "call"
                                  : ctx.queryParams().get("channel"));
                      if (ch == null)
                        throw new InputRejectedException("channel: expected call, sms or letter");
                      Instant at;
                      try {
                        at =
                            ctx.queryParams().get("at") == null
                                ? Instant.now()
                                : OffsetDateTime.parse(ctx.queryParams().get("at")).toInstant();
                      } catch (DateTimeParseException e) {
                        throw new InputRejectedException(
                            "at: expected an instant with offset, e.g. 2026-03-10T15:00Z");
                      }
                      AccountSnapshot a =
                          svc.accounts()
                              .unit(unit, null, at, LocalDate.ofInstant(at, ZoneOffset.UTC))
                              .orElseThrow(
                                  () ->
                                      new InputRejectedException(
                                          "unit: no unit '" + unit + "' with a contact party"));
                      PolicyDecision d =
                          svc.policy().explain(a.subject(), ch, at, CampaignLimits.NONE);
                      return new JsonObject(d.toJson());
                    }));
  }

  private static JsonObject status(CampaignService svc, String id) {
    JsonObject o = new JsonObject().put("campaign", id);
    Map<String, Long> s = svc.status(id);
    o.put("status", svc.tasks().campaign(id).get()[0]);
    s.forEach(o::put);
    return o;
  }

  private static void respond(
      Engine engine, RoutingContext ctx, int code, Callable<JsonObject> work) {
    Future<JsonObject> f = engine.blocking(work);
    f.onSuccess(
            json ->
                ctx.response()
                    .setStatusCode(code)
                    .putHeader("content-type", "application/json")
                    .end(json.encode()))
        .onFailure(err -> Problems.fail(ctx, err));
  }
}
