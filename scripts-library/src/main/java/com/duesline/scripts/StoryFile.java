package com.duesline.scripts;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Loads the conversation tests under {@code tracks/stories/}; problems carry file:line. */
public final class StoryFile {
  private static final Set<String> STEP_KEYS =
      Set.of("caller", "keys", "node", "intent", "entities", "says", "not_says", "unsure");

  /**
   * Every story below {@code <library>/tracks/stories}, in file order. Problems are added to {@code
   * problems}.
   */
  public static List<Story> loadAll(Path libraryRoot, List<Problem> problems) {
    Path dir = libraryRoot.resolve("tracks").resolve("stories");
    List<Story> stories = new ArrayList<>();
    if (!Files.isDirectory(dir)) return stories;
    for (String lang : TrackLibrary.LANGS) {
      Path langDir = dir.resolve(lang);
      if (!Files.isDirectory(langDir)) continue;
      for (Path file : TrackLibrary.yamlFiles(langDir)) {
        stories.addAll(
            parse(
                TrackLibrary.display(libraryRoot, file), lang, TrackLibrary.read(file), problems));
      }
    }
    return stories;
  }

  static List<Story> parse(String fileName, String lang, String text, List<Problem> problems) {
    YamlSource src = new YamlSource(fileName);
    Node root = src.parse(text);
    List<Story> out = new ArrayList<>();
    if (root != null) {
      Map<String, Node> top = src.map(root, "story file");
      src.onlyKeys(top, root, "story file", Set.of("lang", "account", "stories"));
      Map<String, String> defaults = src.strMap(top.get("account"), "account");
      for (Node s : src.list(top.get("stories"), "stories")) {
        Map<String, Node> f = src.map(s, "story");
        src.onlyKeys(f, s, "story", Set.of("name", "track", "account", "seed", "turns", "outcome"));
        String name = src.str(f.get("name"), "name");
        String track = src.str(f.get("track"), "track");
        if (name == null || track == null) {
          src.error(s, "a story needs 'name' and 'track'");
          continue;
        }
        Map<String, String> account = new LinkedHashMap<>(defaults);
        account.putAll(src.strMap(f.get("account"), "account"));
        List<Story.Step> steps = new ArrayList<>();
        for (Node t : src.list(f.get("turns"), "turns")) {
          Map<String, Node> tf = src.map(t, "turn");
          src.onlyKeys(tf, t, "story '" + name + "' turn", STEP_KEYS);
          String caller =
              tf.containsKey("caller")
                  ? (tf.get("caller") instanceof ScalarNode sc
                      ? sc.getValue()
                      : src.str(tf.get("caller"), "caller"))
                  : null;
          String keys = src.str(tf.get("keys"), "keys");
          if ((caller == null) == (keys == null)) {
            src.error(
                t,
                "story '"
                    + name
                    + "': each turn needs exactly one of 'caller' (\"\" for silence) or 'keys'");
            continue;
          }
          steps.add(
              new Story.Step(
                  YamlSource.line(t),
                  caller,
                  keys,
                  src.str(tf.get("node"), "node"),
                  src.str(tf.get("intent"), "intent"),
                  src.strMap(tf.get("entities"), "entities"),
                  src.str(tf.get("says"), "says"),
                  src.str(tf.get("not_says"), "not_says"),
                  tf.containsKey("unsure")
                      ? src.list(tf.get("unsure"), "unsure").stream()
                          .map(u -> src.str(u, "unsure"))
                          .toList()
                      : List.of()));
        }
        Map<String, Object> outcome = new LinkedHashMap<>();
        src.map(f.get("outcome"), "outcome")
            .forEach(
                (k, v) -> {
                  if (v instanceof ScalarNode sc)
                    outcome.put(k, sc.getValue().equals("null") ? null : sc.getValue());
                  else outcome.put(k, src.strMap(v, "outcome." + k));
                });
        long seed = src.integer(f.get("seed"), "seed", 1);
        out.add(
            new Story(
                name, fileName, YamlSource.line(s), track, lang, seed, account, steps, outcome));
      }
    }
    problems.addAll(src.problems);
    return out;
  }

  private StoryFile() {}
}
