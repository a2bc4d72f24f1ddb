package com.duesline.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The shipped examples stay varied: no two examples (in any intents) are near-duplicates, and no
 * example is a near-duplicate of a fresh held-out line, so the held-out set measures phrasing the
 * index never saw. Near-duplicate: the same words once hesitations (um, er, hmm), apostrophes,
 * order and repetition are ignored (zh: the same characters once spaces, 嗯/呃 and punctuation are
 * dropped).
 */
class IntentExamplesTest {
  /** Pure hesitation sounds; "uh" stays a word ("uh huh" is a yes, "huh" a request to repeat). */
  private static final Set<String> FILLERS = Set.of("um", "er", "erm", "hmm");

  static String key(String lang, String text) {
    String t = text.toLowerCase(Locale.ROOT).replace("'", "").replace("\u2019", "");
    if (lang.equals("zh")) return t.replaceAll("[\\s嗯呃，。！？,.!?]", "");
    TreeSet<String> words = new TreeSet<>();
    for (String w : t.split("[^a-z0-9]+")) if (!w.isEmpty() && !FILLERS.contains(w)) words.add(w);
    return String.join(" ", words);
  }

  @Test
  void noTwoExamplesAreNearDuplicates() {
    IntentLibrary library = SharedClassifier.INSTANCE.library();
    List<String> problems = new ArrayList<>();
    for (String lang : library.languages()) {
      Map<String, IntentExample> seen = new HashMap<>();
      for (IntentExample ex : library.language(lang).examples()) {
        String k = key(lang, ex.text());
        if (k.isEmpty())
          continue; // all fillers ("嗯嗯"): the exact-duplicate check at load time covers these
        IntentExample before = seen.putIfAbsent(k, ex);
        if (before != null)
          problems.add(
              ex.source()
                  + " '"
                  + ex.text()
                  + "' ~ "
                  + before.source()
                  + " '"
                  + before.text()
                  + "'");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void noExampleIsANearDuplicateOfAFreshHeldOutLine() {
    IntentLibrary library = SharedClassifier.INSTANCE.library();
    List<String> problems = new ArrayList<>();
    for (String lang : library.languages()) {
      Map<String, IntentExample> keys = new HashMap<>();
      for (IntentExample ex : library.language(lang).examples())
        keys.putIfAbsent(key(lang, ex.text()), ex);
      List<LabelledUtterance> neverTunedOn = new ArrayList<>(library.seenHeldOut(lang));
      neverTunedOn.addAll(library.freshHeldOut(lang));
      for (LabelledUtterance u : neverTunedOn) {
        IntentExample ex = keys.get(key(lang, u.text()));
        if (ex != null)
          problems.add(
              u.source() + " '" + u.text() + "' ~ " + ex.source() + " '" + ex.text() + "'");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void nearDuplicateKeyIgnoresFillersOrderAndSpacing() {
    assertThat(key("en", "um yes that's correct")).isEqualTo(key("en", "correct yes thats"));
    assertThat(key("en", "i paid")).isNotEqualTo(key("en", "i didn't pay"));
    assertThat(key("zh", "嗯 能 分 期 吗")).isEqualTo(key("zh", "能分期吗"));
  }
}
