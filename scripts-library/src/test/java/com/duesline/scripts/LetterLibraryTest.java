package com.duesline.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LetterLibraryTest {
  @TempDir Path tmp;

  @Test
  void shippedLettersLoadCleanWithEveryTemplateTheIssueNames() {
    LetterLibrary lib = LetterLibrary.load(LibraryCopy.SHIPPED);
    assertThat(lib.problems()).isEmpty();
    assertThat(lib.templates())
        .containsKeys(
            "formal_demand/en",
            "validation_notice/en",
            "pre_lien_notice/en",
            "formal_demand/zh",
            "催缴函/zh");
    assertThat(lib.lienDays())
        .containsEntry("CA", 30)
        .containsEntry("FL", 45)
        .containsEntry("TX", 45);
    assertThat(lib.find("validation_notice", "zh").lang()).isEqualTo("en");
  }

  @Test
  void unknownPlaceholderIsReportedAtItsLineByScriptsLint() {
    Path root = LibraryCopy.of(tmp);
    LibraryCopy.edit(
        root, "letters/en/formal_demand.yaml", "Dear {recipient},", "Dear {recipeint},");
    int line = LibraryCopy.lineOf(root, "letters/en/formal_demand.yaml", "{recipeint}");
    List<Problem> ps = Linter.lint(TrackLibrary.load(root));
    assertThat(ps)
        .anySatisfy(
            p -> {
              assertThat(p.file()).isEqualTo(Path.of("letters/en/formal_demand.yaml").toString());
              assertThat(p.line()).isEqualTo(line);
              assertThat(p.message()).contains("unknown placeholder {recipeint}");
            });
    // The field it replaced was required: that is reported too.
    assertThat(ps)
        .anySatisfy(p -> assertThat(p.message()).contains("missing required field {recipient}"));
  }

  @Test
  void missingBlockUnknownKindAndMismatchedNameAreRefused() {
    Path root = LibraryCopy.of(tmp);
    LibraryCopy.edit(
        root,
        "letters/en/validation_notice.yaml",
        "  - itemisation: \"Itemisation since {itemisation_date}\"\n",
        "  - table: \"x\"\n");
    LibraryCopy.edit(root, "letters/zh/催缴函.yaml", "template: 催缴函", "template: 催款函");
    LibraryCopy.edit(root, "letters/pre-lien-days.yaml", "  CA: 30", "  CA: 0");
    List<Problem> ps = LetterLibrary.load(root).problems();
    assertThat(ps).anySatisfy(p -> assertThat(p.message()).contains("unknown block kind 'table'"));
    assertThat(ps)
        .anySatisfy(
            p ->
                assertThat(p.message())
                    .contains(
                        "letter 'validation_notice' (en): missing required block 'itemisation'"));
    assertThat(ps)
        .anySatisfy(
            p -> {
              assertThat(p.message()).contains("template is '催款函' but the file is 催缴函.yaml");
              assertThat(p.line()).isEqualTo(2);
            });
    assertThat(ps)
        .anySatisfy(p -> assertThat(p.message()).contains("days.CA: must be between 1 and 365"));
    // The catalogue names 催缴函, which no longer loads.
    assertThat(ps)
        .anySatisfy(
            p -> assertThat(p.message()).contains("letter template '催缴函' is in the catalogue"));
  }

  @Test
  void strayBraceIsAnError() {
    Path root = LibraryCopy.of(tmp);
    LibraryCopy.edit(
        root, "letters/zh/formal_demand.yaml", "请您于 {reply_deadline} 前", "请您于 {reply_deadline 前");
    assertThat(LetterLibrary.load(root).problems())
        .anySatisfy(p -> assertThat(p.message()).contains("makes no placeholder"));
  }
}
