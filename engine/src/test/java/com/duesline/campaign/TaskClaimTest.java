package com.duesline.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.app.DemoCommand;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Claims on the real database: one phone never twice at once, SKIP LOCKED across threads, leases
 * released.
 */
class TaskClaimTest {
  static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");

  @Test
  void claimsNeverDoubleAPhoneOrATaskAndLeasesExpire() throws Exception {
    try (Database db = TestDatabase.fresh()) {
      DemoCommand.loadSampleIfEmpty(db);
      TaskStore store = new TaskStore(db);
      store.createCampaign("a", "standard");
      store.createCampaign("b", "standard");
      store.transition("a", "running", "created");
      store.transition("b", "running", "created");
      List<String[]> units = new ArrayList<>();
      for (String row :
          CampaignIntegrationTest.strings(
              db,
              "SELECT u.unit_code || '|' || p.id || '|' || ph.e164 FROM units u "
                  + "JOIN parties p ON p.unit_id = u.id JOIN phones ph ON ph.party_id = p.id ORDER BY u.id LIMIT 40")) {
        units.add(row.split("\\|"));
      }
      // The same account and phone in two campaigns, both due.
      for (String[] u : units) {
        for (String campaign : List.of("a", "b")) {
          store.schedule(
              campaign,
              u[0],
              new ContactTask(
                  campaign,
                  u[0],
                  u[1],
                  u[2],
                  "reminder_call",
                  RungChannel.AI_CALL,
                  "early",
                  "A",
                  null,
                  null,
                  TaskState.DUE,
                  NOW.minusSeconds(60),
                  List.of()));
        }
      }
      // Eight threads claim as fast as they can.
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
      List<String> phones = Collections.synchronizedList(new ArrayList<>());
      List<Future<?>> fs = new ArrayList<>();
      for (int k = 0; k < 8; k++) {
        int node = k;
        fs.add(
            pool.submit(
                () -> {
                  Optional<TaskStore.Claimed> t;
                  while ((t = store.claim("node-" + node, NOW, Duration.ofMinutes(5), true))
                      .isPresent()) {
                    claimed.add(t.get().id());
                    phones.add(t.get().e164());
                  }
                  return null;
                }));
      }
      for (Future<?> f : fs) f.get();
      pool.shutdown();
      assertThat(claimed).doesNotHaveDuplicates();
      assertThat(phones).as("one task per phone while it is claimed").doesNotHaveDuplicates();
      // One open task per account and campaign (a unit with two parties keeps the last one
      // planned), and
      // both campaigns' tasks for an account share its phone: exactly one claim per account.
      long accounts = units.stream().map(u -> u[0]).distinct().count();
      assertThat(claimed).hasSize((int) accounts);
      // Nothing more while those claims hold, even though the other campaign's tasks are due.
      assertThat(store.claim("node-x", NOW, Duration.ofMinutes(5), true)).isEmpty();
      // The claiming nodes vanish: after the lease their tasks go back to pending, and can be
      // claimed again.
      assertThat(store.releaseExpired(NOW.plus(Duration.ofMinutes(6)))).isEqualTo(claimed.size());
      assertThat(
              store.claim("node-y", NOW.plus(Duration.ofMinutes(6)), Duration.ofMinutes(5), true))
          .isPresent();
    }
  }
}
