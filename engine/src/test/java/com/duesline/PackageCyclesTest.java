package com.duesline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No new cycle between the engine's capability packages: reads every main source file's references
 * to {@code com.duesline.<package>.} (imports and qualified names, comments and strings left out),
 * finds the strongly connected packages, and compares each dependency inside one with {@code
 * package-cycles-allowed.txt}.
 */
class PackageCyclesTest {
  private static final Path SOURCES = Path.of("src", "main", "java", "com", "duesline");
  private static final Pattern REFERENCE = Pattern.compile("com\\.duesline\\.([a-z]+)\\.");

  @Test
  void noPackageCycleBeyondTheAllowedOnes() throws IOException {
    Map<String, Set<String>> uses = dependencies();
    Set<String> allowedEdges = new TreeSet<>();
    Set<String> allowedHubs = new TreeSet<>();
    for (String line :
        Files.readAllLines(Path.of("src", "test", "resources", "package-cycles-allowed.txt"))) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#")) continue;
      if (l.endsWith("<-> *")) allowedHubs.add(l.substring(0, l.indexOf(' ')));
      else allowedEdges.add(l.replaceAll("\\s+", " "));
    }
    // A hub's dependencies are all allowed, so the cycles that matter are those left without the
    // hubs.
    Map<String, Set<String>> rest = new TreeMap<>();
    uses.forEach(
        (a, bs) -> {
          if (allowedHubs.contains(a)) return;
          Set<String> kept = new TreeSet<>(bs);
          kept.removeAll(allowedHubs);
          rest.put(a, kept);
        });
    Set<String> cyclic = cyclicEdges(rest);
    List<String> newCycles = new ArrayList<>();
    for (String edge : cyclic) if (!allowedEdges.contains(edge)) newCycles.add(edge);
    assertThat(newCycles)
        .as(
            "dependencies closing a package cycle (break it, or list it with its reason in package-cycles-allowed.txt)")
        .isEmpty();
    List<String> stale = new ArrayList<>();
    for (String edge : allowedEdges) if (!cyclic.contains(edge)) stale.add(edge);
    Set<String> all = cyclicEdges(uses);
    for (String hub : allowedHubs)
      if (all.stream().noneMatch(e -> e.startsWith(hub + " -> "))) stale.add(hub + " <-> *");
    assertThat(stale).as("allowed cycles that no longer exist (remove these lines)").isEmpty();
  }

  /** Package to the packages its sources reference. */
  static Map<String, Set<String>> dependencies() throws IOException {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Path rel = SOURCES.relativize(f);
        if (rel.getNameCount() < 2) continue;
        String pkg = rel.getName(0).toString();
        String code = codeOnly(Files.readString(f, StandardCharsets.UTF_8));
        Matcher m = REFERENCE.matcher(code);
        Set<String> out = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
        while (m.find()) if (!m.group(1).equals(pkg)) out.add(m.group(1));
      }
    }
    return uses;
  }

  /**
   * The source without comments, string and character literals (text blocks included): a name in a
   * Javadoc is no dependency.
   */
  static String codeOnly(String src) {
    StringBuilder out = new StringBuilder(src.length());
    int i = 0;
    int n = src.length();
    while (i < n) {
      char c = src.charAt(i);
      if (src.startsWith("//", i)) {
        while (i < n && src.charAt(i) != '\n') i++;
      } else if (src.startsWith("/*", i)) {
        int end = src.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else if (src.startsWith("\"\"\"", i)) {
        int end = src.indexOf("\"\"\"", i + 3);
        while (end > 0 && src.charAt(end - 1) == '\\') end = src.indexOf("\"\"\"", end + 1);
        i = end < 0 ? n : end + 3;
        out.append("\"\"");
      } else if (c == '"' || c == '\'') {
        i++;
        while (i < n && src.charAt(i) != c) i += src.charAt(i) == '\\' ? 2 : 1;
        i++;
        out.append(c).append(c);
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /**
   * Every "a -> b" whose two ends are in the same strongly connected component (Tarjan's
   * algorithm).
   */
  static Set<String> cyclicEdges(Map<String, Set<String>> uses) {
    Map<String, Integer> index = new HashMap<>();
    Map<String, Integer> low = new HashMap<>();
    Map<String, Integer> component = new HashMap<>();
    Deque<String> stack = new ArrayDeque<>();
    Set<String> onStack = new HashSet<>();
    int[] next = {0};
    for (String v : uses.keySet())
      if (!index.containsKey(v))
        strongConnect(v, uses, index, low, component, stack, onStack, next);
    Set<String> cyclic = new TreeSet<>();
    uses.forEach(
        (a, bs) ->
            bs.forEach(
                b -> {
                  if (component.get(a) != null && component.get(a).equals(component.get(b)))
                    cyclic.add(a + " -> " + b);
                }));
    return cyclic;
  }

  private static void strongConnect(
      String v,
      Map<String, Set<String>> uses,
      Map<String, Integer> index,
      Map<String, Integer> low,
      Map<String, Integer> component,
      Deque<String> stack,
      Set<String> onStack,
      int[] next) {
    index.put(v, next[0]);
    low.put(v, next[0]++);
    stack.push(v);
    onStack.add(v);
    for (String w : uses.getOrDefault(v, Set.of())) {
      if (!index.containsKey(w)) {
        strongConnect(w, uses, index, low, component, stack, onStack, next);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      String w;
      do {
        w = stack.pop();
        onStack.remove(w);
        component.put(w, index.get(v));
      } while (!w.equals(v));
    }
  }
}
