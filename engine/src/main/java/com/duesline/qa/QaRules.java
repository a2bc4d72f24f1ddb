package com.duesline.qa;

import com.duesline.policy.DataProblems;
import com.duesline.policy.LocatedYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The QA rules as data: {@code library/qa/rules.yaml} (each rule's kind, severity and where it
 * applies, the pass mark and deductions) and one phrase file per language ({@code en.yaml}, {@code
 * zh.yaml}) with what each rule looks for. Every problem in the files is refused with its {@code
 * file:line:column}.
 */
public record QaRules(
    int passScore,
    Map<Severity, Integer> deductions,
    Map<String, Rule> rules,
    Map<String, Phrases> languages) {
  /** The resource folder of the shipped rules. */
  public static final String RESOURCE = "library/qa/";

  /**
   * The rules the checker knows how to apply (what each one means is code; how serious, and where,
   * is data).
   */
  public static final Set<String> KNOWN_RULES =
      Set.of(
          "ai_disclosure",
          "recording_notice",
          "identity_before_debt",
          "debt_collector_statement",
          "opt_out_honoured",
          "threat",
          "false_legal_claim",
          "third_party_disclosure",
          "public_shaming",
          "abusive_language",
          "pressing_after_attorney",
          "pressing_after_stop",
          "risk_attorney",
          "risk_bankruptcy",
          "risk_harassment",
          "risk_regulator");

  /** What our side's phrase lists are called. */
  public static final Set<String> OUR_MARKERS =
      Set.of(
          "ai_disclosure",
          "recording_notice",
          "identity_question",
          "unit_question",
          "verification_failed",
          "debt_mention",
          "payment_ask",
          "debt_collector_statement",
          "opt_out_ack",
          "threat",
          "false_legal_claim",
          "public_shaming",
          "abusive");

  /** What the caller's phrase lists are called. */
  public static final Set<String> CALLER_MARKERS =
      Set.of(
          "affirm",
          "not_party",
          "denial",
          "unit_answer",
          "stop_request",
          "attorney",
          "bankruptcy",
          "harassment",
          "regulator");

  /** Languages shipped with phrase files. */
  public static final List<String> SHIPPED_LANGUAGES = List.of("en", "zh");

  /** How serious a finding is. */
  public enum Severity {
    CRITICAL,
    MAJOR,
    MINOR;

    public String label() {
      return name().toLowerCase();
    }
  }

  /**
   * What kind of rule: something that must happen, must not happen, or words worth a person's look.
   */
  public enum Kind {
    REQUIRED,
    PROHIBITED,
    RISK
  }

  /**
   * One rule: its kind and severity, the jurisdictions it is limited to (empty = all), and for
   * whom.
   */
  public record Rule(
      String id,
      Kind kind,
      Severity severity,
      List<String> onlyIn,
      Set<String> speakers,
      String says) {
    /** Whether the rule applies in {@code jurisdiction} ("US" covers "US-CA"). */
    public boolean appliesIn(String jurisdiction) {
      if (onlyIn.isEmpty()) return true;
      String j = jurisdiction == null ? "" : jurisdiction.toUpperCase();
      for (String p : onlyIn) {
        if (j.equals(p) || j.startsWith(p + "-")) return true;
      }
      return false;
    }
  }

  /** One marker of a language: its patterns and the classifier intents that also count. */
  public record Marker(List<Pattern> patterns, Set<String> intents) {
    /** The first matching phrase of {@code text}, or null. */
    public String find(String text) {
      if (text == null) return null;
      for (Pattern p : patterns) {
        var m = p.matcher(text);
        if (m.find()) return m.group();
      }
      return null;
    }
  }

  /** A language's phrases: our side's markers and the caller's. */
  public record Phrases(String lang, Map<String, Marker> ours, Map<String, Marker> caller) {}

  /** The rules shipped in the jar. */
  public static QaRules bundled() {
    Map<String, LocatedYaml> langs = new LinkedHashMap<>();
    for (String lang : SHIPPED_LANGUAGES)
      langs.put(lang, LocatedYaml.resource(RESOURCE + lang + ".yaml"));
    return from(LocatedYaml.resource(RESOURCE + "rules.yaml"), langs);
  }

  /**
   * Rules from a folder holding {@code rules.yaml} and {@code <lang>.yaml} files (a library's
   * {@code qa/}).
   */
  public static QaRules load(Path dir) {
    Map<String, LocatedYaml> langs = new LinkedHashMap<>();
    try (var files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        String name = f.getFileName().toString();
        if (name.matches("[a-z]{2}\\.yaml")) langs.put(name.substring(0, 2), read(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return from(read(dir.resolve("rules.yaml")), langs);
  }

  private static LocatedYaml read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return LocatedYaml.parse(file.toString(), in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses the rules document and the phrase documents; all problems at once. */
  public static QaRules from(LocatedYaml doc, Map<String, LocatedYaml> languageDocs) {
    List<String> problems = new ArrayList<>();
    unknownFields(doc, Set.of("pass-score", "deductions", "rules"), problems);
    int pass = 70;
    LocatedYaml ps = doc.get("pass-score");
    if (ps != null) {
      try {
        pass = ps.integer();
        if (pass < 0 || pass > 100)
          problems.add(ps.where() + ": pass-score is between 0 and 100, got " + pass);
      } catch (DataProblems e) {
        problems.addAll(e.problems());
      }
    }
    Map<Severity, Integer> deductions = new EnumMap<>(Severity.class);
    LocatedYaml ded = doc.required("deductions");
    for (var e : ded.entries().entrySet()) {
      Severity s = severity(e.getKey(), e.getValue(), problems);
      if (s == null) continue;
      try {
        int d = e.getValue().integer();
        if (d < 0 || d > 100)
          problems.add(e.getValue().where() + ": a deduction is between 0 and 100, got " + d);
        deductions.put(s, d);
      } catch (DataProblems x) {
        problems.addAll(x.problems());
      }
    }
    for (Severity s : Severity.values()) {
      if (!deductions.containsKey(s))
        problems.add(ded.where() + ": missing deduction for '" + s.label() + "'");
    }
    Map<String, Rule> rules = new LinkedHashMap<>();
    for (var e : doc.required("rules").entries().entrySet()) {
      String id = e.getKey();
      LocatedYaml r = e.getValue();
      if (!KNOWN_RULES.contains(id)) {
        problems.add(
            r.where() + ": unknown rule '" + id + "' (known: " + sorted(KNOWN_RULES) + ")");
        continue;
      }
      Rule rule = rule(id, r, problems);
      if (rule != null) rules.put(id, rule);
    }
    Map<String, Phrases> languages = new LinkedHashMap<>();
    for (var e : languageDocs.entrySet()) {
      Phrases p = phrases(e.getKey(), e.getValue(), problems);
      if (p != null) languages.put(e.getKey(), p);
    }
    if (!problems.isEmpty()) throw new DataProblems(problems);
    return new QaRules(pass, Map.copyOf(deductions), Map.copyOf(rules), Map.copyOf(languages));
  }

  /** The phrases of {@code lang}; a clear error when no phrase file exists for it. */
  public Phrases phrases(String lang) {
    Phrases p = languages.get(lang);
    if (p == null)
      throw new IllegalArgumentException(
          "no QA phrases for language '" + lang + "' (have " + sorted(languages.keySet()) + ")");
    return p;
  }

  private static Rule rule(String id, LocatedYaml r, List<String> problems) {
    try {
      unknownFields(r, Set.of("kind", "severity", "only-in", "speakers", "says"), problems);
      LocatedYaml k = r.required("kind");
      Kind kind =
          switch (k.text()) {
            case "required" -> Kind.REQUIRED;
            case "prohibited" -> Kind.PROHIBITED;
            case "risk" -> Kind.RISK;
            default -> {
              problems.add(
                  k.where()
                      + ": rule '"
                      + id
                      + "': unknown kind '"
                      + k.text()
                      + "' (known: required, prohibited, risk)");
              yield null;
            }
          };
      LocatedYaml sv = r.required("severity");
      Severity severity = severity(sv.text(), sv, problems);
      List<String> onlyIn = new ArrayList<>();
      LocatedYaml oi = r.get("only-in");
      if (oi != null) for (LocatedYaml j : oi.items()) onlyIn.add(j.text().trim().toUpperCase());
      Set<String> speakers = new LinkedHashSet<>(List.of("bot", "agent"));
      LocatedYaml sp = r.get("speakers");
      if (sp != null) {
        speakers.clear();
        for (LocatedYaml s : sp.items()) {
          if (!Set.of("bot", "agent").contains(s.text()))
            problems.add(
                s.where()
                    + ": rule '"
                    + id
                    + "': unknown speaker '"
                    + s.text()
                    + "' (known: bot, agent)");
          speakers.add(s.text());
        }
      }
      String says = r.get("says") == null ? "" : r.get("says").text();
      if (kind == null || severity == null) return null;
      return new Rule(id, kind, severity, List.copyOf(onlyIn), Set.copyOf(speakers), says);
    } catch (DataProblems e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  private static Phrases phrases(String lang, LocatedYaml doc, List<String> problems) {
    try {
      unknownFields(doc, Set.of("lang", "ours", "caller"), problems);
      LocatedYaml l = doc.required("lang");
      if (!l.text().equals(lang))
        problems.add(
            l.where() + ": lang '" + l.text() + "' does not match the file name (" + lang + ")");
      Map<String, Marker> ours = markers(doc.required("ours"), OUR_MARKERS, false, problems);
      Map<String, Marker> caller = markers(doc.required("caller"), CALLER_MARKERS, true, problems);
      return new Phrases(lang, ours, caller);
    } catch (DataProblems e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  private static Map<String, Marker> markers(
      LocatedYaml section, Set<String> known, boolean withIntents, List<String> problems) {
    Map<String, Marker> out = new LinkedHashMap<>();
    for (var e : section.entries().entrySet()) {
      if (!known.contains(e.getKey())) {
        problems.add(
            e.getValue().where()
                + ": unknown marker '"
                + e.getKey()
                + "' (known: "
                + sorted(known)
                + ")");
        continue;
      }
      List<LocatedYaml> patternNodes;
      Set<String> intents = Set.of();
      if (withIntents) {
        unknownFields(e.getValue(), Set.of("patterns", "intents"), problems);
        LocatedYaml pn = e.getValue().get("patterns");
        patternNodes = pn == null ? List.of() : pn.items();
        LocatedYaml in = e.getValue().get("intents");
        if (in != null) intents = Set.copyOf(in.items().stream().map(LocatedYaml::text).toList());
      } else {
        patternNodes = e.getValue().items();
      }
      List<Pattern> patterns = new ArrayList<>();
      for (LocatedYaml p : patternNodes) {
        try {
          patterns.add(
              Pattern.compile(
                  p.text(),
                  Pattern.CASE_INSENSITIVE
                      | Pattern.UNICODE_CASE
                      | Pattern.UNICODE_CHARACTER_CLASS));
        } catch (PatternSyntaxException x) {
          problems.add(
              p.where()
                  + ": marker '"
                  + e.getKey()
                  + "': not a valid pattern: "
                  + x.getDescription());
        }
      }
      if (patterns.isEmpty() && intents.isEmpty())
        problems.add(e.getValue().where() + ": marker '" + e.getKey() + "' has no patterns");
      out.put(e.getKey(), new Marker(List.copyOf(patterns), intents));
    }
    for (String k : sorted(known)) {
      if (!out.containsKey(k)) problems.add(section.where() + ": missing marker '" + k + "'");
    }
    return Map.copyOf(out);
  }

  private static Severity severity(String text, LocatedYaml where, List<String> problems) {
    for (Severity s : Severity.values()) if (s.label().equals(text)) return s;
    problems.add(
        where.where() + ": unknown severity '" + text + "' (known: critical, major, minor)");
    return null;
  }

  private static void unknownFields(LocatedYaml map, Set<String> known, List<String> problems) {
    for (var e : map.entries().entrySet()) {
      if (!known.contains(e.getKey()))
        problems.add(
            e.getValue().where()
                + ": unknown field '"
                + e.getKey()
                + "' (known: "
                + sorted(known)
                + ")");
    }
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }
}
