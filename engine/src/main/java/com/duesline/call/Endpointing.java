package com.duesline.call;

import com.duesline.config.DueslineConfig;
import com.duesline.intent.IntentClassifier;
import com.duesline.intent.IntentMatch;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How long to wait, after the caller's voice stops, before the answer is taken as complete: judged
 * from the words so far (the recognizer's partial, and what they mean) against the question asked.
 *
 * <ul>
 *   <li><b>long</b> ({@code long-ms}): the sentence is unfinished (a trailing "and", "but", "um",
 *       "on", "is", "next" ...), or the number is (fewer digits than the question verifies, "two
 *       hundred and ...");
 *   <li><b>short</b> ({@code short-ms}): a yes/no at a yes/no question, the digits the question
 *       verifies all there, the expected entity there (a date or amount for a promise), or a
 *       confident intent that needs no entity;
 *   <li>at the caller's hello, any words that do not trail off are <b>short</b>, rising or not, and
 *       so is a voice not yet named;
 *   <li>otherwise <b>default</b> ({@code default-ms}), a promise still without its amount or date
 *       among them (the track asks for it next), and an acknowledgment alone ("okay", "alright", "I
 *       see"), which most often prefaces the answer.
 * </ul>
 *
 * Short and default waits grow to {@code pause-factor} × the caller's own mid-answer pauses (a slow
 * speaker is not cut off), never beyond the long wait. A short wait becomes the default one when
 * the pitch rose into the pause by {@code rise-semitones} or more (a comma's continuation rise; 0:
 * prosody not used).
 */
public final class Endpointing {
  /** The timings, from {@code calls.endpointing.*}. */
  public record Settings(
      int shortMs,
      int defaultMs,
      int longMs,
      double pauseFactor,
      int guessAfterMs,
      int bargeInMinMs,
      int continuationMs,
      double riseSemitones) {
    public Settings {
      if (shortMs <= 0 || defaultMs < shortMs || longMs < defaultMs) {
        throw new IllegalArgumentException(
            "calls.endpointing: need 0 < short-ms <= default-ms <= long-ms, got "
                + shortMs
                + ", "
                + defaultMs
                + ", "
                + longMs);
      }
      if (pauseFactor < 1)
        throw new IllegalArgumentException(
            "calls.endpointing.pause-factor must be at least 1, got " + pauseFactor);
      if (guessAfterMs < 0 || bargeInMinMs < 0 || continuationMs < 0 || riseSemitones < 0) {
        throw new IllegalArgumentException(
            "calls.endpointing: guess-after-ms, barge-in-min-ms, continuation-ms and rise-semitones must not be negative");
      }
    }

    /** Reads {@code calls.endpointing.*}. */
    public static Settings from(DueslineConfig config) {
      return new Settings(
          config.getInt("calls.endpointing.short-ms"),
          config.getInt("calls.endpointing.default-ms"),
          config.getInt("calls.endpointing.long-ms"),
          config.getDouble("calls.endpointing.pause-factor"),
          config.getInt("calls.endpointing.guess-after-ms"),
          config.getInt("calls.endpointing.barge-in-min-ms"),
          config.getInt("calls.endpointing.continuation-ms"),
          config.getDouble("calls.endpointing.rise-semitones"));
    }
  }

  /**
   * What the open question expects: its kind, whether yes/no is all it takes, how many digits it
   * verifies (0: none).
   */
  public record Question(String kind, boolean yesNo, int digits) {
    /** No question open (free matching). */
    public static final Question NONE = new Question("", false, 0);

    /**
     * The caller's hello, before the bot has said anything: whatever words it has ("hello?",
     * "yeah", "well") complete it.
     */
    public static final Question GREETING = new Question("greeting", false, 0);
  }

  /** Words after which a sentence goes on. */
  private static final Set<String> UNFINISHED =
      Set.of(
          "and",
          "but",
          "or",
          "so",
          "because",
          "cause",
          "um",
          "uh",
          "er",
          "erm",
          "hmm",
          "if",
          "on",
          "to",
          "the",
          "a",
          "an",
          "of",
          "my",
          "for",
          "at",
          "by",
          "with",
          "is",
          "was",
          "be",
          "i",
          "i'm",
          "we",
          "it's",
          "like",
          "then",
          "about",
          "around",
          "until",
          "next",
          "till",
          "maybe",
          "probably",
          "can",
          "will",
          "could",
          "would",
          "pay",
          "it",
          // "as": also how the recognizer often hears a fast "is" ("my unit as ...").
          "as");

  /**
   * Words a number's lead-in ends on before its digits ("my unit", "the apartment number"): the
   * digits are still to come.
   */
  private static final Set<String> NUMBER_LEAD_IN =
      Set.of("unit", "number", "apartment", "flat", "suite", "account", "unit's");

  private static final Set<String> YES_NO =
      Set.of(
          "yes",
          "yeah",
          "yep",
          "yup",
          "no",
          "nope",
          "nah",
          "correct",
          "speaking",
          "right",
          "sure",
          "okay",
          "ok");

  /**
   * Words that acknowledge what the bot said without answering what it asked ("okay", "alright",
   * "fine", "I see", "okay I understand"); at least one of them makes the answer an acknowledgment.
   * Not {@code TurnTakingStage.LISTENING_SOUNDS}: those are what a listener says over a statement,
   * "yes" and "uh huh" among them, while "yes" at a question is an answer.
   */
  private static final Set<String> ACKNOWLEDGING =
      Set.of(
          "okay", "ok", "alright", "all", "fine", "well", "understand", "understood", "see", "got");

  /** Words that may stand beside an acknowledgment without making it an answer ("all right"). */
  private static final Set<String> ACKNOWLEDGMENT_FILLERS =
      Set.of("i", "it", "right", "then", "oh");

  /** At most this many words make an answer that a confident intent alone completes. */
  private static final int SHORT_ANSWER_WORDS = 3;

  /** Intents whose answer is the entity they carry: without it the answer is not complete. */
  private static final Map<String, Set<String>> NEEDS_ENTITY =
      Map.of(
          "promise_to_pay", Set.of("amount", "date"),
          "request_installments", Set.of("installments", "amount", "date"),
          "request_callback", Set.of("date", "time"));

  private final Settings settings;

  public Endpointing(Settings settings) {
    this.settings = settings;
  }

  public Settings settings() {
    return settings;
  }

  /** Which wait applies. */
  public enum Wait {
    SHORT,
    DEFAULT,
    LONG
  }

  /**
   * The wait for an answer whose words so far are {@code partial}, meaning {@code guess} (null
   * while not yet classified), at {@code question}, with no grammar decoding beside the open
   * recognizer.
   */
  public Wait judge(String partial, IntentMatch guess, Question question) {
    return judge(partial, "", guess, question);
  }

  /**
   * The wait, also given {@code constrained}: the words so far of the grammar decoding the same
   * audio ("" when none runs). At a question verifying a number the digits are counted in either,
   * whichever holds more: the digits grammar settles the last digit as it ends, while the open
   * recognizer's partial often brings it 250-600 ms later, or as "for" or "to".
   */
  public Wait judge(String partial, String constrained, IntentMatch guess, Question question) {
    String[] words = words(partial);
    // Voice but no words yet: at a number question the digits grammar hears nothing of "my unit
    // is...", so wait. At the hello it is the hello all the same: Vosk's partial often names a lone
    // "hello?" only well into the silence after it (6-9 of 14 hellos in a `bench calls` run were
    // taken 330-630 ms after the word, against a short wait of 250).
    if (words.length == 0 || words[0].isEmpty()) {
      if (question == Question.GREETING) return Wait.SHORT;
      return question.digits() > 0 ? Wait.LONG : Wait.DEFAULT;
    }
    String last = words[words.length - 1];
    boolean unfinished = UNFINISHED.contains(last);
    if (question == Question.GREETING) return unfinished ? Wait.DEFAULT : Wait.SHORT;
    if (question.digits() > 0) {
      // A number being read out: complete with all its digits; "my unit is", "[unk]" or half the
      // digits wait. Another answer ("I want a person") is short, unless it trails off: a lead-in
      // to the digits means something to the classifier too.
      int digits = Math.max(digits(words), digits(words(constrained)));
      if (digits >= question.digits()) return Wait.SHORT;
      boolean otherAnswer =
          digits == 0
              && !unfinished
              && !NUMBER_LEAD_IN.contains(last)
              && guess != null
              && !Set.of(IntentClassifier.OUT_OF_SCOPE, "affirm", "deny").contains(guess.intent());
      return otherAnswer ? Wait.SHORT : Wait.LONG;
    }
    if (unfinished) return Wait.LONG;
    if (last.equals("hundred") || last.equals("thousand") || last.equals("point")) {
      // "two hundred" may be all, or "two hundred and fifty" may follow: an amount with its date is
      // complete.
      if (guess == null || !guess.entities().containsKey("date")) return Wait.DEFAULT;
    }
    // An acknowledgment alone most often prefaces the answer ("okay, | I will pay it on friday",
    // "okay I understand, | I'll pay it next week"; taken at the short wait, the rest was cut) and
    // is no clear yes to "could you settle it this week?". "yes", "sure" or "right" alone is one.
    if (onlyAcknowledges(words)) return Wait.DEFAULT;
    if (question.yesNo() && words.length <= 3 && YES_NO.contains(words[0])) return Wait.SHORT;
    if (guess == null || guess.intent().equals(IntentClassifier.OUT_OF_SCOPE)) return Wait.DEFAULT;
    Set<String> needed = NEEDS_ENTITY.get(guess.intent());
    // A clause that already means something is often only the first of two ("oh right, I forgot
    // about that, | I can pay ..."; "the service is bad, | the elevator has been broken ..."):
    // short when it is a short answer, otherwise the default wait, so a comma's pause does not cut
    // the sentence.
    if (needed == null) return words.length <= SHORT_ANSWER_WORDS ? Wait.SHORT : Wait.DEFAULT;
    for (String e : needed) if (guess.entities().containsKey(e)) return Wait.SHORT;
    // A promise without its amount or date that does not trail off ("I can pay" does, above) is a
    // whole sentence ("can I pay in instalments?", "okay, I'll pay soon"): the track asks for what
    // is missing next, so it waits the default, not the long wait for a sentence going on.
    return Wait.DEFAULT;
  }

  /**
   * The wait once the voice's pitch before the pause is known: a continuation rise makes a short
   * wait the default one. Not at the hello: a rising "hello?" is the answerer asking who is there,
   * and the bot's opening is the answer.
   */
  public Wait withProsody(Wait wait, com.duesline.speech.PitchContour contour, Question question) {
    boolean rising =
        question != Question.GREETING
            && settings.riseSemitones() > 0
            && contour != null
            && contour.shape() == com.duesline.speech.PitchContour.Shape.RISING;
    return rising && wait == Wait.SHORT ? Wait.DEFAULT : wait;
  }

  /**
   * The wait in ms, grown to the caller's own pauses ({@code callerPauseMs}, 0 when none seen yet).
   */
  public int waitMs(Wait wait, double callerPauseMs) {
    int base =
        switch (wait) {
          case SHORT -> settings.shortMs();
          case DEFAULT -> settings.defaultMs();
          case LONG -> settings.longMs();
        };
    if (wait == Wait.LONG) return base;
    return (int)
        Math.min(settings.longMs(), Math.max(base, callerPauseMs * settings.pauseFactor()));
  }

  private static boolean onlyAcknowledges(String[] words) {
    boolean acknowledges = false;
    for (String word : words) {
      if (ACKNOWLEDGING.contains(word)) acknowledges = true;
      else if (!ACKNOWLEDGMENT_FILLERS.contains(word)) return false;
    }
    return acknowledges;
  }

  private static String[] words(String text) {
    return text == null ? new String[0] : text.toLowerCase(Locale.ROOT).trim().split("\\s+");
  }

  /** The digits the words give as verification reads them ("twenty one oh": 3, not 4). */
  private static int digits(String[] words) {
    return com.duesline.conversation.Conversation.digitsIn(String.join(" ", words)).length();
  }
}
