package com.duesline.call;

import com.duesline.speech.PhraseHints;
import com.duesline.speech.RecognitionEvent;
import com.duesline.speech.RecognizedWord;
import com.duesline.speech.Recognizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs call stages on a manual clock: timers fire only when the test advances time, work meant for
 * worker pools runs at once, and every event dispatched is kept in order for assertions.
 */
final class StageHarness implements CallContext {
  /** Runs pool work inline (the stage tests are about order and timing rules, not threads). */
  static final Executor DIRECT = Runnable::run;

  private long nanos = 1_000_000_000L;
  private long nextTimer;
  private final TreeMap<Long, Map.Entry<Long, Runnable>> timers =
      new TreeMap<>(); // key: id; value: due → action
  final CallBus bus = new CallBus(this);
  final List<CallEvent> events = new ArrayList<>();

  /** Wires {@code stages} in order, with an observer that keeps every event. */
  StageHarness stages(CallStage... stages) {
    bus.stages(List.of(stages));
    bus.tap(events::add);
    return this;
  }

  @Override
  public long nanos() {
    return nanos;
  }

  long ms() {
    return nanos / 1_000_000;
  }

  @Override
  public long setTimer(long ms, Runnable action) {
    long id = nextTimer++;
    timers.put(id, Map.entry(nanos + ms * 1_000_000, action));
    return id;
  }

  @Override
  public void cancelTimer(long id) {
    timers.remove(id);
  }

  @Override
  public void run(Runnable action) {
    action.run();
  }

  /** Moves the clock on by {@code ms}, firing due timers in time order. */
  void advance(long ms) {
    long end = nanos + ms * 1_000_000;
    while (true) {
      Map.Entry<Long, Map.Entry<Long, Runnable>> due =
          timers.entrySet().stream()
              .filter(e -> e.getValue().getKey() <= end)
              .min((a, b) -> Long.compare(a.getValue().getKey(), b.getValue().getKey()))
              .orElse(null);
      if (due == null) break;
      timers.remove(due.getKey());
      nanos = Math.max(nanos, due.getValue().getKey());
      due.getValue().getValue().run();
    }
    nanos = end;
  }

  /** Emits an event at the current time (built by {@code at -> event}). */
  void emit(java.util.function.LongFunction<CallEvent> event) {
    bus.emit(event.apply(nanos));
  }

  /** Emits several events, in order, at the current time. */
  void emitEach(java.util.function.LongFunction<List<? extends CallEvent>> events) {
    for (CallEvent e : events.apply(nanos)) bus.emit(e);
  }

  /** The events of one type dispatched so far. */
  <T extends CallEvent> List<T> of(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  void clearEvents() {
    events.clear();
  }

  /**
   * A recognizer that answers from a script: each utterance's final is the next scripted text, its
   * words ending {@code trailingSilenceS} before the utterance's end; partials are the words so
   * far, one per accept.
   */
  static final class ScriptedRecognizer implements Recognizer {
    private final List<String> finals;
    private final double trailingSilenceS;
    private final Consumer<RecognitionEvent> partials;
    private double start;
    private long samples;
    private int next;
    PhraseHints hints;
    boolean closed;

    /** What {@link #paused} was told, in order, with the samples of the utterance fed by then. */
    final List<String> pauses = new ArrayList<>();

    ScriptedRecognizer(
        List<String> finals, double trailingSilenceS, Consumer<RecognitionEvent> partials) {
      this.finals = finals;
      this.trailingSilenceS = trailingSilenceS;
      this.partials = partials;
    }

    @Override
    public void setHints(PhraseHints hints) {
      this.hints = hints;
    }

    @Override
    public void begin(double streamSeconds) {
      start = streamSeconds;
      samples = 0;
    }

    @Override
    public void accept(short[] pcm, int n) {
      samples += n;
      String[] words = finals.get(next).split(" ");
      int k = (int) Math.min(words.length, samples / 3200 + 1);
      partials.accept(
          new RecognitionEvent(
              RecognitionEvent.Kind.PARTIAL,
              String.join(" ", List.of(words).subList(0, k)),
              List.of(),
              at(),
              false));
    }

    private double at() {
      return start + samples / 16000.0;
    }

    @Override
    public void paused(boolean paused) {
      pauses.add(paused + "@" + samples);
    }

    @Override
    public RecognitionEvent end() {
      String text = finals.get(next++);
      double end = at() - trailingSilenceS;
      List<RecognizedWord> words = new ArrayList<>();
      String[] w = text.isBlank() ? new String[0] : text.split(" ");
      for (int i = 0; i < w.length; i++) {
        double ws = start + (end - start) * i / w.length;
        words.add(new RecognizedWord(w[i], ws, start + (end - start) * (i + 1) / w.length, 1.0));
      }
      return new RecognitionEvent(RecognitionEvent.Kind.FINAL, text, words, at(), false);
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
