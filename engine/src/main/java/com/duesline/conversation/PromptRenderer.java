package com.duesline.conversation;

import com.duesline.scripts.Catalogue;
import com.duesline.scripts.Catalogue.VariableKind;
import com.duesline.scripts.Linter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * Fills {@code {variables}} in a prompt, speaking each value the way its language says it: money as
 * "$1,250.00" / "1250.00元", dates as "December 4, 2026" / "2026年12月4日".
 */
public final class PromptRenderer {
  private static final DateTimeFormatter EN_DATE =
      DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US);
  private static final DateTimeFormatter ZH_DATE =
      DateTimeFormatter.ofPattern("yyyy年M月d日", Locale.CHINA);

  private final Catalogue catalogue;
  private final String lang;

  public PromptRenderer(Catalogue catalogue, String lang) {
    this.catalogue = catalogue;
    this.lang = lang;
  }

  /** The rendered text, or the names of variables that have no value (then nothing is rendered). */
  public record Rendered(String text, List<String> missing) {}

  public Rendered render(String template, Map<String, Object> values) {
    Matcher m = Linter.VARIABLE.matcher(template);
    StringBuilder sb = new StringBuilder();
    List<String> missing = new ArrayList<>();
    while (m.find()) {
      String name = m.group(1);
      Object value = values.get(name);
      String spoken = value == null ? null : format(name, value);
      if (spoken == null || spoken.isBlank()) {
        missing.add(name);
        m.appendReplacement(sb, "");
      } else {
        m.appendReplacement(sb, Matcher.quoteReplacement(spoken));
      }
    }
    m.appendTail(sb);
    return new Rendered(missing.isEmpty() ? sb.toString() : null, missing);
  }

  /** One value as spoken, by the variable's kind in the catalogue. */
  public String format(String name, Object value) {
    VariableKind kind = catalogue.variables().getOrDefault(name, VariableKind.TEXT);
    return switch (kind) {
      case MONEY -> money(value);
      case DATE -> date(value);
      case NUMBER, TEXT -> String.valueOf(value);
    };
  }

  private String money(Object value) {
    BigDecimal amount =
        value instanceof BigDecimal b ? b : new BigDecimal(String.valueOf(value).trim());
    amount = amount.setScale(2, RoundingMode.HALF_UP);
    if (lang.equals("zh")) return amount.toPlainString() + "元";
    NumberFormat f = NumberFormat.getCurrencyInstance(Locale.US);
    return f.format(amount);
  }

  private String date(Object value) {
    LocalDate d =
        value instanceof LocalDate ld ? ld : LocalDate.parse(String.valueOf(value).trim());
    return (lang.equals("zh") ? ZH_DATE : EN_DATE).format(d);
  }
}
