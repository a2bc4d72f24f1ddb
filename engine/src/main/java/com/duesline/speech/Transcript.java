package com.duesline.speech;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** A whole-file recognition result: text, timed words, audio length and real-time factor. */
public record Transcript(
    String text, List<RecognizedWord> words, double audioSeconds, double processingSeconds) {
  /** Processing time divided by audio time (below 1 is faster than real time). */
  public double rtf() {
    return audioSeconds == 0 ? 0 : processingSeconds / audioSeconds;
  }

  /** {@code {"text","words":[{"word","start","end","conf"}],"audio_s","rtf"}}. */
  public JsonObject toJson() {
    JsonArray ws = new JsonArray();
    for (RecognizedWord w : words) {
      ws.add(
          new JsonObject()
              .put("word", w.word())
              .put("start", w.start())
              .put("end", w.end())
              .put("conf", w.conf()));
    }
    return new JsonObject()
        .put("text", text)
        .put("words", ws)
        .put("audio_s", Math.round(audioSeconds * 1000) / 1000.0)
        .put("rtf", Math.round(rtf() * 10000) / 10000.0);
  }
}
