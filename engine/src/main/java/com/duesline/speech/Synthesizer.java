package com.duesline.speech;

import com.duesline.telephony.audio.Resampler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import marytts.LocalMaryInterface;
import marytts.MaryInterface;
import marytts.exceptions.MaryConfigurationException;
import marytts.util.dom.DomUtils;

/**
 * Text to speech with MaryTTS (default voice {@code cmu-slt-hsmm}, 48 kHz), rendered to a phone or
 * file format; an HMM voice's 8 kHz renderings without effects are vocoded at 8 kHz ({@link
 * PhoneBandVoice}), the rest at the voice's rate and resampled. Thread-safe: MaryTTS is started
 * once per process and every request gets its own {@link MaryInterface}, because voice and effects
 * are per-instance settings there; requests with different settings render one after another
 * ({@link EffectsGate}).
 *
 * <p>Input starting with {@code <speak} is SSML (MaryTTS honours {@code <break time="500ms"/>},
 * {@code <prosody rate/pitch>} and {@code <emphasis>}); anything else is plain text. Voice effects
 * use MaryTTS' syntax, e.g. {@code F0Scale(f0Scale:1.4)+Rate(durScale:0.9)}; unknown effect names
 * are rejected before synthesis.
 */
public final class Synthesizer {
  /** Effects MaryTTS 5.2.1 registers for HMM voices. */
  public static final Set<String> EFFECTS =
      Set.of(
          "Volume",
          "TractScaler",
          "F0Scale",
          "F0Add",
          "Rate",
          "Robot",
          "Whisper",
          "Stadium",
          "Chorus",
          "FIRFilter",
          "JetPilot");

  private static final Pattern EFFECT =
      Pattern.compile("\\s*([A-Za-z0-9]+)\\s*(\\(([^()]*)\\))?\\s*");

  /** Requests with different voices or effects render one after another (see the gate). */
  private static final EffectsGate GATE = new EffectsGate();

  private final String voice;
  private final Timer timer;
  private final Optional<PhoneBandVoice> phoneBand;

  /** A synthesizer for {@code voice}, timing each request under {@code duesline.tts}. */
  public Synthesizer(String voice, MeterRegistry registry) {
    this.voice = voice;
    this.timer =
        Timer.builder("duesline.tts")
            .description(
                "Text-to-speech synthesis, uncached (with any wait for a render of other effects)")
            .tag("voice", voice)
            .register(registry);
    SpeechModels.startMary();
    try {
      if (!new LocalMaryInterface().getAvailableVoices().contains(voice)) {
        throw new IllegalStateException(
            "MaryTTS voice '"
                + voice
                + "' is not installed; available: "
                + new LocalMaryInterface().getAvailableVoices());
      }
    } catch (MaryConfigurationException e) {
      throw new IllegalStateException("MaryTTS failed to start: " + e.getMessage(), e);
    }
    this.phoneBand = PhoneBandVoice.of(voice);
  }

  /**
   * What renders {@code effects} in {@code format}: the voice's name, marked {@code +phone-band}
   * when {@link PhoneBandVoice} vocodes it at 8 kHz (part of a prompt's cache key).
   */
  public String rendering(String effects, AudioFormatKind format) {
    return rendersPhoneBand(normaliseEffects(effects), format) ? voice + "+phone-band" : voice;
  }

  private boolean rendersPhoneBand(String fx, AudioFormatKind format) {
    return phoneBand.isPresent() && fx.isEmpty() && format.sampleRate() == PhoneBandVocoder.RATE;
  }

  /** The voice name. */
  public String voice() {
    return voice;
  }

  /**
   * Checks an effects string, returning it normalised (blank → ""); names the bad part on error.
   */
  public static String normaliseEffects(String effects) {
    if (effects == null || effects.isBlank()) return "";
    StringBuilder out = new StringBuilder();
    for (String part : effects.split("\\+")) {
      Matcher m = EFFECT.matcher(part);
      if (!m.matches())
        throw new IllegalArgumentException(
            "voice effect '" + part.trim() + "' is not of the form Name(param:value;...)");
      String name = m.group(1);
      if (!EFFECTS.contains(name)) {
        throw new IllegalArgumentException(
            "unknown voice effect '"
                + name
                + "' in '"
                + effects
                + "'; known: "
                + EFFECTS.stream().sorted().toList());
      }
      String params = m.group(3) == null ? "" : m.group(3).replaceAll("\\s+", "");
      for (String p : params.isEmpty() ? List.<String>of() : List.of(params.split(";"))) {
        String[] kv = p.split(":");
        if (kv.length != 2)
          throw new IllegalArgumentException(
              "voice effect " + name + ": parameter '" + p + "' is not name:value");
        try {
          Double.parseDouble(kv[1]);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "voice effect "
                  + name
                  + ": parameter "
                  + kv[0]
                  + " = '"
                  + kv[1]
                  + "' is not a number");
        }
      }
      if (out.length() > 0) out.append('+');
      out.append(name);
      if (!params.isEmpty()) out.append('(').append(params).append(')');
    }
    return out.toString();
  }

  /** Synthesizes {@code text} with {@code effects} (may be blank) into {@code format}. */
  public SynthesizedAudio synthesize(String text, String effects, AudioFormatKind format) {
    if (text == null || text.isBlank())
      throw new IllegalArgumentException("nothing to say: the text is empty");
    String fx = normaliseEffects(effects);
    long t0 = System.nanoTime();
    try {
      MaryInterface mary = new LocalMaryInterface();
      mary.setVoice(voice);
      if (text.stripLeading().startsWith("<speak")) mary.setInputType("SSML");
      // Amounts inside SSML are left as written: rewriting markup is the author's business.
      if (!fx.isEmpty()) mary.setAudioEffects(fx);
      short[] native_ = null;
      int rate = PhoneBandVocoder.RATE;
      boolean ssml = text.stripLeading().startsWith("<speak");
      String input = ssml ? text : SpokenText.normalise(text);
      // Held until the stream is read to the end: the vocoder may produce while it is read.
      GATE.enter(voice + "|" + fx);
      try {
        if (rendersPhoneBand(fx, format))
          native_ = phoneBand.get().render(input, ssml).orElse(null);
        if (native_ == null) {
          try (AudioInputStream ais =
              ssml
                  ? mary.generateAudio(DomUtils.parseDocument(input))
                  : mary.generateAudio(input)) {
            AudioFormat f = ais.getFormat();
            rate = Math.round(f.getSampleRate());
            native_ = readPcm16(ais, f);
          }
        }
      } finally {
        GATE.exit();
      }
      short[] samples =
          rate == format.sampleRate()
              ? native_
              : Resampler.resample(native_, rate, format.sampleRate());
      return SynthesizedAudio.of(format, samples);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting to synthesize \"" + abbreviate(text) + "\"", e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(
          "MaryTTS could not synthesize \"" + abbreviate(text) + "\": " + e.getMessage(), e);
    } finally {
      timer.record(System.nanoTime() - t0, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
  }

  private static short[] readPcm16(InputStream in, AudioFormat f) throws IOException {
    if (f.getSampleSizeInBits() != 16
        || f.getChannels() != 1
        || f.getEncoding() != AudioFormat.Encoding.PCM_SIGNED) {
      throw new IOException("MaryTTS produced " + f + ", expected mono signed PCM16");
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    in.transferTo(buf);
    byte[] bytes = buf.toByteArray();
    short[] out = new short[bytes.length / 2];
    ByteBuffer.wrap(bytes)
        .order(f.isBigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN)
        .asShortBuffer()
        .get(out);
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
