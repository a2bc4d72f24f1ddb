package com.duesline.speech;

import java.util.ArrayList;
import java.util.List;
import org.vosk.Model;
import org.vosk.Recognizer;

/**
 * A Vosk recognizer constrained to the words of an expected answer (Vosk's word-list grammar: any
 * sequence of the listed phrases, plus {@code [unk]} for anything else), run beside the open
 * recognizer on the same audio for one utterance. On a small vocabulary (yes/no, digits, amounts,
 * dates) it hears through noise that makes the open recognizer guess; {@link #prefer} decides which
 * result stands. Costs a second decoder while it runs, so it is created only when the question
 * expects such an answer. Not thread-safe: one per utterance.
 */
public final class GrammarRecognizer implements AutoCloseable {
  private final Recognizer recognizer;
  private final double offsetSeconds;
  private final List<RecognizedWord> words = new ArrayList<>();

  /** A grammar decoder for one utterance starting {@code offsetSeconds} into the stream (16 kHz audio). */
  public GrammarRecognizer(Model model, PhraseHints hints, double offsetSeconds) {
    this.recognizer = new Recognizer(model, Transcriber.RATE, hints.grammarJson());
    recognizer.setWords(true);
    this.offsetSeconds = offsetSeconds;
  }

  /** Feeds 16 kHz samples. */
  public void accept(short[] pcm, int n) {
    if (n > 0 && recognizer.acceptWaveForm(pcm, n)) words.addAll(VoskResults.words(recognizer.getResult(), offsetSeconds));
  }

  /** The utterance's words (call once, at the endpoint). */
  public List<RecognizedWord> finish() {
    words.addAll(VoskResults.words(recognizer.getFinalResult(), offsetSeconds));
    return List.copyOf(words);
  }

  /**
   * Whether a grammar result can be trusted: something was heard, nothing fell outside the grammar,
   * and every word is at least {@code hints.minConfidence()} sure.
   */
  public static boolean confident(List<RecognizedWord> grammarWords, PhraseHints hints) {
    if (grammarWords.isEmpty()) return false;
    for (RecognizedWord w : grammarWords) {
      if (w.word().equals("[unk]") || w.conf() < hints.minConfidence()) return false;
    }
    return true;
  }

  /** The grammar's words when {@link #confident}, else the open recognizer's (an objection stays an objection). */
  public static List<RecognizedWord> prefer(List<RecognizedWord> grammarWords, List<RecognizedWord> openWords, PhraseHints hints) {
    return confident(grammarWords, hints) ? grammarWords : openWords;
  }

  @Override
  public void close() {
    recognizer.close();
  }
}
