package com.duesline.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.duesline.config.Secrets.Secret;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Checkout Session a pay link makes, as the official SDK sends it. There is no network to
 * Stripe, so the SDK is pointed at a local HTTP stub ({@code payments.stripe-api-base}) that
 * records the request and answers as Stripe documents; the stub also answers a 402 card error to
 * show a refusal surfaces.
 */
class StripeCheckoutTest {
  @Test
  void aLinkBecomesACheckoutSessionWithItsIdAndAmount() throws Exception {
    Vertx vertx = Vertx.vertx();
    List<String> requests = new CopyOnWriteArrayList<>();
    try {
      HttpServer stub =
          vertx
              .createHttpServer()
              .requestHandler(
                  req ->
                      req.body()
                          .onSuccess(
                              body -> {
                                requests.add(
                                    req.method()
                                        + " "
                                        + req.path()
                                        + " "
                                        + req.getHeader("Authorization")
                                        + "\n"
                                        + URLDecoder.decode(
                                            body.toString(), StandardCharsets.UTF_8));
                                if (body.toString().contains("FAIL")) {
                                  req.response()
                                      .setStatusCode(402)
                                      .putHeader("content-type", "application/json")
                                      .end(
                                          "{\"error\": {\"type\": \"invalid_request_error\", \"message\": \"Amount too large\"}}");
                                  return;
                                }
                                req.response()
                                    .putHeader("content-type", "application/json")
                                    .end(
                                        "{\"id\": \"cs_test_a1\", \"object\": \"checkout.session\", "
                                            + "\"url\": \"https://checkout.stripe.com/c/pay/cs_test_a1\", \"payment_status\": \"unpaid\", \"status\": \"open\"}");
                              }))
              .listen(0)
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      StripeProvider stripe =
          new StripeProvider(
              new Secret("STRIPE_API_KEY", "sk_test_local"),
              new Secret("STRIPE_WEBHOOK_SECRET", "whsec_x"),
              "usd",
              "http://127.0.0.1:" + stub.actualPort(),
              Clock.systemUTC());
      PayLink link =
          new PayLink(
              "pl_abc",
              1,
              "M1",
              new BigDecimal("123.45"),
              "promise",
              Instant.now().plusSeconds(7 * 86400),
              "open",
              "pl_abc.1.sig",
              "http://localhost:8080/pay/pl_abc.1.sig");

      PaymentProvider.Checkout c = stripe.checkout(link);
      assertThat(c.url()).isEqualTo("https://checkout.stripe.com/c/pay/cs_test_a1");
      assertThat(requests)
          .singleElement()
          .asString()
          .startsWith("POST /v1/checkout/sessions Bearer sk_test_local")
          .contains("client_reference_id=pl_abc")
          .contains("mode=payment")
          .contains("[unit_amount]=12345")
          .contains("[currency]=usd")
          .contains("metadata[unit]=M1")
          .contains("success_url=http://localhost:8080/pay/pl_abc.1.sig?paid=1");

      PayLink failing =
          new PayLink(
              "pl_FAIL",
              1,
              "M1",
              new BigDecimal("1.00"),
              "promise",
              Instant.now().plusSeconds(3600),
              "open",
              "t",
              "u");
      assertThatThrownBy(() -> stripe.checkout(failing))
          .hasMessageContaining("Stripe refused the Checkout Session for link pl_FAIL")
          .hasMessageContaining("Amount too large");
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }
}
