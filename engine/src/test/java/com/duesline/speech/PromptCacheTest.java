package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptCacheTest {
  @Test
  void synthesizesOnceThenServesFromMemoryAndDisk(@TempDir Path dir) throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PromptCache cache = new PromptCache(TestSpeech.synthesizer(), dir, 1 << 20, registry);
    PromptCache.Served first =
        cache.serve("Thank you for your payment.", "", AudioFormatKind.MULAW8K);
    assertThat(first.source()).isEqualTo(PromptCache.Source.SYNTHESIZED);
    assertThat(first.audio().seconds()).isBetween(1.0, 4.0);
    assertThat(cache.serve("Thank you for your payment.", "", AudioFormatKind.MULAW8K).source())
        .isEqualTo(PromptCache.Source.MEMORY);
    // Another process (a new cache over the same directory) reads the same bytes from disk.
    PromptCache other = new PromptCache(TestSpeech.synthesizer(), dir, 1 << 20, registry);
    PromptCache.Served disk =
        other.serve("Thank you for your payment.", "", AudioFormatKind.MULAW8K);
    assertThat(disk.source()).isEqualTo(PromptCache.Source.DISK);
    assertThat(disk.audio().data()).isEqualTo(first.audio().data());
    // Effects and format are part of the key.
    assertThat(
            cache
                .serve("Thank you for your payment.", "Rate(durScale:1.2)", AudioFormatKind.MULAW8K)
                .source())
        .isEqualTo(PromptCache.Source.SYNTHESIZED);
    assertThat(
            cache
                .serve("Thank you for your payment.", "", AudioFormatKind.PCM16K)
                .audio()
                .data()
                .length)
        .isEqualTo(first.audio().data().length * 4);
    try (var files = Files.list(dir)) {
      assertThat(files.filter(f -> f.getFileName().toString().endsWith(".tmp"))).isEmpty();
    }
    assertThat(registry.get("duesline.tts.cache").tag("result", "synthesized").counter().count())
        .isEqualTo(3);
    assertThat(registry.get("duesline.tts.cache").tag("result", "memory").counter().count())
        .isEqualTo(1);
    assertThat(TestSpeech.REGISTRY.get("duesline.tts").timer().count()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void memoryStaysWithinItsBound(@TempDir Path dir) {
    PromptCache cache =
        new PromptCache(TestSpeech.synthesizer(), dir, 30_000, new SimpleMeterRegistry());
    cache.get("One moment please.", "", AudioFormatKind.MULAW8K);
    cache.get("Goodbye.", "", AudioFormatKind.MULAW8K);
    cache.get("Have a good day.", "", AudioFormatKind.MULAW8K);
    assertThat(cache.memoryBytes()).isLessThanOrEqualTo(30_000);
  }

  @Test
  void badEffectsAreNamed() {
    assertThatThrownBy(() -> Synthesizer.normaliseEffects("F0Scale(f0Scale:1.4)+Bogus(x:1)"))
        .hasMessageContaining("Bogus");
    assertThatThrownBy(() -> Synthesizer.normaliseEffects("Rate(durScale:fast)"))
        .hasMessageContaining("durScale")
        .hasMessageContaining("fast");
    assertThat(Synthesizer.normaliseEffects(" F0Scale( f0Scale:1.4 ) + Rate(durScale:0.9)"))
        .isEqualTo("F0Scale(f0Scale:1.4)+Rate(durScale:0.9)");
  }
}
