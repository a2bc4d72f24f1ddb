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
 * the rate given at construction); it cleans them ({@link AudioCleaner}: the same chain as files
 * and the playground), runs {@link Vad} on every cleaned frame and Vosk only while someone speaks, emitting partial results about every {@value #PARTIAL_EVERY_MS} ms and one final result
 * per utterance at the endpoint. Not thread-safe: one call's media arrives in order on one worker.
 *
 * <p>Each utterance gets a fresh Vosk recognizer (cheap next to decoding) so word times are simply
 * the utterance's start in the stream plus Vosk's times. With {@link PhraseHints} set, a
 * {@link GrammarRecognizer} decodes the same audio beside the open recognizer and its result is
 * taken when confident; otherwise the open result stands (an objection is still heard).
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
  /** Cleans at the input rate when the processing module takes it, else after resampling to 16 kHz. */
  private final AudioCleaner cleaner;
  private final boolean cleanBeforeResampling;
  private short[] cleaned = new short[400];
  private final Consumer<RecognitionEvent> listener;
  private final Timer timer;

  private volatile PhraseHints hints;
  private PhraseHints utteranceHints;
  private Recognizer recognizer;
  private GrammarRecognizer grammar;
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
  private long samplesIn; // at the recognizer rate
  private boolean closed;

  /** A recognizer for audio at {@code inputRate} (8000 for phone audio) hearing through the default clean-up chain. */
  public StreamingRecognizer(Model model, int inputRate, Vad.Settings vadSettings, MeterRegistry registry,
      Consumer<RecognitionEvent> listener) {
    this(model, inputRate, vadSettings, AudioCleaner.Settings.DEFAULT, registry, listener);
  }

  /** A recognizer for audio at {@code inputRate} hearing through {@code cleanup} ({@code speech.cleanup.*}), reporting to {@code listener}. */
  public StreamingRecognizer(Model model, int inputRate, Vad.Settings vadSettings, AudioCleaner.Settings cleanup,
      MeterRegistry registry, Consumer<RecognitionEvent> listener) {
    this.model = model;
    this.inputRate = inputRate;
    this.vadSettings = vadSettings;
    this.vad = new Vad(vadSettings, Transcriber.RATE);
    this.toRecognizerRate = inputRate == Transcriber.RATE ? null : Resampler.streaming(inputRate, Transcriber.RATE);
    this.listener = listener;
    this.timer = Timer.builder("duesline.asr").description("Speech recognition decoding time").tag("mode", "stream").register(registry);
    this.cleanBeforeResampling = AudioCleaner.RATES.contains(inputRate);
    this.cleaner = new AudioCleaner(cleanup, cleanBeforeResampling ? inputRate : Transcriber.RATE);
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
    if (cleanBeforeResampling) {
      if (cleaned.length < cleaner.maxOutput(len)) cleaned = new short[cleaner.maxOutput(len)];
      int m = cleaner.process(frame, off, len, cleaned, 0);
      toRecognizerRate(cleaned, 0, m);
    } else {
      toRecognizerRate(frame, off, len);
    }
  }

  private void toRecognizerRate(short[] frame, int off, int len) {
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
    if (!cleanBeforeResampling) {
      if (cleaned.length < cleaner.maxOutput(n)) cleaned = new short[cleaner.maxOutput(n)];
      n = cleaner.process(in, 0, n, cleaned, 0);
      in = cleaned;
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
      recognizer = new Recognizer(model, Transcriber.RATE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a Vosk recognizer: " + e.getMessage(), e);
    }
    recognizer.setWords(true);
    utteranceWords.clear();
    utteranceNanos = 0;
    lastPartial = "";
    samplesSincePartial = 0;
    // Replay the pre-roll (oldest first) so the start of the first word reaches the recognizer.
    utteranceStart = (samplesIn - n - preRollFill) / (double) Transcriber.RATE;
    grammar = utteranceHints == null ? null : new GrammarRecognizer(model, utteranceHints, utteranceStart);
    short[] replay = new short[preRollFill];
    int start = (preRollPos - preRollFill + preRoll.length) % preRoll.length;
    for (int i = 0; i < preRollFill; i++) replay[i] = preRoll[(start + i) % preRoll.length];
    preRollFill = 0;
    if (replay.length > 0) feed(replay, replay.length);
    feed(pcm, n);
  }

  private void feed(short[] pcm, int n) {
    if (n == 0) return;
    long t0 = System.nanoTime();
    if (grammar != null) grammar.accept(pcm, n);
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
    boolean fromHints = false;
    if (grammar != null) {
      List<RecognizedWord> constrained = grammar.finish();
      grammar.close();
      grammar = null;
      fromHints = GrammarRecognizer.confident(constrained, utteranceHints);
      if (fromHints) words = constrained;
    }
    utteranceNanos += System.nanoTime() - t0;
    timer.record(utteranceNanos, TimeUnit.NANOSECONDS);
    listener.accept(new RecognitionEvent(RecognitionEvent.Kind.FINAL, VoskResults.text(words), words, secondsFed(), fromHints));
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
    if (grammar != null) grammar.close();
    grammar = null;
    cleaner.close();
    closed = true;
  }

  /** The VAD settings in use. */
  public Vad.Settings vadSettings() {
    return vadSettings;
  }
}
