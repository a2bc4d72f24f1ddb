package com.duesline.playground;

import com.duesline.cli.InputRejectedException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Microphone audio a browser uploaded: raw 16-bit little-endian mono PCM at the rate the request
 * states ({@code audio/L16; rate=16000} or {@code ?rate=}). {@link #parse} refuses anything else
 * with the problem named, so Vosk is never fed a WAV header, a compressed recording or byte-swapped
 * noise.
 */
public record PcmAudio(short[] samples, int rate) {
  /**
   * The rates the page may send: Vosk's own, and the telephone's (upsampled before recognition).
   */
  public static final Set<Integer> RATES = Set.of(8000, 16000);

  /** Longer than a caller turn could sensibly be (the live runtime ends an utterance at 15 s). */
  public static final double MAX_SECONDS = 30;

  static final double MIN_SECONDS = 0.2;

  /** Above this RMS level a recording must look like speech (see {@link #lag1Correlation}). */
  private static final double LOUD_RMS = 500;

  /**
   * Speech sampled at 8 or 16 kHz correlates strongly sample to sample (≈0.7–0.95); noise,
   * compressed bytes or big-endian PCM read as little-endian do not (≈0).
   */
  private static final double MIN_SPEECH_CORRELATION = 0.3;

  /** Length in seconds. */
  public double seconds() {
    return samples.length / (double) rate;
  }

  /** Peak level in dBFS (−inf for digital silence). */
  public double peakDbfs() {
    int peak = 0;
    for (short s : samples) peak = Math.max(peak, Math.abs((int) s));
    return peak == 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(peak / 32768.0);
  }

  /**
   * Checks an upload against the rate it states and decodes it.
   *
   * @param contentType the request's content type ({@code audio/L16; rate=N} or {@code
   *     application/octet-stream})
   * @param rateParam the {@code rate} query parameter, or null
   */
  public static PcmAudio parse(byte[] body, String contentType, String rateParam) {
    List<String> problems = new ArrayList<>();
    Integer typeRate = null;
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT).strip();
    String media = type.split(";", 2)[0].strip();
    if (!media.equals("audio/l16") && !media.equals("application/octet-stream")) {
      problems.add(
          "content-type: expected audio/L16; rate=16000 (raw 16-bit little-endian PCM), got '"
              + (contentType == null ? "" : contentType)
              + "'");
    }
    for (String param : type.split(";")) {
      String[] kv = param.strip().split("=", 2);
      if (kv.length == 2 && kv[0].strip().equals("rate"))
        typeRate = integer(kv[1].strip(), "content-type rate", problems);
      if (kv.length == 2 && kv[0].strip().equals("channels") && !kv[1].strip().equals("1")) {
        problems.add(
            "content-type: channels=" + kv[1].strip() + " is not supported; send mono audio");
      }
    }
    Integer queryRate = rateParam == null ? null : integer(rateParam.strip(), "rate", problems);
    if (typeRate != null && queryRate != null && !typeRate.equals(queryRate)) {
      problems.add(
          "rate: the query says "
              + queryRate
              + " Hz but the content-type says "
              + typeRate
              + " Hz");
    }
    Integer rate = queryRate != null ? queryRate : typeRate;
    if (rate == null && problems.isEmpty())
      problems.add("rate: required (8000 or 16000), as ?rate= or audio/L16; rate=N");
    if (rate != null && !RATES.contains(rate))
      problems.add(
          "rate: " + rate + " Hz is not accepted; resample to 16000 or 8000 in the browser");
    if (body == null || body.length == 0) {
      problems.add("audio: the request body is empty");
    } else {
      String container = container(body);
      if (container != null)
        problems.add(
            "audio: this is " + container + "; send the raw 16-bit samples (audio/L16) instead");
      else if (body.length % 2 != 0)
        problems.add("audio: " + body.length + " bytes is not a whole number of 16-bit samples");
    }
    if (!problems.isEmpty()) throw new InputRejectedException(problems);
    short[] samples = new short[body.length / 2];
    ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
    PcmAudio audio = new PcmAudio(samples, rate);
    if (audio.seconds() < MIN_SECONDS) {
      throw new InputRejectedException(
          String.format(
              Locale.ROOT,
              "audio: %.2f s at %d Hz is too short to hold a word (at least %.1f s)",
              audio.seconds(),
              rate,
              MIN_SECONDS));
    }
    if (audio.seconds() > MAX_SECONDS) {
      throw new InputRejectedException(
          String.format(
              Locale.ROOT,
              "audio: %.1f s at %d Hz is longer than a caller turn may be (%.0f s)",
              audio.seconds(),
              rate,
              MAX_SECONDS));
    }
    double rms = rms(samples);
    double corr = lag1Correlation(samples);
    if (rms > LOUD_RMS && corr < MIN_SPEECH_CORRELATION) {
      throw new InputRejectedException(
          String.format(
              Locale.ROOT,
              "audio: does not look like 16-bit little-endian PCM at %d Hz (sample-to-sample correlation %.2f, speech has > %.1f): big-endian, 8-bit, float or compressed data?",
              rate,
              corr,
              MIN_SPEECH_CORRELATION));
    }
    return audio;
  }

  /** The container a body starts with, when it is a file rather than raw samples. */
  private static String container(byte[] b) {
    if (startsWith(b, "RIFF")) return "a WAV (RIFF) file";
    if (startsWith(b, "OggS")) return "an Ogg (compressed) recording";
    if (startsWith(b, "fLaC")) return "a FLAC (compressed) recording";
    if (startsWith(b, "ID3")) return "an MP3 (compressed) recording";
    if (b.length >= 4
        && (b[0] & 0xff) == 0x1a
        && (b[1] & 0xff) == 0x45
        && (b[2] & 0xff) == 0xdf
        && (b[3] & 0xff) == 0xa3) return "a WebM (compressed) recording";
    return null;
  }

  private static boolean startsWith(byte[] b, String magic) {
    byte[] m = magic.getBytes(StandardCharsets.US_ASCII);
    if (b.length < m.length) return false;
    for (int i = 0; i < m.length; i++) if (b[i] != m[i]) return false;
    return true;
  }

  private static Integer integer(String s, String field, List<String> problems) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      problems.add(field + ": '" + s + "' is not a number of samples per second");
      return null;
    }
  }

  static double rms(short[] s) {
    double sum = 0;
    for (short v : s) sum += (double) v * v;
    return s.length == 0 ? 0 : Math.sqrt(sum / s.length);
  }

  /** Normalised correlation of each sample with the next, with the mean removed. */
  static double lag1Correlation(short[] s) {
    if (s.length < 2) return 1;
    double mean = 0;
    for (short v : s) mean += v;
    mean /= s.length;
    double num = 0;
    double den = 0;
    for (int i = 0; i < s.length; i++) {
      double a = s[i] - mean;
      den += a * a;
      if (i + 1 < s.length) num += a * (s[i + 1] - mean);
    }
    return den == 0 ? 1 : num / den;
  }
}
