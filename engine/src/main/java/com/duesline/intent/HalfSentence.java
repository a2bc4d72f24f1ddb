package com.duesline.intent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises a turn that means nothing yet: only hesitations and connectives ("uh", "well um", 嗯
 * 这个), or a sentence broken off on a word no complete sentence ends with ("i was wondering if",
 * "okay so um"). Such a turn is answered {@code out_of_scope} (the bot asks again) whatever its
 * nearest examples are: the sentence vector of "uh" lies next to "uh huh", so it used to come back
 * as {@code affirm}, which a talk track may take as consent. Precision matters more than recall
 * here (a complete answer must never be dropped), so the word lists are far narrower than {@code
 * call.Endpointing}'s, which only decides how long to wait.
 */
final class HalfSentence {
  /**
   * Pure hesitation sounds ("uh huh", "mm hmm" are yes and not in here: "huh" and "mm" are not
   * hesitations).
   */
  private static final Set<String> HESITATIONS =
      Set.of("um", "uh", "uhm", "er", "erm", "hmm", "hm", "ah", "eh");

  /** Words that carry no answer on their own. */
  private static final Set<String> CONNECTIVES = Set.of("so", "well", "like", "and", "but", "the");

  /**
   * Words a complete spoken sentence does not end with ("to", "for", "with", "about" do end
   * questions).
   */
  private static final Set<String> BROKEN_OFF =
      Set.of("the", "a", "an", "and", "but", "or", "if", "because", "my", "your", "our", "their");

  /**
   * A turn of more words than this, before its trailing hesitations, is never taken as broken off.
   */
  private static final int SHORT_TURN_WORDS = 6;

  /** Hesitation characters; 嗯 and 哦 are not among them: alone they are a yes or an "I see". */
  private static final String ZH_HESITATIONS = "呃额啊唔诶哎";

  /**
   * zh tokens that carry no answer on their own: connectives and the "this, that" of someone
   * searching for words.
   */
  private static final List<String> ZH_EMPTY =
      List.of("这个", "那个", "就是", "然后", "所以", "但是", "因为", "的话", "嗯", "哦");

  private HalfSentence() {}

  /** True when a cleaned utterance is only hesitation or breaks off before saying anything. */
  static boolean test(String cleaned, String lang) {
    return lang.equals("zh") ? chinese(cleaned) : english(cleaned);
  }

  private static boolean english(String cleaned) {
    List<String> words = new ArrayList<>();
    for (String w : cleaned.toLowerCase(Locale.ROOT).split("[^a-z']+"))
      if (!w.isEmpty()) words.add(w);
    if (words.isEmpty()) return false;
    if (words.stream().allMatch(w -> HESITATIONS.contains(w) || CONNECTIVES.contains(w)))
      return true;
    int end = words.size();
    while (end > 0 && HESITATIONS.contains(words.get(end - 1))) end--;
    // A longer turn that trails off has usually said its piece first ("that balance is wrong, I
    // want to see a
    // statement and", the tail garbled by the line): the classifier reads it. Only a short one is
    // broken off.
    if (end > SHORT_TURN_WORDS) return false;
    String last = words.get(end - 1); // end > 0: not every word is a hesitation (checked above)
    if (BROKEN_OFF.contains(last)) return true;
    // "okay so um", "and then like uh": a connective followed by a hesitation is a sentence
    // trailing off.
    return end < words.size() && CONNECTIVES.contains(last);
  }

  private static boolean chinese(String cleaned) {
    String rest = cleaned.replaceAll("\\s+", "");
    // 就是这个 / 就是那个: "that's the one", an answer.
    if (rest.isEmpty() || rest.endsWith("就是这个") || rest.endsWith("就是那个")) return false;
    boolean searching = false;
    outer:
    while (!rest.isEmpty()) {
      if (ZH_HESITATIONS.indexOf(rest.charAt(0)) >= 0) {
        rest = rest.substring(1);
        searching = true;
        continue;
      }
      for (String t : ZH_EMPTY) {
        if (rest.startsWith(t)) {
          rest = rest.substring(t.length());
          if (!t.equals("嗯") && !t.equals("哦")) searching = true;
          continue outer;
        }
      }
      return false;
    }
    return searching;
  }
}
