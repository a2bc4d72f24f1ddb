package com.duesline.call;

import static com.duesline.call.StageEvents.audio;
import static com.duesline.call.StageEvents.prompt;
import static com.duesline.call.StageEvents.turn;
import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.call.CallEvent.Interrupt;
import com.duesline.call.CallEvent.Interrupted;
import com.duesline.call.CallEvent.MarkReturned;
import com.duesline.call.CallEvent.Played;
import com.duesline.call.CallEvent.PromptAudio;
import com.duesline.call.CallEvent.Reply;
import com.duesline.call.CallEvent.SpeechFault;
import com.duesline.conversation.BotTurn;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaybackStageTest {
  private final StageHarness h = new StageHarness();
  private final List<String> sent = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final PlaybackStage playback =
      new PlaybackStage(
          h.bus,
          new PlaybackStage.MediaOut() {
            @Override
            public void sendAudio(byte[] mulaw) {
              sent.add("audio " + mulaw.length);
            }

            @Override
            public void sendMark(String name) {
              sent.add("mark " + name);
            }

            @Override
            public void clear() {
              sent.add("clear");
            }
          },
          node -> "amount",
          () -> false,
          () -> "ask_amount",
          "Sorry, goodbye.",
          new byte[8000],
          (mark, phase, kind) -> notes.add(mark + " " + phase + ":" + kind));

  PlaybackStageTest() {
    h.stages(playback);
  }

  @Test
  void eachPromptIsFollowedByItsMarkAndPlayedWhenItComesBack() {
    h.emitEach(
        at ->
            audio(
                turn(false, prompt("You owe $200.", true), prompt("When can you pay?", true)),
                2,
                at));
    assertThat(sent).containsExactly("audio 16000", "mark p1", "audio 16000", "mark p2");
    // What each prompt is goes to the caller's side channel, not into the mark's name.
    assertThat(notes).containsExactly("p1 say:ask_amount", "p2 ask:amount");
    assertThat(playback.playing()).isTrue();
    assertThat(playback.questionPlaying()).isFalse();
    h.emit(at -> new MarkReturned("p1", at));
    assertThat(playback.questionPlaying()).isTrue();
    h.emit(at -> new MarkReturned("p2", at));
    assertThat(h.of(Played.class)).extracting(Played::idle).containsExactly(false, true);
    assertThat(playback.playing()).isFalse();
  }

  @Test
  void anInterruptClearsPlaybackAndSaysHowMuchWasHeard() {
    h.emitEach(at -> audio(turn(false, prompt("You owe $200.", true)), 2, at));
    h.advance(500);
    long cause = h.nanos();
    h.emit(at -> new Interrupt(Interrupt.Cause.SPEECH, cause, at));
    assertThat(sent).endsWith("clear");
    assertThat(h.of(Interrupted.class))
        .singleElement()
        .satisfies(
            i ->
                assertThat(i.heardFraction())
                    .isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.01)));
  }

  @Test
  void aPromptPlaysPieceByPieceAndItsMarkFollowsTheLastWhileAGapIsNoEnd() {
    BotTurn turn = turn(false, prompt("Thank you. What date?", true));
    Reply reply = StageEvents.reply(turn, h.nanos());
    h.emit(at -> new PromptAudio(reply, 0, 0, StageEvents.silence(500), false, false, 0, at));
    assertThat(sent).containsExactly("audio 4000");
    assertThat(playback.playing()).isTrue();
    h.emit(at -> new PromptAudio(reply, 0, 1, StageEvents.silence(1000), true, true, 0, at));
    assertThat(sent).containsExactly("audio 4000", "audio 8000", "mark p1");
    assertThat(notes).containsExactly("p1 ask:amount");

    // Two prompts, the second still rendering when the first has played: that is a gap, not the end
    // of the turn.
    BotTurn two = turn(false, prompt("Thank you.", true), prompt("What date?", true));
    Reply second = StageEvents.reply(two, h.nanos());
    h.emit(at -> new MarkReturned("p1", at));
    h.emit(at -> new PromptAudio(second, 0, 0, StageEvents.silence(500), true, false, 0, at));
    h.emit(at -> new MarkReturned("p2", at));
    assertThat(h.of(Played.class)).extracting(Played::idle).containsExactly(true, false);
    h.emit(at -> new PromptAudio(second, 1, 0, StageEvents.silence(500), true, true, 0, at));
    h.emit(at -> new MarkReturned("p3", at));
    assertThat(h.of(Played.class)).extracting(Played::idle).containsExactly(true, false, true);
  }

  @Test
  void anInterruptBetweenPiecesDropsTheUnfinishedPrompt() {
    BotTurn turn = turn(false, prompt("Thank you. What date?", true));
    Reply reply = StageEvents.reply(turn, h.nanos());
    h.emit(at -> new PromptAudio(reply, 0, 0, StageEvents.silence(500), false, false, 0, at));
    h.emit(at -> new Interrupt(Interrupt.Cause.SPEECH, at, at));
    assertThat(sent).containsExactly("audio 4000", "clear");
    assertThat(h.of(Interrupted.class))
        .singleElement()
        .extracting(Interrupted::cause)
        .isEqualTo(Interrupt.Cause.SPEECH);
    // Its mark was never sent, so it cannot keep playback "busy" for ever.
    assertThat(playback.playing()).isFalse();
  }

  @Test
  void theGoodbyeMayNotBeTalkedOver() {
    h.emitEach(at -> audio(turn(true, prompt("Goodbye.", true)), 1, at));
    assertThat(notes).containsExactly("p1 end:ask_amount");
    assertThat(playback.interruptible()).isFalse();
  }

  @Test
  void aSpeechFaultPlaysTheFaultMessageOnce() {
    h.emit(at -> new SpeechFault(null, new IllegalStateException("x"), at));
    h.emit(at -> new SpeechFault(null, new IllegalStateException("x"), at));
    assertThat(sent).containsExactly("audio 8000", "mark p1");
    assertThat(notes).containsExactly("p1 end:fault");
  }
}
