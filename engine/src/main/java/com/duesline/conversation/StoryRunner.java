package com.duesline.conversation;

import com.duesline.intent.IntentClassifier;
import com.duesline.intent.IntentMatch;
import com.duesline.scripts.Catalogue;
import com.duesline.scripts.Node;
import com.duesline.scripts.Story;
import com.duesline.scripts.Track;
import com.duesline.scripts.TrackLibrary;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Plays conversation tests against the tracks with a real intent classifier and reports every
 * difference. Beyond what a story states, it checks the compliance rule on every story: no debt
 * detail (money, dates, pay link) is spoken before the right party is verified.
 */
public final class StoryRunner {
  private final TrackLibrary library;
  private final IntentClassifier classifier;

  public StoryRunner(TrackLibrary library, IntentClassifier classifier) {
    this.library = library;
    this.classifier = classifier;
  }

  /** The result of one story: its transcript and the differences (empty when it passed). */
  public record Result(Story story, List<String> diffs, List<String> transcript) {
    public boolean passed() {
      return diffs.isEmpty();
    }
  }

  public Result run(Story story) {
    List<String> diffs = new ArrayList<>();
    List<String> transcript = new ArrayList<>();
    Track track;
    try {
      track = library.track(story.track(), story.lang());
    } catch (IllegalArgumentException e) {
      return new Result(story, List.of(e.getMessage()), transcript);
    }
    Catalogue cat = library.catalogue();
    LocalDate today =
        story.account().containsKey("today")
            ? LocalDate.parse(story.account().get("today"))
            : LocalDate.now();
    Conversation c = new Conversation(track, cat, story.account(), story.seed());
    List<String> secrets = debtDetail(cat, story);
    boolean[] verified = {false};
    BotTurn first = c.start();
    log(transcript, first);
    checkExposure(track, first, secrets, verified, diffs, 0);
    int i = 0;
    for (Story.Step step : story.steps()) {
      i++;
      if (c.ended()) {
        diffs.add(
            at(story, step)
                + "the call already ended at '"
                + c.currentNode()
                + "' but the story has more turns");
        break;
      }
      CallerTurn in;
      if (step.keys() != null) {
        in = new CallerTurn.Keys(step.keys());
        transcript.add("caller> [keys " + step.keys() + "]");
      } else if (step.caller().isBlank()) {
        in = CallerTurn.silence();
        transcript.add("caller> (silence)");
      } else {
        IntentMatch m = classifier.classify(step.caller(), c.matchContext(today));
        in = new CallerTurn.Heard(m, java.util.Set.copyOf(step.unsure()));
        transcript.add(
            "caller> "
                + step.caller()
                + "   ["
                + m.intent()
                + " "
                + String.format("%.2f", m.score())
                + " "
                + m.entities()
                + (step.unsure().isEmpty() ? "" : " unsure " + step.unsure())
                + "]");
      }
      BotTurn out = c.take(in);
      log(transcript, out);
      checkExposure(track, out, secrets, verified, diffs, step.line());
      if (step.intent() != null && !step.intent().equals(out.intent())) {
        diffs.add(at(story, step) + "intent: expected " + step.intent() + ", got " + out.intent());
      }
      if (step.node() != null && !step.node().equals(out.node())) {
        diffs.add(
            at(story, step)
                + "node: expected "
                + step.node()
                + ", got "
                + out.node()
                + " (bot said: \""
                + out.say()
                + "\")");
      }
      for (var e : step.entities().entrySet()) {
        if (!e.getValue().equals(out.entities().get(e.getKey()))) {
          diffs.add(
              at(story, step)
                  + "entity "
                  + e.getKey()
                  + ": expected "
                  + e.getValue()
                  + ", got "
                  + out.entities().get(e.getKey()));
        }
      }
      if (step.says() != null && !out.say().contains(step.says()))
        diffs.add(
            at(story, step)
                + "expected the bot to say \""
                + step.says()
                + "\", it said \""
                + out.say()
                + "\"");
      if (step.notSays() != null && out.say().contains(step.notSays()))
        diffs.add(
            at(story, step)
                + "the bot must not say \""
                + step.notSays()
                + "\", it said \""
                + out.say()
                + "\"");
    }
    JsonObject actual = OutcomeJson.of(c.outcome());
    for (var e : story.outcome().entrySet()) {
      Object want = e.getValue();
      Object got = actual.getValue(e.getKey());
      if (want instanceof Map<?, ?> wantMap) {
        if (!(got instanceof JsonObject gotObj)) {
          diffs.add(
              story.file()
                  + ":"
                  + story.line()
                  + ": outcome."
                  + e.getKey()
                  + ": expected "
                  + wantMap
                  + ", got "
                  + got);
          continue;
        }
        for (var w : wantMap.entrySet()) {
          Object g = gotObj.getValue(String.valueOf(w.getKey()));
          if (!Objects.equals(String.valueOf(w.getValue()), String.valueOf(g))) {
            diffs.add(
                story.file()
                    + ":"
                    + story.line()
                    + ": outcome."
                    + e.getKey()
                    + "."
                    + w.getKey()
                    + ": expected "
                    + w.getValue()
                    + ", got "
                    + g);
          }
        }
      } else if (!Objects.equals(
          want == null ? null : String.valueOf(want), got == null ? null : String.valueOf(got))) {
        diffs.add(
            story.file()
                + ":"
                + story.line()
                + ": outcome."
                + e.getKey()
                + ": expected "
                + want
                + ", got "
                + got);
      }
    }
    return new Result(story, diffs, transcript);
  }

  public List<Result> runAll(List<Story> stories) {
    return stories.stream().map(this::run).toList();
  }

  private static String at(Story s, Story.Step step) {
    return s.file() + ":" + step.line() + ": ";
  }

  private static void log(List<String> transcript, BotTurn t) {
    transcript.add("bot[" + t.node() + "]> " + t.say());
  }

  /** The account's debt detail as it would be spoken (money, dates, the pay link). */
  private static List<String> debtDetail(Catalogue cat, Story story) {
    PromptRenderer r = new PromptRenderer(cat, story.lang());
    List<String> out = new ArrayList<>();
    for (String v : cat.debtVariables()) {
      String raw = story.account().get(v);
      if (raw == null || raw.isBlank()) continue;
      var kind = cat.variables().get(v);
      if (kind == Catalogue.VariableKind.NUMBER)
        continue; // short numbers also occur in innocent text
      try {
        out.add(r.format(v, raw));
      } catch (RuntimeException e) {
        out.add(raw);
      }
    }
    return out;
  }

  private static void checkExposure(
      Track track,
      BotTurn turn,
      List<String> secrets,
      boolean[] verified,
      List<String> diffs,
      int line) {
    for (Spoken s : turn.spoken()) {
      Node n = track.nodes().get(s.node());
      if (n != null && n.verifies()) verified[0] = true;
      if (verified[0]) continue;
      for (String secret : secrets) {
        if (s.text().contains(secret)) {
          diffs.add(
              track.file()
                  + " (story line "
                  + line
                  + "): COMPLIANCE: debt detail \""
                  + secret
                  + "\" spoken before verification at node "
                  + s.node());
        }
      }
    }
  }
}
