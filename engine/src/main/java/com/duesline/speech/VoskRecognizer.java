package com.duesline.speech;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.vosk.Model;

/**
 * Vosk behind {@link Recognizer}: partial results about every {@value #PARTIAL_EVERY_MS} ms of an
 * utterance at once when the voice pauses and every {@value #PAUSED_PARTIAL_EVERY_MS} ms while it
 * does ({@link #paused}), one final at its end. One Vosk recognizer serves the whole call leg,
 * reset between utterances: creating one costs about 50 ms of CPU with the small English model (a
 * quarter of a second of decoding), and its feature pipeline (cepstral mean, i-vector) goes on
 * adapting to the same caller, as Vosk's own streaming server uses it. Vosk's word times run on
 * over the audio it was fed, so an utterance's are shifted to where it starts in the stream. With
 * {@link PhraseHints} set, a {@link GrammarRecognizer} decodes the same audio beside the open one
 * and its result is taken when confident, or its answer after the open result's lead-in ({@link
 * GrammarRecognizer#afterLeadIn}); otherwise the open result stands (an objection is still heard).
 */
public final class VoskRecognizer implements Recognizer {
  static final int PARTIAL_EVERY_MS = 200;

  /**
   * While the voice pauses: endpointing decides the turn within a few hundred ms of silence, by the
   * words reported.
   */
  static final int PAUSED_PARTIAL_EVERY_MS = 60;

  private final Model model;
  private final Consumer<RecognitionEvent> partials;
  private final Timer timer;
  private volatile PhraseHints hints;
  private PhraseHints utteranceHints;

  /** Created at the first utterance, reset for each next one, closed with the leg. */
  private org.vosk.Recognizer recognizer;

  private boolean open;

  /** Samples fed to {@link #recognizer} before the open utterance (Vosk's times count them). */
  private long decodedBefore;

  private final List<RecognizedWord> utteranceWords = new ArrayList<>();
  private double utteranceStart;
  private long utteranceSamples;
  private long utteranceNanos;
  private String lastPartial = "";
  private String lastConstrained = "";
  private int samplesSincePartial;
  private boolean paused;
  private GrammarRecognizer grammar;

  /**
   * A recognizer for utterances of up to {@code maxUtteranceMs}, reporting partial results to
   * {@code partials}.
   */
  public VoskRecognizer(
      Model model,
      int maxUtteranceMs,
      MeterRegistry registry,
      Consumer<RecognitionEvent> partials) {
    this.model = model;
    this.partials = partials;
    this.timer =
        Timer.builder("duesline.asr")
            .description("Speech recognition decoding time")
            .tag("mode", "stream")
            .register(registry);
  }

  /** A factory of these for live calls. */
  public static Recognizer.Factory factory(Model model, Vad.Settings vad, MeterRegistry registry) {
    return partials -> new VoskRecognizer(model, vad.maxUtteranceMs(), registry, partials);
  }

  @Override
  public void setHints(PhraseHints hints) {
    this.hints = hints;
  }

  @Override
  public void begin(double streamSeconds) {
    closeGrammar();
    utteranceHints = hints;
    if (recognizer == null) {
      try {
        recognizer = new org.vosk.Recognizer(model, Transcriber.RATE);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create a Vosk recognizer: " + e.getMessage(), e);
      }
      recognizer.setWords(true);
      decodedBefore = 0;
    } else {
      recognizer.reset();
      decodedBefore += utteranceSamples;
    }
    open = true;
    utteranceWords.clear();
    utteranceStart = streamSeconds;
    utteranceSamples = 0;
    grammar =
        utteranceHints == null ? null : new GrammarRecognizer(model, utteranceHints, streamSeconds);
    utteranceNanos = 0;
    lastPartial = "";
    lastConstrained = "";
    samplesSincePartial = 0;
    paused = false;
  }

  @Override
  public void accept(short[] pcm, int n) {
    if (n == 0 || !open) return;
    utteranceSamples += n;
    long t0 = System.nanoTime();
    if (grammar != null) grammar.accept(pcm, n);
    boolean endpoint = recognizer.acceptWaveForm(pcm, n);
    if (endpoint) utteranceWords.addAll(VoskResults.words(recognizer.getResult(), voskZero()));
    samplesSincePartial += n;
    int every = paused ? PAUSED_PARTIAL_EVERY_MS : PARTIAL_EVERY_MS;
    if (samplesSincePartial >= Transcriber.RATE * every / 1000) report(t0);
    else utteranceNanos += System.nanoTime() - t0;
  }

  @Override
  public void paused(boolean paused) {
    this.paused = paused;
    if (paused && open) report(System.nanoTime());
  }

  /**
   * Reports the words so far when they changed; the next partial is due {@value #PARTIAL_EVERY_MS}
   * ms of audio later.
   */
  private void report(long t0) {
    samplesSincePartial = 0;
    String text = VoskResults.soFar(utteranceWords, recognizer.getPartialResult());
    String constrained = grammar == null ? "" : grammar.partial();
    boolean changed =
        !text.isEmpty() && !(text.equals(lastPartial) && constrained.equals(lastConstrained));
    if (changed) {
      lastPartial = text;
      lastConstrained = constrained;
    }
    utteranceNanos += System.nanoTime() - t0;
    if (changed)
      partials.accept(
          new RecognitionEvent(
              RecognitionEvent.Kind.PARTIAL,
              text,
              List.of(),
              now(),
              utteranceHints != null,
              constrained));
  }

  @Override
  public RecognitionEvent end() {
    if (!open) throw new IllegalStateException("no utterance is open");
    long t0 = System.nanoTime();
    utteranceWords.addAll(VoskResults.words(recognizer.getFinalResult(), voskZero()));
    open = false;
    List<RecognizedWord> words = List.copyOf(utteranceWords);
    boolean fromHints = false;
    if (grammar != null) {
      List<RecognizedWord> constrained = grammar.finish();
      grammar.close();
      grammar = null;
      GrammarRecognizer.Choice choice =
          GrammarRecognizer.choose(constrained, words, utteranceHints);
      words = choice.words();
      fromHints = choice.fromHints();
    }
    utteranceNanos += System.nanoTime() - t0;
    timer.record(utteranceNanos, TimeUnit.NANOSECONDS);
    return new RecognitionEvent(
        RecognitionEvent.Kind.FINAL, VoskResults.text(words), words, now(), fromHints);
  }

  /** Whether an utterance is open. */
  public boolean open() {
    return open;
  }

  /** Where Vosk's time 0 (the first sample it was fed on this leg) falls in the stream, seconds. */
  private double voskZero() {
    return utteranceStart - decodedBefore / (double) Transcriber.RATE;
  }

  private double now() {
    return utteranceStart + utteranceSamples / (double) Transcriber.RATE;
  }

  @Override
  public void close() {
    if (recognizer != null) recognizer.close();
    recognizer = null;
    open = false;
    closeGrammar();
  }

  private void closeGrammar() {
    if (grammar != null) grammar.close();
    grammar = null;
  }
}
