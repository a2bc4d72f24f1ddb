package com.duesline.intent;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether an English utterance speaks of the future ("i'll", "going to", "tomorrow") or of the past
 * ("already", "sent", "last week"), as two numbers the ridge read-out sees beside the sentence
 * vector. The sentence encoder barely separates "i'll put a check in the mail" from "i put a check
 * in the mail", yet one is a promise and the other says it is paid; the read-out learns from the
 * examples how much each cue means for each intent. Other languages get no cues.
 */
final class TenseCues {
  /**
   * Size of the cues relative to the unit sentence vector (whose components are ~0.05): large
   * enough that the ridge penalty lets the read-out use them (0.5 and 1 tie in cross-validation).
   */
  static final float WEIGHT = 0.5f;

  private static final Pattern FUTURE =
      Pattern.compile(
          "\\b(\\w+'ll|ill|will|wont|won't|shall|gonna|going to|tomorrow|tonight|next|later|soon|let me"
              + "|when i get|once i get|after payday|by the end)\\b");
  private static final Pattern PAST =
      Pattern.compile(
          "\\b(already|ago|yesterday|last|was|were|been|had|did|paid|sent|mailed|posted|wired"
              + "|transferred|made|went|took|gave|cleared|settled|deducted|debited|cashed|came|left)\\b");

  private TenseCues() {}

  /** The number of cues of a language (0: none). */
  static int size(String lang) {
    return lang.equals("en") ? 2 : 0;
  }

  /** The cues of a cleaned utterance: [future, past], each 0 or {@link #WEIGHT}. */
  static float[] of(String lang, String cleaned) {
    if (size(lang) == 0) return new float[0];
    String t = cleaned.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
    return new float[] {FUTURE.matcher(t).find() ? WEIGHT : 0, PAST.matcher(t).find() ? WEIGHT : 0};
  }

  /** The sentence vector followed by the utterance's cues: what the ridge read-out reads. */
  static float[] withCues(float[] vector, float[] cues) {
    if (cues.length == 0) return vector;
    float[] out = java.util.Arrays.copyOf(vector, vector.length + cues.length);
    System.arraycopy(cues, 0, out, vector.length, cues.length);
    return out;
  }
}
