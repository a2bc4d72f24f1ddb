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

  /**
   * A grammar decoder for one utterance starting {@code offsetSeconds} into the stream (16 kHz
   * audio).
   */
  public GrammarRecognizer(Model model, PhraseHints hints, double offsetSeconds) {
    this.recognizer = new Recognizer(model, Transcriber.RATE, hints.grammarJson());
    recognizer.setWords(true);
    this.offsetSeconds = offsetSeconds;
  }

  /** Feeds 16 kHz samples. */
  public void accept(short[] pcm, int n) {
    if (n > 0 && recognizer.acceptWaveForm(pcm, n))
      words.addAll(VoskResults.words(recognizer.getResult(), offsetSeconds));
  }

  /**
   * The words decoded so far (finished segments and the current partial), {@code [unk]} for
   * anything outside the grammar. On a small vocabulary Vosk settles the last word here as its
   * audio ends; the open recognizer's partial often brings it a quarter to half a second later.
   */
  public String partial() {
    return VoskResults.soFar(words, recognizer.getPartialResult());
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

  /**
   * The words an utterance is heard as, and whether they are an expected answer in the grammar's
   * words.
   */
  public record Choice(List<RecognizedWord> words, boolean fromHints) {}

  /**
   * The one rule every path (live calls, {@code asr}, the playground, the noise evaluation) uses:
   * the open words when they are a confident answer in the grammar's own words; else the grammar's
   * words when {@link #confident} and the open recognizer did not clearly hear something else
   * ({@link #heardOtherwise}); else its answer after the open result's lead-in ({@link
   * #afterLeadIn}); else the open recognizer's words (an objection stays an objection).
   */
  public static Choice choose(
      List<RecognizedWord> grammarWords, List<RecognizedWord> openWords, PhraseHints hints) {
    // An open result that is itself a confident answer in the grammar's words stands: it had the
    // language
    // model's context ("three hundred fifty dollars"), where the grammar's flat word loop heard
    // "hundred
    // thursday dollars" in the same clean audio (noise evaluation, 4 of 6 clean errors on the tune
    // part).
    // It is an expected answer as much as the grammar's would be (fromHints: trusted as one
    // downstream).
    if (inVocabulary(openWords, hints)) return new Choice(openWords, true);
    // Vosk's grammar mode forces other speech into its words with high confidence: at the pay
    // question the
    // amounts grammar made "I already paid the fee" "friday pay" while the open recognizer heard
    // "already" at 1.0.
    if (confident(grammarWords, hints) && !heardOtherwise(grammarWords, openWords))
      return new Choice(grammarWords, true);
    List<RecognizedWord> spliced = afterLeadIn(grammarWords, openWords, hints);
    return spliced != null ? new Choice(spliced, true) : new Choice(openWords, false);
  }

  /**
   * Open-recognizer words at least this sure, outside every answer grammar, show the caller said
   * something else.
   */
  static final double SURE_OTHERWISE = 0.9;

  /**
   * Whether the open recognizer clearly heard something other than the grammar's answer: it heard a
   * word at least {@link #SURE_OTHERWISE} sure that no answer grammar has ({@link
   * PhraseHints#answerWords}: "already", "fee"), and none of the grammar's answer words (its words
   * but the linking ones, {@link PhraseHints#linkingWords}) is among the open words, and the
   * grammar's answer has fewer than half as many words as the open result. "I already paid the fee"
   * against the grammar's "friday pay" is another answer; "two hundred dollar sand" against "two
   * hundred dollars" is the same answer garbled, and unsure words in noise decide nothing.
   */
  static boolean heardOtherwise(List<RecognizedWord> grammarWords, List<RecognizedWord> openWords) {
    // The grammar squeezed a longer utterance into a short answer; in noise both decoders hear
    // about as many
    // words, and a sure open word there is as likely garbage ("june fourth" heard "you boys" at
    // 1.0).
    if (grammarWords.size() * 2 >= openWords.size()) return false;
    java.util.Set<String> answers = PhraseHints.answerWords();
    if (openWords.stream()
        .noneMatch(w -> w.conf() >= SURE_OTHERWISE && !answers.contains(w.word()))) return false;
    java.util.Set<String> heard = new java.util.HashSet<>();
    for (RecognizedWord w : openWords) heard.add(w.word());
    return grammarWords.stream()
        .map(RecognizedWord::word)
        .filter(w -> !PhraseHints.linkingWords().contains(w))
        .noneMatch(heard::contains);
  }

  /**
   * Something was heard, every word is one of the grammar's and at least {@code
   * hints.minConfidence()} sure.
   */
  static boolean inVocabulary(List<RecognizedWord> openWords, PhraseHints hints) {
    if (openWords.isEmpty()) return false;
    java.util.Set<String> vocabulary = hints.words();
    for (RecognizedWord w : openWords) {
      if (!vocabulary.contains(w.word()) || w.conf() < hints.minConfidence()) return false;
    }
    return true;
  }

  /** The words of {@link #choose}. */
  public static List<RecognizedWord> prefer(
      List<RecognizedWord> grammarWords, List<RecognizedWord> openWords, PhraseHints hints) {
    return choose(grammarWords, openWords, hints).words();
  }

  /**
   * An answer after a lead-in ("my unit is ... zero two one two zero three"): the grammar marks the
   * lead-in {@code [unk]} and hears the answer, where the open recognizer may garble it ("... zero
   * thirty"). When only a leading run is {@code [unk]} and at least two confident words of the
   * grammar follow, the result is the open recognizer's words before the answer and the grammar's
   * answer; otherwise null.
   */
  public static List<RecognizedWord> afterLeadIn(
      List<RecognizedWord> grammarWords, List<RecognizedWord> openWords, PhraseHints hints) {
    int firstAnswer = 0;
    while (firstAnswer < grammarWords.size()
        && grammarWords.get(firstAnswer).word().equals("[unk]")) firstAnswer++;
    if (firstAnswer == 0) return null;
    List<RecognizedWord> answer = grammarWords.subList(firstAnswer, grammarWords.size());
    if (answer.size() < 2 || !confident(answer, hints)) return null;
    // A word the open recognizer ended before the answer began (a frame of slack) is the lead-in.
    double answerStart = answer.get(0).start() + 0.03;
    List<RecognizedWord> out = new ArrayList<>();
    for (RecognizedWord w : openWords) if (w.end() <= answerStart) out.add(w);
    out.addAll(answer);
    return out;
  }

  @Override
  public void close() {
    recognizer.close();
  }
}
