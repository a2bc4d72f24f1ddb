package com.duesline.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrackRepositoryTest {
  @TempDir Path tmp;

  @Test
  void anEditIsServedAndABrokenEditKeepsThePreviousVersion() {
    Path root = LibraryCopy.of(tmp);
    TrackRepository repo = new TrackRepository(root);
    Track first = repo.track("early", "en");
    assertThat(repo.refresh().updated()).isEmpty();

    LibraryCopy.edit(
        root,
        "tracks/en/early.yaml",
        "Could you make the payment today?",
        "Would today work for the payment?");
    TrackRepository.Reload ok = repo.refresh();
    Track second = repo.track("early", "en");
    assertThat(ok.updated()).containsOnlyKeys("early/en");
    assertThat(ok.refused()).isEmpty();
    assertThat(second.version()).isNotEqualTo(first.version());
    assertThat(second.node("pay_ask").prompts().get(0).texts())
        .containsExactly("Would today work for the payment?");

    int line = LibraryCopy.lineOf(root, "tracks/en/early.yaml", "    next: pay_ask");
    LibraryCopy.edit(root, "tracks/en/early.yaml", "    next: pay_ask\n", "    next: [pay_ask\n");
    TrackRepository.Reload bad = repo.refresh();
    assertThat(bad.updated()).isEmpty();
    assertThat(bad.refused())
        .anySatisfy(
            p -> {
              assertThat(p.file()).isEqualTo(Path.of("tracks/en/early.yaml").toString());
              assertThat(p.line()).isBetween(line, line + 2);
            });
    assertThat(repo.track("early", "en")).isSameAs(second);

    // A lint error (dangling transition) is refused the same way.
    LibraryCopy.edit(root, "tracks/en/early.yaml", "    next: [pay_ask\n", "    next: pay_ask\n");
    LibraryCopy.edit(
        root, "tracks/en/early.yaml", "      deny: early_reason", "      deny: early_reasons");
    TrackRepository.Reload dangling = repo.refresh();
    assertThat(dangling.refused())
        .anySatisfy(p -> assertThat(p.message()).contains("unknown node 'early_reasons'"));
    assertThat(repo.track("early", "en")).isSameAs(second);
    assertThat(repo.track("mid", "en")).isNotNull();
  }
}
