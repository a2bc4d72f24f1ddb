package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeechModelsTest {
  @Test
  void concurrentUnpacksOfTheBundledModelBothSucceedAndLeaveNoTemporaries(@TempDir Path root)
      throws Exception {
    Path aar = SpeechModels.locateAar();
    CompletableFuture<Path> a =
        CompletableFuture.supplyAsync(() -> SpeechModels.unpackBundled(aar, root));
    CompletableFuture<Path> b =
        CompletableFuture.supplyAsync(() -> SpeechModels.unpackBundled(aar, root));
    assertThat(a.get()).isEqualTo(b.get());
    assertThat(a.get().resolve("am/final.mdl")).isRegularFile();
    try (var entries = Files.list(root)) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .containsExactly(a.get().getFileName().toString());
    }
  }

  @Test
  void aConfiguredModelDirectoryMustLookLikeOne(@TempDir Path dir) {
    SpeechSettings s = TestSpeech.SETTINGS;
    SpeechSettings bad =
        new SpeechSettings(
            s.workers(), Optional.of(dir), s.cacheDir(), s.voice(), s.promptCacheBytes(), s.vad());
    assertThatThrownBy(() -> SpeechModels.voskModelDir(bad))
        .hasMessageContaining("speech.vosk-model")
        .hasMessageContaining(dir.toString());
  }
}
