package com.duesline.speech;

import com.duesline.config.DueslineConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The {@code speech.*} configuration, read once into typed values.
 *
 * @param promptsDir where rendered prompts are kept on disk ({@code speech.prompts-dir}, by default
 *     {@code <cache-dir>/prompts}); the one owner of that path ({@link PromptCache#of})
 */
public record SpeechSettings(
    int workers,
    Optional<Path> voskModel,
    Path cacheDir,
    String voice,
    long promptCacheBytes,
    Vad.Settings vad,
    AudioCleaner.Settings cleanup,
    Path promptsDir) {

  /**
   * Settings with the default clean-up chain and prompts in {@code <cacheDir>/prompts} (tests and
   * tools that configure only these).
   */
  public SpeechSettings(
      int workers,
      Optional<Path> voskModel,
      Path cacheDir,
      String voice,
      long promptCacheBytes,
      Vad.Settings vad) {
    this(
        workers,
        voskModel,
        cacheDir,
        voice,
        promptCacheBytes,
        vad,
        AudioCleaner.Settings.DEFAULT,
        cacheDir.resolve("prompts"));
  }

  /**
   * Reads the {@code speech} section; blanks mean defaults (one worker per core,
   * ~/.cache/duesline).
   */
  public static SpeechSettings from(DueslineConfig config) {
    int workers = config.getInt("speech.workers");
    if (workers <= 0) workers = Runtime.getRuntime().availableProcessors();
    Path cache =
        config
            .optional("speech.cache-dir")
            .map(Path::of)
            .orElse(Path.of(System.getProperty("user.home"), ".cache", "duesline"));
    Vad.Settings vad =
        new Vad.Settings(
            config.getDouble("speech.vad.threshold-db"),
            config.getInt("speech.vad.start-ms"),
            config.getInt("speech.vad.hangover-ms"),
            config.getInt("speech.vad.max-utterance-ms"));
    AudioCleaner.Settings cleanup =
        new AudioCleaner.Settings(
            config.getBoolean("speech.cleanup.high-pass"),
            AudioCleaner.Suppression.parse(config.get("speech.cleanup.noise-suppression")),
            config.getBoolean("speech.cleanup.gain-control"),
            config.optional("speech.cleanup.suppress-above-db").isEmpty()
                ? Double.NEGATIVE_INFINITY
                : config.getDouble("speech.cleanup.suppress-above-db"));
    return new SpeechSettings(
        workers,
        config.optional("speech.vosk-model").map(Path::of),
        cache,
        config.get("speech.voice"),
        (long) config.getInt("speech.prompt-cache-mb") * 1024 * 1024,
        vad,
        cleanup,
        config.optional("speech.prompts-dir").map(Path::of).orElse(cache.resolve("prompts")));
  }

  /** Defaults for tests and tools that have no configuration file. */
  public static SpeechSettings defaults() {
    return from(DueslineConfig.load(null, k -> null));
  }
}
