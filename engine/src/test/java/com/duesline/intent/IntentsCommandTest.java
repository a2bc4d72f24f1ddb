package com.duesline.intent;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.cli.Duesline;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `duesline intents ...` end to end, on a small library given by configuration so the JVM stays
 * quick.
 */
class IntentsCommandTest {
  @TempDir Path dir;
  private Path config;

  @BeforeEach
  void library() throws IOException {
    Path lib = dir.resolve("intents");
    Files.createDirectories(lib.resolve("en/examples"));
    Files.writeString(
        lib.resolve("catalogue.yaml"),
        "languages: [en]\nintents:\n  - name: affirm\n  - name: already_paid\n  - name: promise_to_pay\n  - name: out_of_scope\n");
    Files.writeString(lib.resolve("en/examples/affirm.txt"), "yes\nyeah that's me\nthat's right\n");
    Files.writeString(
        lib.resolve("en/examples/already_paid.txt"),
        "i already paid\ni paid it last week\nwe paid on monday\n");
    Files.writeString(
        lib.resolve("en/examples/promise_to_pay.txt"),
        "i'll pay on friday\ni can pay next week\ni'll pay it tomorrow\n");
    Files.writeString(
        lib.resolve("en/examples/out_of_scope.txt"), "what's the weather\ni like turtles\n");
    Files.writeString(
        lib.resolve("en/heldout.tsv"), "yeah\taffirm\ni paid already\talready_paid\n");
    config = dir.resolve("duesline.yaml");
    Files.writeString(
        config, "intents:\n  library-dir: \"" + lib.toString().replace("\\", "/") + "\"\n");
  }

  private record Run(int code, String out, String err) {}

  private Run run(String stdin, String... args) {
    InputStream in = System.in;
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.ISO_8859_1)));
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = Duesline.run(args);
      return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setIn(in);
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void classifyWritesOneJsonLinePerInputLineAndSurvivesBadLines() {
    String utf8Line =
        new String(
            "i'll pay two fifty next friday\n".getBytes(StandardCharsets.UTF_8),
            StandardCharsets.ISO_8859_1);
    String junk = "\u0000\u0001\u00ff\u00fe\u0002\n";
    String longLine = "i already paid ".repeat(700) + "\n";
    String mixed =
        new String(
            "yes 是的 that's me\n".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    Run r =
        run(
            utf8Line + "\n" + junk + longLine + mixed + "yes",
            "intents",
            "classify",
            "--config",
            config.toString(),
            "--today",
            "2026-11-25");
    assertThat(r.code()).isZero();
    List<JsonObject> lines = r.out().lines().map(JsonObject::new).toList();
    assertThat(lines).hasSize(6);
    assertThat(lines.get(0).getString("intent")).isEqualTo("promise_to_pay");
    assertThat(lines.get(0).getJsonObject("entities").getMap())
        .containsEntry("date", "2026-12-04")
        .containsEntry("amount", "250.00");
    assertThat(lines.get(0).getJsonArray("alternatives")).isNotNull();
    assertThat(lines.get(1).getInteger("line")).isEqualTo(2);
    assertThat(lines.get(1).getString("error")).contains("empty line");
    assertThat(lines.get(2).getString("error")).contains("no words");
    assertThat(lines.get(3).getString("intent")).isEqualTo("already_paid");
    assertThat(lines.get(3).getBoolean("truncated")).isTrue();
    assertThat(lines.get(4).getString("intent")).isEqualTo("affirm");
    assertThat(lines.get(5).getString("intent")).isEqualTo("affirm");
  }

  @Test
  void classifyRejectsABadDateOrLanguageUpFront() {
    Run r =
        run(
            "yes\n",
            "intents",
            "classify",
            "--config",
            config.toString(),
            "--today",
            "next tuesday");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--today").contains("next tuesday");
    Run lang = run("yes\n", "intents", "classify", "--config", config.toString(), "--lang", "zh");
    assertThat(lang.code()).isEqualTo(2);
    assertThat(lang.err()).contains("--lang").contains("zh");
  }

  @Test
  void expectScopesClassificationAndRejectsUnknownIntents() {
    Run open = run("we paid on friday\n", "intents", "classify", "--config", config.toString());
    assertThat(new JsonObject(open.out().strip()).getString("intent")).isEqualTo("already_paid");
    Run scoped =
        run(
            "we paid on friday\n",
            "intents",
            "classify",
            "--config",
            config.toString(),
            "--expect",
            "promise_to_pay,affirm");
    assertThat(new JsonObject(scoped.out().strip()).getString("intent"))
        .isIn("promise_to_pay", "out_of_scope");
    Run bad =
        run(
            "",
            "intents",
            "explain",
            "yes",
            "--config",
            config.toString(),
            "--expect",
            "affirm,maybe");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--expect").contains("maybe");
  }

  @Test
  void evalPrintsAccuracyPerIntentAndConfusions() throws IOException {
    Path tsv = dir.resolve("set.tsv");
    Files.writeString(
        tsv,
        "yeah\taffirm\ni paid already\talready_paid\ni will pay friday\tpromise_to_pay,affirm\nwe paid on friday\tpromise_to_pay\n");
    Run r = run("", "intents", "eval", tsv.toString(), "--config", config.toString(), "--misses");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("accuracy 75.0% (3/4)")
        .contains("precision")
        .contains("already_paid")
        .contains("promise_to_pay -> already_paid: 1")
        .contains("set.tsv:4");
  }

  @Test
  void evalRejectsABadFileNamingTheLine() throws IOException {
    Path tsv = dir.resolve("bad.tsv");
    Files.writeString(tsv, "yes\taffirm\nno tab\n");
    Run r = run("", "intents", "eval", tsv.toString(), "--config", config.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("bad.tsv:2").contains("no tab");
  }

  @Test
  void benchIntentsReportsPercentilesAndThroughput() {
    Run r =
        run(
            "",
            "bench",
            "intents",
            "--config",
            config.toString(),
            "--iterations",
            "200",
            "--warmup",
            "100",
            "--threads",
            "2");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("start-up")
        .contains("en open   wall: p50")
        .contains("p99")
        .contains("en scoped cpu:")
        .contains("2 threads")
        .contains("en embed one utterance")
        .contains("same text again");
  }

  @Test
  void explainListsNearestExamplesWithFileAndLine() {
    Run r = run("", "intents", "explain", "i paid it on monday", "--config", config.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("intent already_paid")
        .contains("already_paid.txt:")
        .contains("lexical neighbours (BM25)")
        .contains("semantic neighbours (cosine");
  }
}
