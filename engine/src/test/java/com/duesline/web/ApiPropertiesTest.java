package com.duesline.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.duesline.app.Engine;
import com.duesline.campaign.CampaignRoutes;
import com.duesline.config.DueslineConfig;
import com.duesline.handoff.AgentRoutes;
import com.duesline.handoff.HandoffDesk;
import com.duesline.live.LiveBoard;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of the agent and campaign APIs under any body a client can send (real engine, real
 * store, real HTTP, signed in as a supervisor): bad JSON, every field of the wrong type or absurd,
 * extra fields, huge bodies. The answer is never a 5xx; a refusal is a 4xx whose {@code problems}
 * name what is wrong in words, never an exception's name or a stack trace. Seeds are fixed (replay
 * others with {@code -DQT_SEED=N}).
 */
class ApiPropertiesTest {
  private static final long SEED = Long.getLong("QT_SEED", 18L);

  /**
   * What a refusal must not read like: a Java exception's name, a stack frame, a parser's
   * internals.
   */
  private static final Pattern LEAK =
      Pattern.compile("[A-Za-z]+(Exception|Error)\\b|\\tat |\\bat index \\d|java\\.|io\\.vertx");

  private static Database db;
  private static Engine engine;
  private static int port;
  private static final CookieManager COOKIES = new CookieManager();
  private static final HttpClient HTTP = HttpClient.newBuilder().cookieHandler(COOKIES).build();

  @BeforeAll
  static void start() throws Exception {
    db = TestDatabase.fresh();
    engine = Engine.create(DueslineConfig.load(null, k -> null), db);
    Users users = new Users(db);
    users.put("sue", Role.SUPERVISOR, "supervisor-pass-1", null);
    Access.mount(engine, users);
    CampaignRoutes.mount(engine);
    HandoffDesk desk = new HandoffDesk(engine.vertx(), 60_000);
    AgentRoutes.mount(engine, desk, users, new LiveBoard(engine.vertx(), desk));
    engine.ready();
    port = engine.start(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    HTTP.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
        HttpResponse.BodyHandlers.discarding());
    HttpResponse<String> in =
        send("POST", "/api/login", "{\"name\":\"sue\",\"password\":\"supervisor-pass-1\"}");
    assertThat(in.statusCode()).as(in.body()).isEqualTo(200);
  }

  @AfterAll
  static void stop() {
    engine.close();
    db.close();
  }

  /** JSON values of every type, and strings that have broken parsers and file APIs before. */
  static final List<Object> VALUES =
      List.of(
          "",
          " ",
          "x",
          "free",
          "away",
          "wrap_up",
          "promise",
          "plan",
          "paid",
          "standard",
          "demo",
          "start",
          "S101-01",
          "2026-12-01",
          "2099-01-31",
          "2020-01-01",
          "31/12/2026",
          "not a date",
          "12.50",
          "-5",
          "0",
          "1e999999999",
          "NaN",
          "Infinity",
          "99999999999999999999999999.99",
          "+15550100",
          "sip:agent@example.test",
          "\u0000",
          "\ud800",
          "\u202e",
          "/etc/passwd",
          "../../../../etc/hostname",
          "library/campaigns/standard.yaml",
          "a".repeat(5_000),
          0,
          -1,
          1,
          7,
          36,
          37,
          12.5,
          -0.01,
          1e308,
          Long.MAX_VALUE,
          true,
          false,
          new JsonArray().add(1).add("x"),
          new JsonObject(),
          new JsonObject().put("amount", "x").put("date", 5),
          new JsonObject().put("amount", 10).put("date", "2099-01-31"),
          new JsonObject().put("months", 3).put("monthly", 1e30),
          new JsonObject().put("months", "3").put("monthly", -2));

  static final List<String> IDS =
      List.of(
          "standard",
          "1",
          "0",
          "-1",
          "99999999999999999999",
          "x",
          "%00",
          "%E2%80%AE",
          "a".repeat(300),
          "S101-01",
          "..%2F..%2Fetc");

  static final List<String> ACTIONS =
      List.of("start", "pause", "resume", "stop", "plan", "explode", "", "START");

  /** Bodies that are not a JSON object at all. */
  static final List<String> RAW =
      List.of(
          "",
          "null",
          "[]",
          "[1,2]",
          "\"x\"",
          "5",
          "{",
          "{\"a\":",
          "{\"a\":1,}",
          "{'a':1}",
          "\u0000",
          "\uFFFD\uFFFD",
          "{\"a\":\"\\ud800\"}",
          "<xml/>",
          "a=1&b=2",
          "{\"a\":1}{\"b\":2}",
          "{\"a\":NaN}");

  record Endpoint(String method, String path, List<String> fields) {}

  static final List<Endpoint> ENDPOINTS =
      List.of(
          new Endpoint("POST", "/api/payments", List.of("unit", "amount", "paid_on", "ref")),
          new Endpoint("POST", "/api/campaigns", List.of("definition")),
          new Endpoint("POST", "/api/campaigns/{id}/{action}", List.of("x")),
          new Endpoint("GET", "/api/campaigns/{id}", List.of()),
          new Endpoint("GET", "/api/policy/{id}?at={value}&channel={action}", List.of()),
          new Endpoint("POST", "/api/agent/state", List.of("state", "address")),
          new Endpoint(
              "POST",
              "/api/agent/handoffs/{id}/wrap",
              List.of("disposition", "notes", "promise", "plan")),
          new Endpoint("POST", "/api/agent/handoffs/{id}/accept", List.of()),
          new Endpoint("GET", "/api/agent/handoffs/{id}", List.of()));

  /** One request: an endpoint, its path parameters, and a body built from {@code shape}. */
  record Call(
      Endpoint endpoint, String id, String action, int shape, List<Object> values, int raw) {
    String path() {
      String v = URLEncoder.encode(String.valueOf(values.get(0)), StandardCharsets.UTF_8);
      return endpoint
          .path()
          .replace("{id}", id)
          .replace("{action}", URLEncoder.encode(action, StandardCharsets.UTF_8))
          .replace("{value}", v);
    }

    /**
     * Shapes 0-5: an object with each field present (a random value) or absent; 6-7: not an object;
     * 8: huge.
     */
    String body() {
      if (shape >= 6 && shape <= 7) return RAW.get(raw % RAW.size());
      if (shape == 8)
        return new JsonObject()
            .put(
                endpoint.fields().isEmpty() ? "x" : endpoint.fields().get(0),
                "z".repeat(200_000 + raw))
            .encode();
      JsonObject o = new JsonObject();
      for (int i = 0; i < endpoint.fields().size(); i++) {
        if ((raw >> i & 1) == 0) o.put(endpoint.fields().get(i), values.get(i % values.size()));
      }
      if (raw % 5 == 0) o.put("unexpected", values.get(values.size() - 1));
      return o.encode();
    }
  }

  static Gen<Call> calls() {
    Gen<Object> value = Generate.pick(VALUES);
    Gen<List<Object>> values = value.zip(value, value, value, (a, b, c, d) -> List.of(a, b, c, d));
    return Generate.pick(ENDPOINTS)
        .zip(
            Generate.pick(IDS),
            Generate.pick(ACTIONS),
            integers().between(0, 8),
            (e, id, action, shape) -> new Object[] {e, id, action, shape})
        .zip(
            values,
            integers().between(0, 1 << 20),
            (head, vs, raw) ->
                new Call(
                    (Endpoint) head[0],
                    (String) head[1],
                    (String) head[2],
                    (Integer) head[3],
                    vs,
                    raw));
  }

  @Test
  void anyRequestIsAnsweredWithoutA5xxAndARefusalNamesTheProblem() {
    qt().withFixedSeed(SEED)
        .withExamples(400)
        .withShrinkCycles(50)
        .forAll(calls())
        .checkAssert(
            c -> {
              HttpResponse<String> r =
                  send(
                      c.endpoint().method(),
                      c.path(),
                      c.endpoint().method().equals("GET") ? null : c.body());
              String what =
                  c.endpoint().method()
                      + " "
                      + c.path()
                      + " "
                      + abbreviate(c.body())
                      + " -> "
                      + r.statusCode()
                      + " "
                      + abbreviate(r.body());
              assertThat(r.statusCode()).as(what).isLessThan(500);
              assertThat(r.body()).as(what).doesNotContainPattern(LEAK);
              if (r.statusCode() >= 400) {
                JsonObject answer = new JsonObject(r.body());
                assertThat(answer.getJsonArray("problems")).as(what).isNotEmpty();
                for (Object p : answer.getJsonArray("problems"))
                  assertThat(p).as(what).isInstanceOf(String.class).asString().isNotBlank();
              }
            });
  }

  @Test
  void aCampaignDefinitionOverHttpIsABundledIdNeverAFileOnTheServer() throws Exception {
    for (String ref :
        List.of(
            "/etc/passwd",
            "../../../../etc/hostname",
            "library/campaigns/standard.yaml",
            "\u0000")) {
      HttpResponse<String> r =
          send("POST", "/api/campaigns", new JsonObject().put("definition", ref).encode());
      assertThat(r.statusCode()).as(ref + " -> " + r.body()).isEqualTo(400);
      assertThat(r.body())
          .as(ref)
          .contains("definition: ")
          .doesNotContain("root:")
          .doesNotContain("unknown key");
    }
  }

  private static String abbreviate(String s) {
    if (s == null) return "";
    return s.length() > 300 ? s.substring(0, 300) + "... (" + s.length() + " chars)" : s;
  }

  private static HttpResponse<String> send(String method, String path, String body) {
    try {
      String token =
          COOKIES.getCookieStore().getCookies().stream()
              .filter(c -> c.getName().equals("XSRF-TOKEN"))
              .findFirst()
              .map(java.net.HttpCookie::getValue)
              .orElse("");
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
              .header("content-type", "application/json")
              .header("X-XSRF-TOKEN", token)
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body));
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (Exception e) {
      throw new AssertionError(method + " " + path, e);
    }
  }
}
