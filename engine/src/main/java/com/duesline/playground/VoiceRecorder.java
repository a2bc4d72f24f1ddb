package com.duesline.playground;

import com.duesline.cli.InputRejectedException;
import com.duesline.scripts.TrackLibrary;
import com.duesline.speech.ClipAudio;
import com.duesline.telephony.audio.MuLaw;
import com.duesline.telephony.audio.Wav;
import com.duesline.voice.ClipCoverage;
import com.duesline.voice.Reading;
import com.duesline.voice.VoiceClips;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The recording side of the playground: what a voice still lacks per track (each line cut into the
 * stretches to record, and the reading words), storing a take (trimmed, normalised, 8 kHz µ-law) in
 * {@code <library>/voices/<voice>/<lang>/}, and playing a stored clip back. Blocking: call from a
 * worker.
 */
public final class VoiceRecorder {
  private final Supplier<Path> library;

  /**
   * @param library the library directory (re-read on every request, as lint does)
   */
  public VoiceRecorder(Supplier<Path> library) {
    this.library = library;
  }

  /**
   * {@code {voice, lang, lines, recorded_lines, tracks: [{track, lines, missing, items: [...]}],
   * words: [{word, recorded}]}}.
   */
  public JsonObject coverage(String voice, String lang) {
    VoiceClips clips = clips(voice, lang);
    TrackLibrary lib = TrackLibrary.load(library.get());
    Map<String, JsonObject> tracks = new LinkedHashMap<>();
    int total = 0, complete = 0;
    for (ClipCoverage.Line l : ClipCoverage.lines(lib, clips)) {
      JsonObject t =
          tracks.computeIfAbsent(
              l.track(),
              k ->
                  new JsonObject()
                      .put("track", k)
                      .put("lines", 0)
                      .put("missing", 0)
                      .put("items", new JsonArray()));
      JsonArray parts = new JsonArray();
      for (String p : l.parts())
        parts.add(
            new JsonObject()
                .put("text", p)
                .put("id", VoiceClips.clipId(p))
                .put("recorded", clips.hasPrompt(p)));
      t.getJsonArray("items")
          .add(
              new JsonObject()
                  .put("node", l.node())
                  .put("prompt", l.promptId())
                  .put("variant", l.variant())
                  .put("kind", l.kind())
                  .put("text", l.text())
                  .put("file", l.file() + ":" + l.line())
                  .put("parts", parts)
                  .put("complete", l.complete()));
      t.put("lines", t.getInteger("lines") + 1);
      if (!l.complete()) t.put("missing", t.getInteger("missing") + 1);
      total++;
      if (l.complete()) complete++;
    }
    JsonArray words = new JsonArray();
    for (String w : Reading.of(lang).words())
      words.add(new JsonObject().put("word", w).put("recorded", clips.hasWord(w)));
    return new JsonObject()
        .put("voice", voice)
        .put("lang", lang)
        .put("lines", total)
        .put("recorded_lines", complete)
        .put("tracks", new JsonArray(List.copyOf(tracks.values())))
        .put("words", words);
  }

  /**
   * Stores a take of a stretch of wording ({@code text}) or a reading word ({@code word}): exactly
   * one of them. The text must be one the tracks speak, the word one the readings use.
   */
  public JsonObject store(String voice, String lang, String text, String word, PcmAudio take) {
    VoiceClips clips = clips(voice, lang);
    Path target = target(clips, lang, text, word);
    ClipAudio.Prepared clip = ClipAudio.prepare(take.samples(), take.rate());
    if (clip.silent() || clip.seconds() < 0.15) {
      throw new InputRejectedException(
          String.format(
              "audio: nothing but silence in %.1f s (peak %.0f dBFS); record again closer to the microphone",
              take.seconds(), take.peakDbfs()));
    }
    try {
      Files.createDirectories(target.getParent());
      Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
      Wav.writeMuLaw(tmp, clip.mulaw8k(), 8000);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      if (text != null)
        Files.writeString(clips.promptText(text), text.strip() + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the clip " + target, e);
    }
    return new JsonObject()
        .put("file", library.get().relativize(target).toString())
        .put("seconds", Math.round(clip.seconds() * 100) / 100.0)
        .put("gain_db", Math.round(clip.gainDb() * 10) / 10.0)
        .put("recorded", true);
  }

  /**
   * A stored clip as 8 kHz PCM16 WAV (what every browser plays; the samples are the µ-law values).
   */
  public byte[] clipWav(String voice, String lang, String text, String word) {
    VoiceClips clips = clips(voice, lang);
    Path file = target(clips, lang, text, word);
    if (!Files.isRegularFile(file))
      throw new InputRejectedException(
          (text != null ? "text" : "word") + ": not recorded yet in voice " + voice + "/" + lang);
    try {
      byte[] mulaw = MuLaw.encode(Wav.read(file).samples());
      return Wav.pcm16(MuLaw.decode(mulaw), 8000);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the clip " + file, e);
    }
  }

  private Path target(VoiceClips clips, String lang, String text, String word) {
    if ((text == null) == (word == null))
      throw new InputRejectedException("text, word: give exactly one of them");
    if (word != null) {
      if (!Reading.of(lang).words().contains(word)) {
        throw new InputRejectedException(
            "word: '"
                + word
                + "' is not a reading word in "
                + lang
                + " ("
                + String.join(" ", Reading.of(lang).words())
                + ")");
      }
      return clips.wordClip(word);
    }
    TrackLibrary lib = TrackLibrary.load(library.get());
    boolean spoken =
        ClipCoverage.lines(lib, clips).stream().anyMatch(l -> l.parts().contains(text.strip()));
    if (!spoken)
      throw new InputRejectedException(
          "text: no "
              + lang
              + " track says \""
              + text
              + "\" (record the stretches the coverage lists)");
    return clips.promptClip(text);
  }

  private VoiceClips clips(String voice, String lang) {
    if (voice == null || !voice.matches("[A-Za-z0-9._-]{1,40}") || voice.startsWith(".")) {
      throw new InputRejectedException(
          "voice: '" + voice + "' is not a voice name (letters, digits, . _ -)");
    }
    if (!TrackLibrary.LANGS.contains(lang))
      throw new InputRejectedException("lang: '" + lang + "' is not one of " + TrackLibrary.LANGS);
    return VoiceClips.at(library.get().resolve(VoiceClips.DIR), voice, lang);
  }
}
