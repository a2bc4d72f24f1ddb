package com.duesline.speech;

import com.duesline.scripts.TrackLibrary;
import com.duesline.telephony.audio.Wav;
import com.duesline.voice.ClipCoverage;
import com.duesline.voice.Reading;
import com.duesline.voice.VoiceClips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Stand-in recordings for a recorded voice, synthesised by Debian's {@code espeak-ng} (Mandarin
 * {@code cmn}, English {@code en-us}) so the demo and tests can run Chinese calls before anyone has
 * recorded a line. They are written to {@code <cache-dir>/voices/stand-in/<lang>/} beside a {@code
 * STAND-IN.txt} that says what they are; real recordings in the library's {@code voices/} win over
 * them. Only missing clips are made, so calling it again is cheap.
 */
public final class StandInVoice {
  /** The stand-in voice's name. */
  public static final String NAME = "stand-in";

  private static final Map<String, String> ESPEAK_VOICE = Map.of("zh", "cmn", "en", "en-us");

  /** What a run made. */
  public record Result(Path dir, int made, int present) {}

  private final String espeak;

  /**
   * @param espeak the espeak-ng executable ({@code espeak-ng} on the PATH normally)
   */
  public StandInVoice(String espeak) {
    this.espeak = espeak;
  }

  /**
   * Makes every clip the tracks of {@code lang} need (fixed stretches and reading words), plus
   * clips for {@code values}: each Chinese character of a Chinese value (names are read character
   * by character), other values whole (a company name).
   */
  public Result ensure(TrackLibrary library, Path cacheDir, String lang, Collection<String> values)
      throws IOException {
    String voice = ESPEAK_VOICE.get(lang);
    if (voice == null)
      throw new IllegalArgumentException(
          "no stand-in voice for language '" + lang + "' (have " + ESPEAK_VOICE.keySet() + ")");
    VoiceClips clips = VoiceClips.at(cacheDir.resolve(VoiceClips.DIR), NAME, lang);
    Files.createDirectories(clips.dir().resolve("prompts"));
    Files.createDirectories(clips.dir().resolve("words"));
    Files.writeString(
        clips.dir().resolve("STAND-IN.txt"),
        "Stand-in clips synthesised by espeak-ng ("
            + voice
            + ") for demos and tests.\n"
            + "Replace them with real recordings: record each line on the script playground's recording page, which stores\n"
            + "them in scripts-library/library/voices/<voice>/"
            + lang
            + "/.\n",
        StandardCharsets.UTF_8);
    int present = 0;
    Map<String, Path> jobs = new java.util.LinkedHashMap<>();
    Set<String> stretches = new LinkedHashSet<>();
    for (ClipCoverage.Line l : ClipCoverage.lines(library, clips)) stretches.addAll(l.parts());
    for (String s : stretches) {
      if (clips.hasPrompt(s)) present++;
      else {
        jobs.put(s, clips.promptClip(s));
        Files.writeString(clips.promptText(s), s + "\n", StandardCharsets.UTF_8);
      }
    }
    Set<String> words = new LinkedHashSet<>(Reading.of(lang).words());
    for (String v : values) {
      if (v == null || v.isBlank()) continue;
      if (v.codePoints()
          .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) {
        v.codePoints()
            .filter(cp -> !Character.isWhitespace(cp))
            .forEach(cp -> words.add(new String(Character.toChars(cp))));
      } else if (!v.matches("[0-9 \\-]+")) {
        words.add(v.strip());
      }
    }
    for (String w : words) {
      if (clips.hasWord(w)) present++;
      else jobs.put("\u0000" + w, clips.wordClip(w));
    }
    // espeak-ng spends most of its time starting (loading its dictionary): a few run side by side.
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
      for (var j : jobs.entrySet()) {
        String text = j.getKey().startsWith("\u0000") ? j.getKey().substring(1) : j.getKey();
        running.add(
            pool.submit(
                () -> {
                  write(voice, text, j.getValue());
                  return null;
                }));
      }
      for (var f : running) f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making stand-in clips", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return new Result(clips.dir(), jobs.size(), present);
  }

  /**
   * espeak-ng → WAV → trimmed, normalised µ-law 8 kHz, written under a temporary name and renamed.
   */
  private void write(String voice, String text, Path target) throws IOException {
    Path raw = Files.createTempFile(target.getParent(), ".espeak", ".wav");
    try {
      Process p =
          new ProcessBuilder(espeak, "-v", voice, "-s", "160", "-w", raw.toString(), "--", text)
              .redirectErrorStream(true)
              .start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(espeak + " failed for \"" + text + "\": " + output.strip());
      }
      Wav.Audio a = Wav.read(raw);
      ClipAudio.Prepared clip = ClipAudio.prepare(a.samples(), a.sampleRate());
      if (clip.silent()) throw new IOException(espeak + " produced silence for \"" + text + "\"");
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      Wav.writeMuLaw(tmp, clip.mulaw8k(), 8000);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + espeak, e);
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains("Cannot run program")) {
        throw new IOException(
            "espeak-ng is not installed (apt-get install espeak-ng): stand-in recordings need it",
            e);
      }
      throw e;
    } finally {
      Files.deleteIfExists(raw);
    }
  }
}
