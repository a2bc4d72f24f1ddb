package com.duesline.call;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Node id → question kind, from {@code library/tracks/question-kinds.yaml}; unknown nodes are their
 * own kind.
 */
public final class QuestionKinds {
  private static final String FILE = "library/tracks/question-kinds.yaml";
  private final Map<String, String> kinds;

  private QuestionKinds(Map<String, String> kinds) {
    this.kinds = Map.copyOf(kinds);
  }

  /** The mapping shipped in the scripts library. */
  public static QuestionKinds shipped() {
    try (InputStream in = QuestionKinds.class.getClassLoader().getResourceAsStream(FILE)) {
      if (in == null) throw new IllegalStateException(FILE + " is missing from the classpath");
      Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      Map<String, String> m = new LinkedHashMap<>();
      if (doc instanceof Map<?, ?> map)
        map.forEach((k, v) -> m.put(String.valueOf(k), String.valueOf(v)));
      return new QuestionKinds(m);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The kind of the question asked at {@code node}. */
  public String kindOf(String node) {
    return kinds.getOrDefault(node, node);
  }
}
