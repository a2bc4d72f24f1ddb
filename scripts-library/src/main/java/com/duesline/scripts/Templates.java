package com.duesline.scripts;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Message templates of one kind (SMS or voicemail) in one language: id → text with {@code
 * {variables}}. Loaded from {@code sms/<lang>.yaml} or {@code voicemail/<lang>.yaml}.
 */
public record Templates(
    String kind, String lang, String file, Map<String, String> texts, Map<String, Integer> lines) {
  public Templates {
    texts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(texts));
    lines = Map.copyOf(lines);
  }

  public String text(String id) {
    String text = texts.get(id);
    if (text == null)
      throw new IllegalArgumentException(kind + " template '" + id + "' not found for " + lang);
    return text;
  }

  static Templates parse(
      String kind, String lang, String fileName, String text, java.util.List<Problem> problems) {
    YamlSource src = new YamlSource(fileName);
    var root = src.parse(text);
    Map<String, String> texts = new LinkedHashMap<>();
    Map<String, Integer> lines = new LinkedHashMap<>();
    if (root != null) {
      var top = src.map(root, kind + " file");
      src.onlyKeys(top, root, kind + " file", java.util.Set.of("lang", "templates"));
      src.map(top.get("templates"), "templates")
          .forEach(
              (id, n) -> {
                String t = src.str(n, "templates." + id);
                if (t != null) {
                  texts.put(id, t);
                  lines.put(id, YamlSource.line(n));
                }
              });
    }
    problems.addAll(src.problems);
    return new Templates(kind, lang, fileName, texts, lines);
  }
}
