package com.duesline.scripts;

import com.duesline.voice.ClipCoverage;
import com.duesline.voice.VoiceClips;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a loaded library the way a reviewer would: references resolve, every question answers
 * every intent, nothing about the debt is said before disclosure and right-party verification, no
 * node is unreachable or a dead end, wording stays positive, and en/zh tracks stay in step.
 */
public final class Linter {
  /** {@code {name}} in prompt text. */
  public static final Pattern VARIABLE = Pattern.compile("\\{([a-z_][a-z0-9_]*)}");

  private static final Set<String> ENTITY_KEYS = Set.of("date", "amount", "installments", "yes_no");

  private final TrackLibrary library;
  private final Catalogue cat;
  private final List<Problem> out = new ArrayList<>();

  private Linter(TrackLibrary library) {
    this.library = library;
    this.cat = library.catalogue();
  }

  /** Parse problems plus every lint finding, errors first, then by file and line. */
  public static List<Problem> lint(TrackLibrary library) {
    Linter l = new Linter(library);
    l.out.addAll(library.problems());
    for (Track t : library.tracks().values()) l.out.addAll(lintTrack(library.catalogue(), t));
    l.inStep();
    l.templates();
    // Letters are checked like tracks: placeholders, required facts and blocks, file:line.
    if (library.root() != null
        && java.nio.file.Files.isDirectory(library.root().resolve("letters"))) {
      l.out.addAll(LetterLibrary.load(library.root()).problems());
    }
    l.voices();
    return sorted(dedupe(l.out));
  }

  /** The findings for one track alone (used to refuse a bad hot reload). */
  public static List<Problem> lintTrack(Catalogue cat, Track t) {
    Linter l = new Linter(new TrackLibrary(null, cat, Map.of(), Map.of(), List.of()));
    l.track(t);
    return l.out;
  }

  static List<Problem> sorted(List<Problem> problems) {
    List<Problem> s = new ArrayList<>(problems);
    s.sort(
        Comparator.comparing(Problem::severity)
            .thenComparing(Problem::file)
            .thenComparingInt(Problem::line)
            .thenComparing(Problem::message));
    return s;
  }

  private static List<Problem> dedupe(List<Problem> problems) {
    return new ArrayList<>(new LinkedHashSet<>(problems));
  }

  private void err(Node n, String msg) {
    out.add(Problem.error(n.file(), n.line(), 1, msg));
  }

  private void warn(Node n, int line, String msg) {
    out.add(Problem.warning(n.file(), line, 1, msg));
  }

  private void track(Track t) {
    String where = "track " + t.id() + "/" + t.lang();
    if (!t.nodes().containsKey(t.start()))
      out.add(
          Problem.error(t.file(), 1, 1, where + ": start node '" + t.start() + "' does not exist"));
    for (var h : t.handlers().entrySet()) {
      for (var e : h.getValue().entrySet()) {
        if (!cat.intents().contains(e.getKey()))
          out.add(
              Problem.error(
                  t.file(),
                  1,
                  1,
                  where
                      + ": handler set '"
                      + h.getKey()
                      + "' names unknown intent '"
                      + e.getKey()
                      + "'"));
        if (!isTarget(t, e.getValue()))
          out.add(
              Problem.error(
                  t.file(),
                  1,
                  1,
                  where
                      + ": handler set '"
                      + h.getKey()
                      + "' sends "
                      + e.getKey()
                      + " to unknown node '"
                      + e.getValue()
                      + "'"));
      }
    }
    for (var c : t.captureOn().entrySet()) {
      if (!cat.intents().contains(c.getKey()))
        out.add(
            Problem.error(
                t.file(), 1, 1, where + ": capture_on names unknown intent '" + c.getKey() + "'"));
      for (var e : c.getValue().entrySet()) {
        if (!ENTITY_KEYS.contains(e.getKey()))
          out.add(
              Problem.error(
                  t.file(),
                  1,
                  1,
                  where
                      + ": capture_on."
                      + c.getKey()
                      + " names unknown entity '"
                      + e.getKey()
                      + "'"));
        if (!cat.variables().containsKey(e.getValue()))
          out.add(
              Problem.error(
                  t.file(),
                  1,
                  1,
                  where
                      + ": capture_on."
                      + c.getKey()
                      + " stores into unknown variable '"
                      + e.getValue()
                      + "'"));
      }
    }
    for (Node n : t.nodes().values()) node(t, n);
    reachability(t);
    exposure(t);
  }

  private boolean isTarget(Track t, String target) {
    return target != null
        && (t.nodes().containsKey(target)
            || target.equals(Track.REPEAT)
            || target.equals(Track.RETURN));
  }

  private void node(Track t, Node n) {
    String where = "node '" + n.id() + "'";
    for (var e : edges(t, n).entrySet()) {
      if (!isTarget(t, e.getValue()))
        err(n, where + ": " + e.getKey() + " goes to unknown node '" + e.getValue() + "'");
    }
    if (n.type() == NodeType.ASK) {
      if (n.use() != null && !t.handlers().containsKey(n.use()))
        err(n, where + ": uses unknown handler set '" + n.use() + "'");
      Map<String, String> tr = t.transitions(n);
      for (String intent : n.on().keySet()) {
        if (!cat.intents().contains(intent)
            && !(n.verify() != null && Set.of("verified", "failed").contains(intent))) {
          err(n, where + ": unknown intent '" + intent + "' in 'on'");
        }
      }
      for (String intent : cat.answerableIntents()) {
        if (!tr.containsKey(intent))
          err(n, where + ": no answer for intent '" + intent + "' at this question");
      }
      if (n.verify() != null) {
        if (!cat.variables().containsKey(n.verify()))
          err(n, where + ": verify names unknown variable '" + n.verify() + "'");
        if (!n.on().containsKey("verified") || !n.on().containsKey("failed"))
          err(n, where + ": a verify question needs on.verified and on.failed");
      }
      for (var e : t.keysAt(n).entrySet()) {
        if (!e.getKey().matches("[0-9*]") && !Track.KEY_ENTRIES.containsKey(e.getKey())) {
          err(
              n,
              where
                  + ": key '"
                  + e.getKey()
                  + "' is neither one key (0-9, *) nor a keypad entry ("
                  + String.join(", ", new java.util.TreeSet<>(Track.KEY_ENTRIES.keySet()))
                  + ")");
        }
        if (!cat.intents().contains(e.getValue()))
          err(n, where + ": key " + e.getKey() + " maps to unknown intent '" + e.getValue() + "'");
        else if (!tr.containsKey(e.getValue()))
          err(
              n,
              where
                  + ": key "
                  + e.getKey()
                  + " means '"
                  + e.getValue()
                  + "', which this question does not answer");
      }
      if (t.keysAt(n).isEmpty()) err(n, where + ": no keypad alternative (dtmf) for this question");
      for (String intent : n.phrases().keySet()) {
        if (!cat.intents().contains(intent))
          err(n, where + ": phrases for unknown intent '" + intent + "'");
      }
      if (n.maxReprompts() < 0 || n.maxReprompts() > 5)
        err(n, where + ": max_reprompts must be between 0 and 5");
    }
    for (var e : n.capture().entrySet()) {
      if (!ENTITY_KEYS.contains(e.getKey()))
        err(
            n,
            where
                + ": capture names unknown entity '"
                + e.getKey()
                + "' (known: "
                + String.join(", ", ENTITY_KEYS)
                + ")");
      if (!cat.variables().containsKey(e.getValue()))
        err(n, where + ": capture stores into unknown variable '" + e.getValue() + "'");
    }
    for (var e : n.set().entrySet()) {
      if (!cat.variables().containsKey(e.getKey()))
        err(n, where + ": set names unknown variable '" + e.getKey() + "'");
      variables(n, n.line(), e.getValue(), where + ".set");
    }
    for (Branch b : n.branches()) {
      if (!cat.variables().containsKey(b.variable()))
        err(n, where + ": branch tests unknown variable '" + b.variable() + "'");
    }
    if (n.outcome().disposition() != null
        && !cat.dispositions().containsKey(n.outcome().disposition())) {
      err(
          n,
          where + ": unknown disposition '" + n.outcome().disposition() + "' (see catalogue.yaml)");
    }
    if ((n.type() == NodeType.END) && n.outcome().disposition() == null)
      err(n, where + ": an end node needs outcome.disposition");
    List<Prompt> prompts = new ArrayList<>(n.prompts());
    if (n.reprompt() != null) prompts.add(n.reprompt());
    for (Prompt p : prompts) {
      for (String text : p.texts()) {
        variables(n, p.line(), text, where);
        for (String bad : cat.discouraged().getOrDefault(t.lang(), List.of())) {
          if (text.toLowerCase(Locale.ROOT).contains(bad.toLowerCase(Locale.ROOT))) {
            warn(
                n,
                p.line(),
                where
                    + ": prompt '"
                    + p.id()
                    + "' says \""
                    + bad
                    + "\"; the playbooks advise positive wording");
          }
        }
      }
      if (p.fallback() != null) {
        Matcher m = VARIABLE.matcher(p.fallback());
        if (m.find())
          err(
              n,
              where
                  + ": the fallback sentence of '"
                  + p.id()
                  + "' uses {"
                  + m.group(1)
                  + "}; a fallback must not need variables");
      }
    }
  }

  private void variables(Node n, int line, String text, String where) {
    Matcher m = VARIABLE.matcher(text);
    while (m.find()) {
      if (!cat.variables().containsKey(m.group(1)))
        out.add(
            Problem.error(n.file(), line, 1, where + ": unknown variable {" + m.group(1) + "}"));
    }
  }

  /** Every edge out of a node, labelled by what takes it. */
  static Map<String, String> edges(Track t, Node n) {
    Map<String, String> e = new LinkedHashMap<>();
    if (n.next() != null) e.put("next", n.next());
    if (n.type() == NodeType.ASK) {
      t.transitions(n).forEach((intent, target) -> e.put("intent " + intent, target));
      if (n.fallback() != null) e.put("fallback", n.fallback());
    }
    // Branches are told apart by their order, not their line: en and zh files may differ in
    // comments and keys.
    for (int i = 0; i < n.branches().size(); i++) {
      Branch b = n.branches().get(i);
      e.put(
          "branch " + (i + 1) + " " + (b.present() ? "if " : "unless ") + b.variable(), b.target());
    }
    if (n.otherwise() != null) e.put("otherwise", n.otherwise());
    return e;
  }

  private void reachability(Track t) {
    if (!t.nodes().containsKey(t.start())) return;
    Set<String> seen = walk(t, t.start(), Set.of());
    for (Node n : t.nodes().values()) {
      // Shared nodes come from include files; a track need not use all of them.
      if (!seen.contains(n.id()) && n.file().equals(t.file()))
        err(n, "node '" + n.id() + "' is unreachable from start '" + t.start() + "'");
    }
    // Dead ends: reachable nodes from which no end or hand-off can be reached.
    Map<String, Boolean> canEnd = new HashMap<>();
    for (String id : seen) {
      if (!reachesEnd(t, id, canEnd, new LinkedHashSet<>()))
        err(t.node(id), "node '" + id + "' is a dead end: no path from it ends the call");
    }
  }

  private boolean reachesEnd(Track t, String id, Map<String, Boolean> memo, Set<String> path) {
    if (memo.containsKey(id)) return memo.get(id);
    Node n = t.nodes().get(id);
    if (n == null) return true;
    if (n.type() == NodeType.END || n.type() == NodeType.HANDOFF) return true;
    if (!path.add(id)) return false;
    boolean ok = false;
    for (String target : edges(t, n).values()) {
      // @repeat/@return go back to a question, whose own fallback is checked where it is defined.
      if (target.startsWith("@") || reachesEnd(t, target, memo, path)) {
        ok = true;
        break;
      }
    }
    path.remove(id);
    if (ok || path.isEmpty()) memo.put(id, ok);
    return ok;
  }

  private static Set<String> walk(Track t, String from, Set<String> stopAt) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(from));
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (!seen.add(id)) continue;
      Node n = t.nodes().get(id);
      if (n == null || stopAt.contains(id)) continue;
      for (String target : edges(t, n).values()) if (!target.startsWith("@")) todo.push(target);
    }
    return seen;
  }

  /** Debt detail must not be reachable before the disclosure and the right-party verification. */
  private void exposure(Track t) {
    if (!t.nodes().containsKey(t.start())) return;
    Set<String> verifying = new LinkedHashSet<>();
    Set<String> disclosing = new LinkedHashSet<>();
    t.nodes()
        .values()
        .forEach(
            n -> {
              if (n.verifies()) verifying.add(n.id());
              if (n.disclosure()) disclosing.add(n.id());
            });
    if (verifying.isEmpty())
      out.add(
          Problem.error(
              t.file(),
              1,
              1,
              "track "
                  + t.id()
                  + "/"
                  + t.lang()
                  + ": no node marks right-party verification (verifies: true)"));
    if (disclosing.isEmpty())
      out.add(
          Problem.error(
              t.file(),
              1,
              1,
              "track "
                  + t.id()
                  + "/"
                  + t.lang()
                  + ": no node gives the AI/recording disclosure (disclosure: true)"));
    Set<String> beforeVerify = walk(t, t.start(), verifying);
    Set<String> beforeDisclose = walk(t, t.start(), disclosing);
    for (Node n : t.nodes().values()) {
      String debtVar = debtVariable(n);
      if (debtVar == null) continue;
      if (beforeVerify.contains(n.id()) && !verifying.contains(n.id()))
        err(
            n,
            "node '"
                + n.id()
                + "' speaks {"
                + debtVar
                + "} but can be reached without right-party verification");
      if (beforeDisclose.contains(n.id()) && !disclosing.contains(n.id()))
        err(
            n,
            "node '"
                + n.id()
                + "' speaks {"
                + debtVar
                + "} but can be reached before the AI/recording disclosure");
    }
  }

  private String debtVariable(Node n) {
    List<String> texts = new ArrayList<>();
    n.prompts().forEach(p -> texts.addAll(p.texts()));
    if (n.reprompt() != null) texts.addAll(n.reprompt().texts());
    for (String text : texts) {
      Matcher m = VARIABLE.matcher(text);
      while (m.find()) if (cat.debtVariables().contains(m.group(1))) return m.group(1);
    }
    return null;
  }

  /**
   * Conversation tests must name tracks, nodes and intents that exist, so a rename does not
   * silently break them.
   */
  public static List<Problem> lintStories(TrackLibrary library, List<Story> stories) {
    List<Problem> out = new ArrayList<>();
    for (Story s : stories) {
      Track t = library.tracks().get(TrackLibrary.key(s.track(), s.lang()));
      if (t == null) {
        out.add(
            Problem.error(
                s.file(),
                s.line(),
                1,
                "story '" + s.name() + "': no track '" + s.track() + "' in " + s.lang()));
        continue;
      }
      for (Story.Step step : s.steps()) {
        if (step.node() != null && !t.nodes().containsKey(step.node())) {
          out.add(
              Problem.error(
                  s.file(),
                  step.line(),
                  1,
                  "story '"
                      + s.name()
                      + "': track "
                      + s.track()
                      + " has no node '"
                      + step.node()
                      + "'"));
        }
        if (step.intent() != null && !library.catalogue().intents().contains(step.intent())) {
          out.add(
              Problem.error(
                  s.file(),
                  step.line(),
                  1,
                  "story '" + s.name() + "': unknown intent '" + step.intent() + "'"));
        }
      }
    }
    return out;
  }

  /** en and zh versions of a track must have the same nodes, types and transitions. */
  private void inStep() {
    Map<String, Map<String, Track>> byId = new LinkedHashMap<>();
    library
        .tracks()
        .values()
        .forEach(t -> byId.computeIfAbsent(t.id(), k -> new LinkedHashMap<>()).put(t.lang(), t));
    for (var e : byId.entrySet()) {
      Track en = e.getValue().get("en");
      Track zh = e.getValue().get("zh");
      if (en == null || zh == null) {
        Track only = en != null ? en : zh;
        out.add(
            Problem.error(
                only.file(),
                1,
                1,
                "track '"
                    + e.getKey()
                    + "' exists only in "
                    + only.lang()
                    + "; every track needs en and zh"));
        continue;
      }
      if (!en.start().equals(zh.start()))
        out.add(
            Problem.error(
                zh.file(),
                1,
                1,
                "track '"
                    + e.getKey()
                    + "': start is '"
                    + zh.start()
                    + "' in zh but '"
                    + en.start()
                    + "' in en"));
      for (Node n : en.nodes().values()) {
        Node z = zh.nodes().get(n.id());
        if (z == null) {
          out.add(
              Problem.error(
                  zh.file(),
                  1,
                  1,
                  "track '"
                      + e.getKey()
                      + "': node '"
                      + n.id()
                      + "' is in en ("
                      + n.file()
                      + ":"
                      + n.line()
                      + ") but not in zh"));
          continue;
        }
        if (n.type() != z.type())
          err(z, "node '" + n.id() + "' is " + z.type() + " in zh but " + n.type() + " in en");
        else if (!edges(en, n).equals(edges(zh, z)))
          err(
              z,
              "node '"
                  + n.id()
                  + "' has transitions "
                  + edges(zh, z)
                  + " in zh but "
                  + edges(en, n)
                  + " in en");
        if (!n.outcome().equals(z.outcome()))
          err(z, "node '" + n.id() + "' records a different outcome in zh than in en");
      }
      for (Node z : zh.nodes().values()) {
        if (!en.nodes().containsKey(z.id()))
          err(z, "track '" + e.getKey() + "': node '" + z.id() + "' is in zh but not in en");
      }
    }
  }

  /**
   * Recorded voices ({@code voices/<voice>/<lang>/}): a warning for each wording no clip covers yet
   * and for each reading word missing, so a half-recorded voice is visible but does not stop the
   * tracks.
   */
  private void voices() {
    if (library.root() == null) return;
    for (VoiceClips v : VoiceClips.under(library.root().resolve(VoiceClips.DIR))) {
      if (!LANGS_WITH_READINGS.contains(v.lang())) {
        out.add(
            Problem.error(
                VoiceClips.DIR + "/" + v.voice() + "/" + v.lang(),
                1,
                1,
                "recorded voice '"
                    + v.voice()
                    + "': no reading rules for language '"
                    + v.lang()
                    + "' (have "
                    + String.join(", ", LANGS_WITH_READINGS)
                    + ")"));
        continue;
      }
      for (var line : ClipCoverage.missing(library, v)) {
        out.add(
            Problem.warning(
                line.file(),
                line.line(),
                1,
                "recorded voice '"
                    + v.voice()
                    + "/"
                    + v.lang()
                    + "' has no clip for "
                    + line.node()
                    + "."
                    + line.promptId()
                    + (line.variant() == null ? "" : " variant " + line.variant())
                    + " ("
                    + line.kind()
                    + "): "
                    + String.join(" | ", line.missing())));
      }
      List<String> words = ClipCoverage.missingWords(v);
      if (!words.isEmpty())
        out.add(
            Problem.warning(
                VoiceClips.DIR + "/" + v.voice() + "/" + v.lang() + "/words",
                1,
                1,
                "recorded voice '"
                    + v.voice()
                    + "/"
                    + v.lang()
                    + "' cannot read amounts, dates and numbers without clips for: "
                    + String.join(" ", words)));
    }
  }

  private static final List<String> LANGS_WITH_READINGS = List.of("en", "zh");

  private void templates() {
    for (Templates t : library.templates().values()) {
      for (var e : t.texts().entrySet()) {
        int line = t.lines().getOrDefault(e.getKey(), 1);
        Matcher m = VARIABLE.matcher(e.getValue());
        while (m.find()) {
          String v = m.group(1);
          if (!cat.variables().containsKey(v))
            out.add(
                Problem.error(
                    t.file(),
                    line,
                    1,
                    t.kind() + " '" + e.getKey() + "': unknown variable {" + v + "}"));
          else if (t.kind().equals("voicemail") && cat.debtVariables().contains(v)) {
            out.add(
                Problem.error(
                    t.file(),
                    line,
                    1,
                    "voicemail '"
                        + e.getKey()
                        + "' says {"
                        + v
                        + "}: a voicemail may be heard by anyone and must not carry debt detail"));
          }
        }
      }
    }
    for (String kind : List.of("sms", "voicemail")) {
      Templates en = library.templates().get(kind + "/en");
      Templates zh = library.templates().get(kind + "/zh");
      if (en == null || zh == null) continue;
      for (String id : en.texts().keySet())
        if (!zh.texts().containsKey(id))
          out.add(Problem.error(zh.file(), 1, 1, kind + " '" + id + "' is in en but not in zh"));
      for (String id : zh.texts().keySet())
        if (!en.texts().containsKey(id))
          out.add(Problem.error(en.file(), 1, 1, kind + " '" + id + "' is in zh but not in en"));
    }
  }
}
