package com.duesline.policy;

import com.duesline.scripts.Utf8Text;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * A YAML node that remembers where it came from, so every data error can name {@code
 * file:line:column}.
 *
 * <p>Values are read as text (no implicit dates or numbers), which keeps "2026-02-16" a string and
 * leaves parsing, and its error message, to the caller.
 */
public final class LocatedYaml {
  private final String file;
  private final Node node;

  private LocatedYaml(String file, Node node) {
    this.file = file;
    this.node = node;
  }

  /**
   * Parses one document; a syntax error, a byte that is not UTF-8 or a control character becomes a
   * {@link DataProblems} naming the position (snakeyaml's own error for a control character named
   * no file, and a reader replaced bad bytes silently).
   */
  public static LocatedYaml parse(String file, InputStream in) {
    String text;
    try {
      text = utf8(file, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      Node root =
          new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
      if (root == null) throw new DataProblems(file + ":1:1: the file is empty");
      return new LocatedYaml(file, root);
    } catch (MarkedYAMLException e) {
      var mark = e.getProblemMark();
      throw new DataProblems(
          file
              + ":"
              + (mark.getLine() + 1)
              + ":"
              + (mark.getColumn() + 1)
              + ": not valid YAML: "
              + e.getProblem());
    } catch (ReaderException e) {
      throw new DataProblems(
          file
              + ":"
              + place(text, e.getPosition())
              + ": the control character U+"
              + String.format("%04X", e.getCodePoint())
              + " is not allowed in a YAML file");
    } catch (YAMLException e) {
      throw new DataProblems(file + ":1:1: not valid YAML: " + e.getMessage());
    }
  }

  /**
   * The text of UTF-8 bytes (a leading byte-order mark dropped), or a problem at the first byte
   * that is not UTF-8.
   */
  private static String utf8(String file, byte[] bytes) {
    try {
      return Utf8Text.decode(bytes);
    } catch (Utf8Text.NotUtf8 e) {
      throw new DataProblems(file + ":" + e.getMessage());
    }
  }

  /** LINE:COLUMN (1-based) of the character at {@code at}. */
  private static String place(String text, int at) {
    int[] p = Utf8Text.place(text, at);
    return p[0] + ":" + p[1];
  }

  /** The position of this node as {@code file:line:column} (1-based). */
  public String where() {
    var mark = node.getStartMark();
    return file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1);
  }

  public String file() {
    return file;
  }

  public boolean isMap() {
    return node instanceof MappingNode;
  }

  public boolean isList() {
    return node instanceof SequenceNode;
  }

  public boolean isScalar() {
    return node instanceof ScalarNode;
  }

  /** The entries of a mapping in file order; a problem if this is not a mapping. */
  public Map<String, LocatedYaml> entries() {
    if (!(node instanceof MappingNode map))
      throw new DataProblems(where() + ": expected a mapping (key: value)");
    Map<String, LocatedYaml> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      LocatedYaml key = new LocatedYaml(file, t.getKeyNode());
      String k = key.text();
      if (out.containsKey(k)) throw new DataProblems(key.where() + ": duplicate key '" + k + "'");
      out.put(k, new LocatedYaml(file, t.getValueNode()));
    }
    return out;
  }

  /** The value under {@code key}, or null when absent. */
  public LocatedYaml get(String key) {
    return entries().get(key);
  }

  /** The value under {@code key}; a problem naming this mapping when absent. */
  public LocatedYaml required(String key) {
    LocatedYaml v = get(key);
    if (v == null) throw new DataProblems(where() + ": missing required field '" + key + "'");
    return v;
  }

  /** The items of a sequence; a problem if this is not a sequence. */
  public List<LocatedYaml> items() {
    if (!(node instanceof SequenceNode seq)) throw new DataProblems(where() + ": expected a list");
    List<LocatedYaml> out = new ArrayList<>();
    for (Node n : seq.getValue()) out.add(new LocatedYaml(file, n));
    return out;
  }

  /** The scalar text; a problem if this is a mapping or a list. */
  public String text() {
    if (!(node instanceof ScalarNode s))
      throw new DataProblems(where() + ": expected a single value");
    return s.getValue();
  }

  /** The scalar as an integer; a problem naming the position otherwise. */
  public int integer() {
    String t = text().trim();
    try {
      return Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw new DataProblems(where() + ": expected a whole number, got '" + t + "'");
    }
  }

  /** Opens a classpath resource; a problem naming the resource when it is missing. */
  public static LocatedYaml resource(String path) {
    InputStream in = LocatedYaml.class.getClassLoader().getResourceAsStream(path);
    if (in == null) throw new DataProblems(path + ": not found on the classpath");
    return parse(path, in);
  }
}
