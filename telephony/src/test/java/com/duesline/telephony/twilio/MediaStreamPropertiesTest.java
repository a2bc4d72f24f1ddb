package com.duesline.telephony.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import com.duesline.telephony.local.WebhookSigner;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of the engine's Media Streams socket under any sequence of messages, good and bad: a
 * message that is not a well-formed event of a started, unstopped stream (not JSON, unknown event,
 * bad base64, an empty or over-long frame, a key that is not a DTMF digit, anything before {@code
 * start} or after {@code stop}) is counted as malformed and reaches nothing; every good one reaches
 * the listener in order; the stream ends exactly once. Seeds are fixed (replay with {@code
 * -DQT_SEED=N} to try others).
 */
class MediaStreamPropertiesTest {
  private static final long SEED = Long.getLong("QT_SEED", 18L);
  private static final AtomicInteger CALLS = new AtomicInteger();

  /** What one message is; {@code n} sizes or picks within the kind. */
  enum Kind {
    MEDIA,
    MEDIA_EMPTY,
    MEDIA_TOO_LONG,
    MEDIA_BAD_BASE64,
    MEDIA_BAD_CHUNK,
    DTMF,
    DTMF_BAD,
    MARK,
    MARK_BAD,
    UNKNOWN_EVENT,
    NOT_JSON,
    JSON_ARRAY,
    NO_EVENT,
    SECOND_START,
    CONNECTED,
    BINARY
  }

  record Step(Kind kind, int n) {
    boolean good() {
      return kind == Kind.MEDIA || kind == Kind.DTMF || kind == Kind.MARK;
    }

    /**
     * Counted as malformed: bad anywhere, and a good one outside start..stop. {@code connected}
     * never is.
     */
    boolean malformed(boolean live) {
      if (kind == Kind.CONNECTED) return false;
      return !live || !good();
    }
  }

  private static final String DIGITS = "0123456789*#ABCD";
  private static final List<String> BAD_DIGITS = List.of("", "12", "x", "\u0000", "٣", "99");

  static Gen<Step> steps() {
    return Generate.enumValues(Kind.class).zip(integers().between(0, 1_000_000), Step::new);
  }

  @Test
  void everyMessageIsDeliveredOrCountedAndNothingOutsideStartAndStopGetsThrough() {
    Harness h = harness();
    qt().withFixedSeed(SEED)
        .withExamples(40)
        .withShrinkCycles(10)
        .forAll(
            lists().of(steps()).ofSizeBetween(0, 5),
            lists().of(steps()).ofSizeBetween(0, 25),
            booleans().all(),
            lists().of(steps()).ofSizeBetween(0, 5))
        .checkAssert((before, during, stop, after) -> run(h, before, during, stop, after));
  }

  @Test
  void aFloodOfBadMessagesIsCountedAndTheStreamStillWorks() throws Exception {
    Harness h = harness();
    String call = "CAflood" + CALLS.incrementAndGet();
    String stream = "MZ" + call;
    WebSocket socket = connect(h);
    socket.writeTextMessage(MediaStreamMessages.start(1, Harness.ACCOUNT, stream, call, Map.of()));
    RecordingListener.Session s =
        h.listener.sessions.await(x -> call.equals(x.media().callSid()), Duration.ofSeconds(10));
    double before = h.counter("duesline.telephony.media.malformed");
    int bad = 5_000;
    List<Kind> kinds =
        List.of(Kind.values()).stream()
            .filter(k -> !new Step(k, 0).good() && k != Kind.CONNECTED)
            .toList();
    for (int i = 0; i < bad; i++)
      send(socket, new Step(kinds.get(i % kinds.size()), i), stream, call);
    socket.writeTextMessage(MediaStreamMessages.dtmf(2, stream, "7"));
    assertThat(s.dtmf().await("7"::equals, Duration.ofSeconds(30))).isEqualTo("7");
    assertThat(h.counter("duesline.telephony.media.malformed") - before).isEqualTo(bad);
    assertThat(s.frames().all()).isEmpty();
    socket.close();
    s.stops().await(x -> true, Duration.ofSeconds(10));
  }

  private static void run(
      Harness h, List<Step> before, List<Step> during, boolean stop, List<Step> after) {
    try {
      String call = "CAprop" + CALLS.incrementAndGet();
      String stream = "MZ" + call;
      double malformedBefore = h.counter("duesline.telephony.media.malformed");
      WebSocket socket = connect(h);
      long expectedMalformed = 0;
      List<Step> delivered = new ArrayList<>();
      for (Step st : before) {
        // Before start, a start would start the stream: this one lacks its ids, so it is malformed.
        if (st.kind() == Kind.SECOND_START)
          socket.writeTextMessage("{\"event\":\"start\",\"start\":{}}");
        else send(socket, st, stream, call);
        if (st.malformed(false)) expectedMalformed++;
      }
      socket.writeTextMessage(
          MediaStreamMessages.start(
              1, Harness.ACCOUNT, stream, call, Map.of("taskId", "t-" + call)));
      for (Step st : during) {
        send(socket, st, stream, call);
        if (st.malformed(true)) expectedMalformed++;
        else if (st.good()) delivered.add(st);
      }
      if (stop) {
        socket.writeTextMessage(MediaStreamMessages.stop(2, Harness.ACCOUNT, stream, call));
        for (Step st : after) {
          send(socket, st, stream, call);
          if (st.malformed(false)) expectedMalformed++;
        }
      }
      RecordingListener.Session s =
          h.listener.sessions.await(x -> call.equals(x.media().callSid()), Duration.ofSeconds(10));
      // Messages are handled in order on one event loop: once the count is reached, all before it
      // were handled.
      awaitCount(h, malformedBefore + expectedMalformed);
      socket.close();
      s.stops().await(x -> true, Duration.ofSeconds(10));
      assertThat(h.counter("duesline.telephony.media.malformed") - malformedBefore)
          .as("malformed count")
          .isEqualTo(expectedMalformed);
      assertThat(s.stops().all()).as("the stream ends once").hasSize(1);
      assertThat(s.frames().all().stream().map(f -> f.mulaw().length + "@" + f.chunk()).toList())
          .as("frames delivered")
          .isEqualTo(
              delivered.stream()
                  .filter(st -> st.kind() == Kind.MEDIA)
                  .map(st -> frameBytes(st) + "@" + st.n())
                  .toList());
      assertThat(s.dtmf().all())
          .as("keys delivered")
          .isEqualTo(
              delivered.stream()
                  .filter(st -> st.kind() == Kind.DTMF)
                  .map(MediaStreamPropertiesTest::digit)
                  .toList());
      assertThat(s.marks().all())
          .as("marks delivered")
          .isEqualTo(
              delivered.stream()
                  .filter(st -> st.kind() == Kind.MARK)
                  .map(st -> "m" + st.n())
                  .toList());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void awaitCount(Harness h, double expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (h.counter("duesline.telephony.media.malformed") < expected
        && System.nanoTime() < deadline) Thread.sleep(2);
  }

  private static int frameBytes(Step st) {
    return 1 + st.n() % 400;
  }

  private static String digit(Step st) {
    return String.valueOf(DIGITS.charAt(st.n() % DIGITS.length()));
  }

  private static void send(WebSocket socket, Step st, String stream, String call) {
    int n = st.n();
    switch (st.kind()) {
      case MEDIA ->
          socket.writeTextMessage(
              MediaStreamMessages.inboundMedia(3, stream, n, n * 20L, new byte[frameBytes(st)]));
      case MEDIA_EMPTY ->
          socket.writeTextMessage(MediaStreamMessages.inboundMedia(3, stream, n, 0, new byte[0]));
      // One second of audio is 8,000 µ-law bytes; Twilio sends 160 (20 ms) a message.
      case MEDIA_TOO_LONG ->
          socket.writeTextMessage(
              MediaStreamMessages.inboundMedia(3, stream, n, 0, new byte[8_001 + n % 30_000]));
      case MEDIA_BAD_BASE64 ->
          socket.writeTextMessage(
              "{\"event\":\"media\",\"media\":{\"payload\":\"%%not base64 " + n + "\"}}");
      case MEDIA_BAD_CHUNK ->
          socket.writeTextMessage(
              "{\"event\":\"media\",\"media\":{\"chunk\":\"one\",\"payload\":\"AAAA\"}}");
      case DTMF -> socket.writeTextMessage(MediaStreamMessages.dtmf(4, stream, digit(st)));
      case DTMF_BAD ->
          socket.writeTextMessage(
              n % 7 == 6
                  ? "{\"event\":\"dtmf\",\"dtmf\":{\"digit\":5}}"
                  : MediaStreamMessages.dtmf(4, stream, BAD_DIGITS.get(n % BAD_DIGITS.size())));
      case MARK -> socket.writeTextMessage(MediaStreamMessages.mark(stream, "m" + n, null));
      case MARK_BAD ->
          socket.writeTextMessage(
              n % 2 == 0
                  ? "{\"event\":\"mark\",\"mark\":{}}"
                  : "{\"event\":\"mark\",\"mark\":\"m\"}");
      case UNKNOWN_EVENT -> socket.writeTextMessage("{\"event\":\"teleport-" + n + "\"}");
      case NOT_JSON -> socket.writeTextMessage("not json " + n);
      case JSON_ARRAY -> socket.writeTextMessage("[" + n + "]");
      case NO_EVENT -> socket.writeTextMessage(n % 2 == 0 ? "{}" : "{\"event\":" + n + "}");
      case SECOND_START ->
          socket.writeTextMessage(
              MediaStreamMessages.start(5, Harness.ACCOUNT, stream, call, Map.of()));
      case CONNECTED -> socket.writeTextMessage(MediaStreamMessages.connected());
      case BINARY -> socket.writeBinaryMessage(Buffer.buffer(new byte[1 + n % 200]));
    }
  }

  private static WebSocket connect(Harness h) throws Exception {
    String ws = h.settings.wsUrl(TwilioPaths.MEDIA);
    return h.webSockets
        .connect(
            new WebSocketConnectOptions()
                .setAbsoluteURI(ws)
                .addHeader(
                    "X-Twilio-Signature", new WebhookSigner(Harness.TOKEN).sign(ws, Map.of())))
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private static Harness harness() {
    try {
      return Harness.get();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
