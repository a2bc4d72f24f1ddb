package com.duesline.call;

import static com.duesline.call.StageEvents.silence;
import static com.duesline.call.StageEvents.voiceFrame;
import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.call.CallEvent.AudioIn;
import com.duesline.call.CallEvent.Final;
import com.duesline.call.CallEvent.Heard;
import com.duesline.conversation.AccountVariables;
import com.duesline.conversation.BotTurn;
import com.duesline.conversation.CallerTurn;
import com.duesline.conversation.Conversation;
import com.duesline.scripts.LibraryLocation;
import com.duesline.scripts.TrackLibrary;
import com.duesline.speech.PhraseHints;
import com.duesline.speech.RecognitionEvent;
import com.duesline.speech.Recognizer;
import com.duesline.speech.Vad;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A recognizer that throws on one call (a fault a real Vosk model cannot be made to produce on
 * demand, hence the stand-in): the call is not left hanging; each utterance from then on asks for a
 * person, and the shipped talk tracks hand the call over on that.
 */
class RecognitionFaultTest {
  private static final Vad.Settings VAD = new Vad.Settings(-45, 60, 650, 15000);

  @Test
  void aRecognizerThatThrowsTurnsEachUtteranceIntoARequestForAPerson() {
    StageHarness h = new StageHarness();
    AtomicInteger closes = new AtomicInteger();
    RecognitionStage recognition =
        new RecognitionStage(
            h.bus,
            new SerialExecutor(StageHarness.DIRECT),
            partials ->
                new Recognizer() {
                  @Override
                  public void setHints(PhraseHints hints) {}

                  @Override
                  public void begin(double streamSeconds) {}

                  @Override
                  public void accept(short[] pcm, int n) {
                    throw new IllegalStateException("decoder crashed");
                  }

                  @Override
                  public RecognitionEvent end() {
                    throw new AssertionError("a failed recognizer is not asked again");
                  }

                  @Override
                  public void close() {
                    closes.incrementAndGet();
                  }
                });
    h.stages(
        new VoiceActivityStage(
            h.bus,
            VAD,
            com.duesline.speech.AudioCleaner.Settings.DEFAULT,
            new Endpointing.Settings(250, 650, 1300, 1.3, 100, 200, 1000, 0),
            () -> 650),
        recognition);
    for (int utterance = 0; utterance < 2; utterance++) {
      for (int i = 0; i < 50; i++) send(h, voiceFrame(i));
      for (int i = 0; i < 40; i++) send(h, silence(20));
    }
    assertThat(h.of(Final.class)).isEmpty();
    assertThat(h.of(Heard.class))
        .hasSize(2)
        .allSatisfy(
            heard -> {
              assertThat(heard.match().intent()).isEqualTo(RecognitionStage.REQUEST_HUMAN);
              assertThat(heard.text()).isEqualTo(RecognitionStage.FAILED);
            });
    // Closed once when it failed, not again at the end of the call.
    h.emit(at -> new CallEvent.HangUp(CallObserver.EndReason.COMPLETED, at));
    assertThat(closes).hasValue(1);
  }

  @Test
  void everyShippedTrackHandsTheCallOverOnThatRequest() throws Exception {
    for (String lang : List.of("en", "zh")) {
      for (String track : List.of("early", "mid", "late")) {
        Conversation c = new Conversation(LIB.track(track, lang), LIB.catalogue(), account(), 1);
        c.start();
        Heard failure = RecognitionStage.failure(0);
        BotTurn turn = c.take(new CallerTurn.Heard(failure.match()));
        assertThat(turn.ended()).as(track + "/" + lang).isTrue();
        assertThat(c.outcome().handoff()).as(track + "/" + lang).isTrue();
      }
    }
  }

  private static final Path LIBRARY =
      LibraryLocation.resolve(Path.of("..", "scripts-library", "library"));
  private static final TrackLibrary LIB = TrackLibrary.load(LIBRARY);

  /**
   * The library's sample account (what `duesline converse` and the playground use), as of a fixed
   * day.
   */
  private static Map<String, Object> account() throws Exception {
    JsonObject json =
        new JsonObject(Files.readString(LIBRARY.resolve("tracks").resolve("sample_account.json")));
    List<String> problems = new ArrayList<>();
    Map<String, Object> facts =
        AccountVariables.fromJson(json, LocalDate.of(2026, 11, 25), problems);
    assertThat(problems).isEmpty();
    return facts;
  }

  private static void send(StageHarness h, byte[] frame) {
    h.emit(at -> new AudioIn(frame, at));
    h.advance(20);
  }
}
