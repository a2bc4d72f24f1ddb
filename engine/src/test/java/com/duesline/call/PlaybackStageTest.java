package com.duesline.call;

import static com.duesline.call.StageEvents.audio;
import static com.duesline.call.StageEvents.prompt;
import static com.duesline.call.StageEvents.turn;
import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.call.CallEvent.Interrupt;
import com.duesline.call.CallEvent.Interrupted;
import com.duesline.call.CallEvent.MarkReturned;
import com.duesline.call.CallEvent.Played;
import com.duesline.call.CallEvent.SpeechFault;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlaybackStageTest {
  private final StageHarness h = new StageHarness();
  private final List<String> sent = new ArrayList<>();
  private final PlaybackStage playback = new PlaybackStage(h.bus, new PlaybackStage.MediaOut() {
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
  }, node -> "amount", () -> false, () -> "ask_amount", "Sorry, goodbye.", new byte[8000]);

  PlaybackStageTest() {
    h.stages(playback);
  }

  @Test
  void eachPromptIsFollowedByItsMarkAndPlayedWhenItComesBack() {
    h.emit(at -> audio(turn(false, prompt("You owe $200.", true), prompt("When can you pay?", true)), 2, at));
    assertThat(sent).containsExactly("audio 16000", "mark say:ask_amount#1", "audio 16000", "mark ask:amount#2");
    assertThat(playback.playing()).isTrue();
    h.emit(at -> new MarkReturned("say:ask_amount#1", at));
    h.emit(at -> new MarkReturned("ask:amount#2", at));
    assertThat(h.of(Played.class)).extracting(Played::idle).containsExactly(false, true);
    assertThat(playback.playing()).isFalse();
  }

  @Test
  void anInterruptClearsPlaybackAndSaysHowMuchWasHeard() {
    h.emit(at -> audio(turn(false, prompt("You owe $200.", true)), 2, at));
    h.advance(500);
    long cause = h.nanos();
    h.emit(at -> new Interrupt(Interrupt.Cause.SPEECH, cause, at));
    assertThat(sent).endsWith("clear");
    assertThat(h.of(Interrupted.class)).singleElement().satisfies(i -> assertThat(i.heardFraction()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(0.01)));
  }

  @Test
  void theGoodbyeMayNotBeTalkedOver() {
    h.emit(at -> audio(turn(true, prompt("Goodbye.", true)), 1, at));
    assertThat(sent).contains("mark end:ask_amount#1");
    assertThat(playback.interruptible()).isFalse();
  }

  @Test
  void aSpeechFaultPlaysTheFaultMessageOnce() {
    h.emit(at -> new SpeechFault(null, new IllegalStateException("x"), at));
    h.emit(at -> new SpeechFault(null, new IllegalStateException("x"), at));
    assertThat(sent).containsExactly("audio 8000", "mark end:fault#1");
  }
}
