package com.duesline.telephony.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.reader.ReaderException;

/**
 * Reads persona YAML files. Works on SnakeYAML's node tree rather than plain maps so that every
 * problem names the file, line and column of the offending value; a file with any problem yields no
 * persona.
 */
public final class PersonaLoader {
  private static final Set<String> KNOWN =
      Set.of(
          "id",
          "description",
          "number",
          "line",
          "rings",
          "voicemail_greeting_ms",
          "voice",
          "pause_before_reply_ms",
          "barge_in",
          "greeting",
          "hang_up_after_asks",
          "sms_reply",
          "expect",
          "replies");

  private PersonaLoader() {}

  /**
   * Every {@code *.yaml} in {@code dir}, sorted by file name; all problems of all files are
   * reported together.
   */
  public static List<Persona> loadDirectory(Path dir) {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new PersonaFormatException(
          List.of(dir + ": cannot list persona directory: " + e.getMessage()));
    }
    List<Persona> personas = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<String, String> numbers = new HashMap<>();
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f)) {
        Persona p = load(f.toString(), in);
        String clash = numbers.putIfAbsent(p.number(), f.toString());
        if (clash != null)
          problems.add(f + ": number: " + p.number() + " is already used by " + clash);
        personas.add(p);
      } catch (PersonaFormatException e) {
        problems.addAll(e.problems());
      } catch (IOException e) {
        problems.add(f + ": cannot read: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) throw new PersonaFormatException(problems);
    return personas;
  }

  /**
   * One persona from a stream; {@code source} names it in error messages. Bytes that are not UTF-8
   * and control characters are refused at their line and column (a reader replaced the first
   * silently, and snakeyaml's error for the second named no file).
   */
  public static Persona load(String source, InputStream in) {
    Node root;
    String text;
    try {
      text = utf8(source, in.readAllBytes());
    } catch (IOException e) {
      throw new PersonaFormatException(List.of(source + ": cannot read: " + e.getMessage()));
    }
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark();
      throw new PersonaFormatException(
          List.of(
              source
                  + ":"
                  + (m.getLine() + 1)
                  + ":"
                  + (m.getColumn() + 1)
                  + ": YAML syntax: "
                  + e.getProblem()));
    } catch (ReaderException e) {
      throw new PersonaFormatException(
          List.of(
              source
                  + ":"
                  + place(text, e.getPosition())
                  + ": the control character U+"
                  + String.format("%04X", e.getCodePoint())
                  + " is not allowed in a persona file"));
    } catch (YAMLException e) {
      throw new PersonaFormatException(List.of(source + ":1:1: YAML syntax: " + e.getMessage()));
    }
    return new Reading(source).persona(root);
  }

  /**
   * The text of UTF-8 bytes (a leading byte-order mark dropped), or a problem at the first byte
   * that is not UTF-8.
   */
  private static String utf8(String source, byte[] bytes) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    if (decoder.decode(in, out, true).isError() || decoder.flush(out).isError()) {
      String before = new String(bytes, 0, in.position(), StandardCharsets.UTF_8);
      throw new PersonaFormatException(
          List.of(
              source
                  + ":"
                  + place(before, before.length())
                  + ": not UTF-8 text; save the file as UTF-8"));
    }
    String text = out.flip().toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /** LINE:COLUMN (1-based) of the character at {@code at}. */
  private static String place(String text, int at) {
    int line = 1;
    int col = 1;
    for (int i = 0; i < Math.min(at, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        col = 1;
      } else {
        col++;
      }
    }
    return line + ":" + col;
  }

  /** One file being read, collecting its problems. */
  private static final class Reading {
    private final String source;
    private final List<String> problems = new ArrayList<>();

    Reading(String source) {
      this.source = source;
    }

    Persona persona(Node root) {
      if (!(root instanceof MappingNode map)) {
        throw new PersonaFormatException(
            List.of(source + ":1:1: a persona file must be a mapping of fields"));
      }
      Map<String, NodeTuple> f = fields(map, KNOWN, "");
      String id = string(f, "id", true, "");
      String number = string(f, "number", true, "");
      if (!number.isEmpty() && !number.matches("\\+[1-9]\\d{6,14}"))
        problem(f.get("number").getValueNode(), "number", "must be E.164 like +15550200001");
      Persona.Line line = line(f);
      int rings = integer(f, "rings", 2, 0, 30);
      int vmGreeting = integer(f, "voicemail_greeting_ms", 3000, 0, 60000);
      String voice = string(f, "voice", false, "");
      int pause = integer(f, "pause_before_reply_ms", 400, 0, 20000);
      Optional<Persona.BargeIn> barge = bargeIn(f);
      String greeting = string(f, "greeting", false, "");
      int hangUpAfter = integer(f, "hang_up_after_asks", 0, 0, 100);
      String sms = string(f, "sms_reply", false, "");
      String expect = string(f, "expect", true, "");
      String description = string(f, "description", false, "");
      Map<String, List<Persona.Reply>> replies = replies(f);
      if (line == Persona.Line.ANSWERS && replies.isEmpty())
        problem(map, "replies", "a persona that answers needs at least one reply");
      if (!problems.isEmpty()) throw new PersonaFormatException(problems);
      return new Persona(
          id,
          number,
          line,
          rings,
          vmGreeting,
          voice,
          pause,
          barge,
          replies,
          greeting,
          hangUpAfter,
          sms,
          expect,
          description);
    }

    private Map<String, NodeTuple> fields(MappingNode map, Set<String> known, String prefix) {
      Map<String, NodeTuple> out = new LinkedHashMap<>();
      for (NodeTuple t : map.getValue()) {
        String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
        if (known != null && !known.contains(key))
          problem(
              t.getKeyNode(),
              prefix + key,
              "unknown field (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
        else if (out.put(key, t) != null) problem(t.getKeyNode(), prefix + key, "appears twice");
      }
      return out;
    }

    private Persona.Line line(Map<String, NodeTuple> f) {
      String v = string(f, "line", false, "answers");
      try {
        return Persona.Line.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_'));
      } catch (IllegalArgumentException e) {
        problem(
            f.get("line").getValueNode(),
            "line",
            "'" + v + "' is not one of answers, voicemail, busy, no-answer, fails");
        return Persona.Line.ANSWERS;
      }
    }

    private Optional<Persona.BargeIn> bargeIn(Map<String, NodeTuple> f) {
      NodeTuple t = f.get("barge_in");
      if (t == null) return Optional.empty();
      if (!(t.getValueNode() instanceof MappingNode m)) {
        problem(t.getValueNode(), "barge_in", "must be a mapping with after_ms and at");
        return Optional.empty();
      }
      Map<String, NodeTuple> b = fields(m, Set.of("after_ms", "at"), "barge_in.");
      int after = integer(b, "after_ms", 800, 0, 60000);
      Set<String> kinds = new LinkedHashSet<>();
      NodeTuple at = b.get("at");
      if (at == null) kinds.add("*");
      else if (at.getValueNode() instanceof SequenceNode seq)
        seq.getValue().forEach(n -> kinds.add(scalar(n, "barge_in.at")));
      else kinds.add(scalar(at.getValueNode(), "barge_in.at"));
      return Optional.of(new Persona.BargeIn(after, Set.copyOf(kinds)));
    }

    private Map<String, List<Persona.Reply>> replies(Map<String, NodeTuple> f) {
      Map<String, List<Persona.Reply>> out = new LinkedHashMap<>();
      NodeTuple t = f.get("replies");
      if (t == null) return out;
      if (!(t.getValueNode() instanceof MappingNode m)) {
        problem(t.getValueNode(), "replies", "must map question kinds to replies");
        return out;
      }
      for (var e : fields(m, null, "replies.").entrySet()) {
        String field = "replies." + e.getKey();
        Node v = e.getValue().getValueNode();
        List<Persona.Reply> list = new ArrayList<>();
        if (v instanceof SequenceNode seq) seq.getValue().forEach(n -> list.add(reply(n, field)));
        else list.add(reply(v, field));
        if (list.isEmpty()) problem(v, field, "empty list of replies");
        out.put(e.getKey(), List.copyOf(list));
      }
      return out;
    }

    private Persona.Reply reply(Node n, String field) {
      if (n instanceof ScalarNode s) return new Persona.Reply(s.getValue().strip(), "", false, "");
      if (!(n instanceof MappingNode m)) {
        problem(n, field, "a reply is words or a mapping of say/dtmf/hang_up/intent");
        return new Persona.Reply("", "", false, "");
      }
      Map<String, NodeTuple> r =
          fields(m, Set.of("say", "dtmf", "hang_up", "intent", "silent"), field + ".");
      String dtmf = string(r, "dtmf", false, "");
      if (!dtmf.matches("[0-9*#]*"))
        problem(r.get("dtmf").getValueNode(), field + ".dtmf", "only 0-9, * and # can be pressed");
      return new Persona.Reply(
          string(r, "say", false, ""), dtmf, bool(r, "hang_up"), string(r, "intent", false, ""));
    }

    private String string(Map<String, NodeTuple> f, String key, boolean required, String dflt) {
      NodeTuple t = f.get(key);
      if (t == null) {
        if (required) problems.add(source + ": " + key + ": required field is missing");
        return dflt;
      }
      return scalar(t.getValueNode(), key);
    }

    private String scalar(Node n, String field) {
      if (n instanceof ScalarNode s) return s.getValue().strip();
      problem(n, field, "must be a single value");
      return "";
    }

    private int integer(Map<String, NodeTuple> f, String key, int dflt, int min, int max) {
      NodeTuple t = f.get(key);
      if (t == null) return dflt;
      String v = scalar(t.getValueNode(), key);
      try {
        int i = Integer.parseInt(v);
        if (i < min || i > max)
          problem(t.getValueNode(), key, i + " is outside " + min + ".." + max);
        return i;
      } catch (NumberFormatException e) {
        problem(t.getValueNode(), key, "'" + v + "' is not a whole number");
        return dflt;
      }
    }

    private boolean bool(Map<String, NodeTuple> f, String key) {
      NodeTuple t = f.get(key);
      if (t == null) return false;
      String v = scalar(t.getValueNode(), key);
      if (!v.equals("true") && !v.equals("false"))
        problem(t.getValueNode(), key, "must be true or false, got '" + v + "'");
      return v.equals("true");
    }

    private void problem(Node n, String field, String what) {
      Mark m = n.getStartMark();
      problems.add(
          source
              + ":"
              + (m.getLine() + 1)
              + ":"
              + (m.getColumn() + 1)
              + ": "
              + field
              + ": "
              + what);
    }
  }
}
