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

/** Recognizes a whole recording at once (no endpointing): for files, tests and benchmarks. Thread-safe. */
public final class Transcriber {
  /** Vosk's rate: the bundled model is trained on 16 kHz audio. */
  public static final int RATE = 16000;
  private static final int CHUNK = RATE / 5;

  private final Model model;
  private final Timer timer;

  /** A transcriber over a loaded model, timing work under {@code duesline.asr}. */
  public Transcriber(Model model, MeterRegistry registry) {
    this.model = model;
    this.timer = Timer.builder("duesline.asr").description("Speech recognition decoding time").tag("mode", "file").register(registry);
  }

  /** Transcribes PCM16 samples at {@code sampleRate} (resampled to 16 kHz when needed). */
  public Transcript transcribe(short[] samples, int sampleRate) {
    long t0 = System.nanoTime();
    short[] pcm = sampleRate == RATE ? samples : Resampler.resample(samples, sampleRate, RATE);
    List<RecognizedWord> words = new ArrayList<>();
    try (Recognizer rec = new Recognizer(model, RATE)) {
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
    long nanos = System.nanoTime() - t0;
    timer.record(nanos, TimeUnit.NANOSECONDS);
    return new Transcript(VoskResults.text(words), List.copyOf(words), samples.length / (double) sampleRate, nanos / 1e9);
  }
}
