package com.duesline.speech;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses Vosk's JSON results into words, shifting times by the stream offset of the recognizer's
 * start.
 */
final class VoskResults {
  private VoskResults() {}

  /** Words of a final result ({@code {"result":[{"word","start","end","conf"}],"text"}}). */
  static List<RecognizedWord> words(String json, double offsetSeconds) {
    JsonObject o = new JsonObject(json);
    JsonArray result = o.getJsonArray("result");
    if (result == null) return List.of();
    List<RecognizedWord> out = new ArrayList<>(result.size());
    for (int i = 0; i < result.size(); i++) {
      JsonObject w = result.getJsonObject(i);
      out.add(
          new RecognizedWord(
              w.getString("word"),
              round(offsetSeconds + w.getDouble("start", 0.0)),
              round(offsetSeconds + w.getDouble("end", 0.0)),
              round(w.getDouble("conf", 0.0))));
    }
    return out;
  }

  /** Text of a partial result ({@code {"partial": "..."}}). */
  static String partial(String json) {
    return new JsonObject(json).getString("partial", "").trim();
  }

  /**
   * The words so far of an utterance: its finished segments' {@code words} and the current
   * segment's {@code partialJson}.
   */
  static String soFar(List<RecognizedWord> words, String partialJson) {
    String done = text(words);
    String current = partial(partialJson);
    if (done.isEmpty()) return current;
    if (current.isEmpty()) return done;
    return done + " " + current;
  }

  static String text(List<RecognizedWord> words) {
    return RecognizedWord.text(words);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
