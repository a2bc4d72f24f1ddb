package com.duesline.intent;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.config.DueslineConfig;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ASR path of {@code intents eval --asr} on a handful of lines: real MaryTTS speech, µ-law 8
 * kHz, the real Vosk model, then the shipped classifier on what was heard. The lines are plain
 * owner sentences (not from a held-out file); the bounds say the path hears and understands them,
 * not how well it does on a set (docs/intents.md has the held-out figure).
 */
class AsrPathTest {
  private static final List<LabelledUtterance> LINES =
      List.of(
          line("please stop calling me", "stop_contact"),
          line("i already paid the fee last week", "already_paid"),
          line("can i pay in three installments", "request_installments"),
          line("i want to speak to a manager", "request_human"),
          line("how much do i owe", "ask_amount"),
          line("i lost my job and money is tight", "hardship"));

  private static LabelledUtterance line(String text, String gold) {
    return new LabelledUtterance(text, Set.of(gold), "AsrPathTest");
  }

  @Test
  void linesSpokenThroughTheTelephonePathAreHeardAndUnderstood() {
    DueslineConfig config =
        DueslineConfig.load(null, k -> null)
            .with(
                "speech.cache-dir", Path.of("target", "speech-cache").toAbsolutePath().toString());
    AsrPath.Result heard = AsrPath.hear(LINES, config);

    assertThat(heard.transcripts())
        .hasSameSizeAs(LINES)
        .allSatisfy(t -> assertThat(t).isNotBlank());
    assertThat(heard.heardExactly())
        .as("heard word for word: %s", heard.transcripts())
        .isGreaterThanOrEqualTo(3);
    List<IntentMatch> answers = new ArrayList<>();
    MatchContext ctx = MatchContext.open("en", LocalDate.of(2026, 11, 25));
    for (String t : heard.transcripts()) answers.add(SharedClassifier.INSTANCE.classify(t, ctx));
    IntentEvaluation ev = IntentEvaluation.tally(LINES, answers);
    assertThat(ev.correct())
        .as("understood after the recogniser: %s -> %s", heard.transcripts(), ev.misses())
        .isGreaterThanOrEqualTo(5);
  }
}
