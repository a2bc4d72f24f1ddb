package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Choosing between the grammar's result and the open recognizer's (word lists as Vosk reports
 * them).
 */
class GrammarRecognizerTest {
  /** Words "a b c" at 0.5 s each from {@code start}, confidence {@code conf}. */
  private static List<RecognizedWord> words(double start, double conf, String text) {
    List<RecognizedWord> out = new ArrayList<>();
    double t = start;
    for (String w : text.split(" ")) {
      out.add(new RecognizedWord(w, t, t + 0.5, conf));
      t += 0.5;
    }
    return out;
  }

  private static List<RecognizedWord> concat(List<RecognizedWord> a, List<RecognizedWord> b) {
    List<RecognizedWord> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static String text(List<RecognizedWord> w) {
    return w == null ? null : VoskResults.text(w);
  }

  @Test
  void theGrammarsAnswerFollowsTheOpenRecognizersLeadIn() {
    List<RecognizedWord> open =
        concat(words(0, 1, "my unit is"), words(2, 1, "zero two one two zero thirty"));
    List<RecognizedWord> grammar =
        concat(
            List.of(new RecognizedWord("[unk]", 0, 1.5, 1)),
            words(2, 1, "zero two one two zero three"));
    assertThat(text(GrammarRecognizer.afterLeadIn(grammar, open, PhraseHints.digits())))
        .isEqualTo("my unit is zero two one two zero three");
  }

  @Test
  void anythingElseLeavesTheOpenResult() {
    PhraseHints digits = PhraseHints.digits();
    List<RecognizedWord> open = words(0, 1, "i will not tell you two");
    // Out-of-grammar words after the answer: not a lead-in.
    assertThat(
            GrammarRecognizer.afterLeadIn(
                concat(words(0, 1, "[unk] two"), List.of(new RecognizedWord("[unk]", 1, 2, 1))),
                open,
                digits))
        .isNull();
    // One word after the lead-in is too little to overrule the open recognizer ("... to" heard as
    // "two").
    assertThat(
            GrammarRecognizer.afterLeadIn(
                concat(List.of(new RecognizedWord("[unk]", 0, 2, 1)), words(2.5, 1, "two")),
                open,
                digits))
        .isNull();
    // An unsure answer, or no lead-in at all (that is the plain confident case).
    assertThat(
            GrammarRecognizer.afterLeadIn(
                concat(List.of(new RecognizedWord("[unk]", 0, 2, 1)), words(2.5, 0.3, "two three")),
                open,
                digits))
        .isNull();
    assertThat(GrammarRecognizer.afterLeadIn(words(0, 1, "two three"), open, digits)).isNull();
  }

  @Test
  void everyPathChoosesTheSameWay() {
    PhraseHints amounts = PhraseHints.amounts();
    List<RecognizedWord> open = words(0, 1, "i can pay two hundred dollar sand");
    // Confident grammar: its words.
    GrammarRecognizer.Choice confident =
        GrammarRecognizer.choose(words(0, 0.9, "two hundred dollars"), open, amounts);
    assertThat(text(confident.words())).isEqualTo("two hundred dollars");
    assertThat(confident.fromHints()).isTrue();
    // A lead-in the grammar marks [unk], then a confident answer: the open lead-in and the
    // grammar's answer.
    List<RecognizedWord> leadIn =
        concat(
            List.of(new RecognizedWord("[unk]", 0, 1.4, 1)),
            words(1.5, 0.9, "two hundred dollars"));
    GrammarRecognizer.Choice spliced = GrammarRecognizer.choose(leadIn, open, amounts);
    assertThat(text(spliced.words())).isEqualTo("i can pay two hundred dollars");
    assertThat(spliced.fromHints()).isTrue();
    // An unsure grammar result: the open words stand, and prefer() says the same.
    GrammarRecognizer.Choice unsure =
        GrammarRecognizer.choose(words(0, 0.4, "two hundred dollars"), open, amounts);
    assertThat(unsure.words()).isEqualTo(open);
    assertThat(unsure.fromHints()).isFalse();
    assertThat(GrammarRecognizer.prefer(leadIn, open, amounts)).isEqualTo(spliced.words());
  }

  @Test
  void aConfidentOpenAnswerInTheGrammarsWordsStands() {
    PhraseHints amounts = PhraseHints.amounts();
    // The open recognizer had the language model's context; the grammar's word loop misheard
    // "fifty".
    List<RecognizedWord> open = words(0, 1, "three hundred fifty dollars");
    GrammarRecognizer.Choice c =
        GrammarRecognizer.choose(words(0, 1, "three hundred thursday dollars"), open, amounts);
    assertThat(text(c.words())).isEqualTo("three hundred fifty dollars");
    assertThat(c.fromHints()).as("an expected answer, trusted as the grammar's would be").isTrue();
    // A word outside the grammar, or an unsure one, and the grammar decides again.
    assertThat(
            text(
                GrammarRecognizer.prefer(
                    words(0, 1, "three hundred fifty dollars"),
                    words(0, 1, "three hundred fifty dollar sand"),
                    amounts)))
        .isEqualTo("three hundred fifty dollars");
    assertThat(
            text(
                GrammarRecognizer.prefer(
                    words(0, 1, "three hundred fifty dollars"),
                    words(0, 0.4, "three hundred fifteen dollars"),
                    amounts)))
        .isEqualTo("three hundred fifty dollars");
  }

  @Test
  void anAnswerTheOpenRecognizerClearlyHeardOutsideTheGrammarStands() {
    PhraseHints amounts = PhraseHints.amounts();
    // At the amount question the grammar forces an objection into its words; the open recognizer
    // heard it surely.
    GrammarRecognizer.Choice objection =
        GrammarRecognizer.choose(
            words(0, 1, "friday pay"), words(0, 1, "i already paid the fee"), amounts);
    assertThat(objection.fromHints()).isFalse();
    assertThat(text(objection.words())).isEqualTo("i already paid the fee");
    // Garbled in noise (unsure words), or the grammar's words misheard as others: the grammar's
    // sure answer stands.
    assertThat(
            GrammarRecognizer.choose(
                    words(0, 1, "two hundred dollars"),
                    words(0, 0.6, "to hungry dolphins"),
                    amounts)
                .fromHints())
        .isTrue();
    assertThat(
            text(
                GrammarRecognizer.choose(
                        words(0, 1, "zero two one two zero three"),
                        words(0, 1, "zero two one two zero thirty"),
                        PhraseHints.digits())
                    .words()))
        .isEqualTo("zero two one two zero three");
    // A lead-in the grammar marked [unk] still gives the open recognizer's lead-in and the
    // grammar's answer.
    GrammarRecognizer.Choice unit =
        GrammarRecognizer.choose(
            concat(
                List.of(new RecognizedWord("[unk]", 0, 1.5, 1)), words(2, 1, "one two zero three")),
            concat(words(0, 1, "my unit is"), words(2, 1, "one two zero tree")),
            PhraseHints.digits());
    assertThat(unit.fromHints()).isTrue();
    assertThat(text(unit.words())).isEqualTo("my unit is one two zero three");
  }

  @Test
  void threeSureWordsNoAnswerHasAreASentenceHoweverLongTheGrammarsAnswer() {
    // `bench off-grammar`, clean MaryTTS: "tell me how much i owe" at the date question; the
    // dates grammar made it as many words as the open result, all sure.
    GrammarRecognizer.Choice c =
        GrammarRecognizer.choose(
            words(0, 0.9, "can may march april"),
            words(0, 1, "tell me how much title"),
            PhraseHints.dates());
    assertThat(c.fromHints()).isFalse();
    assertThat(text(c.words())).isEqualTo("tell me how much title");
    // Two sure garbage words in noise are not a sentence: the grammar's sure date stands.
    assertThat(
            text(
                GrammarRecognizer.choose(
                        words(0, 1, "june fourth"), words(0, 1, "you boys"), PhraseHints.dates())
                    .words()))
        .isEqualTo("june fourth");
  }

  @Test
  void noLeadInWhereTheOpenRecognizerSurelyHeardOtherWordsThanTheAnswer() {
    // "let me speak to someone" at the amount question: the grammar heard "[unk] two sunday one".
    List<RecognizedWord> grammar =
        concat(List.of(new RecognizedWord("[unk]", 0, 1.4, 1)), words(1.5, 1, "two sunday one"));
    GrammarRecognizer.Choice c =
        GrammarRecognizer.choose(
            grammar,
            concat(words(0, 1, "let me speak"), words(1.5, 1, "to someone")),
            PhraseHints.amounts());
    assertThat(c.fromHints()).isFalse();
    assertThat(text(c.words())).isEqualTo("let me speak to someone");
    // A garbled digit among the answer's own words is still the answer ("tree" for "three").
    assertThat(
            text(
                GrammarRecognizer.choose(
                        concat(
                            List.of(new RecognizedWord("[unk]", 0, 1.4, 1)),
                            words(1.5, 1, "one two three")),
                        concat(words(0, 1, "my unit is"), words(1.5, 1, "one two tree")),
                        PhraseHints.digits())
                    .words()))
        .isEqualTo("my unit is one two three");
  }

  @Test
  void aWholeAnswerTheGrammarHeardMoreSurelyThanTheOpenGuessIsTaken() {
    // White noise at 15 dB: the open recognizer made two "six"es "this"; the grammar heard every
    // digit, one of them unsure (0.52): its words, to be checked, not the open guess.
    List<RecognizedWord> grammar =
        List.of(
            new RecognizedWord("nine", 0, 0.5, 1),
            new RecognizedWord("four", 0.5, 1, 1),
            new RecognizedWord("two", 1, 1.5, 1),
            new RecognizedWord("six", 1.5, 2, 1),
            new RecognizedWord("six", 2, 2.5, 0.52),
            new RecognizedWord("seven", 2.5, 3, 1));
    List<RecognizedWord> open =
        List.of(
            new RecognizedWord("nine", 0, 0.5, 0.83),
            new RecognizedWord("four", 0.5, 1, 0.64),
            new RecognizedWord("do", 1, 1.5, 0.51),
            new RecognizedWord("this", 1.5, 2, 0.51),
            new RecognizedWord("this", 2, 2.5, 1),
            new RecognizedWord("seven", 2.5, 3, 1));
    GrammarRecognizer.Choice c = GrammarRecognizer.choose(grammar, open, PhraseHints.digits());
    assertThat(c.fromHints()).isTrue();
    assertThat(text(c.words())).isEqualTo("nine four two six six seven");
    assertThat(c.words().get(4).conf()).as("the unsure word stays unsure").isEqualTo(0.52);
    // Not when the open words carry a date at the amount question: the grammar cannot say it.
    assertThat(
            text(
                GrammarRecognizer.choose(
                        words(0, 0.58, "two hundred dollars on tuesday third"),
                        concat(
                            words(0, 0.5, "two hundred dollars and jetsam"),
                            words(3, 0.6, "december fourth")),
                        PhraseHints.amounts())
                    .words()))
        .isEqualTo("two hundred dollars and jetsam december fourth");
    // Not when the open recognizer heard nothing: the grammar's guess over a cough is no answer.
    assertThat(
            GrammarRecognizer.choose(words(0, 0.4, "oh"), List.of(), PhraseHints.digits())
                .fromHints())
        .isFalse();
    // Not at a yes/no question: an unsure "no" is the whole answer and nothing checks it.
    assertThat(
            GrammarRecognizer.choose(
                    words(0, 0.55, "no"), words(0, 0.5, "who is this"), PhraseHints.yesNo())
                .fromHints())
        .isFalse();
    assertThat(
            GrammarRecognizer.choose(
                    words(0, 0.55, "two"), words(0, 0.5, "who is this"), PhraseHints.digits())
                .fromHints())
        .as("the same at a digits question takes the digit, to be checked")
        .isTrue();
    // Not when the open words are surer, nor when the grammar heard something outside it.
    assertThat(
            GrammarRecognizer.choose(
                    words(0, 0.4, "two six"), words(0, 0.9, "who is this"), PhraseHints.digits())
                .fromHints())
        .isFalse();
    assertThat(
            GrammarRecognizer.choose(
                    concat(words(0, 0.5, "two six"), words(1, 0.9, "[unk]")),
                    words(0, 0.3, "to sex in"),
                    PhraseHints.digits())
                .fromHints())
        .isFalse();
  }
}
