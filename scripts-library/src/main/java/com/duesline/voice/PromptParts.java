package com.duesline.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt's wording cut where its variables are: the fixed stretches are recorded once each, the
 * variables are read from word clips at call time. "您的物业费{amount_due}已于{due_date}到期。" is the clip
 * "您的物业费", the amount, the clip "已于", the date, the clip "到期。".
 */
public final class PromptParts {
  private static final Pattern VARIABLE = Pattern.compile("\\{([a-z_][a-z0-9_]*)}");

  /** One piece of a prompt. */
  public sealed interface Part {}

  /** Fixed wording: one recorded clip (or a short pause when it is only punctuation). */
  public record Say(String text) implements Part {
    /** Punctuation and spaces alone are a pause, not a recording. */
    public boolean isPause() {
      return text.codePoints().noneMatch(Character::isLetterOrDigit);
    }
  }

  /** A variable, read by its kind at call time. */
  public record Slot(String variable) implements Part {}

  /** The parts of a prompt template, in order; empty fixed stretches are left out. */
  public static List<Part> of(String template) {
    List<Part> parts = new ArrayList<>();
    Matcher m = VARIABLE.matcher(template);
    int at = 0;
    while (m.find()) {
      addSay(parts, template.substring(at, m.start()));
      parts.add(new Slot(m.group(1)));
      at = m.end();
    }
    addSay(parts, template.substring(at));
    return parts;
  }

  /** The fixed stretches of a template that need a recording. */
  public static List<String> recorded(String template) {
    return of(template).stream()
        .filter(p -> p instanceof Say s && !s.isPause())
        .map(p -> ((Say) p).text())
        .toList();
  }

  private static void addSay(List<Part> parts, String text) {
    String t = text.strip();
    if (!t.isEmpty()) parts.add(new Say(t));
  }

  private PromptParts() {}
}
