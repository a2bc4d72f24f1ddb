package com.duesline.call;

import static com.duesline.call.StageEvents.silence;
import static com.duesline.call.StageEvents.voiceFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.duesline.call.CallEvent.AudioIn;
import com.duesline.call.CallEvent.Final;
import com.duesline.call.CallEvent.Heard;
import com.duesline.call.CallEvent.Partial;
import com.duesline.call.CallEvent.SpeechStarted;
import com.duesline.call.CallEvent.SpeechStopped;
import com.duesline.intent.IntentMatch;
import com.duesline.intent.MatchContext;
import com.duesline.speech.Vad;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Voice activity → recognition (a scripted recognizer) → understanding, on the manual clock. */
class HearingStagesTest {
  private static final Vad.Settings VAD = new Vad.Settings(-45, 60, 650, 15000);
  private final StageHarness h = new StageHarness();
  private final List<String> classified = new ArrayList<>();
  private StageHarness.ScriptedRecognizer recognizer;
  private long endpointWaitMs = 650;
  private java.util.function.Function<String, String> intentOf = text -> "promise";

  HearingStagesTest() {
    RecognitionStage recognition =
        new RecognitionStage(
            h.bus,
            new SerialExecutor(StageHarness.DIRECT),
            partials -> {
              recognizer =
                  new StageHarness.ScriptedRecognizer(
                      List.of("I can pay two hundred", ""), 0.65, partials);
              return recognizer;
            });
    UnderstandingStage understanding =
        new UnderstandingStage(
            h.bus,
            new SerialExecutor(StageHarness.DIRECT),
            (text, ctx) -> {
              classified.add(text);
              return new IntentMatch(text, intentOf.apply(text), 0.9, List.of(), Map.of());
            },
            0.45,
            LocalDate.of(2026, 11, 30));
    h.stages(
        new VoiceActivityStage(
            h.bus,
            VAD,
            com.duesline.speech.AudioCleaner.Settings.DEFAULT,
            new Endpointing.Settings(250, 650, 1300, 1.3, 100, 200, 1000, 0),
            () -> endpointWaitMs),
        recognition,
        understanding);
  }

  private void send(byte[] frame) {
    h.emit(at -> new AudioIn(frame, at));
    h.advance(20);
  }

  private void speak(int voicedFrames, int silentFrames) {
    for (int i = 0; i < voicedFrames; i++) send(voiceFrame(i));
    for (int i = 0; i < silentFrames; i++) send(silence(20));
  }

  @Test
  void onlyTheUtteranceWithItsPreRollReachesTheRecognizerAndTheFinalIsTimedFromTheLastWord() {
    speak(0, 50);
    long speechStart = h.nanos();
    speak(50, 40);
    assertThat(h.of(SpeechStarted.class))
        .singleElement()
        // Fired on the frame that completed the VAD's start window (60 ms), not behind any
        // recognizer.
        .satisfies(s -> assertThat((s.at() - speechStart) / 1e6).isBetween(40.0, 60.0));
    assertThat(h.of(SpeechStopped.class)).hasSize(1);
    assertThat(h.of(Partial.class)).isNotEmpty();
    Final f = h.of(Final.class).get(0);
    assertThat(f.result().text()).isEqualTo("I can pay two hundred");
    assertThat(f.endpointMs()).isCloseTo(650, within(1.0));
    // The caller stopped when the voice did: 1 s of voice after 1 s of silence.
    assertThat((f.callerStopped() - speechStart) / 1e6).isCloseTo(1000, within(40.0));
    Heard heard = h.of(Heard.class).get(0);
    assertThat(heard.match().intent()).isEqualTo("promise");
    // Classified once, in the pause (a guess), and reused for the final.
    assertThat(classified).containsExactly("I can pay two hundred");
  }

  /** A frame with steady noise at about -40 dBFS under it (a street, a car). */
  private static byte[] withNoise(byte[] frame, java.util.Random r) {
    byte[] out = new byte[frame.length];
    for (int i = 0; i < frame.length; i++) {
      double v = com.duesline.telephony.audio.MuLaw.decode(frame[i]) + r.nextGaussian() * 330;
      out[i] =
          com.duesline.telephony.audio.MuLaw.encode((short) Math.max(-32768, Math.min(32767, v)));
    }
    return out;
  }

  @Test
  void anUtteranceOnAQuietLineEndsWithTheLineNotNoisy() {
    speak(0, 50);
    speak(50, 40);
    assertThat(h.of(SpeechStopped.class))
        .singleElement()
        .satisfies(s -> assertThat(s.noisyLine()).isFalse());
  }

  @Test
  void anUtteranceOnALineNoisyFromTheStartEndsWithTheLineJudgedNoisy() {
    // A call from the street: the background is there from the first frame (noise that starts
    // mid-call is noticed only once the quiet has left the floor's 8 s window).
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 50; i++) send(withNoise(silence(20), r));
    for (int i = 0; i < 50; i++) send(withNoise(voiceFrame(i), r));
    for (int i = 0; i < 40; i++) send(withNoise(silence(20), r));
    assertThat(h.of(SpeechStopped.class))
        .singleElement()
        .satisfies(s -> assertThat(s.noisyLine()).isTrue());
  }

  @Test
  void silenceNeverReachesTheRecognizerAndNothingHeardIsNotClassified() {
    speak(0, 200);
    assertThat(h.of(SpeechStarted.class)).isEmpty();
    assertThat(h.of(CallEvent.SpeechAudio.class)).isEmpty();
    speak(50, 40);
    speak(50, 40);
    assertThat(h.of(Heard.class)).hasSize(2);
    assertThat(h.of(Heard.class).get(1).match()).isNull();
    assertThat(classified).hasSize(1);
  }

  @Test
  void theUtteranceEndsWhenTheSilenceReachesTheWaitEndpointingAsksFor() {
    endpointWaitMs = 250;
    speak(0, 10);
    speak(50, 0);
    long voiceEnd = h.nanos();
    speak(0, 40);
    CallEvent.SpeechStopped stopped = h.of(CallEvent.SpeechStopped.class).get(0);
    assertThat((stopped.at() - voiceEnd) / 1e6).isBetween(230.0, 270.0);
  }

  @Test
  void theRecognizerIsToldOfEachPauseAfterTheAudioBeforeIt() {
    speak(0, 10);
    speak(30, 20);
    speak(30, 50);
    // Paused at 100 ms of silence, resumed with the voice, paused again; each after the audio
    // before
    // it (pre-roll, voice and silence so far), so its words are current when it reports them.
    assertThat(recognizer.pauses).hasSize(3);
    assertThat(recognizer.pauses.get(0)).startsWith("true@");
    assertThat(recognizer.pauses.get(1)).startsWith("false@");
    assertThat(recognizer.pauses.get(2)).startsWith("true@");
    long firstPauseSamples = Long.parseLong(recognizer.pauses.get(0).split("@")[1]);
    // 30 voiced frames and 100 ms of silence at least, 16 kHz.
    assertThat(firstPauseSamples).isGreaterThanOrEqualTo((30 * 20 + 100) * 16L);
  }

  @Test
  void aCoughIsNotConfirmedAsSpeechButAWordIsAndPausesAreReported() {
    speak(0, 10);
    speak(6, 40);
    assertThat(h.of(SpeechStarted.class)).hasSize(1);
    assertThat(h.of(CallEvent.SpeechConfirmed.class)).isEmpty();
    speak(30, 20);
    speak(30, 50);
    assertThat(h.of(CallEvent.SpeechConfirmed.class)).hasSize(1);
    assertThat(h.of(CallEvent.SpeechPaused.class)).isNotEmpty();
    assertThat(h.of(CallEvent.SpeechResumed.class))
        .singleElement()
        .satisfies(r -> assertThat(r.pauseMs()).isCloseTo(400, within(20.0)));
  }

  @Test
  void aGuessMadeInThePauseIsReusedWhenTheFinalSaysTheSame() {
    speak(0, 10);
    speak(50, 40);
    assertThat(h.of(CallEvent.Guess.class)).isNotEmpty();
    assertThat(classified).hasSize(1);
    assertThat(h.of(Heard.class)).hasSize(1);
  }

  @Test
  void theOpenQuestionsHintsReachTheRecognizer() {
    var hints = com.duesline.speech.PhraseHints.yesNo();
    h.emit(
        at ->
            new CallEvent.Reply(
                StageEvents.turn(false),
                null,
                "n",
                MatchContext.open("en", LocalDate.of(2026, 11, 30)),
                hints,
                null,
                0,
                at));
    assertThat(recognizer.hints).isSameAs(hints);
  }

  @Test
  void aContinuationIsUnderstoodWithTheWordsOfTheTurnItContinues() {
    speak(0, 10);
    speak(20, 0);
    var first = took("i will", "promise", 0.9);
    h.emit(at -> new CallEvent.Continued(first, null, at));
    speak(30, 40);
    assertThat(h.of(Heard.class))
        .singleElement()
        .satisfies(heard -> assertThat(heard.text()).isEqualTo("i will I can pay two hundred"));
    assertThat(classified).last().isEqualTo("i will I can pay two hundred");
    // The next utterance stands alone again.
    speak(50, 40);
    assertThat(h.of(Heard.class))
        .last()
        .satisfies(heard -> assertThat(heard.text()).doesNotStartWith("i will"));
  }

  @Test
  void aContinuationDecidedOnItsFinalIsHeardAgainWhole() {
    var first = took("my unit is", "affirm", 0.9);
    var rest = StageEvents.heard("zero three zero four", "out_of_scope", h.nanos());
    h.emit(at -> new CallEvent.Continued(first, rest, at));
    assertThat(h.of(Heard.class))
        .singleElement()
        .satisfies(heard -> assertThat(heard.text()).isEqualTo("my unit is zero three zero four"));
    assertThat(classified).containsExactly("my unit is zero three zero four");
  }

  /** The caller's turn that a continuation follows, as turn-taking took it. */
  private CallEvent.CallerTook took(String text, String intent, double score) {
    return new CallEvent.CallerTook(
        new com.duesline.conversation.CallerTurn.Heard(
            new IntentMatch(text, intent, score, List.of(), Map.of())),
        StageEvents.heard(text, intent, h.nanos()),
        h.nanos());
  }

  /** What understanding hears when {@code rest} (already heard alone) continues {@code first}. */
  private Heard continued(CallEvent.CallerTook first, String rest) {
    var heardAlone = StageEvents.heard(rest, "out_of_scope", h.nanos());
    h.emit(at -> new CallEvent.Continued(first, heardAlone, at));
    assertThat(h.of(Heard.class)).hasSize(1);
    return h.of(Heard.class).get(0);
  }

  @Test
  void aContinuationTheClassifierCannotPlaceKeepsTheMeaningOfTheTurnItContinues() {
    // Vosk heard "the apartment is empty most of the year" as "charge him and his and team ...":
    // the caller's clear first clause must not turn into a "say that again".
    intentOf = text -> "out_of_scope";
    Heard heard =
        continued(
            took("i hardly ever live there", "vacant_unit", 0.99), "charge him and his and team");
    assertThat(heard.text()).isEqualTo("i hardly ever live there charge him and his and team");
    assertThat(heard.match().intent()).isEqualTo("vacant_unit");
    assertThat(heard.match().text()).isEqualTo(heard.text());
  }

  @Test
  void aContinuationThatIsUnderstoodWholeOverridesTheTurnItContinues() {
    intentOf = text -> text.contains("stop calling") ? "stop_contact" : "out_of_scope";
    assertThat(continued(took("yes", "affirm", 0.99), "and stop calling me").match().intent())
        .isEqualTo("stop_contact");
  }

  @Test
  void anUnplacedContinuationOfAnUnplacedTurnStaysUnplaced() {
    intentOf = text -> "out_of_scope";
    assertThat(continued(took("well", "out_of_scope", 0.2), "you know the thing").match().intent())
        .isEqualTo("out_of_scope");
  }
}
