package com.duesline.speech;

import java.util.List;

/**
 * Short answers the conversation expects next ("yes", "no", digits, the debtor's name), used as a
 * Vosk grammar to bias recognition. If the constrained result is unusable (nothing, an
 * out-of-grammar "[unk]", or word confidence below {@code minConfidence}) the utterance is decoded
 * again without the grammar, so an unexpected answer is still heard.
 */
public record PhraseHints(List<String> phrases, double minConfidence) {
  public PhraseHints {
    phrases =
        phrases.stream()
            .map(p -> p.trim().toLowerCase(java.util.Locale.ROOT))
            .filter(p -> !p.isEmpty())
            .toList();
    if (phrases.isEmpty())
      throw new IllegalArgumentException("phrase hints need at least one phrase");
  }

  /** Hints from phrases with the default confidence bar (0.6). */
  public static PhraseHints of(String... phrases) {
    return new PhraseHints(List.of(phrases), 0.6);
  }

  /** Yes/no answers and their common variants. */
  public static PhraseHints yesNo() {
    return of(
        "yes",
        "no",
        "yeah",
        "yep",
        "nope",
        "sure",
        "okay",
        "right",
        "that's right",
        "not now",
        "i don't know");
  }

  /** Single spoken digits, for account numbers and DTMF-like answers. */
  public static PhraseHints digits() {
    return of("zero", "oh", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine");
  }

  private static final List<String> NUMBERS =
      List.of(
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
          "thousand");
  private static final List<String> WEEKDAYS =
      List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
  private static final List<String> MONTHS =
      List.of(
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
          "december");
  private static final List<String> ORDINALS =
      List.of(
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
          "twenty",
          "thirty");

  /** What callers wrap a number or a day in ("I can pay ... on ..."). */
  private static final List<String> CARRIERS =
      List.of("i can pay", "i will pay", "i'll pay", "on", "by", "the", "of", "and", "a");

  private static final List<String> RELATIVE_DAYS =
      List.of("today", "tomorrow", "next week", "next month", "end of the month");

  @SafeVarargs
  private static PhraseHints union(List<String>... lists) {
    java.util.LinkedHashSet<String> all = new java.util.LinkedHashSet<>();
    for (List<String> l : lists) all.addAll(l);
    return new PhraseHints(List.copyOf(all), 0.6);
  }

  /** Amounts of money ("two hundred fifty dollars"), possibly with the day they will be paid. */
  public static PhraseHints amounts() {
    return union(
        NUMBERS,
        List.of("dollars", "dollar", "cents", "and", "a", "half"),
        CARRIERS,
        WEEKDAYS,
        RELATIVE_DAYS);
  }

  /** Dates: weekdays, "march fifteenth", "the first of the month", "tomorrow". */
  public static PhraseHints dates() {
    return union(
        WEEKDAYS, MONTHS, ORDINALS, RELATIVE_DAYS, CARRIERS, List.of("month", "this", "next"));
  }

  /** Days of the week alone. */
  public static PhraseHints weekdays() {
    return union(WEEKDAYS, List.of("on", "next", "this"));
  }

  /** Month names alone. */
  public static PhraseHints months() {
    return union(MONTHS, List.of("in", "next", "this"));
  }

  /** Plan lengths: "three months", "six", "over a year". */
  public static PhraseHints planLengths() {
    return union(
        NUMBERS,
        List.of("month", "months", "a year", "year", "over", "in", "installments", "payments"));
  }

  /**
   * Every word of every answer grammar above: what a short answer (yes/no, digits, amounts, dates,
   * plan lengths) is made of.
   */
  public static java.util.Set<String> answerWords() {
    return ANSWER_WORDS;
  }

  /**
   * The words of the answer grammars that carry an answer rather than being one ("i can pay", "on",
   * "dollars", "months").
   */
  public static java.util.Set<String> linkingWords() {
    return LINKING_WORDS;
  }

  private static final java.util.Set<String> LINKING_WORDS =
      java.util.stream.Stream.concat(
              CARRIERS.stream().flatMap(p -> java.util.Arrays.stream(p.split(" "))),
              java.util.stream.Stream.of(
                  "in",
                  "this",
                  "next",
                  "over",
                  "month",
                  "months",
                  "year",
                  "dollars",
                  "dollar",
                  "cents",
                  "half",
                  "installments",
                  "payments"))
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  private static final java.util.Set<String> ANSWER_WORDS =
      java.util.stream.Stream.of(
              yesNo(), digits(), amounts(), dates(), weekdays(), months(), planLengths())
          .flatMap(h -> h.phrases().stream())
          .flatMap(p -> java.util.Arrays.stream(p.split(" ")))
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /**
   * The hints for a question kind of {@code library/tracks/question-kinds.yaml} (identity, unit,
   * amount_due, payment_date, plan_length), or null where the answer is open speech and a grammar
   * would only cost CPU.
   */
  public static PhraseHints forQuestionKind(String kind) {
    return switch (kind) {
      case "identity" -> yesNo();
      case "unit" -> digits();
      case "amount_due" -> amounts();
      case "payment_date" -> dates();
      case "plan_length" -> planLengths();
      default -> null;
    };
  }

  /**
   * Whether the answers are values (numbers, digits, days, months, dates) that the conversation
   * reads back or checks before it acts on them, rather than words that are the answer themselves
   * ("yes", "no").
   */
  public boolean carriesValues() {
    return words().stream().anyMatch(VALUE_WORDS::contains);
  }

  private static final java.util.Set<String> VALUE_WORDS =
      java.util.stream.Stream.of(NUMBERS, WEEKDAYS, MONTHS, ORDINALS, RELATIVE_DAYS)
          .flatMap(List::stream)
          .flatMap(p -> java.util.Arrays.stream(p.split(" ")))
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /** Every single word of the phrases ("i can pay" gives "i", "can", "pay"). */
  public java.util.Set<String> words() {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (String p : phrases) out.addAll(List.of(p.split("\\s+")));
    return out;
  }

  /**
   * The Vosk grammar JSON: the phrases plus "[unk]" so out-of-grammar speech is marked, not forced.
   */
  public String grammarJson() {
    StringBuilder sb = new StringBuilder("[");
    for (String p : phrases) sb.append('"').append(p.replace("\"", "")).append("\",");
    return sb.append("\"[unk]\"]").toString();
  }
}
