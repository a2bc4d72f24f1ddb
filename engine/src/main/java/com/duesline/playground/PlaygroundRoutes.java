package com.duesline.playground;

import com.duesline.app.Engine;
import com.duesline.call.CallRuntime;
import com.duesline.cli.InputRejectedException;
import com.duesline.config.DueslineConfig;
import com.duesline.web.JsonBody;
import com.duesline.web.Problems;
import com.duesline.web.StaticAssets;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The script playground's page ({@code /scripts}) and JSON API. Text turns, lint and stories run on
 * the engine's worker pool; recognition and synthesis on the speech pool; nothing on an event loop.
 * Refused input answers 400 {@code {"problems": [...]}}, an unknown or expired session 404.
 *
 * <pre>
 * GET    /api/playground/tracks                       tracks, languages, variants, sample account
 * POST   /api/playground/sessions                     {"track","lang"?,"variant"?,"account"?,"today"?,"seed"?} → 201 {session, turn}
 * GET    /api/playground/sessions/:id                 every turn so far
 * DELETE /api/playground/sessions/:id
 * POST   /api/playground/sessions/:id/say             {"text"}   → the turn
 * POST   /api/playground/sessions/:id/keys            {"digits"} → the turn
 * POST   /api/playground/sessions/:id/silence                    → the turn
 * POST   /api/playground/sessions/:id/audio?rate=N    raw PCM16 LE mono (audio/L16; rate=N) → the turn, with the recognised words
 * GET    /api/playground/sessions/:id/lines/:n.wav    bot line n as the caller hears it (8 kHz, G.711 round trip)
 * GET    /api/playground/lint?track=&amp;lang=            lint findings with file:line:column
 * POST   /api/playground/stories                      {"track","lang"} → each story's pass/fail and first difference
 * GET    /api/playground/voices/:voice/:lang          what the recorded voice still lacks, per track
 * POST   /api/playground/voices/:voice/:lang/clips?text=|word=&amp;rate=N   a take (PCM16 LE) → stored trimmed, normalised, µ-law 8 kHz
 * GET    /api/playground/voices/:voice/:lang/clip.wav?text=|word=        a stored clip
 * </pre>
 */
public final class PlaygroundRoutes {
  private static final Logger LOG = LoggerFactory.getLogger(PlaygroundRoutes.class);

  /** 30 s of 16 kHz PCM16 is 960 kB; anything much bigger is not a caller turn. */
  static final long BODY_LIMIT = 1_200_000;

  private static final String API = "/api/playground";

  private PlaygroundRoutes() {}

  /**
   * Mounts the playground over the live-call runtime's own parts (its intent matcher, tracks,
   * prompt cache, Vosk model and speech pool), so what the writer hears is what a caller hears.
   */
  public static Playground mount(Engine engine, CallRuntime runtime) {
    DueslineConfig config = engine.config();
    PlaygroundSessions sessions =
        new PlaygroundSessions(
            Duration.ofMinutes(config.getInt("playground.session-idle-minutes")),
            config.getInt("playground.max-sessions"),
            System::nanoTime);
    Playground playground =
        new Playground(
            runtime.classifier(), runtime.tracks(), runtime.prompts(), runtime.hearing(), sessions);
    mount(engine, playground, runtime.speechWorkers().executor());
    return playground;
  }

  /** Mounts the page and the API; {@code speechPool} runs Vosk and MaryTTS. */
  public static void mount(Engine engine, Playground playground, Executor speechPool) {
    var router = engine.router();
    StaticAssets.page(router, "/scripts", "scripts.html");
    router.route(API + "/*").handler(BodyHandler.create().setBodyLimit(BODY_LIMIT));
    engine.vertx().setPeriodic(60_000, t -> engine.blocking(() -> playground.sessions().expire()));

    router
        .get(API + "/tracks")
        .handler(ctx -> json(ctx, 200, engine.blocking(playground::catalogue)));
    router
        .post(API + "/sessions")
        .handler(
            ctx -> {
              JsonObject body = JsonBody.objectOrAnswer(ctx);
              if (body != null) json(ctx, 201, engine.blocking(() -> playground.start(body)));
            });
    router
        .get(API + "/sessions/:id")
        .handler(
            ctx -> json(ctx, 200, engine.blocking(() -> playground.state(ctx.pathParam("id")))));
    router
        .delete(API + "/sessions/:id")
        .handler(
            ctx ->
                json(
                    ctx,
                    200,
                    engine.blocking(
                        () -> {
                          if (!playground.close(ctx.pathParam("id")))
                            throw new UnknownSessionException(
                                "session: no playground session '" + ctx.pathParam("id") + "'");
                          return new JsonObject().put("closed", ctx.pathParam("id"));
                        })));
    router
        .post(API + "/sessions/:id/say")
        .handler(
            ctx -> {
              JsonObject body = JsonBody.objectOrAnswer(ctx);
              if (body == null) return;
              Object text = body.getValue("text");
              json(
                  ctx,
                  200,
                  engine.blocking(
                      () ->
                          playground.say(
                              ctx.pathParam("id"), text == null ? null : String.valueOf(text))));
            });
    router
        .post(API + "/sessions/:id/keys")
        .handler(
            ctx -> {
              JsonObject body = JsonBody.objectOrAnswer(ctx);
              if (body == null) return;
              Object digits = body.getValue("digits");
              json(
                  ctx,
                  200,
                  engine.blocking(
                      () ->
                          playground.keys(
                              ctx.pathParam("id"),
                              digits == null ? null : String.valueOf(digits))));
            });
    router
        .post(API + "/sessions/:id/silence")
        .handler(
            ctx -> json(ctx, 200, engine.blocking(() -> playground.silence(ctx.pathParam("id")))));
    router
        .post(API + "/sessions/:id/audio")
        .handler(
            ctx -> {
              Buffer raw = ctx.body().buffer();
              byte[] bytes = raw == null ? new byte[0] : raw.getBytes();
              String type = ctx.request().getHeader("content-type");
              String rate = ctx.queryParams().get("rate");
              String id = ctx.pathParam("id");
              json(
                  ctx,
                  200,
                  speech(
                      ctx,
                      speechPool,
                      () -> playground.hear(id, PcmAudio.parse(bytes, type, rate))));
            });
    router
        .get(API + "/sessions/:id/lines/:file")
        .handler(
            ctx -> {
              String file = ctx.pathParam("file");
              String id = ctx.pathParam("id");
              speech(
                      ctx,
                      speechPool,
                      () -> {
                        if (!file.matches("[0-9]{1,6}\\.wav"))
                          throw new InputRejectedException(
                              "line: expected <number>.wav, got '" + file + "'");
                        return playground.lineWav(
                            id, Integer.parseInt(file.substring(0, file.length() - 4)));
                      })
                  .onSuccess(
                      wav ->
                          ctx.response()
                              .putHeader("content-type", "audio/wav")
                              .putHeader("cache-control", "no-store")
                              .end(Buffer.buffer(wav)))
                  .onFailure(err -> Problems.fail(ctx, err));
            });
    // Recording a voice: coverage per track, a take stored as a clip, a clip played back.
    VoiceRecorder recorder = new VoiceRecorder(playground::root);
    StaticAssets.page(router, "/scripts/record", "record.html");
    router
        .get(API + "/voices/:voice/:lang")
        .handler(
            ctx ->
                json(
                    ctx,
                    200,
                    engine.blocking(
                        () -> recorder.coverage(ctx.pathParam("voice"), ctx.pathParam("lang")))));
    router
        .post(API + "/voices/:voice/:lang/clips")
        .handler(
            ctx -> {
              Buffer raw = ctx.body().buffer();
              byte[] bytes = raw == null ? new byte[0] : raw.getBytes();
              var q = ctx.queryParams();
              json(
                  ctx,
                  200,
                  engine.blocking(
                      () ->
                          recorder.store(
                              ctx.pathParam("voice"),
                              ctx.pathParam("lang"),
                              q.get("text"),
                              q.get("word"),
                              PcmAudio.parse(
                                  bytes, ctx.request().getHeader("content-type"), q.get("rate")))));
            });
    router
        .get(API + "/voices/:voice/:lang/clip.wav")
        .handler(
            ctx -> {
              var q = ctx.queryParams();
              engine
                  .blocking(
                      () ->
                          recorder.clipWav(
                              ctx.pathParam("voice"),
                              ctx.pathParam("lang"),
                              q.get("text"),
                              q.get("word")))
                  .onSuccess(
                      wav ->
                          ctx.response()
                              .putHeader("content-type", "audio/wav")
                              .putHeader("cache-control", "no-store")
                              .end(Buffer.buffer(wav)))
                  .onFailure(err -> Problems.fail(ctx, err));
            });
    router
        .get(API + "/lint")
        .handler(
            ctx ->
                json(
                    ctx,
                    200,
                    engine.blocking(
                        () ->
                            playground.lint(
                                ctx.queryParams().get("track"),
                                ctx.queryParams().get("lang") == null
                                    ? "en"
                                    : ctx.queryParams().get("lang")))));
    router
        .post(API + "/stories")
        .handler(
            ctx -> {
              JsonObject body = JsonBody.objectOrAnswer(ctx);
              if (body == null) return;
              json(
                  ctx,
                  200,
                  engine.blocking(
                      () ->
                          playground.stories(
                              JsonBody.string(body, "track"),
                              Objects.requireNonNullElse(JsonBody.string(body, "lang"), "en"))));
            });
  }

  /** Runs speech work on the speech pool and completes on the request's context. */
  private static <T> Future<T> speech(RoutingContext ctx, Executor pool, Callable<T> work) {
    CompletableFuture<T> f =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return work.call();
              } catch (RuntimeException e) {
                throw e;
              } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
              }
            },
            pool);
    return Future.fromCompletionStage(f, ctx.vertx().getOrCreateContext());
  }

  private static void json(RoutingContext ctx, int status, Future<JsonObject> work) {
    work.onSuccess(
            j ->
                ctx.response()
                    .setStatusCode(status)
                    .putHeader("content-type", "application/json")
                    .end(j.encode()))
        .onFailure(err -> Problems.fail(ctx, err));
  }
}
