package com.duesline.speech;

import com.duesline.telephony.audio.MuLaw;
import com.duesline.telephony.audio.Resampler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * Live recognition for one call leg. Feed it 20 ms frames (8 kHz µ-law from the phone, or PCM at
 * the rate given at construction); it runs {@link Vad} on every frame and Vosk only while someone
 * speaks, emitting partial results about every {@value #PARTIAL_EVERY_MS} ms and one final result
 * per utterance at the endpoint. Not thread-safe: one call's media arrives in order on one worker.
 *
 * <p>Each utterance gets a fresh Vosk recognizer (cheap next to decoding) so word times are simply
 * the utterance's start in the stream plus Vosk's times. With {@link PhraseHints} set, the grammar
 * recognizer decodes first and, if its result is unusable, the buffered utterance is decoded
 * again freely.
 */
public final class StreamingRecognizer implements AutoCloseable {
  static final int PARTIAL_EVERY_MS = 200;
  /** Audio kept from before the VAD fires, so the first phoneme is not clipped. */
  private static final int PRE_ROLL_MS = 300;

  private final Model model;
  private final int inputRate;
  private final Vad vad;
  private final Vad.Settings vadSettings;
  private final Resampler toRecognizerRate;
  private final Consumer<RecognitionEvent> listener;
  private final Timer timer;

  private volatile PhraseHints hints;
  private PhraseHints utteranceHints;
  private Recognizer recognizer;
  private final List<RecognizedWord> utteranceWords = new ArrayList<>();
  private double utteranceStart;
  private long utteranceNanos;
  private String lastPartial = "";
  private int samplesSincePartial;

  private short[] decoded = new short[160];
  private short[] pcm16 = new short[400];
  private final short[] preRoll = new short[Transcriber.RATE * PRE_ROLL_MS / 1000];
  private int preRollPos;
  private int preRollFill;
  private short[] utterance;
  private int utteranceLen;
  private long samplesIn; // at the recognizer rate
  private boolean closed;

  /** A recognizer for audio at {@code inputRate} (8000 for phone audio), reporting to {@code listener}. */
  public StreamingRecognizer(Model model, int inputRate, Vad.Settings vadSettings, MeterRegistry registry,
      Consumer<RecognitionEvent> listener) {
    this.model = model;
    this.inputRate = inputRate;
    this.vadSettings = vadSettings;
    this.vad = new Vad(vadSettings, Transcriber.RATE);
    this.toRecognizerRate = inputRate == Transcriber.RATE ? null : Resampler.streaming(inputRate, Transcriber.RATE);
    this.listener = listener;
    this.timer = Timer.builder("duesline.asr").description("Speech recognition decoding time").tag("mode", "stream").register(registry);
    this.utterance = new short[Transcriber.RATE * Math.min(vadSettings.maxUtteranceMs() + PRE_ROLL_MS + 1000, 60_000) / 1000];
  }

  /** Biases the next utterances toward these answers; null returns to free recognition. */
  public void setHints(PhraseHints hints) {
    this.hints = hints;
  }

  /** Seconds of audio fed so far. */
  public double secondsFed() {
    return samplesIn / (double) Transcriber.RATE;
  }

  /** Whether an utterance is in progress. */
  public boolean inUtterance() {
    return vad.speaking();
  }

  /** Feeds G.711 µ-law bytes (requires an 8 kHz recognizer). */
  public void acceptMulaw(byte[] frame, int off, int len) {
    if (inputRate != 8000) throw new IllegalStateException("µ-law input needs an 8 kHz recognizer, this one takes " + inputRate + " Hz");
    if (decoded.length < len) decoded = new short[len];
    MuLaw.decode(frame, off, decoded, 0, len);
    acceptPcm(decoded, 0, len);
  }

  /** Feeds PCM16 samples at the input rate. */
  public void acceptPcm(short[] frame, int off, int len) {
    if (closed) throw new IllegalStateException("recognizer is closed");
    short[] in;
    int n;
    if (toRecognizerRate == null) {
      in = frame;
      n = len;
      if (off != 0) {
        if (pcm16.length < len) pcm16 = new short[len];
        System.arraycopy(frame, off, pcm16, 0, len);
        in = pcm16;
      }
    } else {
      int max = toRecognizerRate.maxOutput(len);
      if (pcm16.length < max) pcm16 = new short[max];
      n = toRecognizerRate.process(frame, off, len, pcm16, 0);
      in = pcm16;
    }
    accept16k(in, n);
  }

  private void accept16k(short[] pcm, int n) {
    Vad.Event event = vad.accept(pcm, 0, n);
    samplesIn += n;
    switch (event) {
      case SPEECH_START -> startUtterance(pcm, n);
      case SPEECH_END -> {
        feed(pcm, n);
        endUtterance();
      }
      case NONE -> {
        if (recognizer != null) feed(pcm, n);
        else remember(pcm, n);
      }
    }
  }

  /** Ends the stream: an utterance still open is finished and reported. */
  public void finish() {
    if (recognizer != null) endUtterance();
  }

  private void remember(short[] pcm, int n) {
    for (int i = 0; i < n; i++) {
      preRoll[preRollPos] = pcm[i];
      preRollPos = (preRollPos + 1) % preRoll.length;
    }
    preRollFill = Math.min(preRoll.length, preRollFill + n);
  }

  private void startUtterance(short[] pcm, int n) {
    utteranceHints = hints;
    try {
      recognizer = utteranceHints == null
          ? new Recognizer(model, Transcriber.RATE)
          : new Recognizer(model, Transcriber.RATE, utteranceHints.grammarJson());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a Vosk recognizer: " + e.getMessage(), e);
    }
    recognizer.setWords(true);
    utteranceWords.clear();
    utteranceLen = 0;
    utteranceNanos = 0;
    lastPartial = "";
    samplesSincePartial = 0;
    // Replay the pre-roll (oldest first) so the start of the first word reaches the recognizer.
    utteranceStart = (samplesIn - n - preRollFill) / (double) Transcriber.RATE;
    short[] replay = new short[preRollFill];
    int start = (preRollPos - preRollFill + preRoll.length) % preRoll.length;
    for (int i = 0; i < preRollFill; i++) replay[i] = preRoll[(start + i) % preRoll.length];
    preRollFill = 0;
    if (replay.length > 0) feed(replay, replay.length);
    feed(pcm, n);
  }

  private void feed(short[] pcm, int n) {
    if (n == 0) return;
    if (utteranceLen + n <= utterance.length) {
      System.arraycopy(pcm, 0, utterance, utteranceLen, n);
      utteranceLen += n;
    }
    long t0 = System.nanoTime();
    boolean endpoint = recognizer.acceptWaveForm(pcm, n);
    if (endpoint) {
      utteranceWords.addAll(VoskResults.words(recognizer.getResult(), utteranceStart));
    }
    samplesSincePartial += n;
    if (samplesSincePartial >= Transcriber.RATE * PARTIAL_EVERY_MS / 1000) {
      samplesSincePartial = 0;
      String partial = VoskResults.partial(recognizer.getPartialResult());
      String text = join(VoskResults.text(utteranceWords), partial);
      if (!text.isEmpty() && !text.equals(lastPartial)) {
        lastPartial = text;
        utteranceNanos += System.nanoTime() - t0;
        listener.accept(new RecognitionEvent(RecognitionEvent.Kind.PARTIAL, text, List.of(), secondsFed(), utteranceHints != null));
        return;
      }
    }
    utteranceNanos += System.nanoTime() - t0;
  }

  private void endUtterance() {
    long t0 = System.nanoTime();
    utteranceWords.addAll(VoskResults.words(recognizer.getFinalResult(), utteranceStart));
    recognizer.close();
    recognizer = null;
    List<RecognizedWord> words = List.copyOf(utteranceWords);
    boolean fromHints = utteranceHints != null;
    if (fromHints && unusable(words, utteranceHints)) {
      words = decodeFreely();
      fromHints = false;
    }
    utteranceNanos += System.nanoTime() - t0;
    timer.record(utteranceNanos, TimeUnit.NANOSECONDS);
    listener.accept(new RecognitionEvent(RecognitionEvent.Kind.FINAL, VoskResults.text(words), words, secondsFed(), fromHints));
  }

  private static boolean unusable(List<RecognizedWord> words, PhraseHints hints) {
    if (words.isEmpty()) return true;
    for (RecognizedWord w : words) {
      if (w.word().equals("[unk]") || w.conf() < hints.minConfidence()) return true;
    }
    return false;
  }

  private List<RecognizedWord> decodeFreely() {
    List<RecognizedWord> out = new ArrayList<>();
    try (Recognizer free = new Recognizer(model, Transcriber.RATE)) {
      free.setWords(true);
      short[] all = java.util.Arrays.copyOf(utterance, utteranceLen);
      if (free.acceptWaveForm(all, all.length)) out.addAll(VoskResults.words(free.getResult(), utteranceStart));
      out.addAll(VoskResults.words(free.getFinalResult(), utteranceStart));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a Vosk recognizer: " + e.getMessage(), e);
    }
    return out;
  }

  private static String join(String a, String b) {
    if (a.isEmpty()) return b;
    if (b.isEmpty()) return a;
    return a + " " + b;
  }

  @Override
  public void close() {
    if (recognizer != null) recognizer.close();
    recognizer = null;
    closed = true;
  }

  /** The VAD settings in use. */
  public Vad.Settings vadSettings() {
    return vadSettings;
  }
}
