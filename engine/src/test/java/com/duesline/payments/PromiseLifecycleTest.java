package com.duesline.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.call.CallJournal;
import com.duesline.campaign.CampaignService;
import com.duesline.campaign.PaymentPoster;
import com.duesline.conversation.Outcome;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The daily evaluation on a real database: a promise partly kept, two broken in a row going to a
 * person (and not to the bot), an instalment partly paid through a pay link, reminders refused when
 * there is no consent, the forecast worked out by hand, and a second run changing nothing.
 */
class PromiseLifecycleTest {
  private static final Instant NOW = PaymentFixtures.DAY.atTime(15, 0).toInstant(ZoneOffset.UTC);

  @Test
  void promisesAndInstalmentsAreJudgedFollowedUpAndForecast() throws Exception {
    try (Database db = TestDatabase.fresh()) {
      PaymentFixtures.importEstate(db);
      Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
      CampaignService campaigns = new CampaignService(db, clock);
      campaigns.create("standard");
      campaigns.transition("standard", "start");
      campaigns.plan("standard");
      LocalDate today = LocalDate.now(ZoneOffset.UTC);

      // M1 promised 300 and paid 100 of it.
      long partly = PaymentFixtures.promise(db, "M1", "300", PaymentFixtures.DAY.minusDays(2));
      new PaymentPoster(db).post("M1", new BigDecimal("100"), today, "BANK-1");
      // M2 broke two promises in a row.
      long first = PaymentFixtures.promise(db, "M2", "200", PaymentFixtures.DAY.minusDays(10));
      long second = PaymentFixtures.promise(db, "M2", "200", PaymentFixtures.DAY.minusDays(3));
      // M3 agreed on 16 October to 50 down and 3 months of 100 (the journal stores the down payment
      // as instalment 1, due that day);
      // 60 came in through a pay link: the down payment in full, 10 towards November's instalment.
      long unitM3 = PaymentFixtures.id(db, "SELECT id FROM units WHERE unit_code = 'M3'");
      long partyM3 = PaymentFixtures.id(db, "SELECT id FROM parties WHERE party_ref = 'M3-O'");
      CallJournal journal = new CallJournal(db);
      CallJournal.Party who = new CallJournal.Party(unitM3, partyM3, null, null);
      long attempt = journal.openAttempt(who, "local", "mid", "1", "A");
      journal.outcome(
          attempt,
          who,
          new Outcome(
              "PLAN",
              null,
              new Outcome.Plan(3, new BigDecimal("100"), new BigDecimal("50")),
              false,
              null,
              false,
              null),
          List.of(),
          true,
          LocalDate.parse("2026-10-16"));
      PayLinks links =
          new PayLinks(
              db,
              new LinkSigner(PaymentFixtures.LINK_SECRET.getBytes()),
              "http://localhost",
              java.time.Duration.ofDays(7),
              clock);
      PayLink link = links.issue("M3", new BigDecimal("60"), null);
      PaymentApplier.Applied paid =
          new PaymentApplier(db)
              .apply(
                  new ProviderPayment(
                      "local",
                      null,
                      "charge.succeeded",
                      "ch_m3",
                      link.id(),
                      new BigDecimal("60"),
                      today));
      assertThat(paid.instalmentsPaid()).as("the down payment is paid in full").isEqualTo(1);
      assertThat(
              PaymentFixtures.strings(
                  db,
                  "SELECT seq || ' ' || due_date || ' ' || amount FROM plan_instalments ORDER BY seq"))
          .containsExactly(
              "1 2026-10-16 50.00",
              "2 2026-11-16 100.00",
              "3 2026-12-16 100.00",
              "4 2027-01-16 100.00");

      // The owners of M2 revoke nothing, but M1 has no SMS consent any more: its reminder is
      // refused by the policy.
      PaymentFixtures.exec(
          db,
          "DELETE FROM consents WHERE party_id = (SELECT id FROM parties WHERE party_ref = 'M1-O')");
      long reminded = PaymentFixtures.promise(db, "M1", "400", PaymentFixtures.DAY.plusDays(1));

      PlanRules rules = PlanRules.bundled();
      List<Reminder> sent = new java.util.ArrayList<>();
      PromiseLifecycle lifecycle =
          new PromiseLifecycle(db, campaigns, rules, r -> sent.add(r), clock);
      PromiseLifecycle.Evaluation e = lifecycle.evaluate(PaymentFixtures.DAY, NOW);

      assertThat(PaymentFixtures.strings(db, "SELECT status FROM promises WHERE id = " + partly))
          .containsExactly("partly_kept");
      assertThat(
              PaymentFixtures.strings(
                  db,
                  "SELECT status FROM promises WHERE id IN ("
                      + first
                      + ","
                      + second
                      + ") ORDER BY id"))
          .containsExactly("broken", "broken");
      assertThat(e.kept()).isZero();
      assertThat(e.partlyKept()).isEqualTo(1);
      assertThat(e.broken()).isEqualTo(2);
      assertThat(e.instalmentsPartly()).isEqualTo(1);
      assertThat(
              PaymentFixtures.strings(
                  db, "SELECT status || ' ' || paid_amount FROM plan_instalments ORDER BY seq"))
          .containsExactly("paid 50.00", "partly_paid 10.00", "due 0.00", "due 0.00");
      // Two broken in a row: a person takes M2; the bot's own contact is cancelled and no bot
      // follow-up is planned.
      assertThat(e.toPerson()).containsExactly("M2");
      assertThat(e.followedUp()).isEmpty();
      assertThat(
              PaymentFixtures.strings(
                  db,
                  "SELECT t.handler || ' ' || t.ladder_step || ' ' || t.status FROM contact_tasks t JOIN units u ON u.id = t.unit_id "
                      + "WHERE u.unit_code = 'M2' AND t.status IN ('pending', 'cancelled') ORDER BY t.id"))
          .containsExactly("bot " + first(db) + " cancelled", "human broken_promises pending");
      assertThat(
              PaymentFixtures.id(
                  db, "SELECT count(*) FROM audit_log WHERE action = 'promise.to_person'"))
          .isEqualTo(1);
      // The reminder for M1's promise due tomorrow is refused (no SMS consent), evidence kept,
      // nothing sent.
      assertThat(sent).isEmpty();
      assertThat(e.reminderRefusals())
          .singleElement()
          .asString()
          .contains("M1")
          .contains("NO_CONSENT");
      assertThat(
              PaymentFixtures.strings(
                  db, "SELECT reminded_at IS NULL FROM promises WHERE id = " + reminded))
          .containsExactly("t");

      // Forecast by hand. M1's party has one partly kept promise: (0 + ½ + 2 × 0.6) / (1 + 2) =
      // 0.5667;
      // M3's one instalment paid and one partly paid: (1 + ½ + 2 × 0.6) / (2 + 2) = 0.675.
      CashForecast.Forecast f = new CashForecast(db, rules).weekly(PaymentFixtures.DAY);
      assertThat(f.weeks()).hasSize(8);
      assertThat(f.weeks().get(0).start()).isEqualTo(LocalDate.parse("2026-11-23"));
      assertThat(f.weeks().get(0).promised()).isEqualByComparingTo("400");
      assertThat(f.weeks().get(0).expected()).isEqualByComparingTo("226.67");
      assertThat(f.weeks().get(3).start()).isEqualTo(LocalDate.parse("2026-12-14"));
      assertThat(f.weeks().get(3).promised()).isEqualByComparingTo("100");
      assertThat(f.weeks().get(3).expected()).isEqualByComparingTo("67.50");
      assertThat(f.weeks().get(7).promised()).isEqualByComparingTo("100");
      assertThat(f.promised()).isEqualByComparingTo("600");
      assertThat(f.weeks().stream().mapToInt(CashForecast.Week::items).sum()).isEqualTo(3);

      // A second run the same day finds nothing new to judge, hand off or send.
      PromiseLifecycle.Evaluation again = lifecycle.evaluate(PaymentFixtures.DAY, NOW);
      assertThat(
              again.kept()
                  + again.partlyKept()
                  + again.broken()
                  + again.instalmentsMissed()
                  + again.instalmentsPartly())
          .isZero();
      assertThat(again.toPerson()).isEmpty();
      assertThat(
              PaymentFixtures.id(
                  db, "SELECT count(*) FROM contact_tasks WHERE ladder_step = 'broken_promises'"))
          .isEqualTo(1);
    }
  }

  /** The ladder rung the standard campaign planned for M2 at first. */
  private static String first(Database db) throws Exception {
    return PaymentFixtures.strings(
            db,
            "SELECT t.ladder_step FROM contact_tasks t JOIN units u ON u.id = t.unit_id WHERE u.unit_code = 'M2' "
                + "AND t.handler = 'bot' ORDER BY t.id LIMIT 1")
        .get(0);
  }
}
