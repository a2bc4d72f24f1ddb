package com.duesline.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import com.duesline.cli.InputRejectedException;
import com.duesline.ledger.SegmentationRules;
import com.duesline.payments.PlanRules;
import com.duesline.scripts.LibraryException;
import com.duesline.scripts.Problem;
import com.duesline.scripts.TrackLibrary;
import com.duesline.scripts.TrackRepository;
import com.duesline.telephony.local.PersonaFormatException;
import com.duesline.telephony.local.PersonaLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Properties of the files a non-programmer edits (talk tracks, personas, the contact policy,
 * segmentation and plan rules) under random damage to a shipped file: a line deleted, duplicated or
 * re-indented, the file cut short, a value replaced by one of the wrong type or shape, control
 * characters, bytes that are not UTF-8. The loader either loads the file or refuses it with its own
 * refusal, every problem naming the file and a place in it; never another exception, and a refused
 * track library serves nothing (no half-loaded library). Seeds are fixed (replay others with {@code
 * -DQT_SEED=N}).
 */
class LibraryFilesPropertiesTest {
  private static final long SEED = Long.getLong("QT_SEED", 18L);
  private static final Path LIBRARY = Path.of("../scripts-library/library");
  private static Path copy;

  /** One way to damage a file; {@code at} and {@code pick} choose where and with what. */
  enum Damage {
    DELETE_LINE,
    DUPLICATE_LINE,
    CUT,
    REPLACE_VALUE,
    INDENT,
    DEDENT,
    CONTROL_CHAR,
    NOT_UTF8,
    TAB
  }

  record Mutation(Damage damage, int at, int pick) {}

  static final List<String> VALUES =
      List.of(
          "",
          "[]",
          "{}",
          "-1",
          "0",
          "999999999999999999999",
          "abc",
          "~",
          "&a x",
          "*nope",
          "!!binary x",
          "'unterminated",
          "\"\\u12",
          "2026-13-45",
          "25:99",
          "yes",
          "1e309",
          "[a, [b",
          "{a: 1",
          "- x",
          "x: y: z",
          "|",
          ">-",
          "@x",
          "`x`",
          "%TAG",
          "\u202e",
          "a".repeat(100_000));

  static Gen<Mutation> mutations() {
    return Generate.enumValues(Damage.class)
        .zip(integers().between(0, 1_000_000), integers().between(0, 1_000_000), Mutation::new);
  }

  /** The damaged bytes of {@code text}. */
  static byte[] damage(String text, Mutation m) {
    List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
    int i = m.at() % lines.size();
    String line = lines.get(i);
    switch (m.damage()) {
      case DELETE_LINE -> lines.remove(i);
      case DUPLICATE_LINE -> lines.add(i, line);
      case CUT -> {
        return text.substring(0, m.at() % (text.length() + 1)).getBytes(StandardCharsets.UTF_8);
      }
      case REPLACE_VALUE -> {
        int colon = line.indexOf(": ");
        String v = VALUES.get(m.pick() % VALUES.size());
        lines.set(
            i,
            colon >= 0
                ? line.substring(0, colon + 2) + v
                : line.replaceFirst(
                    "^(\\s*-\\s*).*", "$1" + java.util.regex.Matcher.quoteReplacement(v)));
      }
      case INDENT -> lines.set(i, " ".repeat(1 + m.pick() % 5) + line);
      case DEDENT -> lines.set(i, line.stripLeading());
      case CONTROL_CHAR -> {
        int pos = m.pick() % (line.length() + 1);
        char c = "\u0000\u0001\u0007\u001b\u007f".charAt(m.pick() % 5);
        lines.set(i, line.substring(0, pos) + c + line.substring(pos));
      }
      case TAB -> lines.set(i, "\t" + line);
      case NOT_UTF8 -> {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int pos = m.at() % (bytes.length + 1);
        byte[][] junk = {
          {(byte) 0xff, (byte) 0xfe},
          {(byte) 0xc4, (byte) 0xe3, (byte) 0xba, (byte) 0xc3},
          {(byte) 0xc3},
          {(byte) 0x80}
        };
        byte[] j = junk[m.pick() % junk.length];
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, pos);
        out.writeBytes(j);
        out.write(bytes, pos, bytes.length - pos);
        return out.toByteArray();
      }
    }
    return String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
  }

  @BeforeAll
  static void copyLibrary() throws IOException {
    copy = Files.createTempDirectory("duesline-library-");
    for (String dir : List.of("tracks", "sms", "voicemail")) {
      try (Stream<Path> files = Files.walk(LIBRARY.resolve(dir))) {
        for (Path f : files.toList()) {
          Path to = copy.resolve(LIBRARY.relativize(f).toString());
          if (Files.isDirectory(f)) Files.createDirectories(to);
          else Files.copy(f, to);
        }
      }
    }
  }

  @AfterAll
  static void removeCopy() throws IOException {
    try (Stream<Path> files = Files.walk(copy)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.delete(f);
    }
  }

  @Test
  void aDamagedTrackFileIsRefusedWithItsPlaceAndTheLibraryServesNothing() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(copy.resolve("tracks"))) {
      files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    qt().withFixedSeed(SEED)
        .withExamples(60)
        .withShrinkCycles(20)
        .forAll(integers().between(0, files.size() - 1), mutations())
        .checkAssert(
            (n, m) -> {
              Path file = files.get(n);
              try {
                byte[] original = Files.readAllBytes(file);
                Files.write(file, damage(new String(original, StandardCharsets.UTF_8), m));
                try {
                  String what = copy.relativize(file) + " " + m;
                  TrackLibrary lib = TrackLibrary.load(copy);
                  for (Problem p : lib.problems()) {
                    assertThat(p.file()).as(what).isNotBlank();
                    assertThat(p.line()).as(what + ": " + p).isPositive();
                    assertThat(p.column()).as(what + ": " + p).isPositive();
                  }
                  if (lib.hasErrors()) {
                    try {
                      new TrackRepository(copy);
                      throw new AssertionError(
                          what + ": a library with errors was served: " + lib.problems());
                    } catch (LibraryException refused) {
                      assertThat(refused.problems()).as(what).isNotEmpty();
                    }
                  }
                } finally {
                  Files.write(file, original);
                }
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
  }

  @Test
  void aDamagedPersonaIsRefusedNamingFileAndLine() throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(LIBRARY.resolve("personas"))) {
      files = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    checkRefusals(
        files,
        bytes -> PersonaLoader.load("persona.yaml", new ByteArrayInputStream(bytes)),
        e -> e instanceof PersonaFormatException p ? p.problems() : null,
        80);
  }

  @Test
  void damagedRulesAreRefusedNamingFileAndPlace() {
    List<Path> files =
        List.of(
            LIBRARY.resolve("policy/contact-policy.yaml"),
            LIBRARY.resolve("rules/segmentation.yaml"),
            LIBRARY.resolve("rules/plans.yaml"));
    checkRefusals(
        files,
        bytes -> {
          // Which loader reads it is chosen by the bytes' first line, so one generator serves all
          // three files.
          String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.UTF_8);
          if (head.contains("quiet") || head.contains("jurisdictions")) {
            return PolicyRulesLoader.load(
                LocatedYaml.parse("rules.yaml", new ByteArrayInputStream(bytes)),
                PolicyRulesLoader::classpathCalendar);
          }
          if (head.contains("risk") || head.contains("provision"))
            return SegmentationRules.parse("rules.yaml", new ByteArrayInputStream(bytes));
          return PlanRules.from(LocatedYaml.parse("rules.yaml", new ByteArrayInputStream(bytes)));
        },
        e ->
            e instanceof DataProblems d
                ? d.problems()
                : e instanceof InputRejectedException r ? r.problems() : null,
        120);
  }

  /**
   * Loads each damaged file: a success, or a refusal whose every problem starts with the file's
   * name and a place.
   */
  private static void checkRefusals(
      List<Path> files,
      Function<byte[], Object> load,
      Function<RuntimeException, List<String>> problemsOf,
      int examples) {
    List<String> texts =
        files.stream()
            .map(
                f -> {
                  try {
                    return Files.readString(f);
                  } catch (IOException e) {
                    throw new UncheckedIOException(e);
                  }
                })
            .toList();
    qt().withFixedSeed(SEED)
        .withExamples(examples)
        .withShrinkCycles(20)
        .forAll(integers().between(0, files.size() - 1), mutations())
        .checkAssert(
            (n, m) -> {
              String what = files.get(n).getFileName() + " " + m;
              byte[] bytes = damage(texts.get(n), m);
              try {
                load.apply(bytes);
              } catch (RuntimeException e) {
                List<String> problems = problemsOf.apply(e);
                if (problems == null)
                  throw new AssertionError(what + ": not a refusal but " + e, e);
                assertThat(problems).as(what).isNotEmpty();
                for (String p : problems) {
                  String name = p.startsWith("rules.yaml") ? "rules.yaml" : "persona.yaml";
                  // file:line:column, or file: a key path (segmentation rules name the key, not the
                  // line)
                  assertThat(p)
                      .as(what)
                      .matches("(?s)" + java.util.regex.Pattern.quote(name) + "(:\\d+:\\d+)?: .+");
                }
              }
            });
  }
}
