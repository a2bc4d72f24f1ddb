package com.duesline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScriptsLintCommandTest {
  static final Path SHIPPED = Path.of("..", "scripts-library", "library");
  @TempDir Path tmp;

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Duesline.run(args);
      return new Run(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void shippedLibraryLintsClean() {
    Run r = run("scripts", "lint", SHIPPED.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.OK);
    assertThat(r.out())
        .contains("linted 12 tracks, 4 template files and ")
        .contains("0 error(s), 0 warning(s)");
  }

  @Test
  void brokenTrackExitsTwoWithFileAndLine() throws Exception {
    try (Stream<Path> s = Files.walk(SHIPPED)) {
      for (Path p : s.toList()) {
        Path t = tmp.resolve(SHIPPED.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
    Path file = tmp.resolve("tracks/zh/late.yaml");
    Files.writeString(
        file,
        Files.readString(file)
            .replace("      deny: late_last_offer", "      deny: late_lst_offer"));
    Run r = run("scripts", "lint", tmp.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err())
        .containsPattern(
            "tracks/zh/late\\.yaml:\\d+:1: error: node 'pay_ask': intent deny goes to unknown node 'late_lst_offer'");
  }
}
