package com.duesline.scripts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loaded talk track in one language: its nodes (own and included), the named handler sets ask
 * nodes draw on, and a content hash of its source files that serves as its version.
 */
public record Track(
    String id,
    String lang,
    String version,
    String file,
    String start,
    Map<String, Node> nodes,
    Map<String, Map<String, String>> handlers,
    Map<String, String> keys,
    Map<String, Map<String, String>> captureOn,
    Set<String> includes) {
  /**
   * Targets that are not nodes: re-ask the current question, or return to the question an answer
   * interrupted.
   */
  public static final String REPEAT = "@repeat";

  public static final String RETURN = "@return";

  /**
   * Keypad entries a question may offer beside single keys: the caller types digits and #, and they
   * are read as this entity ({@code date#}: DD, MMDD or YYYYMMDD; {@code months#}: a count; {@code
   * amount#}: whole units) carrying the intent the key maps to, e.g. {@code "date#":
   * promise_to_pay}.
   */
  public static final Map<String, String> KEY_ENTRIES =
      Map.of("date#", "date", "months#", "installments", "amount#", "amount");

  public Track {
    nodes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodes));
    handlers = Map.copyOf(handlers);
    keys = Map.copyOf(keys);
    captureOn = Map.copyOf(captureOn);
    includes = Set.copyOf(includes);
  }

  public Node node(String nodeId) {
    Node node = nodes.get(nodeId);
    if (node == null)
      throw new IllegalArgumentException(
          "track " + id + "/" + lang + " has no node '" + nodeId + "'");
    return node;
  }

  /**
   * The intent → target map an ask node answers with: its handler set, overridden by its own {@code
   * on}.
   */
  public Map<String, String> transitions(Node ask) {
    Map<String, String> merged = new LinkedHashMap<>();
    if (ask.use() != null && handlers.containsKey(ask.use()))
      merged.putAll(handlers.get(ask.use()));
    merged.putAll(ask.on());
    return merged;
  }

  /**
   * Entity → variable captures for an answer with {@code intent} at {@code ask}: the track's {@code
   * capture_on} for that intent, overridden entity by entity by the question's own {@code capture}.
   */
  public Map<String, String> capturesFor(Node ask, String intent) {
    Map<String, String> merged = new LinkedHashMap<>(captureOn.getOrDefault(intent, Map.of()));
    merged.putAll(ask.capture());
    return merged;
  }

  /** The key → intent map an ask node accepts: the track's default keys, overridden by its own. */
  public Map<String, String> keysAt(Node ask) {
    Map<String, String> merged = new LinkedHashMap<>(keys);
    merged.putAll(ask.dtmf());
    return merged;
  }

  /**
   * How many steps each node is from the start (the start 0), through every way on: {@code next},
   * the answers' targets, {@code fallback}, branches and {@code otherwise}. Nodes no step reaches
   * are left out.
   */
  public Map<String, Integer> distances() {
    Map<String, Integer> steps = new LinkedHashMap<>();
    ArrayDeque<String> frontier = new ArrayDeque<>();
    steps.put(start, 0);
    frontier.add(start);
    while (!frontier.isEmpty()) {
      String at = frontier.poll();
      Node node = nodes.get(at);
      if (node == null) continue;
      List<String> targets = new ArrayList<>(transitions(node).values());
      targets.add(node.next());
      targets.add(node.fallback());
      targets.add(node.otherwise());
      node.branches().forEach(b -> targets.add(b.target()));
      for (String t : targets) {
        if (t == null || !nodes.containsKey(t) || steps.containsKey(t)) continue;
        steps.put(t, steps.get(at) + 1);
        frontier.add(t);
      }
    }
    return steps;
  }
}
