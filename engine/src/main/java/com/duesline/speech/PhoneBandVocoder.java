package com.duesline.speech;

import java.util.Random;
import marytts.htsengine.HMMData;
import marytts.htsengine.HTSPStream;
import marytts.htsengine.HTSParameterGeneration;
import marytts.htsengine.HTSVocoder;

/**
 * An HMM voice's vocoder run at the phone's 8 kHz: MaryTTS vocodes cmu-slt-hsmm at 48 kHz and the
 * call throws five samples of six away. Here each frame's mel-cepstrum is re-fitted to the 0–4 kHz
 * band it describes (one fixed linear map, computed once per voice), and MaryTTS's own MLSA filter
 * and the voice's mixed excitation render the frame's 5 ms in 40 samples instead of 240.
 *
 * <p>The map: the voice's log spectrum is Σ c[k]·cos(k·β(ω)) on its all-pass-warped frequency axis
 * β (α = the voice's, 0.55 at 48 kHz). Sampled at the midpoints of a uniform grid on the 8 kHz
 * axis's own warped frequency (α = {@link #ALPHA}), the truncated cosine transform of those samples
 * is the least-squares cepstrum of {@link #ORDER} terms for the band; both steps are linear in c,
 * so they fold into one ORDER × order matrix. The excitation keeps the voice's band strengths: its
 * lowest band-pass filter (0–2.9 kHz), decimated to 8 kHz, and its complement for 2.9–4 kHz (the
 * voice's second band). The gain follows from spreading the same excitation power over a sixth of
 * the samples (c0 lowered by ½·ln(rate / 8000)), so the level matches MaryTTS's resampled output.
 */
final class PhoneBandVocoder {
  /** The phone's sample rate. */
  static final int RATE = 8000;

  /** Cepstral terms at 8 kHz (c0..c24): the voice's 35 terms spend about 17 on 0–4 kHz. */
  static final int ORDER = 25;

  /** All-pass constant approximating the mel scale at 8 kHz (SPTK's table). */
  static final double ALPHA = 0.31;

  private static final int GRID = 256;
  private static final int PADE = HTSVocoder.PADEORDER;

  private final int sourceOrder;
  private final double sourceAlpha;
  private final double beta;
  private final int framePeriod;
  private final double[][] map;
  private final MelCepstralPostFilter.Transform postFilter;
  private final double gainShift;
  private final double[] lowBand;
  private final double[] highBand;
  private final boolean mixedExcitation;

  /** Whether this vocoder can render the voice {@code data} describes (mel-cepstral, k × 8 kHz). */
  static boolean supports(HMMData data) {
    int rate = data.getRate();
    return data.getStage() == 0 && rate % RATE == 0 && data.getFperiod() % (rate / RATE) == 0;
  }

  /** A vocoder for the voice described by {@code data}, whose cepstra have {@code order} terms. */
  PhoneBandVocoder(HMMData data, int order) {
    if (!supports(data))
      throw new IllegalArgumentException(
          "voice at "
              + data.getRate()
              + " Hz, frames of "
              + data.getFperiod()
              + " samples, stage "
              + data.getStage()
              + ": only mel-cepstral voices at a multiple of 8 kHz are supported");
    int rate = data.getRate();
    int factor = rate / RATE;
    this.sourceOrder = order;
    this.sourceAlpha = data.getAlpha();
    this.beta = data.getBeta();
    this.framePeriod = data.getFperiod() / factor;
    this.map = bandMap(order, sourceAlpha, factor);
    this.postFilter = MelCepstralPostFilter.Transform.of(order, sourceAlpha);
    this.gainShift = 0.5 * Math.log(factor);
    this.mixedExcitation = data.getUseMixExc() && data.getMixFilters() != null;
    if (mixedExcitation) {
      double[] source = data.getMixFilters()[0];
      int centre = source.length / 2;
      int half = centre / factor;
      lowBand = new double[2 * half + 1];
      highBand = new double[lowBand.length];
      for (int i = -half; i <= half; i++) lowBand[i + half] = factor * source[centre + i * factor];
      for (int i = 0; i < highBand.length; i++) highBand[i] = -lowBand[i];
      highBand[half] += 1.0;
    } else {
      lowBand = highBand = null;
    }
  }

  /** The parameters' speech at 8 kHz, in the vocoder's own units (MaryTTS normalises them). */
  double[] render(HTSParameterGeneration params, HMMData data) {
    HTSPStream mcep = params.getMcepPst();
    HTSPStream lf0 = params.getlf0Pst();
    HTSPStream str = params.getStrPst();
    boolean[] voiced = params.getVoicedArray();
    if (mcep.getOrder() != sourceOrder)
      throw new IllegalArgumentException(
          "cepstra of " + mcep.getOrder() + " terms, the vocoder was built for " + sourceOrder);
    boolean mixed = mixedExcitation && str != null && str.getOrder() >= 2;
    int frames = mcep.getT();
    double[] out = new double[frames * framePeriod];
    Random noise = new Random(HTSVocoder.SEED);
    MelCepstralPostFilter post = new MelCepstralPostFilter(postFilter, beta);

    double f0MeanOri = 0;
    int voicedFrames = 0;
    for (int t = 0, v = 0; t < frames; t++) {
      if (voiced[t]) {
        f0MeanOri += Math.exp(lf0.getPar(v++, 0));
        voicedFrames++;
      }
    }
    f0MeanOri = voicedFrames == 0 ? 0 : f0MeanOri / voicedFrames;

    double[] source = new double[sourceOrder];
    double[] band = new double[ORDER];
    double[] c = new double[ORDER];
    double[] next = new double[ORDER];
    double[] step = new double[ORDER];
    int pt2 = 2 * (PADE + 1) + PADE * (ORDER + 1);
    int[] pt3 = new int[PADE + 1];
    for (int i = PADE; i >= 1; i--) pt3[i] = 2 * (PADE + 1) + (i - 1) * (ORDER + 1);
    double[] filterState = new double[pt2 + PADE + 1];
    int taps = mixed ? lowBand.length : 0;
    double[] hp = new double[taps];
    double[] hn = new double[taps];
    double[] pulseHistory = new double[taps];
    double[] noiseHistory = new double[taps];

    double p1 = -1;
    double pc = 0;
    int s = 0;
    for (int t = 0, v = 0; t < frames; t++) {
      for (int i = 0; i < sourceOrder; i++) source[i] = mcep.getPar(t, i);
      double f0 = 0;
      if (voiced[t]) {
        f0 =
            data.getF0Std() * Math.exp(lf0.getPar(v++, 0))
                + (1 - data.getF0Std()) * f0MeanOri
                + data.getF0Mean();
        f0 = Math.max(0, f0);
      }
      if (mixed) {
        double lowStrength = str.getPar(t, 0);
        double highStrength = str.getPar(t, 1);
        for (int j = 0; j < taps; j++) {
          hp[j] = lowStrength * lowBand[j] + highStrength * highBand[j];
          hn[j] = (1 - lowStrength) * lowBand[j] + (1 - highStrength) * highBand[j];
        }
      }
      if (f0 != 0) f0 = RATE / f0;
      if (p1 < 0) {
        p1 = f0;
        pc = p1;
      }
      post.apply(source);
      toBand(source, band);
      HTSVocoder.mc2b(band, next, ORDER - 1, ALPHA);
      for (int i = 0; i < ORDER; i++) step[i] = (next[i] - c[i]) / framePeriod;
      double inc;
      if (p1 != 0 && f0 != 0) {
        inc = (f0 - p1) / framePeriod;
      } else {
        inc = 0;
        pc = f0;
        p1 = 0;
      }
      for (int j = 0; j < framePeriod; j++) {
        double x;
        double pulse = 0;
        double hiss;
        if (p1 == 0) {
          hiss = noise.nextBoolean() ? 1.0 : -1.0;
        } else {
          if ((pc += 1.0) >= p1) {
            pulse = Math.sqrt(p1);
            pc -= p1;
          }
          hiss = noise.nextBoolean() ? 1.0 : -1.0;
        }
        if (mixed) {
          double fp = 0;
          double fn = 0;
          for (int k = taps - 1; k > 0; k--) {
            fp += hp[k] * pulseHistory[k];
            fn += hn[k] * noiseHistory[k];
            pulseHistory[k] = pulseHistory[k - 1];
            noiseHistory[k] = noiseHistory[k - 1];
          }
          fp += hp[0] * pulse;
          fn += hn[0] * hiss;
          pulseHistory[0] = pulse;
          noiseHistory[0] = hiss;
          x = fp + fn;
        } else {
          x = p1 == 0 ? hiss : pulse;
        }
        if (x != 0) x *= Math.exp(c[0]);
        out[s++] = HTSVocoder.mlsadf(x, c, ORDER, ALPHA, filterState, pt2, pt3);
        p1 += inc;
        for (int k = 0; k < ORDER; k++) c[k] += step[k];
      }
      p1 = f0;
      System.arraycopy(next, 0, c, 0, ORDER);
    }
    return out;
  }

  /** The 8 kHz cepstrum of a frame's (post-filtered) voice cepstrum, gain included. */
  private void toBand(double[] source, double[] band) {
    for (int k = 0; k < ORDER; k++) {
      double sum = 0;
      double[] row = map[k];
      for (int i = 0; i < sourceOrder; i++) sum += row[i] * source[i];
      band[k] = sum;
    }
    band[0] -= gainShift;
  }

  /**
   * The matrix taking a voice cepstrum (warped by {@code alpha} at {@code factor} × 8 kHz) to the
   * least-squares {@link #ORDER}-term cepstrum of its 0–4 kHz band, warped by {@link #ALPHA}.
   */
  static double[][] bandMap(int order, double alpha, int factor) {
    double[][] m = new double[ORDER][order];
    for (int n = 0; n < GRID; n++) {
      double target = Math.PI * (n + 0.5) / GRID;
      double phone = warp(target, -ALPHA);
      double voice = warp(phone / factor, alpha);
      for (int k = 0; k < ORDER; k++) {
        double weight = (k == 0 ? 1.0 : 2.0) / GRID * Math.cos(k * target);
        for (int i = 0; i < order; i++) m[k][i] += weight * Math.cos(i * voice);
      }
    }
    return m;
  }

  /** The first-order all-pass frequency warping (the mel-cepstrum's frequency axis). */
  static double warp(double omega, double alpha) {
    return omega + 2 * Math.atan(alpha * Math.sin(omega) / (1 - alpha * Math.cos(omega)));
  }
}
