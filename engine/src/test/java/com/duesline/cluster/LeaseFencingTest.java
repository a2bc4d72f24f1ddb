package com.duesline.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.call.CarrierRecovery;
import com.duesline.call.DemoCalls;
import com.duesline.campaign.ContactResult;
import com.duesline.campaign.Disposition;
import com.duesline.campaign.MutableClock;
import com.duesline.campaign.Outcome;
import com.duesline.campaign.TaskStore;
import com.duesline.ledger.LedgerImporter;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import com.duesline.telephony.carrier.CallRequest;
import com.duesline.telephony.carrier.CallStatus;
import com.duesline.telephony.local.LocalCarrier;
import com.duesline.telephony.local.LocalCarrierOptions;
import com.duesline.telephony.local.Persona;
import com.duesline.telephony.local.PersonaLoader;
import com.duesline.telephony.local.ToneVoice;
import com.duesline.telephony.twilio.TelephonyMetrics;
import com.duesline.telephony.twilio.TwilioCarrier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Leases and fencing on the real PostgreSQL with the real local carrier behind the Twilio SDK: a
 * node frozen past its lease loses its contacts to a survivor, which settles them with the carrier
 * (a call the lost node placed but never recorded is found by number and hung up; one never placed
 * is found absent) before any redial; the frozen node, when it wakes, can neither begin, renew nor
 * finish anything it claimed, and takes a new fencing epoch.
 */
class LeaseFencingTest {
  private static final Instant T0 = Instant.parse("2026-11-24T16:00:00Z");
  private static final Duration LEASE = Duration.ofSeconds(10);

  @Test
  void aNodeFrozenPastItsLeaseIsFencedAndItsContactsAreSettledWithTheCarrier() throws Exception {
    Path ledger = Files.createTempFile("sample-estate", ".csv");
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("library/ledgers/sample-estate.csv")) {
      Files.copy(in, ledger, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Vertx vertx = Vertx.vertx();
    try (Database db = TestDatabase.fresh()) {
      new LedgerImporter(db).importFile(ledger);
      exec(
          db, "INSERT INTO campaigns(id, definition, status) VALUES ('c1', 'standard', 'running')");
      List<String> phones = strings(db, "SELECT ph.e164 FROM phones ph ORDER BY ph.id LIMIT 3");
      for (String e164 : phones) {
        exec(
            db,
            "INSERT INTO contact_tasks(unit_id, party_id, phone_id, campaign_ref, channel, ladder_step, due_at, status, handler, e164) "
                + "SELECT p.unit_id, p.id, ph.id, 'c1', 'voice', 'r1', '"
                + T0
                + "', 'pending', 'bot', ph.e164 FROM phones ph JOIN parties p ON p.id = ph.party_id "
                + "WHERE ph.e164 = '"
                + e164
                + "' LIMIT 1");
      }
      // The first number rings out slowly at the carrier; the others belong to nobody.
      Persona ringer =
          DemoCalls.onNumber(
              PersonaLoader.loadDirectory(Path.of("..", "scripts-library", "library", "personas"))
                  .stream()
                  .filter(p -> p.id().equals("no-answer"))
                  .findFirst()
                  .orElseThrow(),
              phones.get(0),
              "A1");
      LocalCarrier local =
          await(
              LocalCarrier.start(
                  vertx,
                  new LocalCarrierOptions(
                      "AC" + "0".repeat(32),
                      "token",
                      0,
                      "http://127.0.0.1:9",
                      2000,
                      1200,
                      List.of(ringer),
                      new ToneVoice(300))));
      var settings = local.twilioSettings(10);
      TwilioCarrier carrier =
          new TwilioCarrier(
              vertx, local.restClient(), settings, new TelephonyMetrics(new SimpleMeterRegistry()));

      MutableClock clock = new MutableClock(T0);
      NodeRegistry a = new NodeRegistry(db, "node-a", "http://a", LEASE, clock);
      NodeRegistry b = new NodeRegistry(db, "node-b", "http://b", LEASE, clock);
      TaskStore store = new TaskStore(db);
      TaskStore.Owner aOwner = a.owner();
      assertThat(b.owner().epoch()).isGreaterThan(aOwner.epoch());

      // Node A claims all three and begins two; it places the first call but freezes before storing
      // its id.
      TaskStore.Claimed placed = store.claim(aOwner, clock.instant(), LEASE, true).orElseThrow();
      TaskStore.Claimed unplaced = store.claim(aOwner, clock.instant(), LEASE, true).orElseThrow();
      TaskStore.Claimed notBegun = store.claim(aOwner, clock.instant(), LEASE, true).orElseThrow();
      long placedAttempt = store.begin(placed, "node-a", clock.instant());
      long unplacedAttempt = store.begin(unplaced, "node-a", clock.instant());
      assertThat(placedAttempt).isPositive();
      assertThat(unplacedAttempt).isPositive();
      String sid =
          await(
              carrier.placeCall(
                  new CallRequest(
                      placed.e164(),
                      "+15550100000",
                      String.valueOf(placedAttempt),
                      60,
                      false,
                      Optional.empty())));

      // A is frozen; B keeps beating, and the lease runs out.
      clock.advance(LEASE.plusSeconds(1));
      TaskStore.Owner bOwner = b.owner();
      assertThat(store.renew(aOwner, clock.instant(), LEASE))
          .as("an expired claim is not revived")
          .isZero();
      assertThat(store.releaseExpired(clock.instant()))
          .as("the claim never begun goes back to pending")
          .isEqualTo(1);
      List<TaskStore.Lost> lost = store.takeOverExpired(bOwner, clock.instant(), LEASE, 10);
      assertThat(lost)
          .extracting(l -> l.task().id())
          .containsExactlyInAnyOrder(placed.id(), unplaced.id());
      CarrierRecovery recovery = new CarrierRecovery(carrier);
      for (TaskStore.Lost l : lost) {
        ContactResult r = recovery.resolve(l).toCompletableFuture().get(30, TimeUnit.SECONDS);
        if (l.task().id() == placed.id()) {
          // Found by number, still ringing: hung up, and never answered.
          assertThat(r.carrierId()).isEqualTo(sid);
          assertThat(r.disposition()).isEqualTo(Disposition.CANCELED);
        } else {
          assertThat(r.disposition()).isEqualTo(Disposition.CARRIER_ERROR);
          assertThat(r.evidence()).contains("before the call was placed");
        }
        assertThat(store.finish(l.task(), l.attemptId(), r, clock.instant())).isTrue();
      }
      assertThat(await(carrier.callState(sid)).status().isFinal()).isTrue();

      // A wakes up: everything it holds is fenced, and nothing it writes lands.
      assertThat(store.begin(notBegun, "node-a", clock.instant())).isEqualTo(-1);
      var late =
          new ContactResult(
              Disposition.PTP,
              Outcome.PROMISE,
              sid,
              java.time.LocalDate.parse("2026-12-01"),
              new java.math.BigDecimal("50"),
              "late");
      assertThat(store.finish(placed, placedAttempt, late, clock.instant())).isFalse();
      assertThat(count(db, "SELECT count(*) FROM promises")).isZero();
      assertThat(
              strings(
                  db,
                  "SELECT disposition || '/' || carrier_call_id FROM attempts WHERE id = "
                      + placedAttempt))
          .containsExactly("canceled/" + sid);
      assertThat(count(db, "SELECT count(*) FROM audit_log WHERE action = 'contact.fenced'"))
          .isEqualTo(1);
      long newEpoch = a.owner().epoch();
      assertThat(newEpoch).isGreaterThan(bOwner.epoch());
      assertThat(a.members(clock.instant()))
          .extracting(NodeRegistry.Member::id)
          .containsExactly("node-a", "node-b");

      // Each contact has exactly one ended attempt, and the carrier placed exactly one call.
      assertThat(count(db, "SELECT count(*) FROM attempts WHERE ended_at IS NULL")).isZero();
      assertThat(await(carrier.callsTo(placed.e164(), T0.minusSeconds(60)))).hasSize(1);
      assertThat(await(carrier.callsTo(unplaced.e164(), T0.minusSeconds(60)))).isEmpty();
      assertThat(CallStatus.CANCELED.isFinal()).isTrue();
      await(local.close());
    } finally {
      await(vertx.close());
      Files.deleteIfExists(ledger);
    }
  }

  static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  static void exec(Database db, String sql) throws Exception {
    try (Connection c = db.connection();
        Statement st = c.createStatement()) {
      st.executeUpdate(sql);
    }
  }

  static long count(Database db, String sql) throws Exception {
    try (Connection c = db.connection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static List<String> strings(Database db, String sql) throws Exception {
    List<String> out = new java.util.ArrayList<>();
    try (Connection c = db.connection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }
}
