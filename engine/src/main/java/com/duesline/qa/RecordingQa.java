package com.duesline.qa;

import com.duesline.app.Engine;
import com.duesline.speech.RecognizedWord;
import com.duesline.speech.SpeechWorkers;
import com.duesline.speech.Transcriber;
import com.duesline.telephony.audio.Wav;
import com.duesline.telephony.audio.WavFormatException;
import com.duesline.telephony.carrier.PhoneMask;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks the part of a call a person spoke, which the live call never heard: once the recording of
 * a call an agent or supervisor joined is stored, both directions of the dual-channel recording
 * from the moment the person joined are transcribed by Vosk on the speech pool, stored as the
 * call's last turns ({@code agent} for our channel, {@code caller} for theirs), and the whole call
 * is checked again by the same checker, its verdict stored with source {@code recording}. JDBC runs
 * on the engine's worker pool, recognition on the speech pool; nothing here runs on an event loop.
 */
public final class RecordingQa {
  private static final Logger LOG = LoggerFactory.getLogger(RecordingQa.class);

  /**
   * The callee's channel in a dual-channel call recording (the local carrier's and Twilio's
   * layout).
   */
  static final int CALLER_CHANNEL = 0;

  /** Our side's channel: the bot, then the person the call was handed to. */
  static final int OUR_CHANNEL = 1;

  /** A pause longer than this between words starts a new turn. */
  static final double TURN_GAP_SECONDS = 1.0;

  private final Engine engine;
  private final Transcriber transcriber;
  private final SpeechWorkers speech;
  private final Function<String, Future<Buffer>> recordings;
  private final CallQa qa;
  private final QaStore store;

  /**
   * @param recordings fetches a recording's WAV by its URL (the carrier's {@code recording})
   */
  public RecordingQa(
      Engine engine,
      Transcriber transcriber,
      SpeechWorkers speech,
      Function<String, Future<Buffer>> recordings,
      CallQa qa,
      QaStore store) {
    this.engine = engine;
    this.transcriber = transcriber;
    this.speech = speech;
    this.recordings = recordings;
    this.qa = qa;
    this.store = store;
  }

  /**
   * The recording of call {@code callSid} is stored: when a person joined the call, transcribes
   * their part and checks the call; the verdict (with {@code unit}, {@code track} and the masked
   * {@code phone} for the board), or empty when no person joined (the live transcript's verdict
   * stands).
   */
  public Future<Optional<JsonObject>> recorded(String callSid) {
    return engine
        .blocking(() -> store.personLeg(callSid))
        .compose(
            leg -> {
              if (leg.isEmpty()) return Future.succeededFuture(Optional.<JsonObject>empty());
              QaStore.PersonLeg p = leg.get();
              double fromSeconds =
                  Math.max(
                      0, (p.personFrom().toEpochMilli() - p.answeredAt().toEpochMilli()) / 1000.0);
              return recordings
                  .apply(p.recordingUrl())
                  .compose(
                      wav ->
                          Future.fromCompletionStage(
                              speech.submit(() -> transcribe(wav.getBytes(), fromSeconds))))
                  .compose(
                      turns ->
                          engine.blocking(
                              () -> {
                                store.saveRecordedTurns(p.attemptId(), p.answeredAt(), turns);
                                LOG.info(
                                    "attempt {}: {} turns transcribed from the recording after a person joined at {} s",
                                    p.attemptId(),
                                    turns.size(),
                                    Math.round(fromSeconds));
                                return qa.checkNow(p.attemptId(), "recording")
                                    .map(
                                        v ->
                                            v.put("unit", p.unit())
                                                .put("track", p.track())
                                                .put(
                                                    "phone",
                                                    p.e164() == null
                                                        ? null
                                                        : PhoneMask.mask(p.e164())));
                              }));
            });
  }

  /**
   * The turns of a dual-channel recording from {@code fromSeconds} on: each channel transcribed,
   * its words grouped into turns at pauses, both channels in time order. Blocking and CPU-heavy:
   * speech pool only.
   */
  List<RecordedTurn> transcribe(byte[] wav, double fromSeconds) {
    List<RecordedTurn> turns = new ArrayList<>();
    try {
      turns.addAll(channel(Wav.channel(wav, CALLER_CHANNEL), "caller", fromSeconds));
      turns.addAll(channel(Wav.channel(wav, OUR_CHANNEL), "agent", fromSeconds));
    } catch (WavFormatException e) {
      // A mixed (mono) recording cannot tell the person from the caller: their words would be
      // misattributed.
      throw new IllegalArgumentException(
          "recording: "
              + e.getMessage()
              + "; a person's part is checked from dual-channel recordings only",
          e);
    }
    turns.sort(Comparator.comparingDouble(RecordedTurn::atSeconds));
    return turns;
  }

  private List<RecordedTurn> channel(Wav.Audio audio, String speaker, double fromSeconds) {
    int from = (int) Math.min(audio.samples().length, Math.round(fromSeconds * audio.sampleRate()));
    short[] part = java.util.Arrays.copyOfRange(audio.samples(), from, audio.samples().length);
    List<RecordedTurn> out = new ArrayList<>();
    if (part.length == 0) return out;
    List<String> words = new ArrayList<>();
    double start = 0;
    double lastEnd = 0;
    for (RecognizedWord w : transcriber.transcribe(part, audio.sampleRate()).words()) {
      if (!words.isEmpty() && w.start() - lastEnd > TURN_GAP_SECONDS) {
        out.add(new RecordedTurn(speaker, String.join(" ", words), fromSeconds + start));
        words.clear();
      }
      if (words.isEmpty()) start = w.start();
      words.add(w.word());
      lastEnd = w.end();
    }
    if (!words.isEmpty())
      out.add(new RecordedTurn(speaker, String.join(" ", words), fromSeconds + start));
    return out;
  }
}
