package com.duesline.bench;

import com.duesline.cli.CommonOptions;
import com.duesline.speech.AudioCleaner;
import com.duesline.speech.AudioFormatKind;
import com.duesline.speech.NoiseEvaluation;
import com.duesline.speech.NoiseMixer;
import com.duesline.speech.PromptCache;
import com.duesline.speech.SpeechModels;
import com.duesline.speech.SpeechSettings;
import com.duesline.speech.SpeechWorkers;
import com.duesline.speech.StreamingRecognizer;
import com.duesline.speech.SynthesizedAudio;
import com.duesline.speech.Synthesizer;
import com.duesline.telephony.audio.MuLaw;
import com.duesline.telephony.audio.Resampler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.vosk.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code duesline bench speech}: codec throughput, TTS cold vs cached, ASR real-time factor per
 * stream and the number of concurrent streams that stay faster than real time.
 */
@Command(
    name = "speech",
    mixinStandardHelpOptions = true,
    description = "Benchmark codecs, TTS and ASR.")
public final class SpeechBench implements Runnable {
  /** Ten-word sentences of the kind talk tracks say. */
  static final List<String> SENTENCES =
      List.of(
          "Hello, this is Lakeview Property Services calling about your account.",
          "Your maintenance fee for March is still unpaid at this time.",
          "We can set up a payment plan over three months.",
          "Could you tell me when you expect to make the payment?",
          "Paying on time helps us keep security and cleaning running.",
          "I understand money is tight, we can waive the late fee.",
          "Please confirm that I am speaking with the account holder today.",
          "You can pay online, by phone, or at the office.",
          "Thank you, I have noted your promise to pay Friday.",
          "If you prefer, a manager can call you back tomorrow morning.");

  @Mixin CommonOptions common;

  @Option(
      names = "--rounds",
      description = "Repetitions per measurement (default ${DEFAULT-VALUE}).",
      defaultValue = "5")
  int rounds;

  @Option(
      names = "--max-streams",
      description = "Largest number of concurrent ASR streams to try (default ${DEFAULT-VALUE}).",
      defaultValue = "8")
  int maxStreams;

  @Option(
      names = "--noise-only",
      description =
          "Run only the noise evaluation (word error per noise kind and SNR, clean-up cost).")
  boolean noiseOnly;

  @Option(
      names = "--sounds",
      description = "The Asterisk core sounds directory (default ${DEFAULT-VALUE}).",
      defaultValue = "/usr/share/asterisk/sounds/en_US_f_Allison")
  Path sounds;

  @Option(
      names = "--chains",
      split = ",",
      description =
          "Clean-up chains to compare: raw, or stages hp, ns:LEVEL, agc joined by '+' (default: raw and the configured chain).")
  List<String> chains;

  @Option(
      names = "--snr",
      split = ",",
      description = "SNRs in dB (default ${DEFAULT-VALUE}).",
      defaultValue = "20,15,10")
  List<Double> snrs;

  @Option(
      names = "--noise",
      split = ",",
      description = "Noise kinds: white, pink, babble (default ${DEFAULT-VALUE}).",
      defaultValue = "white,pink,babble")
  List<String> noiseKinds;

  @Option(
      names = "--no-grammar",
      description = "Noise evaluation: open recognition only (half the decoding).")
  boolean noGrammar;

  @Option(
      names = "--sample",
      description =
          "Noise evaluation: at most this many utterances of each part, spread over the kinds (default: all).",
      defaultValue = "0")
  int sample;

  @Option(names = "--skip-clean", description = "Noise evaluation: leave out the clean condition.")
  boolean skipClean;

  @Option(
      names = "--split",
      split = ",",
      description =
          "Noise evaluation: the parts to score, of tune, held (the held-out third), held2 (the fresh"
              + " held-out set of 1 Dec) and held3 (of 3 Dec; default ${DEFAULT-VALUE}).",
      defaultValue = "tune,held")
  List<String> split;

  @Option(
      names = "--lead-ms",
      description =
          "Noise evaluation: the clean-up first hears this much of the noisy line before each utterance, as on a call"
              + " where it runs while the question is asked (default ${DEFAULT-VALUE}: it starts 250 ms before the speech).",
      defaultValue = "0")
  int leadMs;

  @Option(
      names = "--misses",
      description =
          "Noise evaluation: also list every utterance heard with an error (reference | open | chosen).")
  boolean misses;

  @Option(
      names = "--dump",
      description =
          "Noise evaluation: write every utterance's open and grammar words with confidences to this file (JSON lines).")
  Path dump;

  @Override
  public void run() {
    SpeechSettings settings = SpeechSettings.from(common.config());
    System.out.printf(
        "cores: %d, speech workers: %d%n",
        Runtime.getRuntime().availableProcessors(), settings.workers());
    if (noiseOnly) {
      noise(settings, SpeechModels.vosk(settings));
      return;
    }
    codecs();
    byte[] speech = tts(settings);
    Model model = asr(settings, speech);
    noise(settings, model);
  }

  private void noise(SpeechSettings settings, Model model) {
    List<AudioCleaner.Settings> compare = new ArrayList<>();
    if (chains == null) {
      compare.add(AudioCleaner.Settings.off());
      if (settings.cleanup().active()) compare.add(settings.cleanup());
    } else {
      for (String c : chains) compare.add(AudioCleaner.Settings.parse(c));
    }
    List<NoiseMixer.Kind> kinds = new ArrayList<>();
    for (String k : noiseKinds) {
      try {
        kinds.add(NoiseMixer.Kind.valueOf(k.trim().toUpperCase(java.util.Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new picocli.CommandLine.ParameterException(
            new picocli.CommandLine(this),
            "--noise: '" + k + "' is not one of white, pink, babble");
      }
    }
    for (String part : split) {
      if (!SpeechNoiseBench.PARTS.containsKey(part))
        throw new picocli.CommandLine.ParameterException(
            new picocli.CommandLine(this),
            "--split: '"
                + part
                + "' is not one of "
                + String.join(", ", SpeechNoiseBench.PARTS.keySet()));
    }
    try (SpeechWorkers workers = new SpeechWorkers(settings)) {
      SpeechNoiseBench.run(
          model,
          NoiseEvaluation.load(sounds),
          compare,
          kinds,
          snrs,
          !skipClean,
          !noGrammar,
          split,
          sample,
          leadMs,
          misses,
          dump,
          workers);
    }
  }

  private void codecs() {
    short[] pcm8 = new short[8000 * 10];
    for (int i = 0; i < pcm8.length; i++)
      pcm8[i] = (short) (8000 * Math.sin(i * 0.07) + 3000 * Math.sin(i * 0.9));
    byte[] mulaw = MuLaw.encode(pcm8);
    short[] out = new short[pcm8.length];
    byte[] outU = new byte[pcm8.length];
    System.out.println("codecs (10 s of 8 kHz audio per run, median of runs):");
    report("  µ-law decode", pcm8.length, 8000, () -> MuLaw.decode(mulaw, 0, out, 0, mulaw.length));
    report("  µ-law encode", pcm8.length, 8000, () -> MuLaw.encode(pcm8, 0, outU, 0, pcm8.length));
    short[] up = new short[400];
    report(
        "  resample 8k→16k, 20 ms frames",
        pcm8.length,
        8000,
        () -> {
          Resampler r = Resampler.streaming(8000, 16000);
          for (int off = 0; off + 160 <= pcm8.length; off += 160) r.process(pcm8, off, 160, up, 0);
        });
    short[] pcm16 = Resampler.resample(pcm8, 8000, 16000);
    report(
        "  resample 16k→8k, 20 ms frames",
        pcm16.length,
        16000,
        () -> {
          Resampler r = Resampler.streaming(16000, 8000);
          for (int off = 0; off + 320 <= pcm16.length; off += 320)
            r.process(pcm16, off, 320, up, 0);
        });
    short[] pcm48 = Resampler.resample(pcm8, 8000, 48000);
    short[] big = new short[pcm8.length + 16];
    report(
        "  resample 48k→8k, whole buffer",
        pcm48.length,
        48000,
        () -> {
          Resampler r = Resampler.streaming(48000, 8000);
          r.process(pcm48, 0, pcm48.length, big, 0);
        });
  }

  private void report(String name, int samples, int rate, Runnable work) {
    for (int i = 0; i < 3; i++) work.run(); // warm-up for the JIT
    double[] ns = new double[Math.max(rounds, 5)];
    for (int i = 0; i < ns.length; i++) {
      long t0 = System.nanoTime();
      work.run();
      ns[i] = System.nanoTime() - t0;
    }
    double med = median(ns);
    System.out.printf(
        "%-36s %8.1f M input samples/s  (%.3f ms per 10 s of audio; %.0fx real time)%n",
        name, samples / med * 1e3, med / 1e6, (samples / (double) rate) / (med / 1e9));
  }

  private byte[] tts(SpeechSettings settings) {
    // The process's CPU, not the calling thread's: MaryTTS works on threads of its own too, and a
    // thread's clock saw about a third of a rendering's cost (1 Dec: 0.35 of 1.0 s).
    var cpu =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    long t0 = System.nanoTime();
    Synthesizer synth = new Synthesizer(settings.voice(), registry);
    System.out.printf(
        "TTS (%s): MaryTTS start %.0f ms%n", settings.voice(), (System.nanoTime() - t0) / 1e6);
    // First-ever request, JIT cold.
    t0 = System.nanoTime();
    synth.synthesize("Warming up the voice.", "", AudioFormatKind.MULAW8K);
    System.out.printf(
        "  first request (JIT cold)            %8.0f ms%n", (System.nanoTime() - t0) / 1e6);
    for (int i = 0; i < 3; i++) synth.synthesize(SENTENCES.get(i), "", AudioFormatKind.MULAW8K);

    double[] coldMs = new double[SENTENCES.size()];
    double[] coldCpuMs = new double[SENTENCES.size()];
    double audioS = 0;
    double cpuS = 0;
    ByteArrayOutputStream speech = new ByteArrayOutputStream();
    for (int i = 0; i < SENTENCES.size(); i++) {
      long c0 = cpu.getProcessCpuTime();
      long w0 = System.nanoTime();
      SynthesizedAudio a = synth.synthesize(SENTENCES.get(i), "", AudioFormatKind.MULAW8K);
      coldMs[i] = (System.nanoTime() - w0) / 1e6;
      coldCpuMs[i] = (cpu.getProcessCpuTime() - c0) / 1e6;
      cpuS += coldCpuMs[i] / 1e3;
      audioS += a.seconds();
      speech.writeBytes(a.data());
    }
    System.out.printf(
        "  uncached 10-word sentence, median   %8.0f ms  (min %.0f, max %.0f; %.2f s audio each)%n",
        median(coldMs),
        Arrays.stream(coldMs).min().orElse(0),
        Arrays.stream(coldMs).max().orElse(0),
        audioS / SENTENCES.size());
    System.out.printf(
        "  uncached 10-word sentence, process CPU %8.0f ms median (MaryTTS's own threads and GC included)%n",
        median(coldCpuMs));
    System.out.printf(
        "  synthesis speed                     %8.1f audio-s per CPU-s%n", audioS / cpuS);
    // The same sentences through MaryTTS' own vocoder at the voice's 48 kHz, resampled to the
    // phone's 8 kHz: what an 8 kHz prompt cost before the phone-band vocoder (docs/speech.md).
    double[] wideCpuMs = new double[SENTENCES.size()];
    for (int i = 0; i < SENTENCES.size(); i++) {
      long c0 = cpu.getProcessCpuTime();
      short[] wide = synth.synthesize(SENTENCES.get(i), "", AudioFormatKind.WAV48K).pcm16();
      Resampler.resample(wide, AudioFormatKind.WAV48K.sampleRate(), 8000);
      wideCpuMs[i] = (cpu.getProcessCpuTime() - c0) / 1e6;
    }
    System.out.printf(
        "  same, MaryTTS' 48 kHz vocoder + resampling %5.0f ms process CPU median (%s: %.1fx)%n",
        median(wideCpuMs),
        synth.rendering("", AudioFormatKind.MULAW8K),
        median(wideCpuMs) / median(coldCpuMs));

    try {
      Path dir = Files.createTempDirectory("duesline-bench-prompts");
      PromptCache cache = new PromptCache(synth, dir, 64L << 20, registry);
      for (String s : SENTENCES) cache.get(s, "", AudioFormatKind.MULAW8K);
      double[] memUs = new double[SENTENCES.size() * 100];
      for (int r = 0; r < 100; r++) {
        for (int i = 0; i < SENTENCES.size(); i++) {
          long w0 = System.nanoTime();
          cache.get(SENTENCES.get(i), "", AudioFormatKind.MULAW8K);
          memUs[r * SENTENCES.size() + i] = (System.nanoTime() - w0) / 1e3;
        }
      }
      double[] diskUs = new double[SENTENCES.size()];
      for (int i = 0; i < SENTENCES.size(); i++) {
        cache.clearMemory();
        long w0 = System.nanoTime();
        cache.get(SENTENCES.get(i), "", AudioFormatKind.MULAW8K);
        diskUs[i] = (System.nanoTime() - w0) / 1e3;
      }
      System.out.printf("  cached prompt (memory), median      %8.1f µs%n", median(memUs));
      System.out.printf("  cached prompt (disk), median        %8.1f µs%n", median(diskUs));
      System.out.printf(
          "  cold / cached(memory) ratio         %8.0fx%n", median(coldMs) * 1000 / median(memUs));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return speech.toByteArray();
  }

  private Model asr(SpeechSettings settings, byte[] mulaw) {
    long t0 = System.nanoTime();
    Model model = SpeechModels.vosk(settings);
    System.out.printf(
        "ASR (Vosk, %s): model load %.0f ms; test audio %.1f s of µ-law 8 kHz speech%n",
        SpeechModels.voskModelDir(settings).getFileName(),
        (System.nanoTime() - t0) / 1e6,
        mulaw.length / 8000.0);
    runStreams(model, settings, mulaw, 1); // warm-up
    double[] rtf1 = new double[Math.max(3, rounds / 2)];
    double[] cpu1 = new double[rtf1.length];
    for (int i = 0; i < rtf1.length; i++) {
      double[] r = runStreams(model, settings, mulaw, 1);
      rtf1[i] = r[0];
      cpu1[i] = r[1];
    }
    System.out.printf(
        "  one stream (20 ms frames, VAD on): RTF median %.3f wall, %.3f CPU%n",
        median(rtf1), median(cpu1));
    int sustained = 0;
    for (int n = 2; n <= maxStreams; n *= 2) {
      double rtf = runStreams(model, settings, mulaw, n)[0];
      System.out.printf(
          "  %d concurrent streams: worst per-stream RTF %.3f%s%n",
          n, rtf, rtf < 1 ? "" : "  (slower than real time)");
      if (rtf < 1) sustained = n;
      else break;
    }
    double estimate = Runtime.getRuntime().availableProcessors() / median(cpu1);
    System.out.printf(
        "  concurrent real-time streams sustained: %d measured (≈ %.0f on an idle machine: cores / CPU RTF)%n",
        Math.max(sustained, median(rtf1) < 1 ? 1 : 0), estimate);
    recognizerCosts(model, mulaw);
    return model;
  }

  /**
   * What a live call's recognizer pays besides decoding speech: opening a Vosk recognizer against
   * resetting one (a call keeps one per leg), and decoding a near-silent line (the cleaned line
   * inside pauses) against decoding speech, CPU of this thread, medians.
   */
  private void recognizerCosts(Model model, byte[] mulaw) {
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    int n = Math.max(10, rounds * 4);
    double[] opened = new double[n];
    double[] reset = new double[n];
    try (org.vosk.Recognizer kept = new org.vosk.Recognizer(model, 16_000)) {
      for (int i = 0; i < n; i++) {
        long c0 = cpu.getCurrentThreadCpuTime();
        try (org.vosk.Recognizer r = new org.vosk.Recognizer(model, 16_000)) {
          r.setWords(true);
          opened[i] = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        c0 = cpu.getCurrentThreadCpuTime();
        kept.reset();
        reset[i] = (cpu.getCurrentThreadCpuTime() - c0) / 1e6;
      }
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot open a Vosk recognizer: " + e.getMessage(), e);
    }
    short[] speech = Resampler.resample(MuLaw.decode(mulaw), 8000, 16_000);
    short[] quiet = new short[speech.length];
    java.util.Random line = new java.util.Random(7);
    for (int i = 0; i < quiet.length; i++) quiet[i] = (short) Math.round(line.nextGaussian() * 3);
    double[] speechCost = new double[Math.max(3, rounds / 2)];
    double[] quietCost = new double[speechCost.length];
    for (int i = 0; i < speechCost.length; i++) {
      speechCost[i] = decodeCost(model, speech, cpu);
      quietCost[i] = decodeCost(model, quiet, cpu);
    }
    System.out.printf(
        "  recognizer: opening one %.1f ms CPU, resetting one %.3f ms (medians of %d);"
            + " decoding speech %.3f CPU-s per audio-s, a near-silent line %.3f%n",
        median(opened), median(reset), n, median(speechCost), median(quietCost));
  }

  /**
   * CPU seconds per audio second to decode 16 kHz {@code pcm} in 20 ms frames, fresh recognizer.
   */
  private static double decodeCost(Model model, short[] pcm, ThreadMXBean cpu) {
    try (org.vosk.Recognizer r = new org.vosk.Recognizer(model, 16_000)) {
      r.setWords(true);
      long c0 = cpu.getCurrentThreadCpuTime();
      for (int off = 0; off + 320 <= pcm.length; off += 320)
        r.acceptWaveForm(Arrays.copyOfRange(pcm, off, off + 320), 320);
      r.getFinalResult();
      return (cpu.getCurrentThreadCpuTime() - c0) / 1e9 / (pcm.length / 16_000.0);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot open a Vosk recognizer: " + e.getMessage(), e);
    }
  }

  /**
   * Feeds {@code n} copies of the audio concurrently as fast as possible; returns the worst
   * per-stream RTF (wall, CPU).
   */
  private static double[] runStreams(Model model, SpeechSettings settings, byte[] mulaw, int n) {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<double[]>> results = new ArrayList<>();
      for (int s = 0; s < n; s++) {
        results.add(
            pool.submit(
                () -> {
                  ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
                  long c0 = cpu.getCurrentThreadCpuTime();
                  long t0 = System.nanoTime();
                  try (StreamingRecognizer rec =
                      new StreamingRecognizer(
                          model, 8000, settings.vad(), new SimpleMeterRegistry(), e -> {})) {
                    for (int off = 0; off + 160 <= mulaw.length; off += 160)
                      rec.acceptMulaw(mulaw, off, 160);
                    rec.finish();
                  }
                  double audio = mulaw.length / 8000.0;
                  return new double[] {
                    (System.nanoTime() - t0) / 1e9 / audio,
                    (cpu.getCurrentThreadCpuTime() - c0) / 1e9 / audio
                  };
                }));
      }
      double[] worst = new double[2];
      for (Future<double[]> f : results) {
        double[] r = f.get();
        worst[0] = Math.max(worst[0], r[0]);
        worst[1] = Math.max(worst[1], r[1]);
      }
      return worst;
    } catch (Exception e) {
      throw new IllegalStateException("ASR benchmark failed: " + e.getMessage(), e);
    } finally {
      pool.shutdown();
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
