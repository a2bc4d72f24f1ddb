package com.duesline.letters;

import com.duesline.campaign.ContactChannel;
import com.duesline.campaign.ContactRequest;
import com.duesline.campaign.ContactResult;
import com.duesline.campaign.Outcome;
import com.duesline.campaign.RungChannel;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ladder's letter rung: writes the rung's letter for the account (the dialer has already asked
 * the policy, so holds, a payment or a promise in force never get this far), sends it to the
 * attorney on record instead of the owner when there is one, e-mails it where the recipient
 * consented to e-delivery (else, or when e-mail fails, queues it for the print batch), and keeps
 * the letter, its hash and its recipient as evidence, once per attempt. Never places a call. The
 * work is blocking (JDBC, PDF, SMTP) and runs on {@code executor}.
 */
public final class LetterChannel implements ContactChannel {
  private static final Logger LOG = LoggerFactory.getLogger(LetterChannel.class);

  private final LetterWriter writer;
  private final LetterStore store;
  private final Optional<LetterMail> mail;
  private final Executor executor;
  private final Clock clock;

  public LetterChannel(
      LetterWriter writer,
      LetterStore store,
      Optional<LetterMail> mail,
      Executor executor,
      Clock clock) {
    this.writer = writer;
    this.store = store;
    this.mail = mail;
    this.executor = executor;
    this.clock = clock;
  }

  @Override
  public CompletionStage<ContactResult> contact(ContactRequest r) {
    if (r.channel() != RungChannel.LETTER) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              "the letter channel only writes letters, not " + r.channel().id()));
    }
    return CompletableFuture.supplyAsync(() -> write(r), executor);
  }

  private ContactResult write(ContactRequest r) {
    LetterStore.Origin origin = new LetterStore.Origin(r.taskId(), r.attemptId(), r.campaignId());
    // A replayed attempt finds its letter already written and sent: nothing goes out twice.
    Optional<LetterStore.Stored> done =
        store.forUnit(r.unit()).stream()
            .filter(s -> Long.valueOf(r.attemptId()).equals(s.attemptId()))
            .findFirst();
    if (done.isPresent())
      return result(
          done.get().id(),
          done.get().template(),
          done.get().recipientKind(),
          done.get().delivery(),
          done.get().sha256(),
          null);
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LetterFacts facts = writer.facts(r.unit(), today);
    RenderedLetter letter = writer.write(facts, r.track(), r.language());
    Recipient to = facts.recipient();
    String emailFailure = null;
    if (to.byEmail() && mail.isPresent()) {
      try {
        String id = mail.get().send(to.email(), subject(letter), note(letter), letter);
        long row = store.record(letter, to, origin, "sent", id, now);
        return result(row, letter.template(), to.kindId(), "email", letter.sha256(), null);
      } catch (RuntimeException e) {
        // The letter must still reach them: it goes on paper, and the failure is part of the
        // evidence.
        emailFailure = e.getMessage();
        LOG.warn(
            "letter for unit {} could not be e-mailed ({}); queued for print instead",
            r.unit(),
            e.getMessage());
      }
    }
    Recipient paper = new Recipient(to.kind(), to.name(), to.postalAddress(), null);
    long row = store.record(letter, paper, origin, "queued_for_print", null, now);
    return result(row, letter.template(), to.kindId(), "print", letter.sha256(), emailFailure);
  }

  private static ContactResult result(
      long id,
      String template,
      String recipient,
      String delivery,
      String sha256,
      String emailFailure) {
    String evidence =
        "letter "
            + id
            + " ("
            + template
            + ") to the "
            + recipient
            + " by "
            + delivery
            + ", sha256 "
            + sha256
            + (emailFailure == null ? "" : "; e-mail failed: " + emailFailure);
    return new ContactResult(
        delivery.equals("email") ? Outcome.DELIVERED : Outcome.EXPORTED,
        null,
        null,
        null,
        evidence);
  }

  private static String subject(RenderedLetter l) {
    return l.lang().equals("zh")
        ? "关于 " + l.facts().unit() + " 单元物业费的函件"
        : "Your account for unit " + l.facts().unit() + ": letter attached";
  }

  private static String note(RenderedLetter l) {
    return l.lang().equals("zh")
        ? "您好！附件为关于 "
            + l.facts().unit()
            + " 单元物业费的正式函件（PDF），请查阅。您可通过 "
            + l.facts().payLink()
            + " 在线缴费。"
        : "Hello,\n\nPlease find attached a letter about the account for unit "
            + l.facts().unit()
            + " (PDF). You can pay online at "
            + l.facts().payLink()
            + ".\n\nYou agreed to receive letters by e-mail; reply to this message to ask for paper copies instead.";
  }
}
