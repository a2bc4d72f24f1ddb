package com.duesline.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.store.Database;
import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/**
 * The one writer of a contact's effects on the real PostgreSQL: a promise, an opt-out and a hold
 * are written once however many times the ending is reported, and an agent's wrap-up refines a
 * hand-off.
 */
class ContactEffectsTest {
  @org.junit.jupiter.api.BeforeAll
  static void ledger() throws Exception {
    CampaignIntegrationTest.importSample();
  }

  @org.junit.jupiter.api.AfterAll
  static void cleanUp() throws Exception {
    CampaignIntegrationTest.cleanUp();
  }

  @Test
  void anEndingIsWrittenOnceAndAHandoffIsRefinedByTheAgent() throws Exception {
    try (Database d = CampaignIntegrationTest.fresh()) {
      long unit = CampaignIntegrationTest.count(d, "SELECT min(id) FROM units");
      long party =
          CampaignIntegrationTest.count(d, "SELECT min(id) FROM parties WHERE unit_id = " + unit);
      long phone =
          CampaignIntegrationTest.count(d, "SELECT min(id) FROM phones WHERE party_id = " + party);
      var who = new ContactEffects.Target(unit, party, phone, "voice");
      Instant now = Instant.parse("2026-11-24T02:00:00Z");
      long promised = attempt(d, unit, phone);
      var promise =
          new ContactResult(
              Disposition.PTP,
              Outcome.PROMISE,
              "CA1",
              LocalDate.parse("2026-12-01"),
              new BigDecimal("120.00"),
              "said: \"friday\"");
      try (Connection c = d.connection()) {
        assertThat(ContactEffects.record(c, promised, who, promise, now, "test")).isTrue();
        // The same ending reported again (another node, a retried message): nothing doubles.
        assertThat(ContactEffects.record(c, promised, who, promise, now, "test")).isFalse();
        assertThat(
                ContactEffects.record(
                    c,
                    promised,
                    who,
                    new ContactResult(Outcome.OPT_OUT, null, null, null, "x"),
                    now,
                    "test"))
            .isFalse();
      }
      assertThat(
              CampaignIntegrationTest.strings(
                  d,
                  "SELECT disposition || ' ' || carrier_call_id FROM attempts WHERE id = "
                      + promised))
          .containsExactly("PTP CA1");
      assertThat(
              CampaignIntegrationTest.count(
                  d, "SELECT count(*) FROM promises WHERE attempt_id = " + promised))
          .isEqualTo(1);
      assertThat(
              CampaignIntegrationTest.count(
                  d, "SELECT count(*) FROM consents WHERE attempt_id = " + promised))
          .isZero();
      assertThat(
              CampaignIntegrationTest.count(
                  d,
                  "SELECT count(*) FROM audit_log WHERE action = 'contact.ended' AND entity_id = '"
                      + promised
                      + "'"))
          .isEqualTo(1);

      long handed = attempt(d, unit, phone);
      try (Connection c = d.connection()) {
        assertThat(
                ContactEffects.record(
                    c,
                    handed,
                    who,
                    new ContactResult(Outcome.HANDOFF, null, null, null, "asked for a person"),
                    now,
                    "call"))
            .isTrue();
        // The agent who took it wraps up with a dispute: the hand-off is refined, once.
        var dispute =
            new ContactResult(
                Disposition.parse("dispute"),
                Outcome.DISPUTE,
                null,
                null,
                null,
                "agent: disputes March");
        assertThat(ContactEffects.record(c, handed, who, dispute, now, "agent")).isTrue();
        assertThat(ContactEffects.record(c, handed, who, dispute, now, "agent")).isFalse();
      }
      assertThat(
              CampaignIntegrationTest.strings(
                  d, "SELECT disposition FROM attempts WHERE id = " + handed))
          .containsExactly("DISPUTE");
      assertThat(
              CampaignIntegrationTest.strings(
                  d, "SELECT kind || ' by ' || created_by FROM holds WHERE unit_id = " + unit))
          .containsExactly("dispute by agent");
    }
  }

  private static long attempt(Database d, long unit, long phone) throws Exception {
    try (Connection c = d.connection();
        var ps =
            c.prepareStatement(
                "INSERT INTO attempts (unit_id, phone_id, channel, started_at) VALUES (?, ?, 'voice', now()) RETURNING id")) {
      ps.setLong(1, unit);
      ps.setLong(2, phone);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
