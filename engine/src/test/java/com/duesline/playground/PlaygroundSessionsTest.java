package com.duesline.playground;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.duesline.cli.InputRejectedException;
import com.duesline.scripts.TrackLibrary;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Sessions expire after the idle time (use keeps them alive) and are capped. */
class PlaygroundSessionsTest {
  private static final TrackLibrary LIB = TrackLibrary.load(PlaygroundFixture.SHIPPED);
  private final AtomicLong now = new AtomicLong();

  private PlaygroundSession make(String id) {
    return new PlaygroundSession(
        id,
        LIB.track("early", "en"),
        LIB.catalogue(),
        null,
        Map.of(),
        LocalDate.of(2026, 11, 25),
        1);
  }

  @Test
  void anIdleSessionExpiresAndAUsedOneLives() {
    PlaygroundSessions sessions = new PlaygroundSessions(Duration.ofMinutes(30), 10, now::get);
    String idle = sessions.add(this::make).id();
    String used = sessions.add(this::make).id();
    now.addAndGet(Duration.ofMinutes(20).toNanos());
    sessions.get(used);
    now.addAndGet(Duration.ofMinutes(11).toNanos());
    assertThat(sessions.expire()).isEqualTo(1);
    assertThat(sessions.get(used).id()).isEqualTo(used);
    assertThatThrownBy(() -> sessions.get(idle))
        .isInstanceOf(UnknownSessionException.class)
        .hasMessageContaining("30 idle minutes");
    now.addAndGet(Duration.ofMinutes(31).toNanos());
    // An expired session is refused on access even before the sweep runs.
    assertThatThrownBy(() -> sessions.get(used)).isInstanceOf(UnknownSessionException.class);
  }

  @Test
  void atMostMaxSessionsAreOpenAndIdsAreUnguessable() {
    PlaygroundSessions sessions = new PlaygroundSessions(Duration.ofMinutes(30), 2, now::get);
    String a = sessions.add(this::make).id();
    String b = sessions.add(this::make).id();
    assertThat(a).hasSize(32).isNotEqualTo(b);
    assertThatThrownBy(() -> sessions.add(this::make))
        .isInstanceOf(InputRejectedException.class)
        .hasMessageContaining("2 playground sessions are open");
    assertThat(sessions.remove(a)).isTrue();
    assertThat(sessions.add(this::make).id()).isNotIn(a, b);
  }
}
