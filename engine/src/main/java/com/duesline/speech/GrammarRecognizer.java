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
   * #afterLeadIn}); else, for answers that are values ({@link PhraseHints#carriesValues}), the
   * grammar's words when they are a whole answer heard more surely than the open words ({@link
   * #surerThanOpen}: unsure words are read back or checked, not recorded); else the open
   * recognizer's words (an objection stays an objection).
   */
  public static Choice choose(
      List<RecognizedWord> grammarWords, List<RecognizedWord> openWords, PhraseHints hints) {
    // An open result that is itself a confident answer in the grammar's words stands: it had the
    // language model's context ("three hundred fifty dollars"), where the grammar's flat word loop
    // heard "hundred thursday dollars" in the same clean audio (noise evaluation, 4 of 6 clean
    // errors on the tune part). It is an expected answer as much as the grammar's would be
    // (fromHints: trusted as one downstream).
    if (inVocabulary(openWords, hints)) return new Choice(openWords, true);
    // Vosk's grammar mode forces other speech into its words with high confidence: at the pay
    // question the amounts grammar made "I already paid the fee" "friday pay" while the open
    // recognizer heard "already" at 1.0.
    boolean otherwise = heardOtherwise(grammarWords, openWords);
    if (confident(grammarWords, hints) && !otherwise) return new Choice(grammarWords, true);
    List<RecognizedWord> spliced = afterLeadIn(grammarWords, openWords, hints);
    if (spliced != null) return new Choice(spliced, true);
    // In noise the open recognizer turns an answer into other words ("nine four two six six
    // seven" heard "nine four do this this seven") where the grammar heard every word, one of them
    // unsure: its guess is the better one, and its unsure words ask before anything is recorded.
    // Not when the open words carry another kind of answer ("... on december fourth" at the amount
    // question): the grammar cannot say it and would put its own words there.
    // Only for values: at a yes/no question "no" is the whole answer, and nothing would check an
    // unsure one before the call acts on it.
    if (!otherwise
        && hints.carriesValues()
        && surerThanOpen(grammarWords, openWords)
        && !heardAnotherAnswer(openWords, hints)) return new Choice(grammarWords, true);
    return new Choice(openWords, false);
  }

  /**
   * Open-recognizer words at least this sure, outside every answer grammar, show the caller said
   * something else.
   */
  static final double SURE_OTHERWISE = 0.9;

  /**
   * Open words at least {@link #SURE_OTHERWISE} sure and outside every answer grammar: this many
   * are a sentence of their own, whatever the grammar made of it.
   */
  static final int SURE_SENTENCE = 3;

  /**
   * Whether the open recognizer clearly heard something other than the grammar's answer: it heard
   * at least {@link #SURE_SENTENCE} words at least {@link #SURE_OTHERWISE} sure that no answer
   * grammar has ({@link PhraseHints#answerWords}: "tell me how much"); or it heard such a word,
   * none of the grammar's answer words (its words but the linking ones, {@link
   * PhraseHints#linkingWords}) is among the open words, and the grammar's answer has fewer than
   * half as many words as the open result. "I already paid the fee" against the grammar's "friday
   * pay" is another answer; "two hundred dollar sand" against "two hundred dollars" is the same
   * answer garbled, and unsure words in noise decide nothing.
   */
  static boolean heardOtherwise(List<RecognizedWord> grammarWords, List<RecognizedWord> openWords) {
    java.util.Set<String> answers = PhraseHints.answerWords();
    long sureOthers =
        openWords.stream()
            .filter(w -> w.conf() >= SURE_OTHERWISE && !answers.contains(w.word()))
            .count();
    // "tell me how much i owe" came out of the dates grammar as "can may march april", as many
    // words as the open result; three sure words of a sentence are not noise (in the noise
    // evaluation's answers a sure garbage word comes alone or in twos: "june fourth" heard "you
    // boys" at 1.0).
    if (sureOthers >= SURE_SENTENCE) return true;
    // The grammar squeezed a longer utterance into a short answer; in noise both decoders hear
    // about as many words, and a sure open word there is as likely garbage.
    if (grammarWords.size() * 2 >= openWords.size() || sureOthers == 0) return false;
    return !sharesAnswerWord(grammarWords, openWords);
  }

  /** Whether one of the grammar's answer words (not a linking word) is among the open words. */
  private static boolean sharesAnswerWord(
      List<RecognizedWord> grammarWords, List<RecognizedWord> openWords) {
    java.util.Set<String> heard = new java.util.HashSet<>();
    for (RecognizedWord w : openWords) heard.add(w.word());
    return grammarWords.stream()
        .map(RecognizedWord::word)
        .filter(w -> !PhraseHints.linkingWords().contains(w))
        .anyMatch(heard::contains);
  }

  /**
   * Whether the grammar heard a whole answer (something, nothing outside it) and its words are on
   * average surer than the words the open recognizer heard (it must have heard some: the grammar's
   * unsure guess over a cough or the line's hiss is no answer).
   */
  static boolean surerThanOpen(List<RecognizedWord> grammarWords, List<RecognizedWord> openWords) {
    if (grammarWords.isEmpty() || openWords.isEmpty()) return false;
    if (grammarWords.stream().anyMatch(w -> w.word().equals("[unk]"))) return false;
    return meanConf(grammarWords) > meanConf(openWords);
  }

  /**
   * Whether the open recognizer heard, at least {@code hints.minConfidence()} sure, a word that
   * carries an answer of another kind than this grammar's (a month at the amount question,
   * "hundred" at the date question).
   */
  static boolean heardAnotherAnswer(List<RecognizedWord> openWords, PhraseHints hints) {
    java.util.Set<String> own = hints.words();
    return openWords.stream()
        .anyMatch(
            w ->
                w.conf() >= hints.minConfidence()
                    && PhraseHints.answerWords().contains(w.word())
                    && !PhraseHints.linkingWords().contains(w.word())
                    && !own.contains(w.word()));
  }

  private static double meanConf(List<RecognizedWord> words) {
    return words.stream().mapToDouble(RecognizedWord::conf).average().orElse(0);
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
   * thirty"). When only a leading run is {@code [unk]}, at least two confident words of the grammar
   * follow, and the open recognizer did not surely hear something else where they are, the result
   * is the open recognizer's words before the answer and the grammar's answer; otherwise null.
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
    List<RecognizedWord> underAnswer = new ArrayList<>();
    for (RecognizedWord w : openWords) (w.end() <= answerStart ? out : underAnswer).add(w);
    // "let me speak to someone" at the amount question: the grammar made "to someone" "two sunday
    // one"; the open recognizer heard "someone" surely, a word no amount has, and none of its
    // words.
    if (heardOutside(underAnswer, hints) && !sharesAnswerWord(answer, underAnswer)) return null;
    out.addAll(answer);
    return out;
  }

  /** Whether an open word at least {@link #SURE_OTHERWISE} sure is outside the grammar's words. */
  private static boolean heardOutside(List<RecognizedWord> openWords, PhraseHints hints) {
    java.util.Set<String> vocabulary = hints.words();
    return openWords.stream()
        .anyMatch(w -> w.conf() >= SURE_OTHERWISE && !vocabulary.contains(w.word()));
  }

  @Override
  public void close() {
    recognizer.close();
  }
}
