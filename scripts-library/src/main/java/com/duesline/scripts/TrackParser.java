package com.duesline.scripts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Turns track YAML into {@link Track}s. A track file may {@code include} shared files of the same
 * language (nodes, handler sets and default keys); its own entries win. Structural problems (bad
 * YAML, unknown keys, missing fields, wrong types) are reported with file:line:column.
 */
public final class TrackParser {
  private static final Set<String> FILE_KEYS =
      Set.of(
          "track",
          "lang",
          "include",
          "start",
          "handlers",
          "keys",
          "capture_on",
          "nodes",
          "description");
  private static final Set<String> NODE_KEYS =
      Set.of(
          "type",
          "say",
          "next",
          "on",
          "use",
          "dtmf",
          "phrases",
          "capture",
          "reprompt",
          "max_reprompts",
          "fallback",
          "verify",
          "set",
          "outcome",
          "branch",
          "otherwise",
          "disclosure",
          "verifies",
          "note");
  private static final Set<String> PROMPT_KEYS =
      Set.of("id", "text", "variants", "interruptible", "fallback");
  private static final Set<String> OUTCOME_KEYS =
      Set.of("disposition", "promise", "plan", "opt_out", "hold", "handoff", "complaint");
  static final int DEFAULT_MAX_REPROMPTS = 2;

  /** A parsed file before includes are merged. */
  record Part(
      String file,
      String text,
      String track,
      String lang,
      List<String> include,
      String start,
      Map<String, Map<String, String>> handlers,
      Map<String, String> keys,
      Map<String, Map<String, String>> captureOn,
      Map<String, com.duesline.scripts.Node> nodes,
      int line) {}

  /** Parses one file; problems go to {@code problems}. Returns null when the file is unusable. */
  public static Part parseFile(String fileName, String text, List<Problem> problems) {
    YamlSource src = new YamlSource(fileName);
    Node root = src.parse(text);
    Part part = null;
    if (root != null) part = part(src, root, text);
    problems.addAll(src.problems);
    return src.problems.isEmpty() ? part : null;
  }

  private static Part part(YamlSource src, Node root, String text) {
    Map<String, Node> top = src.map(root, "track file");
    src.onlyKeys(top, root, "track file", FILE_KEYS);
    String track = src.str(top.get("track"), "track");
    String lang = src.str(top.get("lang"), "lang");
    if (lang == null) src.error(root, "track file: 'lang' is required (en or zh)");
    List<String> include = new ArrayList<>();
    for (Node n : src.list(top.get("include"), "include")) {
      String s = src.str(n, "include[]");
      if (s != null) include.add(s);
    }
    String start = src.str(top.get("start"), "start");
    if (track != null && start == null)
      src.error(root, "track '" + track + "': 'start' is required");
    Map<String, Map<String, String>> handlers = new LinkedHashMap<>();
    src.map(top.get("handlers"), "handlers")
        .forEach((name, n) -> handlers.put(name, src.strMap(n, "handlers." + name)));
    Map<String, String> keys = src.strMap(top.get("keys"), "keys");
    Map<String, Map<String, String>> captureOn = new LinkedHashMap<>();
    src.map(top.get("capture_on"), "capture_on")
        .forEach((intent, n) -> captureOn.put(intent, src.strMap(n, "capture_on." + intent)));
    Map<String, com.duesline.scripts.Node> nodes = new LinkedHashMap<>();
    src.map(top.get("nodes"), "nodes")
        .forEach(
            (id, n) -> {
              var node = node(src, id, n);
              if (node != null) nodes.put(id, node);
            });
    return new Part(
        src.file,
        text,
        track,
        lang,
        include,
        start,
        handlers,
        keys,
        captureOn,
        nodes,
        YamlSource.line(root));
  }

  private static com.duesline.scripts.Node node(YamlSource src, String id, Node n) {
    String where = "node '" + id + "'";
    Map<String, Node> f = src.map(n, where);
    src.onlyKeys(f, n, where, NODE_KEYS);
    String typeName = src.str(f.get("type"), where + ".type");
    NodeType type;
    if (typeName == null) {
      src.error(n, where + ": 'type' is required (say, ask, branch, set, handoff, end)");
      return null;
    }
    try {
      type = NodeType.valueOf(typeName.toUpperCase());
    } catch (IllegalArgumentException e) {
      src.error(
          f.get("type"),
          where + ": type must be say, ask, branch, set, handoff or end, not '" + typeName + "'");
      return null;
    }
    List<Prompt> prompts = new ArrayList<>();
    Node say = f.get("say");
    if (say instanceof org.yaml.snakeyaml.nodes.SequenceNode seq) {
      int i = 0;
      for (Node p : seq.getValue())
        prompts.add(prompt(src, id + (i++ == 0 ? "" : "#" + i), p, where));
    } else if (say != null) {
      prompts.add(prompt(src, id, say, where));
    }
    Map<String, List<String>> phrases = new LinkedHashMap<>();
    src.map(f.get("phrases"), where + ".phrases")
        .forEach(
            (intent, list) -> {
              List<String> ps = new ArrayList<>();
              for (Node p : src.list(list, where + ".phrases." + intent))
                ps.add(src.str(p, where + ".phrases." + intent + "[]"));
              phrases.put(intent, ps);
            });
    Prompt reprompt =
        f.containsKey("reprompt")
            ? prompt(src, id + ".reprompt", f.get("reprompt"), where + ".reprompt")
            : null;
    List<Branch> branches = new ArrayList<>();
    for (Node b : src.list(f.get("branch"), where + ".branch")) {
      Map<String, Node> bf = src.map(b, where + ".branch[]");
      src.onlyKeys(bf, b, where + ".branch[]", Set.of("if", "unless", "equals", "goto"));
      String ifVar = src.str(bf.get("if"), "if");
      String unless = src.str(bf.get("unless"), "unless");
      String target = src.str(bf.get("goto"), "goto");
      if ((ifVar == null) == (unless == null) || target == null) {
        src.error(b, where + ": each branch rule needs exactly one of 'if'/'unless' and a 'goto'");
        continue;
      }
      branches.add(
          new Branch(
              ifVar != null ? ifVar : unless,
              ifVar != null,
              src.str(bf.get("equals"), "equals"),
              target,
              YamlSource.line(b)));
    }
    OutcomeSpec outcome = OutcomeSpec.NONE;
    if (f.containsKey("outcome")) {
      Map<String, Node> o = src.map(f.get("outcome"), where + ".outcome");
      src.onlyKeys(o, f.get("outcome"), where + ".outcome", OUTCOME_KEYS);
      String hold = src.str(o.get("hold"), "hold");
      if (hold != null && !Set.of("dispute", "attorney", "bereavement").contains(hold)) {
        src.error(
            o.get("hold"),
            where + ".outcome.hold must be dispute, attorney or bereavement, not '" + hold + "'");
      }
      outcome =
          new OutcomeSpec(
              src.str(o.get("disposition"), "disposition"),
              src.bool(o.get("promise"), "promise", false),
              src.bool(o.get("plan"), "plan", false),
              o.containsKey("opt_out") ? src.bool(o.get("opt_out"), "opt_out", false) : null,
              hold,
              src.bool(o.get("handoff"), "handoff", false),
              src.bool(o.get("complaint"), "complaint", false));
    }
    var node =
        new com.duesline.scripts.Node(
            id,
            type,
            prompts,
            src.str(f.get("next"), where + ".next"),
            src.strMap(f.get("on"), where + ".on"),
            src.str(f.get("use"), where + ".use"),
            src.strMap(f.get("dtmf"), where + ".dtmf"),
            phrases,
            src.strMap(f.get("capture"), where + ".capture"),
            reprompt,
            src.integer(f.get("max_reprompts"), where + ".max_reprompts", DEFAULT_MAX_REPROMPTS),
            src.str(f.get("fallback"), where + ".fallback"),
            src.str(f.get("verify"), where + ".verify"),
            src.strMap(f.get("set"), where + ".set"),
            outcome,
            branches,
            src.str(f.get("otherwise"), where + ".otherwise"),
            src.bool(f.get("disclosure"), where + ".disclosure", false),
            src.bool(f.get("verifies"), where + ".verifies", false),
            src.file,
            YamlSource.line(n));
    requireFields(src, node, n, where);
    return node;
  }

  private static void requireFields(
      YamlSource src, com.duesline.scripts.Node node, Node at, String where) {
    switch (node.type()) {
      case SAY, SET -> {
        if (node.next() == null)
          src.error(at, where + ": a " + node.type().name().toLowerCase() + " node needs 'next'");
      }
      case ASK -> {
        if (node.prompts().isEmpty())
          src.error(at, where + ": an ask node needs 'say' (the question)");
        if (node.fallback() == null)
          src.error(
              at, where + ": an ask node needs 'fallback' (where to go after the last reprompt)");
      }
      case BRANCH -> {
        if (node.branches().isEmpty() || node.otherwise() == null)
          src.error(at, where + ": a branch node needs 'branch' rules and 'otherwise'");
      }
      case END, HANDOFF -> {
        if (node.next() != null)
          src.error(
              YamlSource.keyNode(at, "next"),
              where
                  + ": an "
                  + node.type().name().toLowerCase()
                  + " node ends the call and takes no 'next'");
      }
    }
    if (node.type() != NodeType.SAY
        && node.type() != NodeType.ASK
        && node.type() != NodeType.END
        && node.type() != NodeType.HANDOFF
        && !node.prompts().isEmpty()) {
      src.error(
          YamlSource.keyNode(at, "say"),
          where + ": a " + node.type().name().toLowerCase() + " node does not speak; remove 'say'");
    }
  }

  private static Prompt prompt(YamlSource src, String defaultId, Node n, String where) {
    if (n instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
      return new Prompt(
          defaultId,
          List.of(new Variant("A", 1, src.str(n, where))),
          true,
          null,
          YamlSource.line(n));
    }
    Map<String, Node> f = src.map(n, where + ".say");
    src.onlyKeys(f, n, where + ".say", PROMPT_KEYS);
    String id = f.containsKey("id") ? src.str(f.get("id"), "id") : defaultId;
    List<Variant> variants = new ArrayList<>();
    if (f.containsKey("text"))
      variants.add(new Variant("A", 1, src.str(f.get("text"), where + ".text")));
    int i = 0;
    for (Node v : src.list(f.get("variants"), where + ".variants")) {
      Map<String, Node> vf = src.map(v, where + ".variants[]");
      src.onlyKeys(vf, v, where + ".variants[]", Set.of("name", "weight", "text"));
      String name =
          vf.containsKey("name")
              ? src.str(vf.get("name"), "name")
              : String.valueOf((char) ('A' + i));
      int weight = src.integer(vf.get("weight"), "weight", 1);
      if (weight <= 0) src.error(vf.get("weight"), where + ": variant weight must be positive");
      String text = src.str(vf.get("text"), "text");
      if (text == null) src.error(v, where + ": variant '" + name + "' needs 'text'");
      else variants.add(new Variant(name, weight, text));
      i++;
    }
    if (variants.isEmpty()) src.error(n, where + ": a prompt needs 'text' or 'variants'");
    if (f.containsKey("text") && f.containsKey("variants"))
      src.error(n, where + ": give either 'text' or 'variants', not both");
    return new Prompt(
        id,
        variants,
        src.bool(f.get("interruptible"), "interruptible", true),
        src.str(f.get("fallback"), "fallback"),
        YamlSource.line(n));
  }

  /**
   * Merges a track file with its includes (own entries win) and stamps the content hash of all its
   * sources.
   */
  public static Track assemble(Part main, Map<String, Part> sharedByName, List<Problem> problems) {
    Map<String, com.duesline.scripts.Node> nodes = new LinkedHashMap<>();
    Map<String, Map<String, String>> handlers = new LinkedHashMap<>();
    Map<String, String> keys = new LinkedHashMap<>();
    Map<String, Map<String, String>> captureOn = new LinkedHashMap<>();
    Set<String> includes = new LinkedHashSet<>();
    MessageDigest digest = sha256();
    for (String name : main.include()) {
      Part shared = sharedByName.get(name);
      if (shared == null) {
        problems.add(
            Problem.error(
                main.file(),
                main.line(),
                1,
                "include '" + name + "' not found beside this file (" + name + ".yaml)"));
        continue;
      }
      if (shared.lang() != null && main.lang() != null && !shared.lang().equals(main.lang())) {
        problems.add(
            Problem.error(
                main.file(),
                main.line(),
                1,
                "include '"
                    + name
                    + "' is lang "
                    + shared.lang()
                    + ", this track is "
                    + main.lang()));
      }
      includes.add(shared.file());
      nodes.putAll(shared.nodes());
      shared
          .handlers()
          .forEach((k, v) -> handlers.computeIfAbsent(k, x -> new LinkedHashMap<>()).putAll(v));
      keys.putAll(shared.keys());
      captureOn.putAll(shared.captureOn());
      digest.update(shared.text().getBytes(StandardCharsets.UTF_8));
    }
    nodes.putAll(main.nodes());
    main.handlers()
        .forEach((k, v) -> handlers.computeIfAbsent(k, x -> new LinkedHashMap<>()).putAll(v));
    keys.putAll(main.keys());
    captureOn.putAll(main.captureOn());
    digest.update(main.text().getBytes(StandardCharsets.UTF_8));
    String version = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    return new Track(
        main.track(),
        main.lang(),
        version,
        main.file(),
        main.start(),
        nodes,
        handlers,
        keys,
        captureOn,
        includes);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private TrackParser() {}
}
