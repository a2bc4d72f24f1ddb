package com.duesline.intent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Example vectors persist between starts keyed by model and texts; a damaged file is recomputed,
 * never trusted.
 */
class ExampleVectorsTest {
  @TempDir Path dir;

  private static final LanguageAnalysis EN =
      LanguageAnalysis.forLanguage(SharedClassifier.INSTANCE.library().language("en"));

  @Test
  void vectorsAreSavedOnceAndReadBackIdentically() throws IOException {
    SentenceEncoder encoder = SentenceEncoder.forLanguage("en");
    List<String> texts = List.of("i already paid", "stop calling me");
    float[][] first = ExampleVectors.of(encoder, EN, texts, Optional.of(dir));
    List<Path> files;
    try (Stream<Path> s = Files.list(dir.resolve("intents"))) {
      files = s.toList();
    }
    assertThat(files).hasSize(1);
    assertThat(ExampleVectors.of(encoder, EN, texts, Optional.of(dir))).isDeepEqualTo(first);
    assertThat(first[0]).hasSize(384);
    double norm = 0;
    for (float x : first[0]) norm += x * x;
    assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));

    // Other texts get another file; a truncated file is recomputed to the same vectors.
    ExampleVectors.of(encoder, EN, List.of("call me later"), Optional.of(dir));
    try (Stream<Path> s = Files.list(dir.resolve("intents"))) {
      assertThat(s.count()).isEqualTo(2);
    }
    Files.write(files.get(0), new byte[] {1, 2, 3});
    assertThat(ExampleVectors.of(encoder, EN, texts, Optional.of(dir))).isDeepEqualTo(first);
  }
}
