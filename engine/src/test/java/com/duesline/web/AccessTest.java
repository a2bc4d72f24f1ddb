package com.duesline.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.app.Engine;
import com.duesline.campaign.CampaignRoutes;
import com.duesline.config.DueslineConfig;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Sign-in, roles per path, CSRF and the throttle, over real HTTP against a real store with bcrypt
 * hashes.
 */
class AccessTest {
  private static Database db;
  private static Engine engine;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.fresh();
    engine = Engine.create(DueslineConfig.load(null, k -> null), db);
    Users users = new Users(db);
    users.put("sue", Role.SUPERVISOR, "supervisor-pass-1", null);
    users.put("amy", Role.AGENT, "agent-pass-12", "sip:amy@pbx.local");
    users.put("sam", Role.SCRIPT_WRITER, "writer-pass-12", null);
    users.put("lee", Role.SCRIPT_WRITER, "writer-pass-34", null);
    CampaignRoutes.mount(engine);
    Access.mount(engine, users);
    engine
        .router()
        .get("/agent")
        .handler(ctx -> ctx.end("agent page for " + Viewer.of(ctx).name()));
    engine.router().get("/scripts").handler(ctx -> ctx.end("scripts page"));
    engine.router().post("/twilio/status").handler(ctx -> ctx.end("carrier webhook reached"));
    port = engine.start(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    engine.close();
    db.close();
  }

  @Test
  void signedOutVisitorsAreSentToSignInAndApisAnswer401() throws Exception {
    Client anon = new Client();
    HttpResponse<String> page = anon.get("/agent");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("location")).hasValue("/login?next=%2Fagent");
    assertThat(anon.get("/api/campaigns/standard").statusCode()).isEqualTo(401);
    assertThat(anon.get("/login").body()).contains("Sign in");
    assertThat(anon.get("/health").statusCode()).isEqualTo(200);
    assertThat(anon.post("/twilio/status", "", false).body())
        .as("webhooks carry their own signature check")
        .isEqualTo("carrier webhook reached");
  }

  @Test
  void eachRoleOpensItsOwnPagesOnly() throws Exception {
    Client agent = new Client().signIn("amy", "agent-pass-12");
    assertThat(agent.get("/agent").body()).isEqualTo("agent page for amy");
    assertThat(agent.get("/api/campaigns/standard").statusCode()).isEqualTo(403);
    assertThat(agent.get("/scripts").statusCode()).isEqualTo(403);
    assertThat(new JsonObject(agent.get("/api/me").body()).getString("role")).isEqualTo("agent");

    Client writer = new Client().signIn("sam", "writer-pass-12");
    assertThat(writer.get("/scripts").statusCode()).isEqualTo(200);
    assertThat(writer.get("/api/playground/anything").statusCode())
        .as("the playground's API is the writer's")
        .isEqualTo(404);
    assertThat(writer.get("/agent").statusCode()).isEqualTo(403);
    assertThat(writer.get("/api/anything-new").statusCode()).as("deny by default").isEqualTo(403);

    Client sup = new Client().signIn("SUE ", "supervisor-pass-1");
    assertThat(sup.get("/agent").statusCode()).isEqualTo(200);
    assertThat(sup.get("/scripts").statusCode()).isEqualTo(200);
  }

  @Test
  void stateChangesNeedTheSessionsCsrfTokenAndBodiesStillArrive() throws Exception {
    Client sup = new Client().signIn("sue", "supervisor-pass-1");
    HttpResponse<String> forged =
        sup.post("/api/campaigns", "{\"definition\":\"no-such-campaign\"}", false);
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(forged.body()).contains("csrf");
    HttpResponse<String> real =
        sup.post("/api/campaigns", "{\"definition\":\"no-such-campaign\"}", true);
    assertThat(real.statusCode()).as(real.body()).isEqualTo(400);
    assertThat(real.body()).contains("no-such-campaign");
    Client other = new Client().signIn("sue", "supervisor-pass-1");
    assertThat(sup.csrf()).as("one token per session").isNotEqualTo(other.csrf());
  }

  @Test
  void wrongPasswordsAreRefusedAndTheNameLocksAfterFive() throws Exception {
    Client c = new Client();
    c.get("/login");
    for (int i = 0; i < 5; i++)
      assertThat(c.login("lee", "wrong-password").statusCode()).isEqualTo(401);
    HttpResponse<String> locked = c.login("lee", "writer-pass-34");
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.body()).contains("too many failed sign-ins");
    assertThat(c.login("nobody", "whatever-pass").statusCode()).isEqualTo(401);
  }

  @Test
  void signingOutEndsTheSessionAndPasswordsAreStoredAsBcrypt() throws Exception {
    Client sup = new Client().signIn("sue", "supervisor-pass-1");
    assertThat(sup.post("/api/logout", "", true).statusCode()).isEqualTo(204);
    assertThat(sup.get("/api/me").statusCode()).isEqualTo(401);
    try (var c = db.connection();
        var st = c.createStatement();
        var rs = st.executeQuery("SELECT password_hash FROM users WHERE name = 'sue'")) {
      rs.next();
      assertThat(rs.getString(1)).startsWith("$2a$10$").doesNotContain("supervisor-pass-1");
    }
  }

  @Test
  void theRequestRightAfterSigningInOrOutSeesIt() throws Exception {
    // The session's new id (or its end) must be stored before the answer leaves: a browser asks at
    // once.
    // A busy worker pool (where the store's writes queue) is what made the next request outrun
    // them.
    long busy =
        engine
            .vertx()
            .setPeriodic(
                20,
                t -> {
                  for (int k = 0; k < 20; k++)
                    engine
                        .vertx()
                        .executeBlocking(
                            () -> {
                              Thread.sleep(20);
                              return null;
                            },
                            false);
                });
    try {
      for (int i = 0; i < 20; i++) {
        Client c = new Client().signIn("amy", "agent-pass-12");
        assertThat(c.get("/api/me").statusCode()).as("right after sign-in %d", i).isEqualTo(200);
        assertThat(c.post("/api/logout", "", true).statusCode()).isEqualTo(204);
        assertThat(c.get("/api/me").statusCode()).as("right after sign-out %d", i).isEqualTo(401);
      }
    } finally {
      engine.vertx().cancelTimer(busy);
    }
  }

  /**
   * A browser-like client: keeps cookies and sends the CSRF cookie back as the header when asked.
   */
  private static final class Client {
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();

    Client signIn(String name, String password) throws Exception {
      get("/login");
      HttpResponse<String> r = login(name, password);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return this;
    }

    HttpResponse<String> login(String name, String password) throws Exception {
      return post(
          "/api/login",
          new JsonObject().put("name", name).put("password", password).encode(),
          true);
    }

    String csrf() {
      return cookies.getCookieStore().getCookies().stream()
          .filter(c -> c.getName().equals("XSRF-TOKEN"))
          .map(HttpCookie::getValue)
          .findFirst()
          .orElse("");
    }

    HttpResponse<String> get(String path) throws Exception {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body, boolean withCsrf) throws Exception {
      var b =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
              .header("content-type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(body));
      if (withCsrf) b.header("X-XSRF-TOKEN", csrf());
      return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
