package com.duesline.telephony.local;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What happened on one simulated phone, in order: what it heard, said, pressed, and how the call
 * went.
 */
public final class CallLog {
  /** One entry: milliseconds since the call was created, what kind of thing, and its detail. */
  public record Entry(long atMillis, Kind kind, String detail) {}

  /** The kinds of entries. */
  public enum Kind {
    STATUS,
    HEARD_MARK,
    CLEARED_MARK,
    SAID,
    PRESSED,
    HUNG_UP,
    PLAYED,
    DIALED,
    AMD,
    STREAM_STARTED,
    STREAM_STOPPED,
    RECORDED,
    /** The bot began a reply while this caller still had words to say. */
    CUT_OFF
  }

  private final long start = System.nanoTime();
  private final List<Entry> entries = new CopyOnWriteArrayList<>();
  private final List<Consumer<Entry>> watchers = new CopyOnWriteArrayList<>();

  void add(Kind kind, String detail) {
    Entry e = new Entry((System.nanoTime() - start) / 1_000_000, kind, detail);
    entries.add(e);
    watchers.forEach(w -> w.accept(e));
  }

  /** A snapshot of the entries so far. */
  public List<Entry> entries() {
    return new ArrayList<>(entries);
  }

  /** The details of entries of one kind. */
  public List<String> details(Kind kind) {
    return entries.stream().filter(e -> e.kind() == kind).map(Entry::detail).toList();
  }

  /**
   * Calls {@code watcher} for every entry from now on (tests complete futures from it instead of
   * sleeping).
   */
  public void watch(Consumer<Entry> watcher) {
    watchers.add(watcher);
  }
}
