package com.duesline.playground;

import com.duesline.cli.InputRejectedException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The playground's sessions, in memory only: a session is a scratch conversation, worth nothing
 * once its writer walks away. A session untouched for {@code idle} is dropped ({@link #expire()},
 * run every minute by the routes, and on every new session); at most {@code max} live at once.
 */
public final class PlaygroundSessions {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, PlaygroundSession> sessions = new ConcurrentHashMap<>();
  private final Duration idle;
  private final int max;
  private final LongSupplier nanoClock;

  /**
   * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime}; tests pass their own)
   */
  public PlaygroundSessions(Duration idle, int max, LongSupplier nanoClock) {
    if (idle.isNegative() || idle.isZero())
      throw new IllegalArgumentException("idle expiry must be positive, got " + idle);
    if (max <= 0) throw new IllegalArgumentException("max sessions must be positive, got " + max);
    this.idle = idle;
    this.max = max;
    this.nanoClock = nanoClock;
  }

  /** How long an untouched session lives. */
  public Duration idle() {
    return idle;
  }

  /** Registers a new session built by {@code make} under a fresh unguessable id. */
  public PlaygroundSession add(java.util.function.Function<String, PlaygroundSession> make) {
    expire();
    if (sessions.size() >= max) {
      throw new InputRejectedException(
          "session: "
              + max
              + " playground sessions are open already; close one or wait "
              + idle.toMinutes()
              + " minutes for idle ones to expire");
    }
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    String id = HexFormat.of().formatHex(b);
    PlaygroundSession s = make.apply(id);
    s.touch(nanoClock.getAsLong());
    sessions.put(id, s);
    return s;
  }

  /**
   * The session, marked as used now; {@link UnknownSessionException} when there is none (or it just
   * expired).
   */
  public PlaygroundSession get(String id) {
    PlaygroundSession s = sessions.get(id);
    long now = nanoClock.getAsLong();
    if (s != null && now - s.lastUsed() > idle.toNanos()) {
      sessions.remove(id, s);
      s = null;
    }
    if (s == null) {
      throw new UnknownSessionException(
          "session: no playground session '"
              + id
              + "' (sessions end after "
              + idle.toMinutes()
              + " idle minutes; start a new one)");
    }
    s.touch(now);
    return s;
  }

  /** Ends a session; true when there was one. */
  public boolean remove(String id) {
    return sessions.remove(id) != null;
  }

  /** Drops every session idle for longer than the expiry; returns how many went. */
  public int expire() {
    long now = nanoClock.getAsLong();
    int before = sessions.size();
    sessions.values().removeIf(s -> now - s.lastUsed() > idle.toNanos());
    return before - sessions.size();
  }

  /** Sessions open now. */
  public int size() {
    return sessions.size();
  }
}
