package com.duesline.call;

import com.duesline.call.CallEvent.CallerTook;
import com.duesline.call.CallEvent.Greeted;
import com.duesline.call.CallEvent.HangUp;
import com.duesline.call.CallEvent.Heard;
import com.duesline.call.CallEvent.Interrupted;
import com.duesline.call.CallEvent.Partial;
import com.duesline.call.CallEvent.PromptAudio;
import com.duesline.call.CallEvent.Reply;
import com.duesline.call.CallEvent.SpeechFault;
import com.duesline.call.CallEvent.SpeechStarted;
import com.duesline.call.CallObserver.TurnRecord;
import com.duesline.conversation.CallerTurn;
import com.duesline.conversation.Spoken;
import com.duesline.intent.IntentMatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The recorder: builds the call's transcript from its events (each caller turn, each prompt,
 * barge-ins, the fault message) and each spoken turn's latency from event times: from when the
 * caller's last word ended to the first frame of the answer, split into endpointing, recognition,
 * understanding, the conversation engine and synthesis.
 */
final class CallRecorder implements CallStage {
  private final Consumer<TurnRecord> onTurn;
  private final Consumer<String> onPartial;
  private final Supplier<String> node;
  private final String faultText;
  private final Timer turnTimer;
  private final Timer bargeInTimer;
  private final List<TurnRecord> transcript = new ArrayList<>();
  private boolean closing;
  private boolean faulted;

  /** The open words last told to {@code onPartial} in the utterance being spoken. */
  private String lastPartial = "";

  CallRecorder(
      MeterRegistry registry,
      Consumer<TurnRecord> onTurn,
      Consumer<String> onPartial,
      Supplier<String> node,
      String faultText) {
    this.onTurn = onTurn;
    this.onPartial = onPartial;
    this.node = node;
    this.faultText = faultText;
    this.turnTimer =
        Timer.builder("duesline.turn.latency")
            .description("Caller stops speaking to first bot audio frame")
            .publishPercentiles(0.5, 0.95, 0.99)
            .register(registry);
    this.bargeInTimer =
        Timer.builder("duesline.bargein.stop")
            .description("Caller speech detected to playback cleared")
            .register(registry);
  }

  /** The turns so far, in order. */
  List<TurnRecord> transcript() {
    return List.copyOf(transcript);
  }

  @Override
  public void on(CallEvent event) {
    if (event instanceof SpeechStarted) {
      lastPartial = "";
    } else if (event instanceof Partial p) {
      // A partial whose open words are unchanged (only the grammar's moved) is no news to watchers.
      if (!p.text().equals(lastPartial)) onPartial.accept(p.text());
      lastPartial = p.text();
    } else if (event instanceof Greeted g) {
      if (g.hello() != null) caller(null, g.hello(), null);
    } else if (event instanceof Reply r) {
      CallerTook c = r.cause();
      if (c != null && c.turn() instanceof CallerTurn.Keys k)
        record(callerText(r.askedAt(), "[keys " + k.digits() + "]"));
      else if (c != null && c.turn() instanceof CallerTurn.Silence)
        record(callerText(r.askedAt(), "[silence]"));
    } else if (event instanceof PromptAudio p) {
      prompts(p);
    } else if (event instanceof Interrupted i) {
      if (i.cause() != CallEvent.Interrupt.Cause.SPEECH) return;
      bargeInTimer.record(i.at() - i.causeAt(), TimeUnit.NANOSECONDS);
      Spoken cut = i.spoken();
      record(
          new TurnRecord(
              0,
              "bot",
              cut.node(),
              "[barge-in]",
              null,
              0,
              Map.of(),
              cut.promptId(),
              cut.variant(),
              null,
              i.heardFraction()));
    } else if (event instanceof SpeechFault) {
      if (closing || faulted) return;
      faulted = true;
      record(
          new TurnRecord(
              0,
              "bot",
              node.get(),
              "[speech failed] " + faultText,
              null,
              0,
              Map.of(),
              "fault",
              null,
              null,
              null));
    } else if (event instanceof HangUp) {
      closing = true;
    }
  }

  /**
   * Records a line the bot said outside the pipeline (the call-back notice after a hand-off nobody
   * took).
   */
  void said(String text, String promptId) {
    record(
        new TurnRecord(0, "bot", node.get(), text, null, 0, Map.of(), promptId, null, null, null));
  }

  private void prompts(PromptAudio p) {
    Reply r = p.reply();
    // The caller's turn is recorded once its answer starts to play, so the transcript keeps its
    // order and the latency is whole.
    if (p.first() && r.cause() != null && r.cause().heard() != null) {
      Heard h = r.cause().heard();
      double totalMs = (p.at() - h.spoken().callerStopped()) / 1e6;
      TurnLatency latency =
          new TurnLatency(
              h.spoken().endpointMs(),
              h.spoken().asrMs(),
              h.intentMs(),
              r.engineMs(),
              p.ttsMs(),
              totalMs);
      turnTimer.record((long) (totalMs * 1e6), TimeUnit.NANOSECONDS);
      caller(r.askedAt(), h, latency);
    }
    if (closing || p.piece() != 0 || p.spoken() == null) return;
    Spoken s = p.spoken();
    record(
        new TurnRecord(
            0,
            "bot",
            s.node(),
            s.text(),
            null,
            0,
            Map.of(),
            s.promptId(),
            s.variant(),
            null,
            null));
  }

  private void caller(String askedAt, Heard h, TurnLatency latency) {
    IntentMatch m = h.match();
    record(
        new TurnRecord(
            0,
            "caller",
            askedAt,
            h.text(),
            m.intent(),
            m.score(),
            m.entities(),
            null,
            null,
            latency,
            null));
  }

  private static TurnRecord callerText(String node, String text) {
    return new TurnRecord(0, "caller", node, text, null, 0, Map.of(), null, null, null, null);
  }

  private void record(TurnRecord raw) {
    TurnRecord t =
        new TurnRecord(
            transcript.size() + 1,
            raw.speaker(),
            raw.node(),
            raw.text(),
            raw.intent(),
            raw.score(),
            raw.entities(),
            raw.promptId(),
            raw.variant(),
            raw.latency(),
            raw.heardFraction());
    transcript.add(t);
    onTurn.accept(t);
  }
}
