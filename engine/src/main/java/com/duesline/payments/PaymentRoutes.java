package com.duesline.payments;

import com.duesline.app.Engine;
import com.duesline.cli.InputRejectedException;
import com.duesline.web.JsonBody;
import com.duesline.web.Problems;
import com.duesline.web.StaticAssets;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.math.BigDecimal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payer's side and the providers' callbacks, plus the supervisor's links and forecast. JDBC and
 * provider calls run on the engine's worker pool.
 *
 * <pre>
 * GET  /pay/:token                      the checkout page (public: the signed token is the key)
 * GET  /api/pay/:token                  → {unit, amount, expires, status, provider} | 404 invalid | 409 paid | 410 expired
 * POST /api/pay/:token/checkout         → {url, qr}: where to pay (Stripe: a new Checkout Session)
 * POST /api/pay/:token/charge {card}    local provider: → 200 {paid} | 402 {declined} | 409 | 410
 * POST /stripe/webhook                  Stripe events, Stripe-Signature checked (400 when it fails)
 * POST /api/payments/links {unit, amount?}  supervisor: → 201 {id, url, amount, expires}
 * GET  /api/dashboard/forecast          supervisor: cash forecast by week
 * </pre>
 */
public final class PaymentRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(PaymentRoutes.class);

  private PaymentRoutes() {}

  public static void mount(Engine engine, Payments payments) {
    Router router = engine.router();
    PaymentNews news = new PaymentNews(engine.vertx());
    CashForecast forecast = new CashForecast(engine.database(), payments.plans());
    StaticAssets.page(router, "/pay/:token", "pay.html");

    router
        .get("/api/pay/:token")
        .handler(
            ctx ->
                engine
                    .blocking(() -> payments.links().open(ctx.pathParam("token")))
                    .onSuccess(
                        o -> {
                          if (!answeredRefusal(ctx, o))
                            ctx.json(view(o.link(), payments.provider().name()));
                        })
                    .onFailure(e -> Problems.fail(ctx, e)));

    router
        .post("/api/pay/:token/checkout")
        .handler(
            ctx ->
                engine
                    .blocking(
                        () -> {
                          PayLinks.Opened o = payments.links().open(ctx.pathParam("token"));
                          if (!o.usable()) return o;
                          PaymentProvider.Checkout c = payments.provider().checkout(o.link());
                          return new Object[] {o, c};
                        })
                    .onSuccess(
                        r -> {
                          if (r instanceof PayLinks.Opened o) {
                            answeredRefusal(ctx, o);
                            return;
                          }
                          PaymentProvider.Checkout c = (PaymentProvider.Checkout) ((Object[]) r)[1];
                          ctx.json(new JsonObject().put("url", c.url()).put("qr", c.qrPayload()));
                        })
                    .onFailure(e -> Problems.fail(ctx, e)));

    router
        .post("/api/pay/:token/charge")
        .handler(BodyHandler.create().setBodyLimit(4096))
        .handler(
            ctx -> {
              JsonObject body = JsonBody.objectOrAnswer(ctx);
              if (body == null) return;
              engine
                  .blocking(
                      () -> {
                        PayLinks.Opened o = payments.links().open(ctx.pathParam("token"));
                        if (!o.usable()) return o;
                        LocalProvider.Charge charge =
                            payments.local().charge(o.link(), JsonBody.string(body, "card"));
                        if (charge.declined() != null) {
                          payments.applier().declined(o.link(), charge.declined());
                          return charge;
                        }
                        return payments.applier().apply(charge.payment());
                      })
                  .onSuccess(
                      r -> {
                        if (r instanceof PayLinks.Opened o) answeredRefusal(ctx, o);
                        else if (r instanceof LocalProvider.Charge c) {
                          ctx.response()
                              .setStatusCode(402)
                              .putHeader("content-type", "application/json")
                              .end(new JsonObject().put("declined", c.declined()).encode());
                        } else {
                          PaymentApplier.Applied a = (PaymentApplier.Applied) r;
                          news.paid(a);
                          ctx.json(
                              new JsonObject()
                                  .put("paid", true)
                                  .put("amount", a.amount().toPlainString())
                                  .put("unit", a.unit()));
                        }
                      })
                  .onFailure(e -> Problems.fail(ctx, e));
            });

    if (payments.stripe() != null) {
      router
          .post("/stripe/webhook")
          .handler(BodyHandler.create().setBodyLimit(1 << 20))
          .handler(
              ctx -> {
                String payload = ctx.body().asString("UTF-8");
                String signature = ctx.request().getHeader("Stripe-Signature");
                engine
                    .blocking(
                        () -> {
                          StripeProvider.Delivery d =
                              payments.stripe().webhook(payload == null ? "" : payload, signature);
                          if (d.payment() == null) {
                            return new JsonObject()
                                .put("event", d.eventId())
                                .put(
                                    "applied",
                                    payments.applier().remember("stripe", d.eventId(), d.type()))
                                .put("payment", false);
                          }
                          PaymentApplier.Applied a = payments.applier().apply(d.payment());
                          news.paid(a);
                          return new JsonObject()
                              .put("event", d.eventId())
                              .put("applied", !a.replay())
                              .put("payment", true);
                        })
                    .onSuccess(ctx::json)
                    .onFailure(
                        e -> {
                          if (e instanceof InputRejectedException)
                            LOG.warn("Stripe webhook refused: {}", e.getMessage());
                          Problems.fail(ctx, e);
                        });
              });
    }

    router
        .post("/api/payments/links")
        .handler(BodyHandler.create().setBodyLimit(4096))
        .handler(
            ctx -> {
              JsonObject body = JsonBody.objectOrAnswer(ctx);
              if (body == null) return;
              engine
                  .blocking(
                      () -> {
                        String unit = JsonBody.string(body, "unit");
                        if (unit == null || unit.isBlank())
                          throw new InputRejectedException("unit: required");
                        Object a = body.getValue("amount");
                        BigDecimal amount;
                        try {
                          amount = a == null ? null : new BigDecimal(String.valueOf(a));
                        } catch (NumberFormatException e) {
                          throw new InputRejectedException("amount: '" + a + "' is not an amount");
                        }
                        return payments.links().issue(unit, amount, null);
                      })
                  .onSuccess(
                      l ->
                          ctx.response()
                              .setStatusCode(201)
                              .putHeader("content-type", "application/json")
                              .end(l.toJson().encode()))
                  .onFailure(e -> Problems.fail(ctx, e));
            });

    router
        .get("/api/dashboard/forecast")
        .handler(
            ctx ->
                engine
                    .blocking(
                        () -> forecast.weekly(java.time.LocalDate.now(payments.clock())).toJson())
                    .onSuccess(ctx::json)
                    .onFailure(e -> Problems.fail(ctx, e)));
  }

  /**
   * What the checkout page shows: the unit, the amount, until when; never the party's name or
   * phone.
   */
  private static JsonObject view(PayLink l, String provider) {
    return new JsonObject()
        .put("unit", l.unit())
        .put("amount", l.amount().toPlainString())
        .put("expires", l.expires().toString())
        .put("status", l.status())
        .put("provider", provider);
  }

  private static boolean answeredRefusal(RoutingContext ctx, PayLinks.Opened o) {
    if (o.usable()) return false;
    switch (o.refusal()) {
      case INVALID -> Problems.send(ctx, 404, "link: this payment link is not valid");
      case PAID ->
          ctx.response()
              .setStatusCode(409)
              .putHeader("content-type", "application/json")
              .end(
                  new JsonObject()
                      .put(
                          "problems",
                          new io.vertx.core.json.JsonArray().add("link: already paid, thank you"))
                      .put("status", "paid")
                      .put("unit", o.link().unit())
                      .put("amount", o.link().amount().toPlainString())
                      .encode());
      case EXPIRED ->
          Problems.send(
              ctx,
              410,
              "link: this payment link expired on " + o.link().expires() + "; ask for a new one");
    }
    return true;
  }
}
