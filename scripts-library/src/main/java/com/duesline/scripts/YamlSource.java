package com.duesline.scripts;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads a YAML file as a node tree that keeps line and column marks, and collects problems against
 * that file instead of throwing at the first one, so a writer sees them all.
 */
final class YamlSource {
  final String file;
  final List<Problem> problems = new ArrayList<>();

  YamlSource(String file) {
    this.file = file;
  }

  /** The document's root, or null (with a problem recorded) when it does not parse. */
  Node parse(String text) {
    try {
      Node root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
      if (root == null) problems.add(Problem.error(file, 1, 1, "file is empty"));
      return root;
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 1 : mark.getLine() + 1;
      int col = mark == null ? 1 : mark.getColumn() + 1;
      problems.add(Problem.error(file, line, col, "YAML syntax: " + e.getProblem()));
      return null;
    } catch (ReaderException e) {
      int[] at = Utf8Text.place(text, e.getPosition());
      problems.add(
          Problem.error(
              file,
              at[0],
              at[1],
              "the control character U+"
                  + String.format("%04X", e.getCodePoint())
                  + " is not allowed in a YAML file"));
      return null;
    } catch (RuntimeException e) {
      problems.add(Problem.error(file, 1, 1, "YAML syntax: " + e.getMessage()));
      return null;
    }
  }

  /**
   * The text of UTF-8 bytes (a leading byte-order mark dropped), or null with a problem at the
   * first byte that is not UTF-8: reading such a file threw, and the whole library load with it.
   */
  String utf8(byte[] bytes) {
    try {
      return Utf8Text.decode(bytes);
    } catch (Utf8Text.NotUtf8 e) {
      problems.add(Problem.error(file, e.line, e.column, "not UTF-8 text; save the file as UTF-8"));
      return null;
    }
  }

  static int line(Node node) {
    return node.getStartMark().getLine() + 1;
  }

  static int col(Node node) {
    return node.getStartMark().getColumn() + 1;
  }

  void error(Node at, String message) {
    problems.add(Problem.error(file, at == null ? 1 : line(at), at == null ? 1 : col(at), message));
  }

  /**
   * The entries of a mapping in file order (keys as strings), or empty with a problem if it is not
   * a mapping.
   */
  Map<String, Node> map(Node node, String what) {
    Map<String, Node> out = new LinkedHashMap<>();
    if (node == null) return out;
    if (!(node instanceof MappingNode mapping)) {
      error(node, what + " must be a mapping (key: value)");
      return out;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      Node key = tuple.getKeyNode();
      if (!(key instanceof ScalarNode scalar)) {
        error(key, what + ": keys must be plain words");
        continue;
      }
      if (out.containsKey(scalar.getValue()))
        error(key, what + ": duplicate key '" + scalar.getValue() + "'");
      out.put(scalar.getValue(), tuple.getValueNode());
    }
    return out;
  }

  /** Where a key of a mapping is written, for problems about the key itself. */
  static Node keyNode(Node mapping, String key) {
    if (mapping instanceof MappingNode m) {
      for (NodeTuple t : m.getValue()) {
        if (t.getKeyNode() instanceof ScalarNode s && s.getValue().equals(key))
          return t.getKeyNode();
      }
    }
    return mapping;
  }

  List<Node> list(Node node, String what) {
    if (node == null) return List.of();
    if (node instanceof SequenceNode seq) return seq.getValue();
    error(node, what + " must be a list");
    return List.of();
  }

  String str(Node node, String what) {
    if (node == null) return null;
    if (node instanceof ScalarNode scalar) return scalar.getValue();
    error(node, what + " must be a single value");
    return null;
  }

  Map<String, String> strMap(Node node, String what) {
    Map<String, String> out = new LinkedHashMap<>();
    map(node, what)
        .forEach(
            (k, v) -> {
              String s = str(v, what + "." + k);
              if (s != null) out.put(k, s);
            });
    return out;
  }

  boolean bool(Node node, String what, boolean dflt) {
    String s = str(node, what);
    if (s == null) return dflt;
    if (s.equals("true") || s.equals("yes")) return true;
    if (s.equals("false") || s.equals("no")) return false;
    error(node, what + " must be true or false, not '" + s + "'");
    return dflt;
  }

  int integer(Node node, String what, int dflt) {
    String s = str(node, what);
    if (s == null) return dflt;
    try {
      return Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      error(node, what + " must be a whole number, not '" + s + "'");
      return dflt;
    }
  }

  /** Flags keys the format does not know, so a typo ("nxt:") is not silently ignored. */
  void onlyKeys(Map<String, Node> entries, Node owner, String what, java.util.Set<String> allowed) {
    for (String key : entries.keySet()) {
      if (!allowed.contains(key))
        error(
            keyNode(owner, key),
            what
                + ": unknown key '"
                + key
                + "' (allowed: "
                + String.join(", ", new java.util.TreeSet<>(allowed))
                + ")");
    }
  }
}
