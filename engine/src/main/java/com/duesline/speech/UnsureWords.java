package com.duesline.speech;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which entities of an utterance were heard unsure: an amount or a date is carried by number,
 * currency, weekday, month and relative-day words, and if any of those came back below the
 * confidence bar, the value built from them may be wrong ("fifteen" for "fifty"). The conversation
 * reads such values back instead of recording them as a promise.
 */
public final class UnsureWords {
  /** Words that carry an amount. */
  private static final Set<String> AMOUNT =
      Set.of(
          "zero",
          "oh",
          "one",
          "two",
          "three",
          "four",
          "five",
          "six",
          "seven",
          "eight",
          "nine",
          "ten",
          "eleven",
          "twelve",
          "thirteen",
          "fourteen",
          "fifteen",
          "sixteen",
          "seventeen",
          "eighteen",
          "nineteen",
          "twenty",
          "thirty",
          "forty",
          "fifty",
          "sixty",
          "seventy",
          "eighty",
          "ninety",
          "hundred",
          "thousand",
          "dollars",
          "dollar",
          "cents",
          "half");

  /** Words that carry a date (numbers also do: "the fifteenth", "march twenty"). */
  private static final Set<String> DATE =
      Set.of(
          "monday",
          "tuesday",
          "wednesday",
          "thursday",
          "friday",
          "saturday",
          "sunday",
          "january",
          "february",
          "march",
          "april",
          "may",
          "june",
          "july",
          "august",
          "september",
          "october",
          "november",
          "december",
          "first",
          "second",
          "third",
          "fourth",
          "fifth",
          "sixth",
          "seventh",
          "eighth",
          "ninth",
          "tenth",
          "eleventh",
          "twelfth",
          "thirteenth",
          "fourteenth",
          "fifteenth",
          "sixteenth",
          "seventeenth",
          "eighteenth",
          "nineteenth",
          "twentieth",
          "thirtieth",
          "today",
          "tomorrow",
          "week",
          "month",
          "next");

  /** Numbers in a date: a day of the month said as a cardinal. */
  private static final Set<String> DAY_NUMBERS =
      Set.of(
          "one",
          "two",
          "three",
          "four",
          "five",
          "six",
          "seven",
          "eight",
          "nine",
          "ten",
          "eleven",
          "twelve",
          "thirteen",
          "fourteen",
          "fifteen",
          "sixteen",
          "seventeen",
          "eighteen",
          "nineteen",
          "twenty",
          "thirty");

  /**
   * The confidence below which a live call reads a value back: the grammar's own bar ({@link
   * PhraseHints#of}), so an answer the grammar took with confidence is never read back, and one the
   * open recognizer heard unsure is.
   */
  public static final double READ_BACK_BELOW = 0.6;

  private UnsureWords() {}

  /**
   * The confidence below which an amount or date word is read back: {@link #READ_BACK_BELOW}, or on
   * a line the clean-up judged noisy every one (there a wrong value often comes with a sure word:
   * in white noise at 15 dB, 8 of 86 amounts and dates were wrong with every word at 0.6 or more,
   * "sixth" heard "fifth" at 0.70-0.89; docs/speech.md).
   */
  public static double readBackBelow(boolean noisyLine) {
    return noisyLine ? Double.POSITIVE_INFINITY : READ_BACK_BELOW;
  }

  /**
   * {@code amount} and/or {@code date} when a word carrying it has confidence below {@code
   * minConfidence}.
   */
  public static Set<String> entities(List<RecognizedWord> words, double minConfidence) {
    Set<String> out = new LinkedHashSet<>();
    for (RecognizedWord w : words) {
      if (w.conf() >= minConfidence) continue;
      if (AMOUNT.contains(w.word())) out.add("amount");
      if (DATE.contains(w.word()) || DAY_NUMBERS.contains(w.word())) out.add("date");
    }
    return out;
  }
}
