package com.duesline.cli;

import com.duesline.speech.AudioFormatKind;
import com.duesline.speech.FilePromptSource;
import com.duesline.speech.PromptSource;
import com.duesline.speech.PromptWarmer;
import com.duesline.speech.SpeechSettings;
import com.duesline.speech.Synthesizer;
import com.duesline.speech.TrackPromptSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code duesline tts warm}: pre-renders fixed prompts into the prompt cache. */
@Command(
    name = "warm",
    mixinStandardHelpOptions = true,
    description = "Pre-render fixed prompts into the prompt cache.")
public final class TtsWarmCommand implements Runnable {
  @Mixin CommonOptions common;

  @Option(
      names = "--file",
      description = "Text file, one sentence per line (# comments and blank lines skipped).")
  Path file;

  @Option(
      names = "--tracks",
      description =
          "The installed talk tracks' fixed sentences (those naming no account value), in the languages MaryTTS speaks.")
  boolean tracks;

  @Option(
      names = "--format",
      split = ",",
      description = "Formats to render (default mulaw8k).",
      defaultValue = "mulaw8k")
  List<String> formats;

  @Option(
      names = "--voice-effect",
      description = "MaryTTS effects for every prompt.",
      defaultValue = "")
  String effects;

  @Override
  public void run() {
    if ((file == null) == !tracks)
      throw new InputRejectedException("tts warm: give either --file F or --tracks");
    if (file != null && !Files.isRegularFile(file))
      throw new InputRejectedException("tts warm: --file " + file + " does not exist");
    List<AudioFormatKind> kinds = new ArrayList<>();
    try {
      for (String f : formats) kinds.add(AudioFormatKind.parse(f.trim()));
      Synthesizer.normaliseEffects(effects);
    } catch (IllegalArgumentException e) {
      throw new InputRejectedException("tts warm: " + e.getMessage());
    }
    SpeechSettings speech = SpeechSettings.from(common.config());
    warm(
        tracks ? TrackPromptSource.installed(common.config()) : new FilePromptSource(file, effects),
        kinds,
        speech);
  }

  private static void warm(
      PromptSource source, List<AudioFormatKind> kinds, SpeechSettings settings) {
    PromptWarmer.Warmed w = PromptWarmer.warm(source, kinds, settings);
    System.out.printf(
        "warmed %d prompt renderings from %s: %d synthesized, %d already cached, %.1f s (cache %s)%n",
        w.total(),
        source.name(),
        w.synthesized(),
        w.total() - w.synthesized(),
        w.seconds(),
        w.cache());
  }
}
