package com.duesline.speech;

import com.duesline.config.DueslineConfig;
import com.duesline.scripts.Catalogue;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The languages calls speak with a recorded voice ({@code speech.recorded-voices}, e.g. {@code
 * zh=stand-in}) and the recognizer model of each language other than the bundled English one
 * ({@code speech.models.<lang>}).
 */
public final class RecordedVoices {
  private static final Logger LOG = LoggerFactory.getLogger(RecordedVoices.class);

  private RecordedVoices() {}

  /**
   * The recorded voice of each configured language whose clips exist (library first, then the
   * cache's stand-ins). A configured voice with no clips anywhere is left out with a warning saying
   * how to make them.
   *
   * @throws IllegalArgumentException when the setting is not {@code lang=voice[,lang=voice]}
   */
  public static Map<String, RecordedVoice> load(
      DueslineConfig config, Path libraryDir, Path cacheDir, Catalogue catalogue) {
    Map<String, RecordedVoice> out = new LinkedHashMap<>();
    for (var e : parse(config.optional("speech.recorded-voices").orElse("")).entrySet()) {
      var sources = RecordedVoice.sources(libraryDir, cacheDir, e.getValue(), e.getKey());
      if (sources.isEmpty()) {
        LOG.warn(
            "speech.recorded-voices: voice '{}' for {} has no clips in {}/voices or {}/voices; {} calls cannot be made until "
                + "it is recorded or `duesline voices stand-in --lang {}` is run",
            e.getValue(),
            e.getKey(),
            libraryDir,
            cacheDir,
            e.getKey(),
            e.getKey());
        continue;
      }
      out.put(e.getKey(), new RecordedVoice(sources, catalogue));
    }
    return out;
  }

  /** {@code "zh=stand-in, en=maria"} → {zh: stand-in, en: maria}. */
  public static Map<String, String> parse(String setting) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : setting.split(",")) {
      if (pair.isBlank()) continue;
      String[] kv = pair.split("=", -1);
      if (kv.length != 2
          || !kv[0].strip().matches("[a-z]{2}")
          || !kv[1].strip().matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException(
            "speech.recorded-voices: '" + pair.strip() + "' is not lang=voice (e.g. zh=stand-in)");
      }
      out.put(kv[0].strip(), kv[1].strip());
    }
    return out;
  }

  /**
   * The Vosk model directory configured for {@code lang} ({@code speech.models.<lang>}); empty when
   * none is.
   */
  public static Optional<Path> model(DueslineConfig config, String lang) {
    return config.optional("speech.models." + lang).filter(s -> !s.isBlank()).map(Path::of);
  }
}
