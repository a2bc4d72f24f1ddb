package com.duesline.intent;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vectors of a language's examples, persisted under {@code <cache-dir>/intents/} in a file
 * named by a hash of the model id and every example text, so a start-up with unchanged examples
 * reads them instead of running the encoder ~1,500 times. A missing, stale or damaged file is
 * simply recomputed.
 */
final class ExampleVectors {
  private static final Logger LOG = LoggerFactory.getLogger(ExampleVectors.class);
  private static final int MAGIC = 0x44564543; // "DVEC"

  private ExampleVectors() {}

  /** One unit vector per text, in order. */
  static float[][] of(
      SentenceEncoder encoder,
      LanguageAnalysis analysis,
      List<String> texts,
      Optional<Path> cacheDir) {
    Optional<Path> file =
        cacheDir.map(
            d -> d.resolve("intents").resolve(encoder.lang() + "-" + key(encoder, texts) + ".vec"));
    if (file.isPresent() && Files.isRegularFile(file.get())) {
      float[][] read = read(file.get(), texts.size());
      if (read != null) return read;
    }
    float[][] vectors = new float[texts.size()][];
    for (int i = 0; i < texts.size(); i++)
      vectors[i] = encoder.embedUncached(analysis.forEncoder(UtteranceText.clean(texts.get(i))));
    file.ifPresent(f -> write(f, vectors));
    return vectors;
  }

  private static String key(SentenceEncoder encoder, List<String> texts) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(encoder.modelId().getBytes(StandardCharsets.UTF_8));
      for (String t : texts) {
        sha.update((byte) '\n');
        sha.update(t.getBytes(StandardCharsets.UTF_8));
      }
      return HexFormat.of().formatHex(sha.digest(), 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static float[][] read(Path file, int count) {
    try (DataInputStream in =
        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
      if (in.readInt() != MAGIC || in.readInt() != count) return null;
      int dim = in.readInt();
      float[][] out = new float[count][dim];
      for (float[] v : out) for (int j = 0; j < dim; j++) v[j] = in.readFloat();
      return out;
    } catch (IOException e) {
      LOG.warn("intent vectors {}: unreadable ({}), recomputing", file, e.toString());
      return null;
    }
  }

  /** Written to a temporary file and moved into place, so a reader never sees half a file. */
  private static void write(Path file, float[][] vectors) {
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
        out.writeInt(MAGIC);
        out.writeInt(vectors.length);
        out.writeInt(vectors.length == 0 ? 0 : vectors[0].length);
        for (float[] v : vectors) for (float x : v) out.writeFloat(x);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.warn(
          "intent vectors {}: could not be saved ({}); they will be recomputed next start",
          file,
          e.toString());
    }
  }
}
