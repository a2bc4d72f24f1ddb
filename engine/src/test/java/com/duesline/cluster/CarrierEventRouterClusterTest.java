package com.duesline.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.call.CarrierEventRouter;
import com.duesline.call.CarrierEventStore;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import com.duesline.telephony.carrier.AmdEvent;
import com.duesline.telephony.carrier.CallStatusEvent;
import com.duesline.telephony.carrier.CarrierListener;
import com.duesline.telephony.carrier.InboundSms;
import com.duesline.telephony.carrier.MediaSession;
import com.duesline.telephony.carrier.SmsStatusEvent;
import com.duesline.telephony.local.WebhookSigner;
import com.duesline.telephony.twilio.TelephonyMetrics;
import com.duesline.telephony.twilio.TwilioPaths;
import com.duesline.telephony.twilio.TwilioSettings;
import com.duesline.telephony.twilio.TwilioWebhooks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Carrier webhooks behind a load balancer, on two real cluster nodes (Hazelcast, one real
 * PostgreSQL, the real signature-checking {@link TwilioWebhooks} on each node's HTTP server): a
 * status callback that lands on the node that does not own the call reaches the owner once; a
 * carrier's retry and the same callback reaching both nodes are handled once; a callback that
 * arrives before the owner stored the call's id is handled by the owner once it has; an inbound SMS
 * is handled once by the node that got it.
 */
class CarrierEventRouterClusterTest {
  private static final String PUBLIC = "https://lb.duesline.test";
  private static final String TOKEN = "0123456789abcdef0123456789abcdef";

  @Test
  void aWebhookOnAnyNodeIsStoredOnceAndHandledOnceByTheCallsOwner() throws Exception {
    try (Database db = TestDatabase.fresh()) {
      for (String node : List.of("node-a", "node-b"))
        new NodeRegistry(db, node, "http://" + node, Duration.ofMinutes(2), Clock.systemUTC())
            .register();
      List<Vertx> nodes = TestCluster.start("node-a", "node-b");
      try {
        Heard heardA = new Heard();
        Heard heardB = new Heard();
        int portA = serve(nodes.get(0), "node-a", db, heardA);
        int portB = serve(nodes.get(1), "node-b", db, heardB);
        long unit = number(db, "INSERT INTO units (unit_code) VALUES ('T-7') RETURNING id");
        number(
            db,
            "INSERT INTO attempts (unit_id, channel, carrier, carrier_call_id, node_id) VALUES ("
                + unit
                + ", 'voice', 'local', 'CA-1', 'node-a') RETURNING id");

        // Node A owns CA-1; the balancer sends its status callback to node B.
        assertThat(
                post(
                    portB,
                    TwilioPaths.STATUS,
                    Map.of("CallSid", "CA-1", "CallStatus", "ringing", "To", "+15550100007")))
            .isEqualTo(204);
        awaitUntil("node A heard CA-1 ringing", () -> heardA.has("CA-1 RINGING"));
        // The carrier retries the same callback, to either node: nothing more is handled.
        assertThat(
                post(
                    portB,
                    TwilioPaths.STATUS,
                    Map.of("CallSid", "CA-1", "CallStatus", "ringing", "To", "+15550100007")))
            .isEqualTo(204);
        assertThat(
                post(
                    portA,
                    TwilioPaths.STATUS,
                    Map.of("CallSid", "CA-1", "CallStatus", "ringing", "To", "+15550100007")))
            .isEqualTo(204);
        // The next callbacks land on both nodes at once.
        List<CompletableFuture<Integer>> both = new ArrayList<>();
        for (int port : List.of(portA, portB)) {
          both.add(
              CompletableFuture.supplyAsync(
                  () ->
                      post(
                          port,
                          TwilioPaths.AMD,
                          Map.of("CallSid", "CA-1", "AnsweredBy", "human"))));
          both.add(
              CompletableFuture.supplyAsync(
                  () ->
                      post(
                          port,
                          TwilioPaths.STATUS,
                          Map.of("CallSid", "CA-1", "CallStatus", "in-progress"))));
        }
        for (CompletableFuture<Integer> f : both)
          assertThat(f.get(20, TimeUnit.SECONDS)).isEqualTo(204);
        awaitUntil(
            "node A heard the answer",
            () -> heardA.has("CA-1 IN_PROGRESS") && heardA.has("CA-1 amd HUMAN"));

        // A busy line's final status can outrun the owner's write of the call id: it waits, then
        // reaches the owner.
        long second =
            number(
                db,
                "INSERT INTO attempts (unit_id, channel, carrier, node_id) VALUES ("
                    + unit
                    + ", 'voice', 'local', 'node-a') RETURNING id");
        assertThat(post(portB, TwilioPaths.STATUS, Map.of("CallSid", "CA-2", "CallStatus", "busy")))
            .isEqualTo(204);
        Thread.sleep(1_500);
        assertThat(heardA.has("CA-2 BUSY") || heardB.has("CA-2 BUSY"))
            .as("no owner is known yet: nobody handles it")
            .isFalse();
        number(
            db,
            "UPDATE attempts SET carrier_call_id = 'CA-2' WHERE id = " + second + " RETURNING id");
        awaitUntil("node A heard CA-2 busy", () -> heardA.has("CA-2 BUSY"));

        // An inbound SMS has no call: the node that got it handles it, once, whoever gets the
        // retry.
        assertThat(
                post(
                    portB,
                    TwilioPaths.SMS,
                    Map.of(
                        "MessageSid",
                        "SM-1",
                        "From",
                        "+15550100007",
                        "To",
                        "+15550100000",
                        "Body",
                        "STOP")))
            .isEqualTo(200);
        assertThat(
                post(
                    portA,
                    TwilioPaths.SMS,
                    Map.of(
                        "MessageSid",
                        "SM-1",
                        "From",
                        "+15550100007",
                        "To",
                        "+15550100000",
                        "Body",
                        "STOP")))
            .isEqualTo(200);
        awaitUntil("node B heard the SMS", () -> heardB.has("SM-1 sms OPT_OUT"));

        Thread.sleep(2_500); // two polls: anything handled twice would show now
        assertThat(heardA.all())
            .as("each event once, all on the owner")
            .containsExactlyInAnyOrder(
                "CA-1 RINGING", "CA-1 amd HUMAN", "CA-1 IN_PROGRESS", "CA-2 BUSY");
        assertThat(heardB.all()).containsExactly("SM-1 sms OPT_OUT");
        assertThat(number(db, "SELECT count(*) FROM carrier_events WHERE handled_at IS NULL"))
            .isZero();
        assertThat(number(db, "SELECT count(*) FROM carrier_events")).isEqualTo(5);
      } finally {
        TestCluster.stop(nodes);
      }
    }
  }

  /**
   * A node's HTTP server with the real webhooks, routing to {@code heard} as the owner of its
   * calls.
   */
  private static int serve(Vertx vertx, String node, Database db, Heard heard) throws Exception {
    Router router = Router.router(vertx);
    TwilioSettings settings = new TwilioSettings("AC" + "0".repeat(32), TOKEN, PUBLIC, 1.0);
    new TwilioWebhooks(
            settings,
            new CarrierEventRouter(vertx, new CarrierEventStore(db), node, heard),
            new TelephonyMetrics(new SimpleMeterRegistry()),
            null)
        .mount(router);
    return vertx
        .createHttpServer()
        .requestHandler(router)
        .listen(0)
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS)
        .actualPort();
  }

  /**
   * A signed webhook as the carrier sends it through the balancer (signed for the public URL), to
   * one node.
   */
  private static int post(int port, String path, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-Twilio-Signature", new WebhookSigner(TOKEN).sign(PUBLIC + path, form))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    try {
      return HttpClient.newHttpClient()
          .send(request, HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the owner of a node's calls was told, in order. */
  private static final class Heard implements CarrierListener {
    private final List<String> events = new CopyOnWriteArrayList<>();

    boolean has(String event) {
      return events.contains(event);
    }

    List<String> all() {
      return List.copyOf(events);
    }

    @Override
    public void onCallStatus(CallStatusEvent event) {
      events.add(event.callSid() + " " + event.status());
    }

    @Override
    public void onAmd(AmdEvent event) {
      events.add(event.callSid() + " amd " + event.result());
    }

    @Override
    public void onInboundSms(InboundSms sms) {
      events.add(sms.messageSid() + " sms " + sms.keyword());
    }

    @Override
    public void onSmsStatus(SmsStatusEvent event) {
      events.add(event.messageSid() + " sms_status " + event.status());
    }

    @Override
    public void onMediaSession(MediaSession session) {
      throw new AssertionError("no media stream in this test");
    }
  }

  private static long number(Database db, String sql) throws Exception {
    return Long.parseLong(TestCluster.value(db, sql));
  }

  private static void awaitUntil(String what, BooleanSupplier condition)
      throws InterruptedException {
    TestCluster.awaitUntil(what, condition);
  }
}
