package com.duesline.intent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A script writer's intent directory: loaded from disk, and every mistake named with file and line.
 */
class IntentLibraryTest {
  @TempDir Path dir;

  private void write(String path, String content) throws IOException {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private void smallLibrary() throws IOException {
    write(
        "catalogue.yaml",
        """
        languages: [en]
        intents:
          - name: affirm
          - name: already_paid
          - name: out_of_scope
        """);
    write("en/examples/affirm.txt", "# yes\nyes\nyeah sure\nthat's right\n");
    write("en/examples/already_paid.txt", "i already paid\ni paid it last week\n");
    write("en/examples/out_of_scope.txt", "what's the weather\n");
    write("en/synonyms.txt", "payed => paid\n");
    write("en/stopwords.txt", "the\num\n");
  }

  @Test
  void aDirectoryLibraryIsIndexedAndClassified() throws IOException {
    smallLibrary();
    write("en/heldout.tsv", "i payed already\talready_paid\n");
    LuceneIntentClassifier c = LuceneIntentClassifier.fromDirectory(dir);
    IntentMatch m =
        c.classify("um i payed it already", MatchContext.open("en", LocalDate.of(2026, 11, 25)));
    assertThat(m.intent()).isEqualTo("already_paid");
    assertThat(c.library().heldOut("en")).hasSize(1);
  }

  @Test
  void aLibraryRootWithAnIntentsFolderIsAcceptedToo() throws IOException {
    smallLibrary();
    Path root = Files.createDirectories(dir.resolve("root"));
    Files.move(
        dir.resolve("catalogue.yaml"),
        Files.createDirectories(root.resolve("intents")).resolve("catalogue.yaml"));
    Files.move(dir.resolve("en"), root.resolve("intents").resolve("en"));
    assertThat(LuceneIntentClassifier.fromDirectory(root).languages()).containsExactly("en");
  }

  @Test
  void missingExampleFileIsNamed() throws IOException {
    smallLibrary();
    Files.delete(dir.resolve("en/examples/already_paid.txt"));
    assertThatThrownBy(() -> LuceneIntentClassifier.fromDirectory(dir))
        .isInstanceOf(IntentLibraryException.class)
        .hasMessageContaining("already_paid.txt")
        .hasMessageContaining("missing");
  }

  @Test
  void theSameExampleUnderTwoIntentsIsNamedWithBothLines() throws IOException {
    smallLibrary();
    write("en/examples/already_paid.txt", "i already paid\nYeah Sure\n");
    assertThatThrownBy(() -> LuceneIntentClassifier.fromDirectory(dir))
        .isInstanceOf(IntentLibraryException.class)
        .hasMessageContaining("already_paid.txt:2")
        .hasMessageContaining("affirm.txt:3")
        .hasMessageContaining("intent affirm");
  }

  @Test
  void tabsInExamplesAreRejectedWithTheLine() throws IOException {
    smallLibrary();
    write("en/examples/affirm.txt", "yes\nyes\tplease\n");
    assertThatThrownBy(() -> LuceneIntentClassifier.fromDirectory(dir))
        .isInstanceOf(IntentLibraryException.class)
        .hasMessageContaining("affirm.txt:2")
        .hasMessageContaining("tab");
  }

  @Test
  void catalogueMistakesAreAllReported() throws IOException {
    smallLibrary();
    write(
        "catalogue.yaml",
        """
        languages: [en]
        intents:
          - name: Affirm
          - name: already_paid
            always-heard: maybe
          - name: already_paid
        """);
    assertThatThrownBy(() -> LuceneIntentClassifier.fromDirectory(dir))
        .isInstanceOf(IntentLibraryException.class)
        .satisfies(e -> assertThat(((IntentLibraryException) e).problems()).hasSize(4))
        .hasMessageContaining("intents[0]")
        .hasMessageContaining("always-heard")
        .hasMessageContaining("listed twice")
        .hasMessageContaining("out_of_scope");
  }

  @Test
  void brokenYamlAndSynonymsAreNamed() throws IOException {
    smallLibrary();
    write("en/synonyms.txt", "good => \n");
    assertThatThrownBy(() -> LuceneIntentClassifier.fromDirectory(dir))
        .isInstanceOf(IntentLibraryException.class)
        .hasMessageContaining("synonyms.txt");
    write("catalogue.yaml", "languages: [en\nintents: {");
    assertThatThrownBy(() -> LuceneIntentClassifier.fromDirectory(dir))
        .isInstanceOf(IntentLibraryException.class)
        .hasMessageContaining("catalogue.yaml")
        .hasMessageContaining("YAML");
  }

  @Test
  void labelledFilesNameTheirBadLines() {
    assertThatThrownBy(
            () ->
                LabelledFile.parse(
                    "ok\taffirm\nno tab here\n\tdeny\nfine\tnot_an_intent\n",
                    "x.tsv",
                    java.util.Set.of("affirm", "deny")))
        .isInstanceOf(IntentLibraryException.class)
        .satisfies(
            e ->
                assertThat(((IntentLibraryException) e).problems())
                    .containsExactly(
                        "x.tsv:2: expected text<TAB>intent, found no tab",
                        "x.tsv:3: the text (column 1) is empty",
                        "x.tsv:4: column 2 names 'not_an_intent', which is not in the intent catalogue"));
    assertThat(
            LabelledFile.parse(
                    "# c\nyes\taffirm, deny\n", "y.tsv", java.util.Set.of("affirm", "deny"))
                .get(0)
                .gold())
        .containsExactlyInAnyOrder("affirm", "deny");
  }
}
