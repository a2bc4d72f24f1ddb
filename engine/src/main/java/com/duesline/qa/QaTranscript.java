package com.duesline.qa;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One call as QA reads it: language, jurisdiction, channel and the turns in order. A turn may carry
 * the intent already decided for it (live bot calls store one for every caller turn); otherwise the
 * checker asks the classifier.
 */
public record QaTranscript(String lang, String jurisdiction, String channel, List<Turn> turns) {
  private static final Set<String> SPEAKERS = Set.of("bot", "agent", "caller");

  public QaTranscript {
    turns = List.copyOf(turns);
  }

  /**
   * One turn: who ({@code bot}, {@code agent}, {@code caller}), the words, and the caller's intent
   * if known.
   */
  public record Turn(String speaker, String text, String intent) {
    public boolean ours() {
      return !speaker.equals("caller");
    }
  }

  /**
   * Reads the {@code qa check} input: {@code {"lang", "jurisdiction", "channel", "turns":
   * [{"speaker", "text"}]}}. Every problem is named with where it is ({@code source:
   * turns[3].speaker: ...}); nothing is guessed.
   */
  public static QaTranscript parse(String source, String json) {
    JsonObject o;
    try {
      Object v = io.vertx.core.json.Json.decodeValue(json);
      if (!(v instanceof JsonObject obj))
        throw new QaInputException(List.of(source + ": expected a JSON object"));
      o = obj;
    } catch (DecodeException e) {
      throw new QaInputException(List.of(source + ": not valid JSON: " + e.getMessage()));
    }
    List<String> problems = new ArrayList<>();
    String lang = text(o, "lang", source, problems);
    if (lang != null && !lang.matches("[a-z]{2}"))
      problems.add(
          source + ": lang: expected a two-letter language such as en or zh, got '" + lang + "'");
    String jurisdiction = text(o, "jurisdiction", source, problems);
    String channel = o.getValue("channel") == null ? "call" : text(o, "channel", source, problems);
    if (channel != null && !channel.equals("call"))
      problems.add(
          source + ": channel: only 'call' transcripts are checked, got '" + channel + "'");
    List<Turn> turns = new ArrayList<>();
    Object t = o.getValue("turns");
    if (!(t instanceof JsonArray arr)) {
      problems.add(source + ": turns: expected a list of {speaker, text}");
    } else {
      for (int i = 0; i < arr.size(); i++) {
        String at = source + ": turns[" + i + "]";
        if (!(arr.getValue(i) instanceof JsonObject turn)) {
          problems.add(at + ": expected an object {speaker, text}");
          continue;
        }
        Object sp = turn.getValue("speaker");
        Object tx = turn.getValue("text");
        if (!(sp instanceof String s) || !SPEAKERS.contains(s)) {
          problems.add(
              at
                  + ".speaker: expected bot, agent or caller, got "
                  + (sp == null ? "nothing" : "'" + sp + "'"));
        }
        if (!(tx instanceof String))
          problems.add(at + ".text: expected text, got " + (tx == null ? "nothing" : tx));
        Object in = turn.getValue("intent");
        if (sp instanceof String s && tx instanceof String x)
          turns.add(new Turn(s, x, in instanceof String i2 ? i2 : null));
      }
    }
    if (!problems.isEmpty()) throw new QaInputException(problems);
    return new QaTranscript(lang, jurisdiction, channel, turns);
  }

  private static String text(JsonObject o, String key, String source, List<String> problems) {
    Object v = o.getValue(key);
    if (v instanceof String s && !s.isBlank()) return s.trim();
    problems.add(
        source + ": " + key + ": required text, got " + (v == null ? "nothing" : "'" + v + "'"));
    return null;
  }
}
