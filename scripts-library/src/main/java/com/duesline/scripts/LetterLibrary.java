package com.duesline.scripts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The letter templates of a library ({@code letters/<lang>/*.yaml}), the facts they may use ({@code
 * letters/fields.yaml}, with what each kind of letter must contain) and the pre-lien days per state
 * ({@code letters/pre-lien-days.yaml}), with every problem found as {@code file:line:column}:
 * unknown placeholders, block kinds or keys, missing required fields or blocks, a file whose name,
 * {@code template} or {@code lang} disagree, and letter templates the campaign catalogue names but
 * no language provides.
 */
public record LetterLibrary(
    Map<String, LetterTemplate> templates,
    Set<String> fields,
    Map<String, Integer> lienDays,
    List<Problem> problems) {
  /** {@code {name}} in letter text; names may be Chinese words as well as snake_case. */
  public static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}\\s]+)}");

  public LetterLibrary {
    templates = java.util.Collections.unmodifiableMap(new TreeMap<>(templates));
    fields = Set.copyOf(fields);
    lienDays = Map.copyOf(lienDays);
    problems = List.copyOf(problems);
  }

  /** The key templates are stored under: {@code id/lang}. */
  public static String key(String id, String lang) {
    return id + "/" + lang;
  }

  /**
   * The template in {@code lang}, else in another language that has it (en first); null when none
   * has it.
   */
  public LetterTemplate find(String id, String lang) {
    LetterTemplate t = templates.get(key(id, lang));
    if (t != null) return t;
    for (String other : TrackLibrary.LANGS)
      if ((t = templates.get(key(id, other))) != null) return t;
    return null;
  }

  /** Template ids there are, in any language. */
  public Set<String> ids() {
    Set<String> out = new java.util.TreeSet<>();
    templates.values().forEach(t -> out.add(t.id()));
    return out;
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR);
  }

  /** Loads and checks the letters under {@code root/letters}; never throws for bad content. */
  public static LetterLibrary load(Path root) {
    List<Problem> problems = new ArrayList<>();
    Path dir = root.resolve("letters");
    Path fieldsFile = dir.resolve("fields.yaml");
    Set<String> fields = new LinkedHashSet<>();
    Map<String, Set<String>[]> required = new LinkedHashMap<>();
    if (!Files.exists(fieldsFile)) {
      problems.add(
          Problem.error(
              TrackLibrary.display(root, fieldsFile),
              1,
              1,
              "letters/fields.yaml is missing: letter templates cannot be checked"));
    } else {
      readFields(
          TrackLibrary.display(root, fieldsFile),
          TrackLibrary.read(fieldsFile),
          fields,
          required,
          problems);
    }
    Map<String, Integer> lienDays = new TreeMap<>();
    Path lienFile = dir.resolve("pre-lien-days.yaml");
    if (Files.exists(lienFile))
      readLienDays(
          TrackLibrary.display(root, lienFile), TrackLibrary.read(lienFile), lienDays, problems);
    Map<String, LetterTemplate> templates = new LinkedHashMap<>();
    for (String lang : TrackLibrary.LANGS) {
      Path langDir = dir.resolve(lang);
      if (!Files.isDirectory(langDir)) continue;
      for (Path file : TrackLibrary.yamlFiles(langDir)) {
        String display = TrackLibrary.display(root, file);
        LetterTemplate t =
            parse(
                display,
                lang,
                file.getFileName().toString().replaceFirst("\\.ya?ml$", ""),
                TrackLibrary.read(file),
                problems);
        if (t == null) continue;
        check(t, fields, required.get(t.id()), problems);
        templates.put(key(t.id(), lang), t);
      }
    }
    catalogued(root, templates, problems);
    return new LetterLibrary(templates, fields, lienDays, problems);
  }

  @SuppressWarnings("unchecked")
  private static void readFields(
      String file,
      String text,
      Set<String> fields,
      Map<String, Set<String>[]> required,
      List<Problem> problems) {
    YamlSource src = new YamlSource(file);
    Node root = src.parse(text);
    if (root != null) {
      Map<String, Node> top = src.map(root, "fields file");
      src.onlyKeys(top, root, "fields file", Set.of("fields", "required"));
      fields.addAll(src.map(top.get("fields"), "fields").keySet());
      src.map(top.get("required"), "required")
          .forEach(
              (id, n) -> {
                Map<String, Node> r = src.map(n, "required." + id);
                src.onlyKeys(r, n, "required." + id, Set.of("fields", "blocks"));
                Set<String> f = new LinkedHashSet<>();
                for (Node x : src.list(r.get("fields"), "required." + id + ".fields")) {
                  String name = src.str(x, "required." + id + ".fields");
                  if (name == null) continue;
                  if (!fields.contains(name))
                    src.error(x, "required." + id + ": unknown field '" + name + "'");
                  f.add(name);
                }
                Set<String> b = new LinkedHashSet<>();
                for (Node x : src.list(r.get("blocks"), "required." + id + ".blocks")) {
                  String name = src.str(x, "required." + id + ".blocks");
                  if (name == null) continue;
                  if (kind(name) == null)
                    src.error(
                        x,
                        "required." + id + ": unknown block kind '" + name + "' (" + kinds() + ")");
                  b.add(name);
                }
                required.put(id, new Set[] {f, b});
              });
    }
    problems.addAll(src.problems);
  }

  private static void readLienDays(
      String file, String text, Map<String, Integer> out, List<Problem> problems) {
    YamlSource src = new YamlSource(file);
    Node root = src.parse(text);
    if (root != null) {
      Map<String, Node> top = src.map(root, "pre-lien days file");
      src.onlyKeys(top, root, "pre-lien days file", Set.of("days"));
      src.map(top.get("days"), "days")
          .forEach(
              (state, n) -> {
                if (!state.matches("[A-Z]{2}"))
                  src.error(n, "days: '" + state + "' is not a two-letter state code");
                int d = src.integer(n, "days." + state, -1);
                if (d < 1 || d > 365) src.error(n, "days." + state + ": must be between 1 and 365");
                else out.put(state, d);
              });
    }
    problems.addAll(src.problems);
  }

  static LetterTemplate.Kind kind(String name) {
    try {
      return LetterTemplate.Kind.valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String kinds() {
    return String.join(
        ", ",
        java.util.Arrays.stream(LetterTemplate.Kind.values())
            .map(k -> k.name().toLowerCase(Locale.ROOT))
            .toList());
  }

  /** Parses one template file; null (with problems) when it cannot be used at all. */
  static LetterTemplate parse(
      String file, String lang, String baseName, String text, List<Problem> problems) {
    YamlSource src = new YamlSource(file);
    Node root = src.parse(text);
    if (root == null) {
      problems.addAll(src.problems);
      return null;
    }
    Map<String, Node> top = src.map(root, "letter template");
    src.onlyKeys(top, root, "letter template", Set.of("template", "lang", "title", "body"));
    String id = src.str(top.get("template"), "template");
    String declared = src.str(top.get("lang"), "lang");
    String title = src.str(top.get("title"), "title");
    if (id == null) src.error(root, "letter template needs 'template' (its id)");
    else if (!id.equals(baseName))
      src.error(
          top.get("template"),
          "template is '" + id + "' but the file is " + baseName + ".yaml; they must match");
    if (declared == null) src.error(root, "letter template needs 'lang'");
    else if (!declared.equals(lang))
      src.error(
          top.get("lang"),
          "lang is '" + declared + "' but the file is under letters/" + lang + "/");
    if (title == null) src.error(root, "letter template needs a 'title'");
    List<LetterTemplate.Block> body = new ArrayList<>();
    if (top.get("body") == null)
      src.error(root, "letter template needs a 'body' (a list of blocks)");
    for (Node b : src.list(top.get("body"), "body")) {
      Map<String, Node> entry = src.map(b, "body block");
      if (entry.size() != 1) {
        src.error(b, "a body block is one 'kind: text' pair (" + kinds() + ")");
        continue;
      }
      var e = entry.entrySet().iterator().next();
      LetterTemplate.Kind k = kind(e.getKey());
      if (k == null) {
        src.error(
            YamlSource.keyNode(b, e.getKey()),
            "unknown block kind '" + e.getKey() + "' (" + kinds() + ")");
        continue;
      }
      String s = src.str(e.getValue(), "body." + e.getKey());
      if (s != null) body.add(new LetterTemplate.Block(k, s, YamlSource.line(e.getValue())));
    }
    problems.addAll(src.problems);
    if (id == null || title == null) return null;
    return new LetterTemplate(id, lang, file, title, YamlSource.line(top.get("title")), body);
  }

  private static void check(
      LetterTemplate t, Set<String> fields, Set<String>[] required, List<Problem> problems) {
    Set<String> used = new LinkedHashSet<>();
    Set<LetterTemplate.Kind> kinds = java.util.EnumSet.noneOf(LetterTemplate.Kind.class);
    placeholders(t.file(), t.titleLine(), t.title(), fields, used, problems);
    for (LetterTemplate.Block b : t.body()) {
      kinds.add(b.kind());
      placeholders(t.file(), b.line(), b.text(), fields, used, problems);
    }
    String where = "letter '" + t.id() + "' (" + t.lang() + ")";
    if (required == null) {
      problems.add(
          Problem.error(
              t.file(),
              1,
              1,
              where
                  + ": no 'required' entry for '"
                  + t.id()
                  + "' in letters/fields.yaml; say what this kind of letter must contain"));
      return;
    }
    for (String f : required[0])
      if (!used.contains(f))
        problems.add(Problem.error(t.file(), 1, 1, where + ": missing required field {" + f + "}"));
    for (String b : required[1])
      if (!kinds.contains(kind(b)))
        problems.add(Problem.error(t.file(), 1, 1, where + ": missing required block '" + b + "'"));
  }

  private static void placeholders(
      String file,
      int line,
      String text,
      Set<String> fields,
      Set<String> used,
      List<Problem> problems) {
    Matcher m = PLACEHOLDER.matcher(text);
    int found = 0;
    while (m.find()) {
      found++;
      if (fields.contains(m.group(1))) used.add(m.group(1));
      else
        problems.add(
            Problem.error(
                file,
                line,
                1,
                "unknown placeholder {" + m.group(1) + "} (see letters/fields.yaml)"));
    }
    if (text.chars().filter(c -> c == '{').count() != found) {
      problems.add(
          Problem.error(
              file,
              line,
              1,
              "a '{' or '}' that makes no placeholder; write placeholders as {name}"));
    }
  }

  /** Every letter template the campaigns' catalogue names must exist in some language. */
  private static void catalogued(
      Path root, Map<String, LetterTemplate> templates, List<Problem> problems) {
    Path catalog = root.resolve("campaigns").resolve("catalog.yaml");
    if (!Files.exists(catalog)) return;
    String file = TrackLibrary.display(root, catalog);
    YamlSource src = new YamlSource(file);
    Node r = src.parse(TrackLibrary.read(catalog));
    if (r == null) return;
    Set<String> have = new LinkedHashSet<>();
    templates.values().forEach(t -> have.add(t.id()));
    for (Node n : src.list(src.map(r, "catalog").get("letter-templates"), "letter-templates")) {
      String id = src.str(n, "letter-templates");
      if (id != null && !have.contains(id))
        src.error(
            n,
            "letter template '"
                + id
                + "' is in the catalogue but no letters/<lang>/"
                + id
                + ".yaml exists");
    }
    problems.addAll(
        src.problems.stream().filter(p -> p.message().startsWith("letter template")).toList());
  }
}
