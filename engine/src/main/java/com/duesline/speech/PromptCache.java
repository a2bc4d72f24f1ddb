package com.duesline.speech;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Synthesized prompts keyed by (text, rendering, effects, format): in memory (least recently used
 * evicted beyond a byte bound) and on disk in {@code speech.prompts-dir}, so a fixed sentence is
 * synthesized once, ever. Disk files are written to a temporary name and renamed, so a reader in
 * another process never sees half a prompt. Thread-safe.
 */
public final class PromptCache {
  /** What identifies a rendering ({@code rendering}: {@link Synthesizer#rendering}). */
  public record Key(String text, String rendering, String effects, AudioFormatKind format) {
    String fileName() {
      try {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        String id = text + '\u0000' + rendering + '\u0000' + effects + '\u0000' + format.cliName();
        return HexFormat.of().formatHex(sha.digest(id.getBytes(StandardCharsets.UTF_8)))
            + "."
            + format.cliName();
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** How a request was served. */
  public enum Source {
    MEMORY,
    DISK,
    SYNTHESIZED
  }

  /** A served prompt and where it came from. */
  public record Served(SynthesizedAudio audio, Source source) {}

  private final Synthesizer synthesizer;
  private final Path dir;
  private final long maxBytes;
  private final Map<Key, SynthesizedAudio> memory = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes;
  private final Counter memoryHits;
  private final Counter diskHits;
  private final Counter misses;

  /**
   * Prompts being synthesized now, so a second caller of the same prompt waits instead of rendering
   * it again.
   */
  private final ConcurrentHashMap<Key, CompletableFuture<SynthesizedAudio>> rendering =
      new ConcurrentHashMap<>();

  /**
   * The prompt cache of these settings: files in {@link SpeechSettings#promptsDir()}. The one way
   * the live calls, {@code tts}, {@code tts warm}, the playground and {@code intents eval --asr}
   * open it, so what is warmed is what is read.
   */
  public static PromptCache of(
      SpeechSettings settings, Synthesizer synthesizer, MeterRegistry registry) {
    return new PromptCache(
        synthesizer, settings.promptsDir(), settings.promptCacheBytes(), registry);
  }

  /** Where the rendered prompts are kept on disk. */
  public Path directory() {
    return dir;
  }

  /** A cache in front of {@code synthesizer}, its files in {@code dir} (see {@link #of}). */
  public PromptCache(
      Synthesizer synthesizer, Path dir, long maxMemoryBytes, MeterRegistry registry) {
    this.synthesizer = synthesizer;
    this.dir = dir;
    this.maxBytes = maxMemoryBytes;
    this.memoryHits =
        Counter.builder("duesline.tts.cache").tag("result", "memory").register(registry);
    this.diskHits = Counter.builder("duesline.tts.cache").tag("result", "disk").register(registry);
    this.misses =
        Counter.builder("duesline.tts.cache").tag("result", "synthesized").register(registry);
  }

  /** The prompt, synthesizing it only if neither memory nor disk has it. */
  public SynthesizedAudio get(String text, String effects, AudioFormatKind format) {
    return serve(text, effects, format).audio();
  }

  /** As {@link #get}, also saying where it came from. */
  public Served serve(String text, String effects, AudioFormatKind format) {
    Key key = key(text, effects, format);
    SynthesizedAudio hit = fromMemory(key);
    if (hit != null) {
      memoryHits.increment();
      return new Served(hit, Source.MEMORY);
    }
    Optional<SynthesizedAudio> disk = fromDisk(key);
    if (disk.isPresent()) {
      diskHits.increment();
      remember(key, disk.get());
      return new Served(disk.get(), Source.DISK);
    }
    // One synthesis per prompt at a time: a call that needs a prompt being pre-rendered waits for
    // it
    // rather than rendering it a second time.
    CompletableFuture<SynthesizedAudio> mine = new CompletableFuture<>();
    CompletableFuture<SynthesizedAudio> running = rendering.putIfAbsent(key, mine);
    if (running != null) {
      try {
        return new Served(running.join(), Source.SYNTHESIZED);
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : e;
      }
    }
    try {
      SynthesizedAudio audio = synthesizer.synthesize(key.text(), key.effects(), format);
      misses.increment();
      store(key, audio);
      remember(key, audio);
      mine.complete(audio);
      return new Served(audio, Source.SYNTHESIZED);
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      rendering.remove(key, mine);
    }
  }

  /** Whether the prompt is on disk already (no synthesis, no memory change). */
  public boolean isOnDisk(String text, String effects, AudioFormatKind format) {
    return Files.isRegularFile(dir.resolve(key(text, effects, format).fileName()));
  }

  private Key key(String text, String effects, AudioFormatKind format) {
    String fx = Synthesizer.normaliseEffects(effects);
    return new Key(text.strip(), synthesizer.rendering(fx, format), fx, format);
  }

  /** Bytes held in memory now. */
  public synchronized long memoryBytes() {
    return bytes;
  }

  /** Drops the in-memory copies (disk stays), e.g. to measure disk reads. */
  public synchronized void clearMemory() {
    memory.clear();
    bytes = 0;
  }

  private synchronized SynthesizedAudio fromMemory(Key key) {
    return memory.get(key);
  }

  private synchronized void remember(Key key, SynthesizedAudio audio) {
    if (audio.data().length > maxBytes) return;
    SynthesizedAudio old = memory.put(key, audio);
    if (old != null) bytes -= old.data().length;
    bytes += audio.data().length;
    Iterator<SynthesizedAudio> eldest = memory.values().iterator();
    while (bytes > maxBytes && eldest.hasNext()) {
      bytes -= eldest.next().data().length;
      eldest.remove();
    }
  }

  private Optional<SynthesizedAudio> fromDisk(Key key) {
    Path file = dir.resolve(key.fileName());
    try {
      return Optional.of(new SynthesizedAudio(key.format(), Files.readAllBytes(file)));
    } catch (java.nio.file.NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read cached prompt " + file + ": " + e.getMessage(), e);
    }
  }

  private void store(Key key, SynthesizedAudio audio) {
    Path file = dir.resolve(key.fileName());
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".prompt-", ".tmp");
      Files.write(tmp, audio.data());
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write cached prompt " + file + ": " + e.getMessage(), e);
    }
  }
}
