package com.duesline.intent;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code text<TAB>gold[,gold...]} files: the held-out sets and anything given to {@code
 * intents eval}.
 */
public final class LabelledFile {
  private LabelledFile() {}

  /**
   * Parses {@code content}; blank lines and lines starting with {@code #} are skipped. Every bad
   * line is reported (name:line, what is wrong) and nothing is returned unless all lines are good.
   */
  public static List<LabelledUtterance> parse(String content, String name, Set<String> catalogue) {
    List<LabelledUtterance> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    String[] lines = content.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String where = name + ":" + (i + 1);
      if (line.isBlank() || line.stripLeading().startsWith("#")) continue;
      int tab = line.lastIndexOf('\t');
      if (tab < 0) {
        problems.add(where + ": expected text<TAB>intent, found no tab");
        continue;
      }
      String text = line.substring(0, tab).strip();
      if (text.isEmpty()) problems.add(where + ": the text (column 1) is empty");
      Set<String> gold = new LinkedHashSet<>();
      for (String g : line.substring(tab + 1).split(",")) {
        String intent = g.strip();
        if (intent.isEmpty()) continue;
        if (!catalogue.contains(intent)) {
          problems.add(
              where + ": column 2 names '" + intent + "', which is not in the intent catalogue");
        }
        gold.add(intent);
      }
      if (gold.isEmpty()) problems.add(where + ": the gold intent (column 2) is empty");
      if (problems.isEmpty()) out.add(new LabelledUtterance(text, gold, where));
    }
    if (!problems.isEmpty()) throw new IntentLibraryException(problems);
    return out;
  }
}
