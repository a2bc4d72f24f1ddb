package com.duesline.call;

import com.duesline.call.CallEvent.HangUp;
import com.duesline.call.CallEvent.Interrupt;
import com.duesline.call.CallEvent.Interrupted;
import com.duesline.call.CallEvent.MarkReturned;
import com.duesline.call.CallEvent.Played;
import com.duesline.call.CallEvent.PromptAudio;
import com.duesline.call.CallEvent.SpeechFault;
import com.duesline.conversation.Spoken;
import com.duesline.telephony.local.MarkName;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Playback: sends each prompt's audio followed by a mark, keeps what is queued until its mark comes
 * back (then {@link Played}), clears the queue on an interrupt and says how much of the cut prompt
 * was heard. A speech fault plays the fault message as the call's last words.
 */
final class PlaybackStage implements CallStage, TurnTakingStage.PlaybackView {
  /** Where audio and marks go (the media session). */
  interface MediaOut {
    void sendAudio(byte[] mulaw);

    void sendMark(String name);

    void clear();
  }

  /** A prompt sent whose mark has not come back yet. */
  private record Playing(String mark, Spoken spoken, double seconds, boolean endOfCall) {}

  private final CallBus bus;
  private final MediaOut out;
  private final Function<String, String> questionKind;
  private final BooleanSupplier handoff;
  private final Supplier<String> node;
  private final String faultText;
  private final byte[] faultAudio;
  private final Deque<Playing> playing = new ArrayDeque<>();
  private long playHeadNanos;
  private int marks;
  private boolean closing;
  private boolean faulted;

  /**
   * @param questionKind maps the node of an open question to the kind named in its mark (e.g. {@code identity})
   * @param handoff whether the conversation's outcome is a hand-off (its hold message is no goodbye)
   * @param node the conversation's current node
   */
  PlaybackStage(CallBus bus, MediaOut out, Function<String, String> questionKind, BooleanSupplier handoff,
      Supplier<String> node, String faultText, byte[] faultAudio) {
    this.bus = bus;
    this.out = out;
    this.questionKind = questionKind;
    this.handoff = handoff;
    this.node = node;
    this.faultText = faultText;
    this.faultAudio = faultAudio;
  }

  @Override
  public boolean playing() {
    return !playing.isEmpty();
  }

  @Override
  public boolean interruptible() {
    return playing.stream().allMatch(p -> p.spoken().interruptible() && !p.endOfCall());
  }

  /** Whether the prompt playing now is the question itself (not a statement before it). */
  public boolean questionPlaying() {
    return !playing.isEmpty() && playing.peekFirst().mark().startsWith(MarkName.of("ask", ""));
  }

  /** The next mark's number (marks are numbered per call so repeated prompts stay distinct). */
  int nextMark() {
    return ++marks;
  }

  @Override
  public void on(CallEvent event) {
    if (event instanceof PromptAudio p) {
      send(p);
    } else if (event instanceof MarkReturned m) {
      returned(m);
    } else if (event instanceof Interrupt i) {
      interrupt(i);
    } else if (event instanceof SpeechFault) {
      playFault();
    } else if (event instanceof HangUp) {
      closing = true;
    }
  }

  private void send(PromptAudio p) {
    if (closing) return;
    var turn = p.reply().turn();
    if (playing.isEmpty()) playHeadNanos = p.at();
    for (int i = 0; i < p.audio().size(); i++) {
      Spoken s = turn.spoken().get(i);
      boolean last = i == p.audio().size() - 1;
      // A hand-off's hold message is no goodbye: the caller stays on the line for the agent.
      String phase = !last ? "say" : !turn.ended() ? "ask" : handoff.getAsBoolean() ? "say" : "end";
      String kind = phase.equals("ask") ? questionKind.apply(turn.node()) : s.node();
      // The mark convention is the carrier module's (MarkName); #n keeps repeated prompts distinct.
      String mark = MarkName.of(phase, kind) + "#" + nextMark();
      out.sendAudio(p.audio().get(i));
      out.sendMark(mark);
      playing.addLast(new Playing(mark, s, p.audio().get(i).length / 8000.0, last && turn.ended()));
    }
  }

  private void returned(MarkReturned m) {
    Playing done = null;
    while (!playing.isEmpty()) {
      Playing p = playing.pollFirst();
      if (p.mark().equals(m.mark())) {
        done = p;
        break;
      }
    }
    playHeadNanos = m.at();
    bus.emit(new Played(done == null ? null : done.spoken(), playing.isEmpty(), done != null && done.endOfCall(), m.at()));
  }

  private void interrupt(Interrupt i) {
    if (playing.isEmpty()) return;
    if (i.cause() == Interrupt.Cause.KEYS) {
      out.clear();
      return;
    }
    Playing cut = playing.peekFirst();
    double heard = cut.seconds() <= 0 ? 1 : Math.min(1, (i.at() - playHeadNanos) / 1e9 / cut.seconds());
    out.clear();
    bus.emit(new Interrupted(cut.spoken(), heard, i.causeAt(), bus.context().nanos()));
  }

  private void playFault() {
    if (closing || faulted) return;
    faulted = true;
    String mark = MarkName.of("end", "fault") + "#" + nextMark();
    out.sendAudio(faultAudio);
    out.sendMark(mark);
    Spoken fault = new Spoken(node.get(), "fault", null, faultText, false, true);
    playing.addLast(new Playing(mark, fault, faultAudio.length / 8000.0, true));
  }
}
