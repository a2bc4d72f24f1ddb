package com.duesline.letters;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.campaign.CampaignService;
import com.duesline.campaign.ContactChannel;
import com.duesline.campaign.ContactRequest;
import com.duesline.campaign.Dialer;
import com.duesline.campaign.DialerLimits;
import com.duesline.campaign.PaymentPoster;
import com.duesline.campaign.RungChannel;
import com.duesline.config.DueslineConfig;
import com.duesline.dashboard.AccountHistory;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.ledger.LedgerImporter;
import com.duesline.payments.Payments;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The standard campaign's letter rung end to end on the real embedded PostgreSQL: planning, the
 * dialer, the policy at the moment of contact, the letter channel writing real PDFs, e-mail to an
 * embedded SMTP server (GreenMail) where the owner consented, the print batch otherwise, and the
 * evidence in the store and the account history. Nothing is dialed.
 */
class LetterRungTest {
  /**
   * Tuesday 24 November 2026: every charge below is over 200 days old, over 5,000 owed: the formal
   * letter rung.
   */
  static final Instant NOW = Instant.parse("2026-11-24T15:00:00Z");

  @TempDir Path tmp;

  static final String LEDGER =
      """
      record,unit,id,name,role,language,phone,phone_status,timezone,commercial,area_m2,period,kind,amount,date
      %s
      """;

  static String unit(String code, String owner, String phone) {
    StringBuilder sb = new StringBuilder();
    sb.append("unit,").append(code).append(",,,,,,,,false,90,,,,\n");
    sb.append("party,")
        .append(code)
        .append(',')
        .append(code)
        .append("-O,\"")
        .append(owner.replace("\"", "\"\""))
        .append("\",owner,en,")
        .append(phone)
        .append(",ok,America/New_York,,,,,,\n");
    for (String month : List.of("03", "04", "05")) {
      sb.append("charge,")
          .append(code)
          .append(',')
          .append(code)
          .append("-2026-")
          .append(month)
          .append(",,,,,,,,,2026-")
          .append(month)
          .append(",service,1950.00,2026-")
          .append(month)
          .append("-01\n");
    }
    return sb.toString();
  }

  static long count(Database d, String sql) throws Exception {
    try (Connection c = d.connection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static Map<String, String> row(Database d, String sql) throws Exception {
    try (Connection c = d.connection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      Map<String, String> out = new java.util.LinkedHashMap<>();
      if (rs.next())
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++)
          out.put(rs.getMetaData().getColumnName(i), rs.getString(i));
      return out;
    }
  }

  @Test
  void theLetterRungWritesEmailsQueuesAndRecordsOnceWhileHoldsAndPaymentsStopIt() throws Exception {
    Path ledger = tmp.resolve("letters.csv");
    Files.writeString(
        ledger,
        LEDGER.formatted(
            unit("L-EMAIL", "Mary Smith", "+12125550101")
                + unit("L-PRINT", "=HYPERLINK(\"x\")", "+12125550102")
                + unit("L-HOLD", "Dan Dispute", "+12125550103")
                + unit("L-PAID", "Pat Payer", "+12125550104")
                + unit("L-ATTY", "Rita Represented", "+12125550105")),
        StandardCharsets.UTF_8);
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    try (Database d = TestDatabase.fresh()) {
      new LedgerImporter(d).importFile(ledger);
      LetterContacts contacts = new LetterContacts(d);
      contacts.owner("L-EMAIL", "mary@example.com", null);
      contacts.eDeliveryConsent("L-EMAIL", "signed the e-delivery form on 2026-11-02", "agent");
      // An address but no consent: paper.
      contacts.owner("L-PRINT", "print@example.com", "12 Elm Street\nSpringfield, IL 62701");
      contacts.attorney(
          "L-ATTY",
          "Maria Chen",
          "Chen & Park LLP",
          "500 Market Street\nSan Francisco, CA 94105",
          null,
          "agent");
      try (Connection c = d.connection();
          Statement st = c.createStatement()) {
        st.executeUpdate(
            "INSERT INTO holds(unit_id, kind, reason, starts_at, created_by) SELECT id, 'dispute', 'disputes the March charge', '2026-11-01', 'agent' FROM units WHERE unit_code = 'L-HOLD'");
        st.executeUpdate(
            "INSERT INTO holds(unit_id, kind, reason, starts_at, created_by) SELECT id, 'attorney', 'represented by counsel', '2026-11-01', 'agent' FROM units WHERE unit_code = 'L-ATTY'");
      }

      StepClock clock = new StepClock(NOW);
      CampaignService svc = new CampaignService(d, clock);
      svc.create("standard");
      svc.transition("standard", "start");
      svc.plan("standard");
      assertThat(
              count(
                  d,
                  "SELECT count(*) FROM contact_tasks WHERE channel = 'letter' AND ladder_step = 'formal_letter'"))
          .isEqualTo(5);
      // Policy first: the dispute hold blocks the letter; the attorney hold does not, because an
      // attorney is on record.
      assertThat(
              row(
                  d,
                  "SELECT t.refusal_reason FROM contact_tasks t JOIN units u ON u.id = t.unit_id WHERE u.unit_code = 'L-HOLD'"))
          .containsEntry("refusal_reason", "HOLD_DISPUTE");
      assertThat(
              row(
                  d,
                  "SELECT t.refusal_reason FROM contact_tasks t JOIN units u ON u.id = t.unit_id WHERE u.unit_code = 'L-ATTY'"))
          .containsEntry("refusal_reason", null);
      // A payment cancels the rung before the dialer gets to it.
      new PaymentPoster(d)
          .post("L-PAID", new BigDecimal("5850.00"), LocalDate.of(2026, 11, 24), "PAY-1");

      DueslineConfig config =
          DueslineConfig.load(
              null,
              k ->
                  switch (k) {
                    case "DUESLINE_LETTERS_SMTP_HOST" -> "127.0.0.1";
                    case "DUESLINE_LETTERS_SMTP_PORT" -> String.valueOf(smtp.getSmtp().getPort());
                    default -> null;
                  });
      // Letters carry the signed links the checkout page opens (the secret as the environment would
      // give it).
      Payments payments =
          Payments.from(
              config.with("store.data-dir", ledger.getParent().toString()),
              d,
              new com.duesline.config.Secrets(
                  k -> k.equals("PAY_LINK_SECRET") ? "a-letter-test-pay-link-secret" : null),
              clock);
      LetterWriter writer = LetterWriter.from(d, config, payments.letterLinks());
      LetterStore store = new LetterStore(d);
      LetterChannel letters =
          new LetterChannel(
              writer,
              store,
              LetterMail.from(config, new com.duesline.config.Secrets(k -> null)),
              Runnable::run,
              clock);
      AtomicInteger dialed = new AtomicInteger();
      ContactChannel voice =
          r -> {
            dialed.incrementAndGet();
            return CompletableFuture.failedFuture(
                new AssertionError("a letter task reached the voice channel"));
          };
      Dialer dialer =
          new Dialer(
              svc,
              new ChannelRouter(letters, voice),
              new DialerLimits(50, 10, Duration.ofMinutes(10)),
              () -> 0,
              "node-1",
              clock);
      int started = 0;
      for (int i = 0; i < 5; i++) started += dialer.tick();
      assertThat(started).isEqualTo(3);
      assertThat(dialed).hasValue(0);

      // E-mailed where consented, received by the SMTP server, the PDF attached and readable.
      assertThat(smtp.waitForIncomingEmail(10_000, 1)).isTrue();
      MimeMessage[] mails = smtp.getReceivedMessages();
      assertThat(mails).hasSize(1);
      assertThat(mails[0].getAllRecipients()[0].toString()).isEqualTo("mary@example.com");
      BodyPart attachment = ((MimeMultipart) mails[0].getContent()).getBodyPart(1);
      byte[] mailed = attachment.getInputStream().readAllBytes();
      String text;
      try (var doc = Loader.loadPDF(mailed)) {
        text = new PDFTextStripper().getText(doc);
      }
      assertThat(text)
          .contains(
              "FORMAL DEMAND FOR PAYMENT",
              "Dear Mary Smith,",
              "L-EMAIL",
              "$5,850.00",
              "Management fee 2026-03");
      // The e-mail's link is a signed one for the balance, open for payments.letter-link-valid-days
      // (45).
      java.util.regex.Matcher link =
          java.util.regex.Pattern.compile("/pay/([A-Za-z0-9_]+\\.\\d+\\.[A-Za-z0-9_-]+)")
              .matcher(
                  ((MimeMultipart) mails[0].getContent()).getBodyPart(0).getContent().toString());
      assertThat(link.find()).isTrue();
      var opened = payments.letterLinks().open(link.group(1));
      assertThat(opened.usable()).isTrue();
      assertThat(opened.link().unit()).isEqualTo("L-EMAIL");
      assertThat(opened.link().amount()).isEqualByComparingTo("5850.00");
      assertThat(opened.link().expires())
          .isEqualTo(
              clock
                  .instant()
                  .plus(Duration.ofDays(45))
                  .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));

      // The evidence: one letter per contact, with its hash and the very PDF that was mailed.
      assertThat(count(d, "SELECT count(*) FROM letters")).isEqualTo(3);
      Map<String, String> email =
          row(
              d,
              "SELECT l.delivery, l.status, l.address, l.recipient_kind, l.sha256, l.message_id FROM letters l JOIN units u ON u.id = l.unit_id WHERE u.unit_code = 'L-EMAIL'");
      assertThat(email)
          .containsEntry("delivery", "email")
          .containsEntry("status", "sent")
          .containsEntry("address", "mary@example.com")
          .containsEntry("sha256", LetterWriter.sha256(mailed));
      assertThat(email.get("message_id")).isEqualTo(mails[0].getMessageID());
      assertThat(
              row(
                  d,
                  "SELECT l.delivery, l.status, l.address FROM letters l JOIN units u ON u.id = l.unit_id WHERE u.unit_code = 'L-PRINT'"))
          .containsEntry("delivery", "print")
          .containsEntry("status", "queued_for_print")
          .containsEntry("address", "12 Elm Street\nSpringfield, IL 62701");
      Map<String, String> atty =
          row(
              d,
              "SELECT l.recipient_kind, l.recipient_name, l.address, l.id FROM letters l JOIN units u ON u.id = l.unit_id WHERE u.unit_code = 'L-ATTY'");
      assertThat(atty)
          .containsEntry("recipient_kind", "attorney")
          .containsEntry("recipient_name", "Maria Chen, Chen & Park LLP");
      assertThat(text(store.pdf(Long.parseLong(atty.get("id"))).orElseThrow()))
          .contains("Dear Maria Chen, Chen & Park LLP,", "Rita Represented");
      assertThat(
              count(
                  d,
                  "SELECT count(*) FROM letters l JOIN units u ON u.id = l.unit_id WHERE u.unit_code IN ('L-HOLD', 'L-PAID')"))
          .isZero();
      assertThat(
              count(
                  d,
                  "SELECT count(*) FROM attempts WHERE channel = 'letter' AND disposition IN ('delivered', 'exported')"))
          .isEqualTo(3);
      assertThat(count(d, "SELECT count(*) FROM attempts WHERE channel <> 'letter'")).isZero();

      // Once: the rung is done for 30 days, and a replayed attempt finds its letter instead of
      // mailing again.
      svc.plan("standard");
      clock.advance(Duration.ofHours(1));
      assertThat(dialer.tick()).isZero();
      long attempt =
          Long.parseLong(
              row(d, "SELECT attempt_id FROM letters WHERE delivery = 'email'").get("attempt_id"));
      var replay =
          letters
              .contact(
                  new ContactRequest(
                      1,
                      attempt,
                      "standard",
                      "L-EMAIL",
                      0,
                      null,
                      "en",
                      RungChannel.LETTER,
                      "formal_demand",
                      null))
              .toCompletableFuture()
              .get();
      assertThat(replay.evidence()).startsWith("letter ").contains("by email");
      assertThat(count(d, "SELECT count(*) FROM letters")).isEqualTo(3);
      assertThat(smtp.getReceivedMessages()).hasSize(1);
      // The document is fixed evidence.
      try (Connection c = d.connection();
          Statement st = c.createStatement()) {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> st.executeUpdate("UPDATE letters SET sha256 = repeat('0', 64)"))
            .hasMessageContaining("cannot change");
      }

      // The account history shows the letter with its hash.
      var history = new AccountHistory(d, new ArrearsQuery(d)).load("L-EMAIL", false).orElseThrow();
      assertThat(history.json().getJsonArray("letters").getJsonObject(0).getString("sha256"))
          .isEqualTo(LetterWriter.sha256(mailed));
      assertThat(history.events())
          .anyMatch(e -> e.event().equals("letter") && e.detail().contains("by email"));

      // The print batch: the two paper letters and a manifest whose formula-looking cell is
      // defused.
      PrintBatch.Result batch =
          new PrintBatch(store, clock)
              .write("standard", LocalDate.of(2026, 11, 24), tmp.resolve("batch"));
      assertThat(batch.files()).hasSize(2);
      List<String> manifest = Files.readAllLines(batch.manifest());
      assertThat(manifest).hasSize(3);
      assertThat(manifest.get(0)).isEqualTo(String.join(",", PrintBatch.COLUMNS));
      assertThat(String.join("\n", manifest))
          .contains("\"'=HYPERLINK(\"\"x\"\")\"", "\"12 Elm Street, Springfield, IL 62701\"")
          .doesNotContain(",=");
      for (Path f : batch.files())
        assertThat(LetterWriter.sha256(Files.readAllBytes(f)))
            .isIn(manifest.stream().map(l -> l.substring(l.lastIndexOf(',') + 1)).toList());
      assertThat(count(d, "SELECT count(*) FROM letters WHERE status = 'printed'")).isEqualTo(2);
      // A second batch has nothing left to print.
      assertThat(
              new PrintBatch(store, clock)
                  .write("standard", LocalDate.of(2026, 11, 24), tmp.resolve("batch2"))
                  .files())
          .isEmpty();
    } finally {
      smtp.stop();
    }
  }

  /** A clock the test moves. */
  static final class StepClock extends java.time.Clock {
    private volatile Instant now;

    StepClock(Instant start) {
      now = start;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return java.time.Clock.fixed(now, zone);
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static String text(byte[] pdf) throws Exception {
    try (var doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }
}
