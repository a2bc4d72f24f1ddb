package com.duesline.cli;

import com.duesline.speech.AudioFormatKind;
import com.duesline.speech.FilePromptSource;
import com.duesline.speech.PromptCache;
import com.duesline.speech.PromptSource;
import com.duesline.speech.Sentences;
import com.duesline.speech.SpeechSettings;
import com.duesline.speech.SpeechWorkers;
import com.duesline.speech.Synthesizer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code duesline tts warm}: pre-renders fixed prompts into the prompt cache. */
@Command(
    name = "warm",
    mixinStandardHelpOptions = true,
    description = "Pre-render fixed prompts into the prompt cache.")
public final class TtsWarmCommand implements Runnable {
  @Mixin CommonOptions common;

  @Option(
      names = "--file",
      required = true,
      description = "Text file, one sentence per line (# comments and blank lines skipped).")
  Path file;

  @Option(
      names = "--format",
      split = ",",
      description = "Formats to render (default mulaw8k).",
      defaultValue = "mulaw8k")
  List<String> formats;

  @Option(
      names = "--voice-effect",
      description = "MaryTTS effects for every prompt.",
      defaultValue = "")
  String effects;

  @Override
  public void run() {
    if (!Files.isRegularFile(file))
      throw new InputRejectedException("tts warm: --file " + file + " does not exist");
    List<AudioFormatKind> kinds = new ArrayList<>();
    try {
      for (String f : formats) kinds.add(AudioFormatKind.parse(f.trim()));
      Synthesizer.normaliseEffects(effects);
    } catch (IllegalArgumentException e) {
      throw new InputRejectedException("tts warm: " + e.getMessage());
    }
    warm(new FilePromptSource(file, effects), kinds, SpeechSettings.from(common.config()));
  }

  /** Renders every prompt of {@code source} in every format, in parallel on the speech workers. */
  static void warm(PromptSource source, List<AudioFormatKind> kinds, SpeechSettings settings) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    PromptCache cache =
        PromptCache.of(settings, new Synthesizer(settings.voice(), registry), registry);
    // Each line whole and, when it has several, each of its sentences: a call asks for the bot's
    // prompts
    // sentence by sentence (SpeakerStage), a simulated caller for its line whole.
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
    int total = prompts.size() * kinds.size();
    System.out.printf(
        "warmed %d prompt renderings from %s: %d synthesized, %d already cached, %.1f s (cache %s)%n",
        total,
        source.name(),
        fresh.get(),
        total - fresh.get(),
        (System.nanoTime() - t0) / 1e9,
        cache.directory());
  }
}
