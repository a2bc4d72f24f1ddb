package com.duesline.voice;

import com.duesline.scripts.Node;
import com.duesline.scripts.Prompt;
import com.duesline.scripts.Track;
import com.duesline.scripts.TrackLibrary;
import com.duesline.scripts.Variant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a recorded voice can and cannot say yet: every line the tracks of its language speak (each
 * prompt's variants, reprompts and fallback sentences), cut into the stretches to record, with
 * those that have no clip; and the reading words it lacks.
 */
public final class ClipCoverage {
  /**
   * One line a track speaks and the fixed stretches of it still to record.
   *
   * @param kind {@code say}, {@code reprompt} or {@code fallback}
   */
  public record Line(
      String track,
      String node,
      String promptId,
      String variant,
      String kind,
      String text,
      String file,
      int line,
      List<String> parts,
      List<String> missing) {
    public boolean complete() {
      return missing.isEmpty();
    }
  }

  /**
   * Every line of every track of {@code voice}'s language, track by track (shared lines appear
   * under each track).
   */
  public static List<Line> lines(TrackLibrary library, VoiceClips voice) {
    List<Line> out = new ArrayList<>();
    for (Track t : library.tracks().values()) {
      if (!t.lang().equals(voice.lang())) continue;
      for (Node n : t.nodes().values()) {
        for (Prompt p : n.prompts()) add(out, t, n, p, "say", voice);
        if (n.reprompt() != null) add(out, t, n, n.reprompt(), "reprompt", voice);
      }
    }
    String safe = library.catalogue().safeFallback().get(voice.lang());
    if (safe != null)
      out.add(
          line(
              "catalogue",
              "safe_fallback",
              "safe_fallback",
              null,
              "fallback",
              safe,
              "tracks/catalogue.yaml",
              1,
              voice));
    return out;
  }

  /**
   * The lines of {@link #lines} with something unrecorded, each distinct wording once (the first
   * place it is used).
   */
  public static List<Line> missing(TrackLibrary library, VoiceClips voice) {
    Map<String, Line> byText = new LinkedHashMap<>();
    for (Line l : lines(library, voice)) if (!l.complete()) byText.putIfAbsent(l.text(), l);
    return List.copyOf(byText.values());
  }

  /** Reading words ({@link Reading#words()}) the voice has no clip for. */
  public static List<String> missingWords(VoiceClips voice) {
    return Reading.of(voice.lang()).words().stream().filter(w -> !voice.hasWord(w)).toList();
  }

  private static void add(
      List<Line> out, Track t, Node n, Prompt p, String kind, VoiceClips voice) {
    for (Variant v : p.variants()) {
      out.add(
          line(
              t.id(),
              n.id(),
              p.id(),
              p.variants().size() > 1 ? v.name() : null,
              kind,
              v.text(),
              n.file(),
              p.line(),
              voice));
    }
    if (p.fallback() != null)
      out.add(
          line(t.id(), n.id(), p.id(), null, "fallback", p.fallback(), n.file(), p.line(), voice));
  }

  private static Line line(
      String track,
      String node,
      String promptId,
      String variant,
      String kind,
      String text,
      String file,
      int line,
      VoiceClips voice) {
    List<String> parts = PromptParts.recorded(text);
    List<String> missing = parts.stream().filter(s -> !voice.hasPrompt(s)).toList();
    return new Line(track, node, promptId, variant, kind, text, file, line, parts, missing);
  }

  private ClipCoverage() {}
}
