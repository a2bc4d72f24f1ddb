package com.duesline.speech;

import com.duesline.telephony.audio.Resampler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Recognizes a whole recording at once (no endpointing): for files, tests and benchmarks. The audio
 * is cleaned first by the same {@link AudioCleaner} chain a live call uses, so a file tells the
 * truth about a call. Thread-safe.
 */
public final class Transcriber {
  /** Vosk's rate: the bundled model is trained on 16 kHz audio. */
  public static final int RATE = 16000;

  private static final int CHUNK = RATE / 5;

  private final Model model;
  private final AudioCleaner.Settings cleanup;
  private final Timer timer;

  /**
   * A transcriber over a loaded model hearing through the default clean-up chain, timing work under
   * {@code duesline.asr}.
   */
  public Transcriber(Model model, MeterRegistry registry) {
    this(model, AudioCleaner.Settings.DEFAULT, registry);
  }

  /**
   * A transcriber hearing through {@code cleanup} ({@link AudioCleaner.Settings#off()} for the raw
   * recognizer).
   */
  public Transcriber(Model model, AudioCleaner.Settings cleanup, MeterRegistry registry) {
    this.model = model;
    this.cleanup = cleanup;
    this.timer =
        Timer.builder("duesline.asr")
            .description("Speech recognition decoding time")
            .tag("mode", "file")
            .register(registry);
  }

  /**
   * Cleans at the input rate when the processing module takes it (8 kHz phone audio), else at 16
   * kHz; returns 16 kHz.
   */
  public static short[] toRecognizer(
      short[] samples, int sampleRate, AudioCleaner.Settings cleanup) {
    if (AudioCleaner.RATES.contains(sampleRate)) {
      short[] clean = AudioCleaner.clean(cleanup, samples, sampleRate);
      return sampleRate == RATE ? clean : Resampler.resample(clean, sampleRate, RATE);
    }
    return AudioCleaner.clean(cleanup, Resampler.resample(samples, sampleRate, RATE), RATE);
  }

  /** Transcribes PCM16 samples at {@code sampleRate} (resampled to 16 kHz when needed). */
  public Transcript transcribe(short[] samples, int sampleRate) {
    return transcribe(samples, sampleRate, null);
  }

  /**
   * Transcribes with the expected answer in mind: with {@code hints}, a grammar-constrained decode
   * runs beside the open one and its words are taken when {@link GrammarRecognizer#confident} (the
   * open result otherwise, so an objection is still heard). Null hints: open recognition only.
   */
  public Transcript transcribe(short[] samples, int sampleRate, PhraseHints hints) {
    long t0 = System.nanoTime();
    short[] pcm = toRecognizer(samples, sampleRate, cleanup);
    List<RecognizedWord> words = decode(model, null, pcm);
    if (hints != null)
      words = GrammarRecognizer.choose(decode(model, hints, pcm), words, hints).words();
    long nanos = System.nanoTime() - t0;
    timer.record(nanos, TimeUnit.NANOSECONDS);
    return new Transcript(
        VoskResults.text(words),
        List.copyOf(words),
        samples.length / (double) sampleRate,
        nanos / 1e9);
  }

  /** Decodes 16 kHz samples in one go, freely or with the hints' grammar. */
  public static List<RecognizedWord> decode(Model model, PhraseHints hints, short[] pcm) {
    List<RecognizedWord> words = new ArrayList<>();
    try (Recognizer rec =
        hints == null
            ? new Recognizer(model, RATE)
            : new Recognizer(model, RATE, hints.grammarJson())) {
      rec.setWords(true);
      short[] chunk = new short[CHUNK];
      for (int off = 0; off < pcm.length; off += CHUNK) {
        int len = Math.min(CHUNK, pcm.length - off);
        System.arraycopy(pcm, off, chunk, 0, len);
        if (rec.acceptWaveForm(chunk, len)) words.addAll(VoskResults.words(rec.getResult(), 0));
      }
      words.addAll(VoskResults.words(rec.getFinalResult(), 0));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a Vosk recognizer: " + e.getMessage(), e);
    }
    return words;
  }
}
