package com.duesline.call;

import static com.duesline.call.StageEvents.audio;
import static com.duesline.call.StageEvents.heard;
import static com.duesline.call.StageEvents.nothing;
import static com.duesline.call.StageEvents.prompt;
import static com.duesline.call.StageEvents.turn;
import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.call.CallEvent.AudioIn;
import com.duesline.call.CallEvent.CallerTook;
import com.duesline.call.CallEvent.Greeted;
import com.duesline.call.CallEvent.HangUp;
import com.duesline.call.CallEvent.Interrupt;
import com.duesline.call.CallEvent.KeyPressed;
import com.duesline.call.CallEvent.Keys;
import com.duesline.call.CallEvent.Played;
import com.duesline.call.CallEvent.SpeechStarted;
import com.duesline.call.CallEvent.SpeechStopped;
import com.duesline.call.CallObserver.EndReason;
import com.duesline.conversation.CallerTurn;
import org.junit.jupiter.api.Test;

class TurnTakingStageTest {
  private final StageHarness h = new StageHarness();
  private boolean playing;
  private boolean interruptible = true;
  private final TurnTakingStage stage = new TurnTakingStage(h.bus, new TurnTakingStage.Timings(1500, 5000, 6000),
      new TurnTakingStage.PlaybackView() {
        @Override
        public boolean playing() {
          return playing;
        }

        @Override
        public boolean interruptible() {
          return interruptible;
        }
      });

  TurnTakingStageTest() {
    h.stages(stage);
    stage.start();
  }

  private void frames(int n) {
    for (int i = 0; i < n; i++) {
      h.emit(at -> new AudioIn(new byte[160], at));
      h.advance(20);
    }
  }

  private void greeted() {
    frames(75);
    assertThat(h.of(Greeted.class)).hasSize(1);
    h.clearEvents();
  }

  @Test
  void theBotOpensAfterOneAndAHalfSecondsOfAudioWithoutSpeech() {
    frames(74);
    assertThat(h.of(Greeted.class)).isEmpty();
    frames(1);
    assertThat(h.of(Greeted.class)).singleElement().satisfies(g -> assertThat(g.hello()).isNull());
  }

  @Test
  void aHelloIsLetFinishAndOpensTheCallWithWhatWasSaid() {
    frames(10);
    h.emit(at -> new SpeechStarted(0.1, at));
    frames(100);
    h.emit(SpeechStopped::new);
    frames(20);
    assertThat(h.of(Greeted.class)).isEmpty();
    h.emit(at -> heard("hello", "greeting", at));
    assertThat(h.of(Greeted.class)).singleElement().satisfies(g -> assertThat(g.hello().text()).isEqualTo("hello"));
  }

  @Test
  void aHelloHeardAsNothingOpensWithoutOne() {
    h.emit(at -> new SpeechStarted(0, at));
    h.emit(at -> nothing(at));
    assertThat(h.of(Greeted.class)).singleElement().satisfies(g -> assertThat(g.hello()).isNull());
  }

  @Test
  void aStreamThatSendsNothingIsOpenedAfterFiveSeconds() {
    h.advance(4999);
    assertThat(h.of(Greeted.class)).isEmpty();
    h.advance(1);
    assertThat(h.of(Greeted.class)).hasSize(1);
  }

  @Test
  void speechOverAnInterruptiblePromptInterruptsIt() {
    greeted();
    playing = true;
    long frameAt = h.nanos();
    h.emit(at -> new SpeechStarted(3, at));
    assertThat(h.of(Interrupt.class)).singleElement()
        .satisfies(i -> {
          assertThat(i.cause()).isEqualTo(Interrupt.Cause.SPEECH);
          assertThat(i.causeAt()).isEqualTo(frameAt);
        });
  }

  @Test
  void speechOverAPromptThatMustBeHeardDoesNotInterrupt() {
    greeted();
    playing = true;
    interruptible = false;
    h.emit(at -> new SpeechStarted(3, at));
    assertThat(h.of(Interrupt.class)).isEmpty();
  }

  @Test
  void anAnswerHeardBecomesTheCallersTurn() {
    greeted();
    h.emit(at -> heard("yes it is", "affirm", at));
    assertThat(h.of(CallerTook.class)).singleElement()
        .satisfies(c -> assertThat(((CallerTurn.Heard) c.turn()).match().intent()).isEqualTo("affirm"));
  }

  @Test
  void silenceAfterTheQuestionRepromptsAfterTheTimeout() {
    greeted();
    h.emit(at -> new Played(prompt("How much?", true), true, false, at));
    h.advance(5999);
    assertThat(h.of(CallerTook.class)).isEmpty();
    h.advance(1);
    assertThat(h.of(CallerTook.class)).singleElement().satisfies(c -> assertThat(c.turn()).isInstanceOf(CallerTurn.Silence.class));
  }

  @Test
  void speechCancelsTheSilenceReprompt() {
    greeted();
    h.emit(at -> new Played(prompt("How much?", true), true, false, at));
    h.advance(3000);
    h.emit(at -> new SpeechStarted(5, at));
    h.advance(10_000);
    assertThat(h.of(CallerTook.class)).isEmpty();
  }

  @Test
  void nothingHeardKeepsTheQuestionOpenAndTheSilenceClockRunning() {
    greeted();
    h.emit(at -> nothing(at));
    h.advance(6000);
    assertThat(h.of(CallerTook.class)).singleElement().satisfies(c -> assertThat(c.turn()).isInstanceOf(CallerTurn.Silence.class));
  }

  @Test
  void aKeyInterruptsThePromptAndKeysBecomeTheTurn() {
    greeted();
    h.emit(at -> new KeyPressed("5", at));
    assertThat(h.of(Interrupt.class)).singleElement().satisfies(i -> assertThat(i.cause()).isEqualTo(Interrupt.Cause.KEYS));
    h.emit(at -> new Keys("5", at));
    assertThat(h.of(CallerTook.class)).singleElement().satisfies(c -> assertThat(c.turn()).isEqualTo(new CallerTurn.Keys("5")));
  }

  @Test
  void afterTheGoodbyeHasPlayedTheCallIsHungUpAndNothingMoreIsTaken() {
    greeted();
    var bye = turn(true, prompt("Goodbye.", false));
    h.emit(at -> audio(bye, 1, at));
    h.emit(at -> heard("wait", "other", at));
    h.emit(at -> new KeyPressed("1", at));
    assertThat(h.of(CallerTook.class)).isEmpty();
    assertThat(h.of(Interrupt.class)).isEmpty();
    h.emit(at -> new Played(bye.spoken().get(0), true, true, at));
    assertThat(h.of(HangUp.class)).singleElement().satisfies(x -> assertThat(x.reason()).isEqualTo(EndReason.COMPLETED));
  }
}
