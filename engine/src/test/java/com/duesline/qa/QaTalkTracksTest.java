package com.duesline.qa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.duesline.conversation.BotTurn;
import com.duesline.conversation.CallerTurn;
import com.duesline.conversation.Conversation;
import com.duesline.conversation.SharedClassifier;
import com.duesline.intent.IntentClassifier;
import com.duesline.intent.IntentMatch;
import com.duesline.qa.QaRules.Severity;
import com.duesline.qa.QaTranscript.Turn;
import com.duesline.scripts.LibraryLocation;
import com.duesline.scripts.Problem;
import com.duesline.scripts.Story;
import com.duesline.scripts.StoryFile;
import com.duesline.scripts.TrackLibrary;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The shipped talk tracks pass QA: every conversation test beside the tracks (tracks/stories) is
 * played through the real conversation engine and classifier, and its transcript is checked as a US
 * (California) call in English and a mainland-China call in Chinese. No critical or major finding
 * is allowed; risk words the story's caller says (an attorney, harassment) are expected.
 */
class QaTalkTracksTest {
  private static final Path LIBRARY =
      LibraryLocation.resolve(Path.of("..", "scripts-library", "library"));

  @Test
  void everyStoryOfEveryTrackPasses() {
    TrackLibrary lib = TrackLibrary.load(LIBRARY);
    List<Problem> problems = new ArrayList<>();
    List<Story> stories = StoryFile.loadAll(LIBRARY, problems);
    assertTrue(stories.size() > 50, "stories found: " + stories.size());
    IntentClassifier classifier = SharedClassifier.get();
    QaChecker checker = new QaChecker(QaRules.bundled(), classifier);
    List<String> failures = new ArrayList<>();
    int checked = 0;
    for (Story story : stories) {
      QaTranscript t = play(lib, classifier, story);
      QaResult r = checker.check(t);
      checked++;
      for (QaResult.Finding f : r.findings()) {
        if (f.severity() != Severity.MINOR) {
          failures.add(
              story.file()
                  + ": "
                  + story.name()
                  + ": "
                  + f.rule()
                  + " at turn "
                  + f.turn()
                  + ": "
                  + f.evidence());
        }
      }
    }
    assertEquals(
        List.of(), failures, "QA findings in the shipped tracks (" + checked + " stories checked)");
  }

  /** Plays a story as the story runner does, keeping each caller turn's decided intent. */
  static QaTranscript play(TrackLibrary lib, IntentClassifier classifier, Story story) {
    LocalDate today =
        story.account().containsKey("today")
            ? LocalDate.parse(story.account().get("today"))
            : LocalDate.now();
    Conversation c =
        new Conversation(
            lib.track(story.track(), story.lang()), lib.catalogue(), story.account(), story.seed());
    List<Turn> turns = new ArrayList<>();
    turns.add(new Turn("bot", c.start().say(), null));
    for (Story.Step step : story.steps()) {
      if (c.ended()) break;
      CallerTurn in;
      String words;
      if (step.keys() != null) {
        in = new CallerTurn.Keys(step.keys());
        words = step.keys();
      } else if (step.caller().isBlank()) {
        in = CallerTurn.silence();
        words = "";
      } else {
        IntentMatch m = classifier.classify(step.caller(), c.matchContext(today));
        in = new CallerTurn.Heard(m);
        words = step.caller();
      }
      BotTurn out = c.take(in);
      turns.add(new Turn("caller", words, out.intent()));
      turns.add(new Turn("bot", out.say(), null));
    }
    return new QaTranscript(
        story.lang(), story.lang().equals("zh") ? "CN" : "US-CA", "call", turns);
  }
}
