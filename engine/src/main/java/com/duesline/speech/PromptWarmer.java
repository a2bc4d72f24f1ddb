package com.duesline.speech;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** Renders a source's prompts into the prompt cache, in parallel on speech workers of its own. */
public final class PromptWarmer {
  private PromptWarmer() {}

  /** What a warm-up did: renderings asked for, how many were synthesized, how long, where. */
  public record Warmed(int total, int synthesized, double seconds, Path cache) {}

  /** Renders every prompt of {@code source} in every format that is not on disk yet. */
  public static Warmed warm(
      PromptSource source, List<AudioFormatKind> kinds, SpeechSettings settings) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PromptCache cache =
        PromptCache.of(settings, new Synthesizer(settings.voice(), registry), registry);
    // Each line whole and, when it has several, each of its sentences: a call asks for the bot's
    // prompts sentence by sentence (SpeakerStage), a simulated caller for its line whole.
    List<PromptSource.Prompt> prompts = new ArrayList<>();
    for (PromptSource.Prompt p : source.prompts()) {
      prompts.add(p);
      List<String> sentences = Sentences.of(p.text());
      if (sentences.size() > 1)
        sentences.forEach(s -> prompts.add(new PromptSource.Prompt(s, p.effects())));
    }
    AtomicInteger fresh = new AtomicInteger();
    long t0 = System.nanoTime();
    try (SpeechWorkers workers = new SpeechWorkers(settings)) {
      List<CompletableFuture<Void>> jobs = new ArrayList<>();
      for (PromptSource.Prompt p : prompts) {
        for (AudioFormatKind k : kinds) {
          jobs.add(
              workers.submit(
                  () -> {
                    if (cache.isOnDisk(p.text(), p.effects(), k)) return null;
                    cache.get(p.text(), p.effects(), k);
                    fresh.incrementAndGet();
                    return null;
                  }));
        }
      }
      CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new)).join();
    }
    return new Warmed(
        prompts.size() * kinds.size(),
        fresh.get(),
        (System.nanoTime() - t0) / 1e9,
        cache.directory());
  }
}
