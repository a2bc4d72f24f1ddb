package com.duesline.web;

import com.duesline.app.Engine;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.sstore.SessionStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sign-in for the browser pages: sessions (HttpOnly, SameSite=Strict cookie, stored in PostgreSQL
 * by {@link StoredSessions}: a restart or another node keeps people signed in), CSRF tokens on
 * every state change, and the role check of {@link AccessRules} before any page or API handler
 * runs, whatever order capabilities mounted their routes in.
 *
 * <pre>
 * GET  /login                         the sign-in page
 * POST /api/login   {name, password}  → 200 {name, role, home} | 401 | 429 (locked after 5 failures)
 * POST /api/logout                    → 204
 * GET  /api/me                        → {name, role}
 * </pre>
 */
public final class Access {
  private static final Logger LOG = LoggerFactory.getLogger(Access.class);
  private static final long SESSION_MS = TimeUnit.HOURS.toMillis(10);

  private Access() {}

  /** Mounts sessions, CSRF, the role guard (ahead of every other route) and the sign-in routes. */
  public static void mount(Engine engine, Users users) {
    Router router = engine.router();
    // In PostgreSQL: a restart, or another node of a cluster, keeps people signed in.
    SessionStore store =
        new StoredSessions(engine.database()).init(engine.vertx(), new JsonObject());
    SessionHandler sessions = sessionHandler(store, false);
    // Over https the session cookie is Secure, so a browser never sends it over plain http.
    SessionHandler secureSessions = sessionHandler(store, true);
    SignInThrottle byName = new SignInThrottle(5, TimeUnit.MINUTES.toMillis(1));
    // One address trying many names is throttled too (generously: an office may share one address).
    SignInThrottle byAddress = new SignInThrottle(20, TimeUnit.MINUTES.toMillis(5));

    // Negative orders run before every route mounted with the default order, before or after this
    // call.
    router.route().order(-31).handler(PageHeaders::handle);
    router.route().order(-31).handler(UrlGuard::handle);
    UrlGuard.mountErrors(router);
    Function<RoutingContext, SessionHandler> handlerFor =
        ctx -> PageHeaders.overHttps(ctx) ? secureSessions : sessions;
    router
        .route()
        .order(-30)
        .handler(
            ctx -> {
              if (needsSession(ctx.normalizedPath())) handlerFor.apply(ctx).handle(ctx);
              else ctx.next();
            });
    router.route().order(-29).handler(Access::guard);

    StaticAssets.page(router, "/login", "login.html");
    router
        .post("/api/login")
        .handler(BodyHandler.create().setBodyLimit(4096))
        .handler(ctx -> signIn(engine, users, byName, byAddress, handlerFor.apply(ctx), ctx));
    router
        .post("/api/logout")
        .handler(
            ctx -> {
              LOG.info("{} signed out", Viewer.of(ctx).name());
              ctx.session().destroy();
              answerOnceStored(
                  handlerFor.apply(ctx), ctx, () -> ctx.response().setStatusCode(204).end());
            });
    router
        .get("/api/me")
        .handler(
            ctx -> {
              Viewer v = Viewer.of(ctx);
              ctx.json(
                  new JsonObject()
                      .put("name", v.name())
                      .put("role", v.role().id())
                      .put("home", AccessRules.home(v.role())));
            });
  }

  private static SessionHandler sessionHandler(SessionStore store, boolean secure) {
    return SessionHandler.create(store)
        .setSessionTimeout(SESSION_MS)
        .setCookieHttpOnlyFlag(true)
        .setCookieSameSite(CookieSameSite.STRICT)
        .setCookieSecureFlag(secure)
        .setNagHttps(false);
  }

  /**
   * Carrier webhooks and static files need no session; everything else (the login page included)
   * has one.
   */
  private static boolean needsSession(String path) {
    AccessRules.Rule r = AccessRules.ruleFor(path);
    return !r.isPublic() || path.equals("/login") || path.equals("/api/login");
  }

  private static void guard(RoutingContext ctx) {
    String path = ctx.normalizedPath();
    AccessRules.Rule rule = AccessRules.ruleFor(path);
    Session session = ctx.session();
    if (session != null) CsrfGuard.issue(ctx);
    if (rule.isPublic()) {
      if (session != null && !CsrfGuard.accepts(ctx)) {
        Problems.send(
            ctx, 403, "csrf: the X-XSRF-TOKEN header is missing or does not match this session");
        return;
      }
      ctx.next();
      return;
    }
    String name = session == null ? null : session.get("user");
    if (name == null) {
      if (path.startsWith("/api/")) Problems.send(ctx, 401, "sign in first");
      else
        ctx.redirect(
            "/login?next=" + URLEncoder.encode(ctx.request().uri(), StandardCharsets.UTF_8));
      return;
    }
    Viewer viewer = new Viewer(name, Role.of(session.get("role")));
    if (!rule.admits(viewer.role())) {
      Problems.send(ctx, 403, path + ": not open to the " + viewer.role().id() + " role");
      return;
    }
    if (!CsrfGuard.accepts(ctx)) {
      Problems.send(
          ctx, 403, "csrf: the X-XSRF-TOKEN header is missing or does not match this session");
      return;
    }
    ctx.put(Viewer.KEY, viewer);
    ctx.next();
  }

  /**
   * Stores the session before answering. A changed id (sign-in) or a destroyed session (sign-out)
   * is otherwise written after the answer leaves, and the browser's next request can outrun it: a
   * fresh sign-in looked signed out, a sign-out still signed in.
   */
  private static void answerOnceStored(
      SessionHandler sessions, RoutingContext ctx, Runnable answer) {
    sessions
        .flush(ctx)
        .onComplete(
            stored -> {
              if (stored.failed()) {
                LOG.warn("session could not be stored: {}", stored.cause().getMessage());
                Problems.send(ctx, 503, "sessions: the store did not answer; try again");
                return;
              }
              answer.run();
            });
  }

  private static void signIn(
      Engine engine,
      Users users,
      SignInThrottle byName,
      SignInThrottle byAddress,
      SessionHandler sessions,
      RoutingContext ctx) {
    JsonObject body;
    try {
      body = ctx.body().asJsonObject();
    } catch (RuntimeException e) {
      body = null;
    }
    // A name or password of the wrong JSON type is refused like a missing one (getString would
    // throw: a 500).
    if (body == null
        || !(body.getValue("name") instanceof String)
        || !(body.getValue("password") instanceof String)) {
      Problems.send(ctx, 400, "body: expected JSON {\"name\": ..., \"password\": ...}");
      return;
    }
    String name = body.getString("name").trim().toLowerCase(java.util.Locale.ROOT);
    String password = body.getString("password");
    String address =
        ctx.request().remoteAddress() == null
            ? "unknown"
            : ctx.request().remoteAddress().hostAddress();
    long now = System.currentTimeMillis();
    long locked = byName.lockedFor(name, now);
    if (locked > 0) {
      Problems.send(
          ctx,
          429,
          "too many failed sign-ins for this name: try again in " + (locked / 1000 + 1) + " s");
      return;
    }
    locked = byAddress.lockedFor(address, now);
    if (locked > 0) {
      Problems.send(
          ctx,
          429,
          "too many failed sign-ins from this address: try again in " + (locked / 1000 + 1) + " s");
      return;
    }
    engine
        .blocking(() -> users.verify(name, password))
        .onComplete(
            ar -> {
              Optional<Viewer> v = ar.succeeded() ? ar.result() : Optional.empty();
              if (ar.failed()) LOG.warn("sign-in check failed: {}", ar.cause().getMessage());
              if (v.isEmpty()) {
                byName.failed(name, System.currentTimeMillis());
                byAddress.failed(address, System.currentTimeMillis());
                LOG.info("sign-in refused for '{}'", name);
                Problems.send(ctx, 401, "name or password is wrong");
                return;
              }
              byName.succeeded(name);
              // A new session id on sign-in, so a session id planted before sign-in is worthless
              // after it.
              ctx.session().regenerateId();
              ctx.session().put("user", v.get().name());
              ctx.session().put("role", v.get().role().id());
              CsrfGuard.issue(ctx);
              LOG.info("{} signed in as {}", v.get().name(), v.get().role().id());
              answerOnceStored(
                  sessions,
                  ctx,
                  () ->
                      ctx.json(
                          new JsonObject()
                              .put("name", v.get().name())
                              .put("role", v.get().role().id())
                              .put("home", AccessRules.home(v.get().role()))));
            });
  }
}
