package com.duesline.cli;

import com.duesline.app.DemoCommand;
import com.duesline.config.DueslineConfig;
import com.duesline.scripts.TrackLibrary;
import com.duesline.speech.SpeechSettings;
import com.duesline.speech.StandInVoice;
import com.duesline.voice.ClipCoverage;
import com.duesline.voice.VoiceClips;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code duesline voices stand-in|coverage}: recorded voices' stand-in clips and what is still
 * unrecorded.
 */
@Command(
    name = "voices",
    description = "Recorded voices: make espeak-ng stand-ins, show what is still to record.",
    mixinStandardHelpOptions = true,
    subcommands = {VoicesCommand.StandIn.class, VoicesCommand.Coverage.class})
public final class VoicesCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /**
   * Makes the stand-in clips for {@code lang} (only those missing) for the library's tracks, the
   * names in the sample estate and the configured company name. What the demo and tests call before
   * Chinese calls.
   */
  public static StandInVoice.Result ensureStandIn(DueslineConfig config, Path library, String lang)
      throws IOException {
    Set<String> values = new LinkedHashSet<>(sampleNames(lang));
    values.add(config.get("tracks.company"));
    return new StandInVoice("espeak-ng")
        .ensure(TrackLibrary.load(library), SpeechSettings.from(config).cacheDir(), lang, values);
  }

  /**
   * The party names of one language in the shipped sample ledger (their characters become name
   * clips).
   */
  static List<String> sampleNames(String lang) {
    List<String> names = new ArrayList<>();
    try (InputStream in =
        DemoCommand.class.getClassLoader().getResourceAsStream(DemoCommand.SAMPLE)) {
      if (in == null) return names;
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] f = line.split(",", -1);
        if (f.length > 5 && f[0].equals("party") && f[5].equals(lang)) names.add(f[3]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return names;
  }

  /** {@code voices stand-in [--lang zh] [DIR]}. */
  @Command(
      name = "stand-in",
      mixinStandardHelpOptions = true,
      description =
          "Synthesise stand-in clips with espeak-ng into <cache-dir>/voices/stand-in/<lang>/ (missing ones only).")
  public static final class StandIn implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(
        names = "--lang",
        defaultValue = "zh",
        description = "Language (default ${DEFAULT-VALUE}).")
    String lang;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Library directory.")
    Path dir;

    @Override
    public Integer call() throws IOException {
      if (!TrackLibrary.LANGS.contains(lang))
        throw new InputRejectedException("--lang: '" + lang + "' is not supported (en, zh)");
      long t0 = System.nanoTime();
      StandInVoice.Result r =
          ensureStandIn(common.config(), ScriptsCommand.library(dir, common), lang);
      System.out.printf(
          "stand-in voice %s: %d clips made, %d already there, in %.1f s (espeak-ng stand-ins: replace with recordings)%n",
          r.dir(), r.made(), r.present(), (System.nanoTime() - t0) / 1e9);
      return ExitCodes.OK;
    }
  }

  /** {@code voices coverage --voice V [--lang zh] [DIR]}: every line still missing a recording. */
  @Command(
      name = "coverage",
      mixinStandardHelpOptions = true,
      description = "List the lines and words a recorded voice has no clip for yet.")
  public static final class Coverage implements Callable<Integer> {
    @Mixin CommonOptions common;

    @Option(
        names = "--voice",
        required = true,
        description = "Voice name (a directory under <library>/voices/).")
    String voice;

    @Option(
        names = "--lang",
        defaultValue = "zh",
        description = "Language (default ${DEFAULT-VALUE}).")
    String lang;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Library directory.")
    Path dir;

    @Override
    public Integer call() {
      Path root = ScriptsCommand.library(dir, common);
      TrackLibrary lib = TrackLibrary.load(root);
      VoiceClips clips = VoiceClips.at(root.resolve(VoiceClips.DIR), voice, lang);
      List<ClipCoverage.Line> lines = ClipCoverage.lines(lib, clips);
      List<ClipCoverage.Line> missing = ClipCoverage.missing(lib, clips);
      for (ClipCoverage.Line l : missing) {
        System.out.printf(
            "%s:%d: %s %s.%s%s (%s): %s%n",
            l.file(),
            l.line(),
            l.track(),
            l.node(),
            l.promptId(),
            l.variant() == null ? "" : " " + l.variant(),
            l.kind(),
            String.join(" | ", l.missing()));
      }
      List<String> words = ClipCoverage.missingWords(clips);
      if (!words.isEmpty()) System.out.println("words: " + String.join(" ", words));
      long complete = lines.stream().filter(ClipCoverage.Line::complete).count();
      System.out.printf(
          "voice %s/%s: %d of %d lines recorded, %d wordings and %d words to go%n",
          voice, lang, complete, lines.size(), missing.size(), words.size());
      return ExitCodes.OK;
    }
  }
}
