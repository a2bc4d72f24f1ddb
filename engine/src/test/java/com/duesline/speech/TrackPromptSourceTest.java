package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.scripts.LibraryLocation;
import com.duesline.scripts.TrackLibrary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tracks' fixed sentences: what `tts warm --tracks` and `bench calls` render before calls. */
class TrackPromptSourceTest {
  private static final TrackLibrary LIBRARY =
      TrackLibrary.load(LibraryLocation.resolve(Path.of("..", "scripts-library", "library")));

  @Test
  void fixedSentencesOfTheSynthesizedLanguagesOnlySentenceBySentence() {
    List<String> en =
        new TrackPromptSource(LIBRARY, "en"::equals)
            .prompts().stream().map(PromptSource.Prompt::text).toList();
    // A question, a reprompt and a sentence of a longer prompt whose other sentences name values.
    assertThat(en)
        .contains(
            "Could you settle it this week?",
            "Press 1 for yes, 2 for no, or 3 for a monthly plan.",
            "The fee keeps security, cleaning and the lifts running for everyone, and paying on time lets us keep that service up.")
        .doesNotHaveDuplicates()
        .noneMatch(s -> s.contains("{"))
        .allMatch(s -> s.codePoints().allMatch(c -> c < 0x3000));
    assertThat(en.size()).isBetween(100, 400);
    List<String> zh =
        new TrackPromptSource(LIBRARY, "zh"::equals)
            .prompts().stream().map(PromptSource.Prompt::text).toList();
    assertThat(zh).isNotEmpty().noneMatch(en::contains);
  }
}
