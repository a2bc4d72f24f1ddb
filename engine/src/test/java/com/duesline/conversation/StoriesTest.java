package com.duesline.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.scripts.LibraryLocation;
import com.duesline.scripts.Problem;
import com.duesline.scripts.Story;
import com.duesline.scripts.StoryFile;
import com.duesline.scripts.TrackLibrary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every conversation test in the library, run with the real Lucene classifier (built once for the
 * JVM).
 */
class StoriesTest {
  static final Path ROOT = LibraryLocation.resolve(Path.of("..", "scripts-library", "library"));
  static final TrackLibrary LIB = TrackLibrary.load(ROOT);
  static final List<Story> STORIES = load();

  static List<Story> load() {
    List<Problem> problems = new ArrayList<>();
    List<Story> s = StoryFile.loadAll(ROOT, problems);
    assertThat(problems).isEmpty();
    return s;
  }

  @TestFactory
  Stream<DynamicTest> everyStoryPasses() {
    StoryRunner runner = new StoryRunner(LIB, SharedClassifier.get());
    return STORIES.stream()
        .map(
            s ->
                DynamicTest.dynamicTest(
                    s.lang() + " " + s.track() + ": " + s.name(),
                    () -> {
                      StoryRunner.Result r = runner.run(s);
                      assertThat(r.diffs()).as(String.join("\n", r.transcript())).isEmpty();
                    }));
  }

  @Test
  void storiesCoverTracksLanguagesIntentsAndComplianceEndings() {
    assertThat(STORIES).hasSizeGreaterThanOrEqualTo(80);
    for (String lang : TrackLibrary.LANGS) {
      Set<String> tracks = new TreeSet<>();
      STORIES.stream().filter(s -> s.lang().equals(lang)).forEach(s -> tracks.add(s.track()));
      assertThat(tracks)
          .as(lang)
          .containsExactlyInAnyOrder(
              "pre_due", "early", "mid", "late", "promise_followup", "plan_checkin");
    }
    Set<String> intents = new TreeSet<>();
    STORIES.forEach(
        s ->
            s.steps()
                .forEach(
                    st -> {
                      if (st.intent() != null) intents.add(st.intent());
                    }));
    assertThat(intents).containsAll(LIB.catalogue().intents());
    for (String lang : TrackLibrary.LANGS) {
      Set<String> holds = new TreeSet<>();
      Set<String> dispositions = new TreeSet<>();
      STORIES.stream()
          .filter(s -> s.lang().equals(lang))
          .forEach(
              s -> {
                if (s.outcome().get("hold") != null)
                  holds.add(String.valueOf(s.outcome().get("hold")));
                if (s.outcome().get("disposition") != null)
                  dispositions.add(String.valueOf(s.outcome().get("disposition")));
              });
      assertThat(holds).as(lang).contains("dispute", "attorney", "bereavement");
      assertThat(dispositions)
          .as(lang)
          .contains("OPT_OUT", "THIRD_PARTY", "WRONG_PARTY", "VERIFY_FAILED");
    }
  }
}
