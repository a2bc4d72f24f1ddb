package com.duesline.scripts;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The names tracks may use (variables and their kinds, intents, disposition codes), from {@code
 * tracks/catalogue.yaml}.
 */
public record Catalogue(
    Map<String, VariableKind> variables,
    Set<String> debtVariables,
    List<String> intents,
    Map<String, String> dispositions,
    Map<String, List<String>> discouraged,
    Map<String, String> safeFallback) {
  /** How a variable's value is spoken. */
  public enum VariableKind {
    TEXT,
    MONEY,
    DATE,
    NUMBER
  }

  public Catalogue {
    variables = Map.copyOf(variables);
    debtVariables = Set.copyOf(debtVariables);
    intents = List.copyOf(intents);
    dispositions = Map.copyOf(dispositions);
    discouraged = Map.copyOf(discouraged);
    safeFallback = Map.copyOf(safeFallback);
  }

  /**
   * Intents a question must answer: all but out_of_scope, which is a no-match and gets the
   * reprompt.
   */
  public List<String> answerableIntents() {
    return intents.stream().filter(i -> !i.equals("out_of_scope")).collect(Collectors.toList());
  }

  public static Catalogue load(Path file) {
    String text;
    try {
      text = TrackLibrary.read(file); // bytes that are not UTF-8 refused at their line and column
    } catch (java.io.UncheckedIOException e) {
      throw new LibraryException(
          List.of(
              Problem.error(file.toString(), 1, 1, "cannot read: " + e.getCause().getMessage())));
    }
    return parse(file.toString(), text);
  }

  static Catalogue parse(String fileName, String text) {
    YamlSource src = new YamlSource(fileName);
    var root = src.parse(text);
    Map<String, VariableKind> vars = new LinkedHashMap<>();
    Set<String> debt = new java.util.LinkedHashSet<>();
    List<String> intents = new java.util.ArrayList<>();
    Map<String, String> dispositions = new LinkedHashMap<>();
    Map<String, List<String>> discouraged = new LinkedHashMap<>();
    Map<String, String> safe = new LinkedHashMap<>();
    if (root != null) {
      var top = src.map(root, "catalogue");
      src.map(top.get("variables"), "variables")
          .forEach(
              (name, spec) -> {
                var fields = src.map(spec, "variables." + name);
                String kind = src.str(fields.get("kind"), "variables." + name + ".kind");
                try {
                  vars.put(name, VariableKind.valueOf(kind == null ? "TEXT" : kind.toUpperCase()));
                } catch (IllegalArgumentException e) {
                  src.error(
                      fields.get("kind"),
                      "variables."
                          + name
                          + ".kind must be text, money, date or number, not '"
                          + kind
                          + "'");
                }
                if (src.bool(fields.get("debt"), "variables." + name + ".debt", false))
                  debt.add(name);
              });
      for (var n : src.list(top.get("intents"), "intents")) {
        String s = src.str(n, "intents[]");
        if (s != null) intents.add(s);
      }
      dispositions.putAll(src.strMap(top.get("dispositions"), "dispositions"));
      safe.putAll(src.strMap(top.get("safe_fallback"), "safe_fallback"));
      src.map(top.get("discouraged"), "discouraged")
          .forEach(
              (lang, list) -> {
                List<String> phrases = new java.util.ArrayList<>();
                for (var n : src.list(list, "discouraged." + lang))
                  phrases.add(src.str(n, "discouraged." + lang + "[]"));
                discouraged.put(lang, phrases);
              });
    }
    if (!src.problems.isEmpty()) throw new LibraryException(src.problems);
    return new Catalogue(vars, debt, intents, dispositions, discouraged, safe);
  }
}
