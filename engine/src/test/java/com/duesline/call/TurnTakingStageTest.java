package com.duesline.call;

import static com.duesline.call.StageEvents.audio;
import static com.duesline.call.StageEvents.heard;
import static com.duesline.call.StageEvents.nothing;
import static com.duesline.call.StageEvents.prompt;
import static com.duesline.call.StageEvents.turn;
import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.call.CallEvent.AudioIn;
import com.duesline.call.CallEvent.CallerTook;
import com.duesline.call.CallEvent.Continued;
import com.duesline.call.CallEvent.Greeted;
import com.duesline.call.CallEvent.HangUp;
import com.duesline.call.CallEvent.Heard;
import com.duesline.call.CallEvent.Interrupt;
import com.duesline.call.CallEvent.KeyPressed;
import com.duesline.call.CallEvent.Keys;
import com.duesline.call.CallEvent.Partial;
import com.duesline.call.CallEvent.Played;
import com.duesline.call.CallEvent.PromptAudio;
import com.duesline.call.CallEvent.Reply;
import com.duesline.call.CallEvent.SpeechConfirmed;
import com.duesline.call.CallEvent.SpeechResumed;
import com.duesline.call.CallEvent.SpeechStarted;
import com.duesline.call.CallEvent.SpeechStopped;
import com.duesline.call.CallObserver.EndReason;
import com.duesline.conversation.CallerTurn;
import com.duesline.intent.IntentClassifier;
import org.junit.jupiter.api.Test;

class TurnTakingStageTest {
  private final StageHarness h = new StageHarness();
  private boolean playing;
  private boolean interruptible = true;
  private boolean question = true;
  private final TurnTakingStage.PlaybackView view =
      new TurnTakingStage.PlaybackView() {
        @Override
        public boolean playing() {
          return playing;
        }

        @Override
        public boolean interruptible() {
          return interruptible;
        }

        @Override
        public boolean questionPlaying() {
          return question;
        }
      };
  private final TurnTakingStage stage =
      new TurnTakingStage(
          h.bus,
          new TurnTakingStage.Timings(1500, 5000, 6000),
          view,
          new Endpointing(new Endpointing.Settings(250, 650, 1300, 1.3, 100, 200, 1000, 0)));

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
    assertThat(h.of(Greeted.class))
        .singleElement()
        .satisfies(g -> assertThat(g.hello().text()).isEqualTo("hello"));
  }

  /** The bot asks how much the caller can pay (an open question, not yes/no). */
  private static CallEvent askAmount(long at) {
    return new CallEvent.Reply(
        turn(false, prompt("How much can you pay?", true)),
        null,
        "pay_ask",
        null,
        null,
        new Endpointing.Question("amount_due", false, 0),
        0,
        at);
  }

  @Test
  void aHelloIsCompleteAfterTheShortWaitAndAnAnswerAfterTheGreetingIsJudgedAtItsQuestion() {
    frames(10);
    h.emit(at -> new SpeechStarted(0.1, at));
    // At the hello any voice is the hello: Vosk often names a lone "hello?" only well into the
    // silence after it.
    assertThat(stage.endpointWaitMs()).as("the hello, no words yet").isEqualTo(250);
    h.emit(at -> new Partial("well", at));
    assertThat(stage.endpointWaitMs()).isEqualTo(250);
    h.emit(SpeechStopped::new);
    h.emit(at -> heard("well", "out_of_scope", at));
    assertThat(h.of(Greeted.class)).hasSize(1);
    // After the greeting the same word is no complete answer to a question that is not yes/no.
    h.emit(TurnTakingStageTest::askAmount);
    h.emit(at -> new SpeechStarted(2, at));
    assertThat(stage.endpointWaitMs()).as("an answer, no words yet").isEqualTo(650);
    h.emit(at -> new Partial("well", at));
    assertThat(stage.endpointWaitMs()).isEqualTo(650);
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
  void aWordOverAnInterruptibleQuestionInterruptsItOnceVoicedLongEnough() {
    greeted();
    playing = true;
    long frameAt = h.nanos();
    h.emit(at -> new SpeechStarted(3, at));
    assertThat(h.of(Interrupt.class))
        .as("a cough or a door is shorter than the confirmation")
        .isEmpty();
    h.advance(140);
    h.emit(SpeechConfirmed::new);
    assertThat(h.of(Interrupt.class))
        .singleElement()
        .satisfies(
            i -> {
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
    h.emit(SpeechConfirmed::new);
    assertThat(h.of(Interrupt.class)).isEmpty();
  }

  @Test
  void aBackchannelOverAStatementNeitherStopsTheBotNorTakesATurn() {
    greeted();
    playing = true;
    question = false;
    h.emit(at -> new SpeechStarted(3, at));
    h.emit(SpeechConfirmed::new);
    h.emit(at -> new Partial("uh huh", at));
    h.emit(at -> heard("uh huh", "affirm", at));
    assertThat(h.of(Interrupt.class)).isEmpty();
    assertThat(h.of(CallerTook.class)).isEmpty();
  }

  @Test
  void aBackchannelWhoseFinalComesBeforeAnyPartialIsStillABackchannel() {
    greeted();
    playing = true;
    question = false;
    h.emit(at -> new SpeechStarted(3, at));
    h.emit(SpeechConfirmed::new);
    h.emit(at -> heard("okay", "affirm", at));
    assertThat(h.of(Interrupt.class)).isEmpty();
    assertThat(h.of(CallerTook.class)).isEmpty();
  }

  @Test
  void aBackchannelOverANoticeThatMayNotBeCutIsNoAnswer() {
    greeted();
    playing = true;
    question = false;
    interruptible = false;
    h.emit(at -> new SpeechStarted(3, at));
    h.emit(SpeechConfirmed::new);
    h.emit(at -> heard("okay", "affirm", at));
    assertThat(h.of(CallerTook.class)).isEmpty();
    // Other words over it are kept: an early answer is still an answer.
    h.emit(at -> new SpeechStarted(5, at));
    h.emit(SpeechConfirmed::new);
    h.emit(at -> heard("yes this is me", "affirm", at));
    assertThat(h.of(CallerTook.class)).hasSize(1);
    assertThat(h.of(Interrupt.class)).isEmpty();
  }

  @Test
  void wordsOverAStatementStopTheBotOnceTheyAreHeard() {
    greeted();
    playing = true;
    question = false;
    h.emit(at -> new SpeechStarted(3, at));
    h.emit(SpeechConfirmed::new);
    assertThat(h.of(Interrupt.class)).isEmpty();
    h.emit(at -> new Partial("wait i", at));
    assertThat(h.of(Interrupt.class)).as("one partial's words may be gone in the next").isEmpty();
    h.emit(at -> new Partial("wait i already paid", at));
    assertThat(h.of(Interrupt.class)).hasSize(1);
  }

  @Test
  void otherWordsInTheFirstPartialsOfAnOkayDoNotStopTheBot() {
    greeted();
    playing = true;
    question = false;
    // What Vosk made of the backchannel persona's "okay" at some frame alignments (the flaky
    // end-to-end test).
    h.emit(at -> new SpeechStarted(3, at));
    h.emit(SpeechConfirmed::new);
    h.emit(at -> new Partial("i would", at));
    h.emit(at -> new Partial("okay", at));
    h.emit(at -> heard("okay", "affirm", at));
    h.emit(at -> new SpeechStarted(5, at));
    h.emit(SpeechConfirmed::new);
    h.emit(at -> new Partial("however", at));
    h.emit(at -> new Partial("hurricane", at));
    h.emit(at -> heard("hurricane", IntentClassifier.OUT_OF_SCOPE, at));
    assertThat(h.of(Interrupt.class)).isEmpty();
    assertThat(h.of(CallerTook.class)).isEmpty();
  }

  @Test
  void aFirstPartialOnTheWayToABackchannelWaitsForTheNext() {
    greeted();
    playing = true;
    question = false;
    h.emit(at -> new SpeechStarted(3, at));
    h.emit(SpeechConfirmed::new);
    h.emit(at -> new Partial("oh", at));
    h.emit(at -> new Partial("oh okay", at));
    h.emit(at -> heard("oh okay", "affirm", at));
    assertThat(h.of(Interrupt.class)).isEmpty();
    assertThat(h.of(CallerTook.class)).isEmpty();
    // "oh" then real words: the bot stops at the first of them.
    h.emit(at -> new SpeechStarted(5, at));
    h.emit(SpeechConfirmed::new);
    h.emit(at -> new Partial("oh", at));
    assertThat(h.of(Interrupt.class)).isEmpty();
    h.emit(at -> new Partial("oh wait", at));
    h.emit(at -> new Partial("oh wait i paid", at));
    assertThat(h.of(Interrupt.class)).hasSize(1);
  }

  @Test
  void aBackchannelOverAQuestionIsTheAnswer() {
    greeted();
    playing = true;
    h.emit(at -> new SpeechStarted(3, at));
    h.emit(SpeechConfirmed::new);
    h.emit(at -> new Partial("okay", at));
    h.emit(at -> heard("okay", "affirm", at));
    assertThat(h.of(Interrupt.class)).hasSize(1);
    assertThat(h.of(CallerTook.class)).hasSize(1);
  }

  @Test
  void atAUnitNumberTheDigitsGrammarsWordsCompleteTheWait() {
    greeted();
    h.emit(
        at ->
            new CallEvent.Reply(
                turn(false, prompt("What is your unit number?", true)),
                null,
                "verify_unit",
                null,
                null,
                new Endpointing.Question("unit", false, 4),
                0,
                at));
    h.emit(at -> new SpeechStarted(0, at));
    h.emit(at -> new Partial("zero one zero", "zero one zero", at));
    assertThat(stage.endpointWaitMs()).isEqualTo(1300);
    // The open partial still lacks the last digit ("for"); the grammar has it.
    h.emit(at -> new Partial("zero one zero for", "zero one zero four", at));
    assertThat(stage.endpointWaitMs()).isEqualTo(250);
  }

  @Test
  void aPartialWhereOnlyTheGrammarsWordsMovedIsNoNewWordsOverAStatement() {
    greeted();
    playing = true;
    question = false;
    h.emit(at -> new SpeechStarted(3, at));
    h.emit(SpeechConfirmed::new);
    h.emit(at -> new Partial("wait i", "[unk]", at));
    h.emit(at -> new Partial("wait i", "[unk] [unk]", at));
    assertThat(h.of(Interrupt.class)).as("the open words did not move").isEmpty();
    h.emit(at -> new Partial("wait i already paid", "[unk] [unk]", at));
    assertThat(h.of(Interrupt.class)).hasSize(1);
  }

  @Test
  void theEndpointingWaitFollowsTheWordsTheQuestionAndTheCallersPauses() {
    greeted();
    h.emit(TurnTakingStageTest::askAmount);
    h.emit(at -> new SpeechStarted(0, at));
    assertThat(stage.endpointWaitMs()).isEqualTo(650);
    h.emit(at -> new Partial("i can pay", at));
    assertThat(stage.endpointWaitMs()).isEqualTo(1300);
    h.emit(at -> new Partial("i can pay two hundred dollars on friday", at));
    h.emit(
        at ->
            new CallEvent.Guess(
                "i can pay two hundred dollars on friday",
                new com.duesline.intent.IntentMatch(
                    "",
                    "promise_to_pay",
                    0.9,
                    java.util.List.of(),
                    java.util.Map.of("amount", "200.00")),
                at));
    assertThat(stage.endpointWaitMs()).isEqualTo(250);
    // A caller who pauses 800 ms mid-answer gets waits grown to 1.3 × that.
    h.emit(at -> new SpeechResumed(800, at));
    assertThat(stage.endpointWaitMs()).isEqualTo(1040);
  }

  /** A started stage on {@code hp} whose endpointing uses the pitch (rise of 1.2 semitones). */
  private TurnTakingStage startedWithProsody(StageHarness hp) {
    TurnTakingStage stage =
        new TurnTakingStage(
            hp.bus,
            new TurnTakingStage.Timings(1500, 5000, 6000),
            view,
            new Endpointing(new Endpointing.Settings(250, 650, 1300, 1.3, 100, 200, 1000, 1.2)));
    hp.stages(stage);
    stage.start();
    return stage;
  }

  @Test
  void aContinuationRiseBeforeThePauseMakesAShortWaitTheDefaultOne() {
    StageHarness hp = new StageHarness();
    TurnTakingStage withProsody = startedWithProsody(hp);
    hp.advance(5000);
    hp.emit(
        at ->
            new CallEvent.Reply(
                turn(false, prompt("Is this Susan?", true)),
                null,
                "confirm_identity",
                null,
                null,
                new Endpointing.Question("identity", true, 0),
                0,
                at));
    hp.emit(at -> new SpeechStarted(0, at));
    hp.emit(at -> new Partial("yes", at));
    assertThat(withProsody.endpointWaitMs()).isEqualTo(250);
    long pausedAt = hp.nanos();
    hp.emit(CallEvent.SpeechPaused::new);
    com.duesline.speech.PitchContour rise =
        new com.duesline.speech.PitchContour(
            com.duesline.speech.PitchContour.Shape.RISING, 2.5, 20);
    // A contour measured for an earlier pause is stale.
    hp.emit(at -> new CallEvent.Contour(rise, pausedAt - 1, at));
    assertThat(withProsody.endpointWaitMs()).isEqualTo(250);
    hp.emit(at -> new CallEvent.Contour(rise, pausedAt, at));
    assertThat(withProsody.endpointWaitMs())
        .as("'yes,' rising into a comma's pause")
        .isEqualTo(650);
    // The voice comes back: the rise is forgotten; a falling end keeps the short wait.
    hp.emit(at -> new SpeechResumed(300, at));
    pausesWith(hp, "yes", com.duesline.speech.PitchContour.Shape.NOT_RISING, 0);
    assertThat(withProsody.endpointWaitMs()).isEqualTo(390);
  }

  @Test
  void aRisingHelloIsTheAnswerersQuestionAndKeepsTheShortWait() {
    StageHarness hp = new StageHarness();
    TurnTakingStage withProsody = startedWithProsody(hp);
    hp.emit(at -> new SpeechStarted(0, at));
    pausesWith(hp, "hello", com.duesline.speech.PitchContour.Shape.RISING, 3.0);
    assertThat(withProsody.endpointWaitMs()).as("'hello?' rising").isEqualTo(250);
  }

  /** The caller's {@code words}, then a pause whose pitch before it has {@code shape}. */
  private static void pausesWith(
      StageHarness hp,
      String words,
      com.duesline.speech.PitchContour.Shape shape,
      double riseSemitones) {
    hp.emit(at -> new Partial(words, at));
    long pausedAt = hp.nanos();
    hp.emit(CallEvent.SpeechPaused::new);
    hp.emit(
        at ->
            new CallEvent.Contour(
                new com.duesline.speech.PitchContour(shape, riseSemitones, 20), pausedAt, at));
  }

  @Test
  void anAnswerHeardBecomesTheCallersTurn() {
    greeted();
    h.emit(at -> heard("yes it is", "affirm", at));
    assertThat(h.of(CallerTook.class))
        .singleElement()
        .satisfies(
            c -> assertThat(((CallerTurn.Heard) c.turn()).match().intent()).isEqualTo("affirm"));
  }

  @Test
  void silenceAfterTheQuestionRepromptsAfterTheTimeout() {
    greeted();
    h.emit(at -> new Played(prompt("How much?", true), true, false, at));
    h.advance(5999);
    assertThat(h.of(CallerTook.class)).isEmpty();
    h.advance(1);
    assertThat(h.of(CallerTook.class))
        .singleElement()
        .satisfies(c -> assertThat(c.turn()).isInstanceOf(CallerTurn.Silence.class));
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
  void theSilenceClockOutlastsAnUtteranceThatEndsInABackchannelSoTheCallNeverWaitsOnNothing() {
    greeted();
    playing = true;
    question = false;
    h.emit(at -> new SpeechStarted(3, at));
    h.emit(SpeechConfirmed::new);
    // The bot finishes while the caller is still saying "okay": the clock starts but does not fire
    // mid-utterance.
    playing = false;
    h.emit(at -> new Played(prompt("How much?", true), true, false, at));
    h.advance(6000);
    assertThat(h.of(CallerTook.class)).isEmpty();
    h.emit(SpeechStopped::new);
    h.emit(at -> heard("okay", "affirm", at));
    h.advance(6000);
    assertThat(h.of(CallerTook.class))
        .singleElement()
        .satisfies(c -> assertThat(c.turn()).isInstanceOf(CallerTurn.Silence.class));
  }

  @Test
  void nothingHeardKeepsTheQuestionOpenAndTheSilenceClockRunning() {
    greeted();
    h.emit(at -> nothing(at));
    h.advance(6000);
    assertThat(h.of(CallerTook.class))
        .singleElement()
        .satisfies(c -> assertThat(c.turn()).isInstanceOf(CallerTurn.Silence.class));
  }

  @Test
  void aKeyInterruptsThePromptAndKeysBecomeTheTurn() {
    greeted();
    h.emit(at -> new KeyPressed("5", at));
    assertThat(h.of(Interrupt.class))
        .singleElement()
        .satisfies(i -> assertThat(i.cause()).isEqualTo(Interrupt.Cause.KEYS));
    h.emit(at -> new Keys("5", at));
    assertThat(h.of(CallerTook.class))
        .singleElement()
        .satisfies(c -> assertThat(c.turn()).isEqualTo(new CallerTurn.Keys("5")));
  }

  @Test
  void afterTheGoodbyeHasPlayedTheCallIsHungUpAndNothingMoreIsTaken() {
    greeted();
    var bye = turn(true, prompt("Goodbye.", false));
    h.emitEach(at -> audio(bye, 1, at));
    h.emit(at -> heard("wait", "other", at));
    h.emit(at -> new KeyPressed("1", at));
    assertThat(h.of(CallerTook.class)).isEmpty();
    assertThat(h.of(Interrupt.class)).isEmpty();
    h.emit(at -> new Played(bye.spoken().get(0), true, true, at));
    assertThat(h.of(HangUp.class))
        .singleElement()
        .satisfies(x -> assertThat(x.reason()).isEqualTo(EndReason.COMPLETED));
  }

  /**
   * The caller's turn "i can pay", answered by a question whose first audio starts now; returns
   * that turn.
   */
  private CallerTook answeredHalfAnswer(boolean answerEnds) {
    greeted();
    h.emit(at -> heard("i can pay", "promise_to_pay", at));
    CallerTook took = h.of(CallerTook.class).get(0);
    var answer = turn(answerEnds, prompt("How much can you pay?", true));
    Reply reply =
        new Reply(
            answer,
            took,
            "pay_ask",
            null,
            null,
            new Endpointing.Question("amount_due", false, 0),
            0,
            h.nanos());
    h.emit(at -> reply);
    h.emit(at -> new PromptAudio(reply, 0, 0, StageEvents.silence(1500), true, true, 0, at));
    playing = true;
    return took;
  }

  /** One continuation, of {@code took}, by the utterance heard as {@code rest}. */
  private void assertContinued(CallerTook took, Heard rest) {
    assertThat(h.of(Continued.class))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.first()).isSameAs(took);
              assertThat(c.rest()).isSameAs(rest);
            });
  }

  private void callerSays(String words) {
    h.emit(at -> new SpeechStarted(9, at));
    h.emit(SpeechConfirmed::new);
    // As a recognizer reports them: the first word, then more (a partial comes only when the words
    // change).
    String first = words.split(" ")[0];
    if (!first.equals(words)) h.emit(at -> new Partial(first, at));
    h.emit(at -> new Partial(words, at));
  }

  @Test
  void wordsJustAfterTheBotBeganAnsweringContinueTheTurnAndStopTheAnswer() {
    CallerTook took = answeredHalfAnswer(false);
    question = false;
    h.advance(600);
    callerSays("two hundred on friday");
    assertThat(h.of(Interrupt.class)).hasSize(1);
    assertThat(h.of(Continued.class))
        .singleElement()
        .satisfies(c -> assertThat(c.first()).isSameAs(took));
  }

  @Test
  void aContinuationWithNoPartialIsDecidedOnItsFinalAndNotTakenAsATurnOfItsOwn() {
    CallerTook took = answeredHalfAnswer(false);
    h.advance(500);
    h.emit(at -> new SpeechStarted(9, at));
    h.emit(SpeechConfirmed::new);
    var rest = heard("zero three zero four", "out_of_scope", h.nanos());
    h.emit(at -> rest);
    assertContinued(took, rest);
    assertThat(h.of(CallerTook.class))
        .as("understanding hears it again, whole")
        .containsExactly(took);
  }

  @Test
  void aVoiceOverTheAnswersFirstMomentStopsItAtOnceAndABackchannelThereGetsItSaidAgainWhole() {
    CallerTook took = answeredHalfAnswer(false);
    question = false;
    h.advance(300);
    h.emit(at -> new SpeechStarted(9, at));
    h.emit(SpeechConfirmed::new);
    assertThat(h.of(Interrupt.class)).as("stopped on the voice, before any word").hasSize(1);
    playing = false;
    h.emit(at -> new Partial("okay", at));
    var rest = heard("okay", "affirm", h.nanos());
    h.emit(at -> rest);
    assertContinued(took, rest);
    assertThat(h.of(CallerTook.class)).as("no turn of its own").containsExactly(took);
    assertThat(h.of(Interrupt.class)).hasSize(1);
  }

  @Test
  void aNoiseOverTheAnswersFirstMomentGetsTheAnswerSaidAgain() {
    CallerTook took = answeredHalfAnswer(false);
    question = false;
    h.advance(200);
    h.emit(at -> new SpeechStarted(9, at));
    h.emit(SpeechConfirmed::new);
    playing = false;
    var noise = nothing(h.nanos());
    h.emit(at -> noise);
    assertThat(h.of(Interrupt.class)).hasSize(1);
    assertThat(h.of(Continued.class))
        .singleElement()
        .satisfies(c -> assertThat(c.first()).isSameAs(took));
  }

  @Test
  void aBackchannelOverTheQuestionJustAfterTheAnswerBeganIsTheAnswer() {
    answeredHalfAnswer(false);
    question = true;
    h.advance(300);
    callerSays("okay");
    h.emit(at -> heard("okay", "affirm", at));
    assertThat(h.of(Continued.class)).isEmpty();
    assertThat(h.of(CallerTook.class)).hasSize(2);
  }

  @Test
  void aBackchannelOverAStatementAfterTheAnswersFirstMomentDoesNotStopIt() {
    answeredHalfAnswer(false);
    question = false;
    h.advance(1001);
    callerSays("okay");
    h.emit(at -> heard("okay", "affirm", at));
    assertThat(h.of(Interrupt.class)).isEmpty();
    assertThat(h.of(Continued.class)).isEmpty();
    assertThat(h.of(CallerTook.class)).hasSize(1);
  }

  @Test
  void wordsAfterTheContinuationWindowAreANewTurn() {
    answeredHalfAnswer(false);
    h.advance(1001);
    callerSays("two hundred");
    assertThat(h.of(Continued.class)).isEmpty();
    assertThat(h.of(Interrupt.class)).as("an answer over the question, as ever").hasSize(1);
  }

  @Test
  void anAnswerThatEndsTheCallIsNotTakenBack() {
    answeredHalfAnswer(true);
    h.advance(200);
    callerSays("two hundred on friday");
    assertThat(h.of(Continued.class)).isEmpty();
  }

  @Test
  void anAmountHeardUnsureIsMarkedForReadBack() {
    greeted();
    h.emit(at -> new SpeechStarted(3, at));
    h.emit(at -> heardWords(at, 0.3));
    assertThat(h.of(CallerTook.class))
        .singleElement()
        .satisfies(
            c -> assertThat(((CallerTurn.Heard) c.turn()).unsure()).containsExactly("amount"));
  }

  @Test
  void anAmountHeardWithConfidenceIsNotReadBack() {
    greeted();
    h.emit(at -> new SpeechStarted(3, at));
    h.emit(at -> heardWords(at, 0.95));
    assertThat(h.of(CallerTook.class))
        .singleElement()
        .satisfies(c -> assertThat(((CallerTurn.Heard) c.turn()).unsure()).isEmpty());
  }

  @Test
  void onALineJudgedNoisyEvenASureAmountIsReadBack() {
    greeted();
    h.emit(at -> new SpeechStarted(3, at));
    h.emit(at -> new SpeechStopped(at, true));
    h.emit(at -> heardWords(at, 0.95));
    assertThat(h.of(CallerTook.class))
        .singleElement()
        .satisfies(c -> assertThat(((CallerTurn.Heard) c.turn()).unsure()).contains("amount"));
  }

  /** "two hundred dollars" with "hundred" heard at {@code conf}. */
  private static CallEvent.Heard heardWords(long at, double conf) {
    var words =
        java.util.List.of(
            new com.duesline.speech.RecognizedWord("two", 0, 0.3, 1),
            new com.duesline.speech.RecognizedWord("hundred", 0.3, 0.7, conf),
            new com.duesline.speech.RecognizedWord("dollars", 0.7, 1, 1));
    var r =
        new com.duesline.speech.RecognitionEvent(
            com.duesline.speech.RecognitionEvent.Kind.FINAL,
            "two hundred dollars",
            words,
            1.5,
            false);
    return new CallEvent.Heard(
        new CallEvent.Final(r, at - 500_000_000L, 500, 10, at),
        new com.duesline.intent.IntentMatch(
            "two hundred dollars", "promise_to_pay", 0.9, java.util.List.of(), java.util.Map.of()),
        1,
        at);
  }
}
