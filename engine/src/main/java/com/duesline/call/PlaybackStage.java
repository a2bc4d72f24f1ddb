package com.duesline.call;

import com.duesline.call.CallEvent.HangUp;
import com.duesline.call.CallEvent.Interrupt;
import com.duesline.call.CallEvent.Interrupted;
import com.duesline.call.CallEvent.MarkReturned;
import com.duesline.call.CallEvent.Played;
import com.duesline.call.CallEvent.PromptAudio;
import com.duesline.call.CallEvent.SpeechFault;
import com.duesline.conversation.Spoken;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Playback: sends each prompt's audio as its pieces arrive, then a mark, keeps what is queued until
 * its mark comes back (then {@link Played}), clears the queue on an interrupt and says how much of
 * the cut prompt was heard. A speech fault plays the fault message as the call's last words.
 */
final class PlaybackStage implements CallStage, TurnTakingStage.PlaybackView {
  /** Where audio and marks go (the media session). */
  interface MediaOut {
    void sendAudio(byte[] mulaw);

    void sendMark(String name);

    void clear();
  }

  /**
   * A prompt sent (or being sent, piece by piece) whose mark has not come back yet; {@code phase}
   * says whether it asks, says or ends. Its mark goes out after its last piece.
   */
  private static final class Playing {
    final String mark;
    final String phase;
    final Spoken spoken;
    final boolean endOfCall;
    double seconds;
    boolean markSent;

    Playing(String mark, String phase, Spoken spoken, boolean endOfCall) {
      this.mark = mark;
      this.phase = phase;
      this.spoken = spoken;
      this.endOfCall = endOfCall;
    }
  }

  /**
   * Tells the caller's side what the prompt before {@code mark} is ({@link
   * CallServices.CallerNotes}).
   */
  @FunctionalInterface
  interface Notes {
    void prompted(String mark, String phase, String kind);
  }

  private final CallBus bus;
  private final MediaOut out;
  private final Function<String, String> questionKind;
  private final BooleanSupplier handoff;
  private final Supplier<String> node;
  private final String faultText;
  private final byte[] faultAudio;
  private final Notes notes;
  private final Deque<Playing> playing = new ArrayDeque<>();
  private long playHeadNanos;
  private int marks;
  private boolean closing;
  private boolean faulted;

  /**
   * A reply has pieces still to come: playback running dry now is a gap, not the end of the bot's
   * turn.
   */
  private boolean awaitingPieces;

  /**
   * @param questionKind maps the node of an open question to the kind named in its mark (e.g.
   *     {@code identity})
   * @param handoff whether the conversation's outcome is a hand-off (its hold message is no
   *     goodbye)
   * @param node the conversation's current node
   */
  PlaybackStage(
      CallBus bus,
      MediaOut out,
      Function<String, String> questionKind,
      BooleanSupplier handoff,
      Supplier<String> node,
      String faultText,
      byte[] faultAudio,
      Notes notes) {
    this.notes = notes;
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
    return playing.stream().allMatch(p -> p.spoken.interruptible() && !p.endOfCall);
  }

  @Override
  public boolean questionPlaying() {
    return !playing.isEmpty() && playing.peekFirst().phase.equals("ask");
  }

  /**
   * The next mark's name: numbered per call, so repeated prompts stay distinct, and saying nothing
   * of the prompt (what it asks goes to the caller's side through {@link Notes}, not through the
   * carrier).
   */
  String markName() {
    return "p" + (++marks);
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
    if (closing || p.spoken() == null) return;
    var turn = p.reply().turn();
    if (playing.isEmpty()) playHeadNanos = p.at();
    Spoken s = p.spoken();
    Playing current;
    if (p.piece() == 0) {
      boolean last = p.prompt() == turn.spoken().size() - 1;
      // A hand-off's hold message is no goodbye: the caller stays on the line for the agent.
      String phase =
          !last || LiveCall.NOTICE.equals(s.promptId())
              ? "say"
              : !turn.ended() ? "ask" : handoff.getAsBoolean() ? "say" : "end";
      current = new Playing(markName(), phase, s, last && turn.ended());
      playing.addLast(current);
    } else {
      current = playing.peekLast();
    }
    awaitingPieces = !p.replyDone();
    out.sendAudio(p.audio());
    current.seconds += p.audio().length / 8000.0;
    if (p.promptDone()) {
      String kind = current.phase.equals("ask") ? questionKind.apply(turn.node()) : s.node();
      notes.prompted(current.mark, current.phase, kind);
      out.sendMark(current.mark);
      current.markSent = true;
    }
  }

  private void returned(MarkReturned m) {
    Playing done = null;
    while (!playing.isEmpty()) {
      Playing p = playing.pollFirst();
      if (p.mark.equals(m.mark())) {
        done = p;
        break;
      }
    }
    playHeadNanos = m.at();
    bus.emit(
        new Played(
            done == null ? null : done.spoken,
            playing.isEmpty() && !awaitingPieces,
            done != null && done.endOfCall,
            m.at()));
  }

  private void interrupt(Interrupt i) {
    if (playing.isEmpty()) return;
    Playing cut = playing.peekFirst();
    double heard = cut.seconds <= 0 ? 1 : Math.min(1, (i.at() - playHeadNanos) / 1e9 / cut.seconds);
    out.clear();
    // The rest of the reply is not coming (the speaker stops on the Interrupted below), so a prompt
    // cut before its last piece will never send its mark.
    awaitingPieces = false;
    playing.removeIf(p -> !p.markSent);
    bus.emit(new Interrupted(cut.spoken, heard, i.cause(), i.causeAt(), bus.context().nanos()));
  }

  private void playFault() {
    if (closing || faulted) return;
    faulted = true;
    String mark = markName();
    notes.prompted(mark, "end", "fault");
    out.sendAudio(faultAudio);
    out.sendMark(mark);
    Spoken fault = new Spoken(node.get(), "fault", null, faultText, false, true);
    Playing playingFault = new Playing(mark, "end", fault, true);
    playingFault.seconds = faultAudio.length / 8000.0;
    playingFault.markSent = true;
    playing.addLast(playingFault);
  }
}
