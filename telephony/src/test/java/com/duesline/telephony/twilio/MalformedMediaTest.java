package com.duesline.telephony.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.telephony.local.WebhookSigner;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Bad Media Streams messages are counted and skipped; the stream carries on. */
class MalformedMediaTest {
  @Test
  void malformedFramesAreCountedAndTheCallGoesOn() throws Exception {
    Harness h = Harness.get();
    String ws = h.settings.wsUrl(TwilioPaths.MEDIA);
    WebSocket socket =
        h.webSockets
            .connect(
                new WebSocketConnectOptions()
                    .setAbsoluteURI(ws)
                    .addHeader(
                        "X-Twilio-Signature", new WebhookSigner(Harness.TOKEN).sign(ws, Map.of())))
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    double before = h.counter("duesline.telephony.media.malformed");
    String stream = "MZmalformed";
    socket.writeTextMessage("this is not json");
    socket.writeTextMessage(MediaStreamMessages.inboundMedia(1, stream, 1, 0, new byte[160]));
    socket.writeTextMessage(MediaStreamMessages.connected());
    socket.writeTextMessage(
        MediaStreamMessages.start(
            2, Harness.ACCOUNT, stream, "CAmalformed", Map.of("taskId", "t-mal")));
    socket.writeTextMessage("{\"event\":\"media\",\"media\":{\"payload\":\"%%%not-base64\"}}");
    socket.writeTextMessage("{\"event\":\"teleport\"}");
    socket.writeTextMessage("[1,2,3]");
    socket.writeTextMessage(MediaStreamMessages.inboundMedia(3, stream, 7, 120, new byte[160]));
    socket.writeTextMessage(MediaStreamMessages.dtmf(4, stream, "5"));

    RecordingListener.Session s =
        h.listener.sessions.await(
            x -> "CAmalformed".equals(x.media().callSid()), Duration.ofSeconds(10));
    assertThat(s.dtmf().await("5"::equals, Duration.ofSeconds(10))).isEqualTo("5");
    assertThat(s.frames().all())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.chunk()).isEqualTo(7);
              assertThat(f.timestampMillis()).isEqualTo(120);
            });
    // not json, media before start, bad base64, unknown event, JSON array.
    assertThat(h.counter("duesline.telephony.media.malformed") - before).isEqualTo(5);
    socket.close();
    s.stops().await(x -> true, Duration.ofSeconds(10));
  }
}
