package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import marytts.htsengine.HTSVocoder;
import org.junit.jupiter.api.Test;

/** The precomputed post-filter against MaryTTS's own, frame by frame. */
class MelCepstralPostFilterTest {
  @Test
  void filtersAsMaryTtsDoes() {
    int order = 35;
    double alpha = 0.55;
    double beta = 0.1;
    MelCepstralPostFilter filter =
        new MelCepstralPostFilter(MelCepstralPostFilter.Transform.of(order, alpha), beta);
    Random random = new Random(7);
    for (int frame = 0; frame < 200; frame++) {
      double[] cepstrum = new double[order];
      cepstrum[0] = -2 + random.nextGaussian();
      for (int k = 1; k < order; k++) cepstrum[k] = random.nextGaussian() / k;
      double[] expected = cepstrum.clone();
      HTSVocoder.postfilter_mgc(expected, order - 1, alpha, beta);
      double[] actual = cepstrum.clone();
      filter.apply(actual);
      assertThat(expected).isNotEqualTo(cepstrum);
      for (int k = 0; k < order; k++)
        assertThat(actual[k]).as("frame %d, c%d", frame, k).isCloseTo(expected[k], within(1e-9));
    }
  }
}
