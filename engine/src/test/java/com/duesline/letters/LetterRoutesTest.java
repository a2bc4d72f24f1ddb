package com.duesline.letters;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.app.Engine;
import com.duesline.config.DueslineConfig;
import com.duesline.ledger.LedgerImporter;
import com.duesline.payments.Payments;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's letter preview and letter list over the real engine and database. */
class LetterRoutesTest {
  private final HttpClient http = HttpClient.newHttpClient();
  @TempDir Path tmp;

  @Test
  void previewIsAPdfOfTheUnitsLetterAndBadInputIsRefused() throws Exception {
    try (Database db = TestDatabase.fresh();
        Engine engine = Engine.create(DueslineConfig.load(null, k -> null), db)) {
      Path ledger = tmp.resolve("one.csv");
      Files.writeString(
          ledger,
          LetterRungTest.LEDGER.formatted(
              LetterRungTest.unit("B01-0101", "Patricia Thompson", "+12065550125")));
      new LedgerImporter(db).importFile(ledger);
      LetterRoutes.mount(
          engine,
          Payments.from(
                  engine.config().with("store.data-dir", tmp.toString()),
                  db,
                  new com.duesline.config.Secrets(
                      k -> k.equals("PAY_LINK_SECRET") ? "a-letter-test-pay-link-secret" : null),
                  Clock.systemUTC())
              .letterLinks());
      int port =
          engine.start(0).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);

      HttpResponse<byte[]> pdf =
          get(port, "/api/letters/preview/B01-0101?template=validation_notice");
      assertThat(pdf.statusCode())
          .as(new String(pdf.body(), StandardCharsets.UTF_8))
          .isEqualTo(200);
      assertThat(pdf.headers().firstValue("content-type")).hasValue("application/pdf");
      assertThat(pdf.headers().firstValue("x-content-sha256"))
          .hasValue(LetterWriter.sha256(pdf.body()));
      assertThat(LetterRungTest.text(pdf.body()))
          .contains("NOTICE OF DEBT", "Patricia Thompson", "B01-0101");
      assertThat(
              LetterRungTest.count(db, "SELECT count(*) FROM pay_links WHERE purpose = 'letter'"))
          .as("the preview's signed link")
          .isEqualTo(1);

      HttpResponse<byte[]> bad =
          get(
              port,
              "/api/letters/preview/B01-0101?template="
                  + URLEncoder.encode("nope", StandardCharsets.UTF_8));
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(new String(bad.body(), StandardCharsets.UTF_8))
          .contains("no letter template 'nope'");
      assertThat(get(port, "/api/letters/preview/NO-SUCH?template=formal_demand").statusCode())
          .isEqualTo(404);
      assertThat(get(port, "/api/letters/999.pdf").statusCode()).isEqualTo(404);
      HttpResponse<byte[]> list = get(port, "/api/accounts/B01-0101/letters");
      assertThat(
              new JsonObject(new String(list.body(), StandardCharsets.UTF_8))
                  .getJsonArray("letters"))
          .isEmpty();
    }
  }

  private HttpResponse<byte[]> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }
}
