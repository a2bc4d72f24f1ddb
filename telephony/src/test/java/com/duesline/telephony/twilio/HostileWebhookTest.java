package com.duesline.telephony.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.telephony.local.WebhookSigner;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Property-style fuzzing (seeded, so a failure replays) of the real Twilio webhooks: correctly
 * signed forms with fields missing, duplicated, oversized or in broken encodings get a 2xx or a
 * 4xx, never a 5xx; a body over the 64 KiB limit gets 413; and afterwards a normal request still
 * works. (jqwik does not run on this build's JUnit 6 platform, hence plain seeded loops.)
 */
class HostileWebhookTest {
  private static final List<String> FIELDS =
      List.of(
          "AccountSid",
          "CallSid",
          "CallStatus",
          "AnsweredBy",
          "MessageSid",
          "MessageStatus",
          "From",
          "To",
          "Body",
          "RecordingSid",
          "RecordingUrl",
          "RecordingDuration",
          "CallDuration",
          "SequenceNumber",
          "Digits");
  private static Harness h;
  private static WebClient client;

  @BeforeAll
  static void start() throws Exception {
    h = Harness.get();
    client = WebClient.create(h.vertx);
  }

  @Test
  void signedButMalformedFormsNeverGetA5xx() throws Exception {
    Random random = new Random(18);
    WebhookSigner signer = new WebhookSigner(Harness.TOKEN);
    List<String> paths =
        List.of(
            TwilioPaths.VOICE + "?task=t1",
            TwilioPaths.STATUS,
            TwilioPaths.AMD,
            TwilioPaths.RECORDING,
            TwilioPaths.SMS,
            TwilioPaths.SMS_STATUS);
    for (int i = 0; i < 120; i++) {
      String path = paths.get(i % paths.size());
      Map<String, String> form = new LinkedHashMap<>();
      if (random.nextBoolean()) form.put("AccountSid", Harness.ACCOUNT);
      for (String f : FIELDS) if (random.nextInt(3) == 0) form.put(f, value(random));
      String url = h.settings.url(path);
      StringBuilder body = new StringBuilder(encode(form));
      // Sometimes a field twice: the signature covers the first, the second must not break the
      // handler.
      if (!form.isEmpty() && random.nextInt(4) == 0) {
        String dup = new ArrayList<>(form.keySet()).get(random.nextInt(form.size()));
        body.append('&')
            .append(dup)
            .append('=')
            .append(URLEncoder.encode(value(random), StandardCharsets.UTF_8));
      }
      int status = post(path, Buffer.buffer(body.toString()), signer.sign(url, form));
      assertThat(status).as("case %d on %s: %s", i, path, body).isBetween(200, 499);
    }
  }

  @Test
  void brokenEncodingsAndOversizedBodiesAreRefused() throws Exception {
    Random random = new Random(19);
    for (int i = 0; i < 30; i++) {
      byte[] raw = new byte[random.nextInt(2000)];
      random.nextBytes(raw);
      int status = post(TwilioPaths.STATUS, Buffer.buffer(raw), "bogus");
      assertThat(status).as("random bytes #%d", i).isBetween(400, 499);
    }
    // Percent-encoded bytes that are not UTF-8 (Latin-1 'ü', a lone continuation byte).
    assertThat(
            post(
                TwilioPaths.SMS,
                Buffer.buffer("Body=M%FCller&From=%80%80&To=%2B15550100000"),
                "bogus"))
        .isBetween(400, 499);
    String big = "Body=" + "x".repeat(70 * 1024);
    assertThat(post(TwilioPaths.SMS, Buffer.buffer(big), "bogus")).isEqualTo(413);
    // Still serving: a correctly signed status callback is taken.
    Map<String, String> ok = new LinkedHashMap<>();
    ok.put("AccountSid", Harness.ACCOUNT);
    ok.put("CallSid", "CAafterfuzz");
    ok.put("CallStatus", "completed");
    assertThat(
            post(
                TwilioPaths.STATUS,
                Buffer.buffer(encode(ok)),
                new WebhookSigner(Harness.TOKEN).sign(h.settings.url(TwilioPaths.STATUS), ok)))
        .isBetween(200, 299);
  }

  private static String value(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> "";
      case 1 -> "x".repeat(random.nextInt(5000));
      case 2 -> "completed";
      case 3 -> "\u0000\uFFFD\u202E" + random.nextInt();
      case 4 -> "+1555" + random.nextInt(10_000_000);
      default -> Long.toString(random.nextLong());
    };
  }

  private static String encode(Map<String, String> form) {
    StringBuilder sb = new StringBuilder();
    form.forEach(
        (k, v) -> {
          if (sb.length() > 0) sb.append('&');
          sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
              .append('=')
              .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
    return sb.toString();
  }

  private static int post(String path, Buffer body, String signature) throws Exception {
    HttpResponse<Buffer> r =
        client
            .postAbs(h.settings.url(path))
            .putHeader("content-type", "application/x-www-form-urlencoded")
            .putHeader("X-Twilio-Signature", signature)
            .sendBuffer(body)
            .toCompletionStage()
            .toCompletableFuture()
            .get(20, TimeUnit.SECONDS);
    return r.statusCode();
  }
}
