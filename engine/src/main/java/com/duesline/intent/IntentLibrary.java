package com.duesline.intent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The intent files, read and checked: {@code catalogue.yaml} (intents and languages) and per
 * language {@code <lang>/examples/<intent>.txt} (one utterance a line, indexed), {@code
 * <lang>/heldout.tsv} (never indexed, for accuracy), {@code <lang>/synonyms.txt} (Solr format) and
 * {@code <lang>/stopwords.txt}.
 */
public final class IntentLibrary {
  static final String CATALOGUE = "catalogue.yaml";

  /**
   * Per language, the number of the held-out file that is still fresh (never evaluated before the
   * round that wrote it ends); languages not named use {@code heldout-5.tsv}.
   */
  private static final Map<String, Integer> FRESH_ROUND = Map.of("en", 6, "zh", 5);

  private final LibrarySource source;
  private final List<IntentDefinition> intents;
  private final List<String> languages;
  private final Map<String, LanguageData> data = new HashMap<>();

  /** One language's indexed examples and analysis word lists. */
  public record LanguageData(
      String lang,
      List<IntentExample> examples,
      Optional<String> synonyms,
      String synonymsSource,
      Set<String> stopwords) {}

  private IntentLibrary(
      LibrarySource source, List<IntentDefinition> intents, List<String> languages) {
    this.source = source;
    this.intents = List.copyOf(intents);
    this.languages = List.copyOf(languages);
  }

  /** Reads the catalogue and every language's examples; all problems are reported at once. */
  public static IntentLibrary load(LibrarySource source) {
    String text =
        source
            .read(CATALOGUE)
            .orElseThrow(
                () -> new IntentLibraryException(source.describe(CATALOGUE) + ": not found"));
    IntentLibrary library = parseCatalogue(source, text);
    List<String> problems = new ArrayList<>();
    for (String lang : library.languages) {
      try {
        library.data.put(lang, library.readLanguage(lang));
      } catch (IntentLibraryException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) throw new IntentLibraryException(problems);
    return library;
  }

  /** The catalogue in file order. */
  public List<IntentDefinition> intents() {
    return intents;
  }

  /** Intent names in catalogue order. */
  public List<String> intentNames() {
    return intents.stream().map(IntentDefinition::name).toList();
  }

  /** Languages the library has examples for. */
  public List<String> languages() {
    return languages;
  }

  /** A language's indexed data. */
  public LanguageData language(String lang) {
    LanguageData d = data.get(lang);
    if (d == null)
      throw new IllegalArgumentException(
          "no intent examples for language '" + lang + "' (have " + languages + ")");
    return d;
  }

  /**
   * The first held-out file of a language ({@code heldout.tsv}: not indexed, but tuned on in the
   * past), or an empty list.
   */
  public List<LabelledUtterance> heldOut(String lang) {
    return heldOut(lang, "heldout.tsv");
  }

  /**
   * The held-out files of a language that were written before tuning and never tuned on, but
   * evaluated and looked at, so no longer fresh: {@code heldout-2.tsv} (issue 13, first round) up
   * to the file before the language's fresh one (en: to {@code heldout-5.tsv}, zh: to {@code
   * heldout-4.tsv}), in that order; empty when there are none.
   */
  public List<LabelledUtterance> seenHeldOut(String lang) {
    List<LabelledUtterance> out = new ArrayList<>();
    for (int n = 2; n < freshRound(lang); n++) out.addAll(heldOut(lang, "heldout-" + n + ".tsv"));
    return List.copyOf(out);
  }

  /**
   * The fresh held-out file of a language, written and committed before the changes of the round
   * that evaluates it, never indexed, never tuned on (en: {@code heldout-6.tsv}, sixth round; zh
   * and any other language: {@code heldout-5.tsv}, fifth round), or an empty list.
   */
  public List<LabelledUtterance> freshHeldOut(String lang) {
    return heldOut(lang, "heldout-" + freshRound(lang) + ".tsv");
  }

  /**
   * The number of a language's fresh held-out file. A file stops being fresh once it has been
   * evaluated and its misses read; rounds of work can differ per language, so this is per language.
   */
  private static int freshRound(String lang) {
    return FRESH_ROUND.getOrDefault(lang, 5);
  }

  private List<LabelledUtterance> heldOut(String lang, String file) {
    String path = lang + "/" + file;
    return source
        .read(path)
        .map(t -> LabelledFile.parse(t, source.describe(path), Set.copyOf(intentNames())))
        .orElse(List.of());
  }

  @SuppressWarnings("unchecked")
  private static IntentLibrary parseCatalogue(LibrarySource source, String text) {
    String where = source.describe(CATALOGUE);
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      throw new IntentLibraryException(
          where + ": not valid YAML: " + e.getMessage().replace('\n', ' '));
    }
    if (!(root instanceof Map<?, ?> map))
      throw new IntentLibraryException(
          where + ": expected a mapping with 'languages' and 'intents'");
    List<String> problems = new ArrayList<>();
    List<String> languages = new ArrayList<>();
    if (map.get("languages") instanceof List<?> langs && !langs.isEmpty()) {
      for (Object l : langs) languages.add(String.valueOf(l));
    } else {
      problems.add(where + ": 'languages' must be a non-empty list such as [en, zh]");
    }
    List<IntentDefinition> intents = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    if (map.get("intents") instanceof List<?> list && !list.isEmpty()) {
      for (int i = 0; i < list.size(); i++) {
        String at = where + ": intents[" + i + "]";
        if (!(list.get(i) instanceof Map<?, ?> entry)) {
          problems.add(at + ": expected a mapping with name, description, always-heard");
          continue;
        }
        Object name = entry.get("name");
        if (!(name instanceof String n) || !n.matches("[a-z][a-z_]*")) {
          problems.add(at + ": 'name' must be lowercase letters and underscores, got " + name);
          continue;
        }
        if (!seen.add(n)) problems.add(at + ": intent '" + n + "' is listed twice");
        Object always =
            entry.containsKey("always-heard") ? entry.get("always-heard") : Boolean.FALSE;
        if (!(always instanceof Boolean))
          problems.add(at + ": 'always-heard' must be true or false, got " + always);
        Object min = entry.containsKey("min-score") ? entry.get("min-score") : 0.0;
        if (!(min instanceof Number mn) || mn.doubleValue() < 0 || mn.doubleValue() > 1) {
          problems.add(at + ": 'min-score' must be a number within 0..1, got " + min);
          min = 0.0;
        }
        Object ends = entry.containsKey("ends-contact") ? entry.get("ends-contact") : Boolean.FALSE;
        if (!(ends instanceof Boolean))
          problems.add(at + ": 'ends-contact' must be true or false, got " + ends);
        intents.add(
            new IntentDefinition(
                n,
                entry.get("description") == null ? "" : String.valueOf(entry.get("description")),
                Boolean.TRUE.equals(always),
                ((Number) min).doubleValue(),
                Boolean.TRUE.equals(ends)));
      }
    } else {
      problems.add(where + ": 'intents' must be a non-empty list");
    }
    if (!seen.contains(IntentClassifier.OUT_OF_SCOPE))
      problems.add(where + ": the catalogue must include '" + IntentClassifier.OUT_OF_SCOPE + "'");
    if (!problems.isEmpty()) throw new IntentLibraryException(problems);
    return new IntentLibrary(source, intents, languages);
  }

  private LanguageData readLanguage(String lang) {
    List<String> problems = new ArrayList<>();
    List<IntentExample> examples = new ArrayList<>();
    Map<String, IntentExample> byText = new LinkedHashMap<>();
    for (IntentDefinition def : intents) {
      String path = lang + "/examples/" + def.name() + ".txt";
      Optional<String> content = source.read(path);
      if (content.isEmpty()) {
        problems.add(
            source.describe(path)
                + ": missing (every catalogue intent needs examples in every language)");
        continue;
      }
      String[] lines = content.get().split("\r?\n", -1);
      for (int i = 0; i < lines.length; i++) {
        String line = lines[i].strip();
        if (line.isEmpty() || line.startsWith("#")) continue;
        String where = source.describe(path) + ":" + (i + 1);
        if (line.indexOf('\t') >= 0) {
          problems.add(where + ": an example is one utterance per line, without tabs");
          continue;
        }
        IntentExample ex = new IntentExample(def.name(), line, where);
        IntentExample before = byText.putIfAbsent(line.toLowerCase(Locale.ROOT), ex);
        if (before != null) {
          problems.add(
              where
                  + ": '"
                  + line
                  + "' is already an example at "
                  + before.source()
                  + (before.intent().equals(def.name())
                      ? ""
                      : " (intent " + before.intent() + ")"));
          continue;
        }
        examples.add(ex);
      }
    }
    Set<String> stopwords = new LinkedHashSet<>();
    String stopPath = lang + "/stopwords.txt";
    source
        .read(stopPath)
        .ifPresent(
            t -> {
              for (String line : t.split("\r?\n")) {
                String w = line.strip();
                if (!w.isEmpty() && !w.startsWith("#")) stopwords.add(w.toLowerCase(Locale.ROOT));
              }
            });
    if (!problems.isEmpty()) throw new IntentLibraryException(problems);
    String synPath = lang + "/synonyms.txt";
    return new LanguageData(
        lang, examples, source.read(synPath), source.describe(synPath), stopwords);
  }
}
