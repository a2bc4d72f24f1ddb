package com.duesline.telephony.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.duesline.telephony.local.WebhookSigner;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every webhook and the WebSocket upgrade refuse a missing, forged or replayed-elsewhere signature
 * with 403.
 */
class SignatureRejectionTest {
  private static Harness h;
  private static WebClient client;

  @BeforeAll
  static void start() throws Exception {
    h = Harness.get();
    client = WebClient.create(h.vertx);
  }

  private static Map<String, String> formFor(String path) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("AccountSid", Harness.ACCOUNT);
    p.put("CallSid", "CAforged");
    p.put("CallStatus", "completed");
    p.put("AnsweredBy", "human");
    p.put("MessageSid", "SMforged");
    p.put("MessageStatus", "delivered");
    p.put("From", "+15550200001");
    p.put("To", Harness.CALLER_ID);
    p.put("Body", "STOP");
    return p;
  }

  private static int post(String pathAndQuery, Map<String, String> form, String signature)
      throws Exception {
    MultiMap m = MultiMap.caseInsensitiveMultiMap();
    form.forEach(m::add);
    var req = client.postAbs(h.settings.url(pathAndQuery));
    if (signature != null) req.putHeader("X-Twilio-Signature", signature);
    HttpResponse<Buffer> r =
        req.sendForm(m).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    return r.statusCode();
  }

  private int eventsSeen() {
    return h.listener.statuses.all().size()
        + h.listener.amd.all().size()
        + h.listener.inboundSms.all().size()
        + h.listener.smsStatuses.all().size();
  }

  @Test
  void everyWebhookRefusesMissingAndForgedSignatures() throws Exception {
    WebhookSigner forger = new WebhookSigner("not-the-auth-token");
    WebhookSigner real = new WebhookSigner(Harness.TOKEN);
    for (String path :
        List.of(
            TwilioPaths.VOICE + "?task=t1",
            TwilioPaths.STATUS,
            TwilioPaths.AMD,
            TwilioPaths.SMS,
            TwilioPaths.SMS_STATUS)) {
      String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
      double before = h.counter("duesline.telephony.signature.rejected", "path", bare);
      int events = eventsSeen();
      Map<String, String> form = formFor(path);
      String url = h.settings.url(path);

      assertThat(post(path, form, null)).as("missing signature on %s", path).isEqualTo(403);
      assertThat(post(path, form, forger.sign(url, form)))
          .as("wrong token on %s", path)
          .isEqualTo(403);
      // A genuine signature for other parameters: the body was tampered with.
      Map<String, String> tampered = new LinkedHashMap<>(form);
      tampered.put("Body", "START");
      tampered.put("CallStatus", "busy");
      assertThat(post(path, tampered, real.sign(url, form)))
          .as("tampered body on %s", path)
          .isEqualTo(403);

      assertThat(h.counter("duesline.telephony.signature.rejected", "path", bare) - before)
          .isEqualTo(3);
      assertThat(eventsSeen()).as("nothing acted on for %s", path).isEqualTo(events);
      // The same request correctly signed goes through, so the 403s above were about the signature
      // alone.
      assertThat(post(path, form, real.sign(url, form)))
          .as("valid signature on %s", path)
          .isBetween(200, 299);
    }
  }

  @Test
  void webSocketUpgradeRefusesMissingAndForgedSignatures() throws Exception {
    String ws = h.settings.wsUrl(TwilioPaths.MEDIA);
    double before = h.counter("duesline.telephony.signature.rejected", "path", TwilioPaths.MEDIA);
    var sockets = h.vertx.createWebSocketClient();
    for (String signature : new String[] {null, new WebhookSigner("forged").sign(ws, Map.of())}) {
      WebSocketConnectOptions o = new WebSocketConnectOptions().setAbsoluteURI(ws);
      if (signature != null) o.addHeader("X-Twilio-Signature", signature);
      assertThatThrownBy(
              () ->
                  sockets
                      .connect(o)
                      .toCompletionStage()
                      .toCompletableFuture()
                      .get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(UpgradeRejectedException.class)
          .satisfies(e -> assertThat(((UpgradeRejectedException) e).getStatus()).isEqualTo(403));
    }
    assertThat(
            h.counter("duesline.telephony.signature.rejected", "path", TwilioPaths.MEDIA) - before)
        .isEqualTo(2);
    var ok =
        sockets
            .connect(
                new WebSocketConnectOptions()
                    .setAbsoluteURI(ws)
                    .addHeader(
                        "X-Twilio-Signature", new WebhookSigner(Harness.TOKEN).sign(ws, Map.of())))
            .toCompletionStage()
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    ok.close();
  }
}
