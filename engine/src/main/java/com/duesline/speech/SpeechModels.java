package com.duesline.speech;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import marytts.LocalMaryInterface;
import marytts.exceptions.MaryConfigurationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.vosk.LibVosk;
import org.vosk.LogLevel;
import org.vosk.Model;

/**
 * The process-wide speech models: the Vosk model (loaded once per model directory, lazily and
 * thread-safely) and MaryTTS (started once). Recognizers and synthesis requests are per call.
 *
 * <p>Model location: {@code speech.vosk-model} if set; otherwise the {@code .aar} from Maven
 * Central is unpacked once into {@code <cache-dir>/vosk/model-en-us-<uuid>-endpoint-0.5s}. The aar
 * is found via the system property {@code duesline.vosk.aar}, else {@code <dir of
 * duesline.jar>/models/vosk-model-en.aar}. Unpacking goes to a temporary directory renamed into
 * place, so concurrent processes never see (or leave) a half-written model. The bundled model's
 * endpoint rules are Duesline's ({@link #endpointRules}); a configured directory is used as it is.
 */
public final class SpeechModels {
  private static final Logger LOG = LoggerFactory.getLogger(SpeechModels.class);
  private static final String AAR_PROPERTY = "duesline.vosk.aar";
  private static final String AAR_PREFIX = "assets/model-en-us/";

  /**
   * Vosk's own endpoint (rules 3 and 4 of Kaldi's endpointer) after this much trailing silence,
   * seconds, whatever the language model makes of the sentence so far; the bundled model waits 0.75
   * and 1.0. At that endpoint Vosk rescores the words, and the rescored words are what a turn is
   * judged on: a partial ending "you as the at" (long wait, unfinished) becomes "you as yet"
   * (default wait). Before the default wait ends, not after (docs/live-calls.md).
   */
  static final String TRAILING_SILENCE_S = "0.5";

  private static final String CONF = "conf/model.conf";
  private static final Map<Path, Model> VOSK = new ConcurrentHashMap<>();
  private static volatile boolean maryStarted;

  private SpeechModels() {}

  /** The Vosk model for these settings, loading it on first use. */
  public static Model vosk(SpeechSettings settings) {
    Path dir = voskModelDir(settings);
    return VOSK.computeIfAbsent(
        dir.toAbsolutePath().normalize(),
        d -> {
          LibVosk.setLogLevel(LogLevel.WARNINGS);
          long t0 = System.nanoTime();
          try {
            Model m = new Model(d.toString());
            LOG.info("Vosk model loaded from {} in {} ms", d, (System.nanoTime() - t0) / 1_000_000);
            return m;
          } catch (IOException e) {
            throw new UncheckedIOException(
                "cannot load Vosk model from " + d + ": " + e.getMessage(), e);
          }
        });
  }

  /** Where the Vosk model is (unpacking the bundled one if needed). */
  public static Path voskModelDir(SpeechSettings settings) {
    if (settings.voskModel().isPresent()) {
      Path dir = settings.voskModel().get();
      if (!Files.isDirectory(dir.resolve("am")) && !Files.isDirectory(dir.resolve("graph"))) {
        throw new IllegalStateException(
            "speech.vosk-model = "
                + dir
                + " is not a Vosk model directory (no am/ or graph/ inside)");
      }
      return dir;
    }
    return unpackBundled(locateAar(), settings.cacheDir().resolve("vosk"));
  }

  static Path locateAar() {
    String prop = System.getProperty(AAR_PROPERTY);
    if (prop != null && !prop.isBlank()) {
      Path p = Path.of(prop);
      if (!Files.isRegularFile(p))
        throw new IllegalStateException(
            "system property " + AAR_PROPERTY + " = " + p + " is not a file");
      return p;
    }
    try {
      Path codeSource =
          Path.of(SpeechModels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      // Both target/duesline.jar and target/classes (tests, IDE) sit beside target/models.
      Path base = codeSource.getParent();
      Path aar = base.resolve("models").resolve("vosk-model-en.aar");
      if (Files.isRegularFile(aar)) return aar;
      throw new IllegalStateException(
          "no Vosk model: set speech.vosk-model (DUESLINE_SPEECH_VOSK_MODEL) to a model directory, "
              + "or put vosk-model-en.aar at "
              + aar);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(
          "cannot locate the duesline jar to find models/vosk-model-en.aar", e);
    }
  }

  /**
   * Unpacks {@code assets/model-en-us/} of the aar under {@code root}, once; returns the model
   * directory.
   */
  static Path unpackBundled(Path aar, Path root) {
    try (ZipFile zip = new ZipFile(aar.toFile())) {
      ZipEntry uuidEntry = zip.getEntry(AAR_PREFIX + "uuid");
      String uuid = "unversioned";
      if (uuidEntry != null) {
        try (InputStream in = zip.getInputStream(uuidEntry)) {
          uuid = new String(in.readAllBytes()).trim().replaceAll("[^A-Za-z0-9-]", "");
        }
      }
      // The rules are in the name: a copy unpacked with other rules is left alone, not rewritten.
      Path target = root.resolve("model-en-us-" + uuid + "-endpoint-" + TRAILING_SILENCE_S + "s");
      if (Files.isDirectory(target)) return target;
      Files.createDirectories(root);
      Path tmp = Files.createTempDirectory(root, ".unpack-");
      try {
        var entries = zip.entries();
        while (entries.hasMoreElements()) {
          ZipEntry e = entries.nextElement();
          if (!e.getName().startsWith(AAR_PREFIX) || e.isDirectory()) continue;
          Path out = tmp.resolve(e.getName().substring(AAR_PREFIX.length())).normalize();
          if (!out.startsWith(tmp))
            throw new IOException("entry escapes the model directory: " + e.getName());
          Files.createDirectories(out.getParent());
          try (InputStream in = zip.getInputStream(e)) {
            if (out.equals(tmp.resolve(CONF)))
              Files.writeString(
                  out, endpointRules(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            else Files.copy(in, out);
          }
        }
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
          LOG.info("Vosk model unpacked from {} to {}", aar, target);
        } catch (FileSystemException raced) {
          // Another process finished first ("Directory not empty" from rename(2)): its copy is
          // complete, ours is discarded below.
          if (!Files.isDirectory(target)) throw raced;
        }
      } finally {
        deleteTree(tmp);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot unpack Vosk model from " + aar + " into " + root + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code conf} (a Kaldi options file) with rules 3 and 4's trailing silence set to {@link
   * #TRAILING_SILENCE_S}; every other option as it was.
   */
  static String endpointRules(String conf) {
    StringBuilder out = new StringBuilder();
    for (String line : conf.split("\\R")) {
      if (line.startsWith("--endpoint.rule3.min-trailing-silence=")
          || line.startsWith("--endpoint.rule4.min-trailing-silence=")) continue;
      if (!line.isBlank()) out.append(line).append('\n');
    }
    return out.append("--endpoint.rule3.min-trailing-silence=")
        .append(TRAILING_SILENCE_S)
        .append('\n')
        .append("--endpoint.rule4.min-trailing-silence=")
        .append(TRAILING_SILENCE_S)
        .append('\n')
        .toString();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) return;
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }

  /**
   * Starts MaryTTS once per process (loads the lexicon, letter-to-sound rules and voices on the
   * classpath).
   */
  public static void startMary() {
    if (maryStarted) return;
    synchronized (SpeechModels.class) {
      if (maryStarted) return;
      long t0 = System.nanoTime();
      try {
        new LocalMaryInterface();
      } catch (MaryConfigurationException e) {
        throw new IllegalStateException("MaryTTS failed to start: " + e.getMessage(), e);
      }
      LOG.info("MaryTTS started in {} ms", (System.nanoTime() - t0) / 1_000_000);
      maryStarted = true;
    }
  }
}
