package com.duesline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.duesline.app.Engine;
import com.duesline.campaign.CampaignRoutes;
import com.duesline.config.DueslineConfig;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import io.vertx.core.Promise;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The engine's web surface under hostile input, over real HTTP with a real store: start-up answers
 * 503 until every route is mounted, every response carries the page headers, cookies are Secure
 * over https, sign-in is throttled per address, random and oversized bodies get a 4xx (never a
 * 500), and JDBC on an event loop fails.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileWebInputTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static Database db;
  private static Engine engine;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.fresh();
    engine = Engine.create(DueslineConfig.load(null, k -> null), db);
    Users users = new Users(db);
    users.put("sue", Role.SUPERVISOR, "supervisor-pass-1", null);
    Access.mount(engine, users);
    CampaignRoutes.mount(engine);
    engine.holdUntilReady();
    port = engine.start(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @AfterAll
  static void stop() {
    engine.close();
    db.close();
  }

  @Test
  @Order(1)
  void startingAnswers503WithRetryAfterUntilReady() throws Exception {
    // Runs first (@Order): the engine is still starting.
    assertThat(engine.isReady()).isFalse();
    HttpResponse<String> agent = send("GET", "/agent", null, List.of());
    assertThat(agent.statusCode()).isEqualTo(503);
    assertThat(agent.headers().firstValue("Retry-After")).hasValue("5");
    assertThat(agent.body()).contains("starting");
    assertThat(send("POST", "/twilio/voice", "", List.of()).statusCode()).isEqualTo(503);
    HttpResponse<String> health = send("GET", "/health", null, List.of());
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.body()).contains("\"status\":\"STARTING\"").contains("\"ready\":false");

    engine.router().get("/agent").handler(ctx -> ctx.end("agent page"));
    engine.ready();
    health = send("GET", "/health", null, List.of());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").contains("\"ready\":true");
    assertThat(send("GET", "/agent", null, List.of()).statusCode())
        .as("signed out: to sign-in")
        .isEqualTo(302);
  }

  @Test
  void pagesCarryTheSecurityHeadersAndCookiesAreSecureOverHttps() throws Exception {
    engine.ready();
    HttpResponse<String> login = send("GET", "/login", null, List.of());
    assertThat(login.headers().firstValue("Content-Security-Policy")).hasValue(PageHeaders.CSP);
    assertThat(login.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(login.headers().allValues("set-cookie"))
        .isNotEmpty()
        .noneMatch(c -> c.toLowerCase().contains("secure"));
    assertThat(login.headers().firstValue("Strict-Transport-Security")).isEmpty();
    assertThat(login.body()).doesNotContain("<script>").contains("/static/login.js");

    HttpResponse<String> https = send("GET", "/login", null, List.of("X-Forwarded-Proto", "https"));
    assertThat(https.headers().allValues("set-cookie"))
        .isNotEmpty()
        .allMatch(c -> c.toLowerCase().contains("; secure"));
    assertThat(https.headers().firstValue("Strict-Transport-Security")).isPresent();
  }

  @Test
  @Order(
      Integer
          .MAX_VALUE) // last (unannotated tests have Integer.MAX_VALUE / 2): it locks this test's
  // address
  void oneAddressTryingManyNamesIsThrottled() throws Exception {
    engine.ready();
    int refused = 0;
    HttpResponse<String> last = null;
    // Each name fails only once (the per-name lock never triggers); the address's twentieth failure
    // locks it.
    for (int i = 0; i < 21; i++) {
      last = signIn("{\"name\":\"guess-" + i + "\",\"password\":\"wrong\"}");
      if (last.statusCode() == 401) refused++;
    }
    // Twenty failures lock the address; the lone-surrogate sign-in of the random-bodies test (same
    // address) is one of them.
    assertThat(refused).isBetween(19, 20);
    assertThat(last.statusCode()).isEqualTo(429);
    assertThat(last.body()).contains("from this address");
  }

  @Test
  void randomAndOversizedBodiesGetA4xxNeverA500() throws Exception {
    engine.ready();
    Random random = new Random(18);
    List<String> shapes =
        List.of(
            "{\"name\":5,\"password\":true}",
            "{\"name\":[],\"password\":{}}",
            "[1,2]",
            "null",
            "\"x\"",
            "{\"name\":\"sue\"",
            "{\"name\":\"\\ud800\",\"password\":\"x\"}",
            "",
            "{}",
            "{\"name\":null,\"password\":null}");
    // A lone surrogate is still a string: that one is a wrong name (401); the rest are not a
    // sign-in body (400).
    for (String body : shapes) assertThat(signIn(body).statusCode()).as(body).isIn(400, 401);
    for (int i = 0; i < 40; i++) {
      byte[] b = new byte[random.nextInt(300)];
      random.nextBytes(b);
      HttpResponse<String> r = signIn(new String(b, java.nio.charset.StandardCharsets.ISO_8859_1));
      assertThat(r.statusCode()).as("random bytes #" + i).isEqualTo(400);
      assertThat(r.body()).contains("body: expected JSON");
    }
    HttpResponse<String> huge =
        signIn("{\"name\":\"" + "a".repeat(100_000) + "\",\"password\":\"x\"}");
    assertThat(huge.statusCode()).isEqualTo(413);
  }

  @Test
  void jdbcOnAnEventLoopFailsInTests() throws Exception {
    Promise<Throwable> caught = Promise.promise();
    engine
        .vertx()
        .runOnContext(
            v -> {
              try (var c = db.connection()) {
                caught.complete(null);
              } catch (Throwable t) {
                caught.complete(t);
              }
            });
    Throwable t =
        caught.future().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(t)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("JDBC on event-loop thread");
    assertThatThrownBy(
            () -> {
              throw t;
            })
        .hasMessageContaining("HostileWebInputTest");
  }

  private static HttpResponse<String> signIn(String body) throws Exception {
    return withSession("POST", "/api/login", body);
  }

  /**
   * A signed-out browser's request: the session and XSRF cookies from the sign-in page, the token
   * in its header.
   */
  private static HttpResponse<String> withSession(String method, String path, String body)
      throws Exception {
    java.net.CookieManager cookies = new java.net.CookieManager();
    HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
    client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
        HttpResponse.BodyHandlers.discarding());
    String token =
        cookies.getCookieStore().getCookies().stream()
            .filter(c -> c.getName().equals("XSRF-TOKEN"))
            .findFirst()
            .orElseThrow()
            .getValue();
    return client.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header("content-type", "application/json")
            .header("X-XSRF-TOKEN", token)
            .method(method, HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> send(
      String method, String path, String body, List<String> headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.size(); i += 2) b.header(headers.get(i), headers.get(i + 1));
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
