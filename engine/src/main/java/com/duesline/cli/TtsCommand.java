package com.duesline.cli;

import com.duesline.speech.AudioFormatKind;
import com.duesline.speech.PromptCache;
import com.duesline.speech.SpeechSettings;
import com.duesline.speech.SynthesizedAudio;
import com.duesline.speech.Synthesizer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code duesline tts "text" -o out.wav}: speaks text into a WAV file with MaryTTS. */
@Command(
    name = "tts",
    mixinStandardHelpOptions = true,
    description =
        "Synthesize speech to a WAV file (mulaw8k for the phone, pcm16k, or wav48k = the voice's native rate).",
    subcommands = {TtsWarmCommand.class})
public final class TtsCommand implements Runnable {
  @Mixin CommonOptions common;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "TEXT",
      description = "What to say (plain text, or SSML starting with <speak>).")
  String text;

  @Option(
      names = {"-o", "--output"},
      description = "WAV file to write.")
  Path output;

  @Option(
      names = "--voice-effect",
      description = "MaryTTS effects, e.g. F0Scale(f0Scale:1.4)+Rate(durScale:0.9).",
      defaultValue = "")
  String effects;

  @Option(
      names = "--format",
      description = "mulaw8k | pcm16k | wav48k (default ${DEFAULT-VALUE}).",
      defaultValue = "wav48k")
  String format;

  @Option(names = "--no-cache", description = "Synthesize even if the prompt cache has it.")
  boolean noCache;

  @Override
  public void run() {
    if (text == null || text.isBlank())
      throw new InputRejectedException("tts: TEXT is missing or empty");
    if (output == null) throw new InputRejectedException("tts: -o/--output FILE is required");
    AudioFormatKind kind;
    String fx;
    try {
      kind = AudioFormatKind.parse(format);
      fx = Synthesizer.normaliseEffects(effects);
    } catch (IllegalArgumentException e) {
      throw new InputRejectedException("tts: " + e.getMessage());
    }
    SpeechSettings settings = SpeechSettings.from(common.config());
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Synthesizer synthesizer = new Synthesizer(settings.voice(), registry);
    long t0 = System.nanoTime();
    SynthesizedAudio audio;
    String source;
    if (noCache) {
      audio = synthesizer.synthesize(text, fx, kind);
      source = "synthesized";
    } else {
      PromptCache.Served served =
          PromptCache.of(settings, synthesizer, registry).serve(text, fx, kind);
      audio = served.audio();
      source = served.source().name().toLowerCase();
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    try {
      Path parent = output.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.write(output, audio.toWav());
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + output + ": " + e.getMessage(), e);
    }
    System.out.printf(
        "%s: %.2f s of %s audio (%s, %.0f ms)%n",
        output, audio.seconds(), kind.cliName(), source, ms);
  }
}
