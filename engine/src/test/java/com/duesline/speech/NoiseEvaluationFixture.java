package com.duesline.speech;

import java.nio.file.Files;

/**
 * The real-voice noise evaluation set, loaded once per test JVM; fails naming the Debian package
 * when absent.
 */
final class NoiseEvaluationFixture {
  private NoiseEvaluationFixture() {}

  private static final class Holder {
    static final NoiseEvaluation SET = load();

    private static NoiseEvaluation load() {
      if (!Files.isDirectory(NoiseEvaluation.DEBIAN_SOUNDS)) {
        throw new IllegalStateException(
            NoiseEvaluation.DEBIAN_SOUNDS
                + " is missing: these tests use real human recordings from"
                + " Debian's asterisk-core-sounds-en-wav (apt-get install asterisk-core-sounds-en-wav; .ci/run installs it)");
      }
      return NoiseEvaluation.load(NoiseEvaluation.DEBIAN_SOUNDS);
    }
  }

  static NoiseEvaluation set() {
    return Holder.SET;
  }
}
