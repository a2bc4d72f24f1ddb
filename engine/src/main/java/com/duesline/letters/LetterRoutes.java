package com.duesline.letters;

import com.duesline.app.Engine;
import com.duesline.cli.InputRejectedException;
import com.duesline.payments.PayLinkIssuer;
import com.duesline.web.Problems;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.NoSuchElementException;

/**
 * The dashboard's letters: a preview of any template for a unit as a PDF (rendered now, sent and
 * recorded nowhere), the letters a unit was sent, and each stored letter's PDF as evidence. All the
 * work (JDBC, PDF) runs on the engine's worker pool. Supervisors only (the default access rule).
 */
public final class LetterRoutes {
  private LetterRoutes() {}

  /**
   * Mounts the routes; the letters carry links from {@code payLinks} (the console's {@code
   * Payments.letterLinks()}).
   */
  public static void mount(Engine engine, PayLinkIssuer payLinks) {
    mount(engine, payLinks, Clock.systemUTC());
  }

  public static void mount(Engine engine, PayLinkIssuer payLinks, Clock clock) {
    LetterWriter writer = LetterWriter.from(engine.database(), engine.config(), payLinks);
    LetterStore store = new LetterStore(engine.database());
    var router = engine.router();

    router
        .get("/api/letters/preview/:unit")
        .handler(
            ctx -> {
              String unit = ctx.pathParam("unit");
              String template = ctx.queryParams().get("template");
              String lang = ctx.queryParams().get("lang");
              engine
                  .blocking(
                      () -> {
                        if (template == null || template.isBlank())
                          throw new InputRejectedException(
                              "template: which letter ("
                                  + String.join(", ", writer.composer().library().ids())
                                  + ")");
                        if (lang != null
                            && !lang.isEmpty()
                            && !lang.equals("en")
                            && !lang.equals("zh"))
                          throw new InputRejectedException(
                              "lang: expected en or zh, got '" + lang + "'");
                        try {
                          return writer.write(
                              unit,
                              template,
                              lang == null || lang.isEmpty() ? null : lang,
                              LocalDate.now(clock.withZone(ZoneOffset.UTC)));
                        } catch (IllegalArgumentException e) {
                          throw new InputRejectedException(e.getMessage());
                        }
                      })
                  .onSuccess(l -> pdf(ctx, l.pdf(), l.fileName(), l.sha256()))
                  .onFailure(err -> Problems.fail(ctx, err));
            });

    router
        .get("/api/accounts/:unit/letters")
        .handler(
            ctx ->
                engine
                    .blocking(
                        () -> {
                          JsonArray out = new JsonArray();
                          for (LetterStore.Stored s : store.forUnit(ctx.pathParam("unit"))) {
                            out.add(
                                new JsonObject()
                                    .put("id", s.id())
                                    .put("template", s.template())
                                    .put("lang", s.lang())
                                    .put("recipient", s.recipientKind())
                                    .put("recipient_name", s.recipientName())
                                    .put("delivery", s.delivery())
                                    .put("status", s.status())
                                    .put("balance", s.balance())
                                    .put(
                                        "dispute_deadline",
                                        s.disputeDeadline() == null
                                            ? null
                                            : s.disputeDeadline().toString())
                                    .put("sha256", s.sha256())
                                    .put("campaign", s.campaignId())
                                    .put("attempt", s.attemptId())
                                    .put("created_at", s.createdAt().toString())
                                    .put(
                                        "sent_at",
                                        s.sentAt() == null ? null : s.sentAt().toString())
                                    .put("batch", s.batchRef())
                                    .put("pdf", "/api/letters/" + s.id() + ".pdf"));
                          }
                          return new JsonObject()
                              .put("unit", ctx.pathParam("unit"))
                              .put("letters", out);
                        })
                    .onSuccess(
                        j ->
                            ctx.response()
                                .putHeader("content-type", "application/json")
                                .putHeader("cache-control", "no-store")
                                .end(j.encode()))
                    .onFailure(err -> Problems.fail(ctx, err)));

    router
        .getWithRegex("/api/letters/(?<id>[0-9]{1,18})\\.pdf")
        .handler(
            ctx -> {
              long id = Long.parseLong(ctx.pathParam("id"));
              engine
                  .blocking(
                      () ->
                          store
                              .pdf(id)
                              .orElseThrow(
                                  () -> new NoSuchElementException("letter: no letter " + id)))
                  .onSuccess(
                      bytes -> pdf(ctx, bytes, "letter-" + id + ".pdf", LetterWriter.sha256(bytes)))
                  .onFailure(err -> Problems.fail(ctx, err));
            });
  }

  private static void pdf(RoutingContext ctx, byte[] bytes, String name, String sha256) {
    ctx.response()
        .putHeader("content-type", "application/pdf")
        .putHeader("cache-control", "no-store")
        .putHeader("content-disposition", "inline; filename=\"" + name + "\"")
        .putHeader("x-content-sha256", sha256)
        .end(Buffer.buffer(bytes));
  }
}
