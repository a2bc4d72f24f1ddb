package com.duesline.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.conversation.BotTurn;
import com.duesline.conversation.CallerTurn;
import com.duesline.conversation.Conversation;
import com.duesline.scripts.LibraryLocation;
import com.duesline.scripts.Track;
import com.duesline.scripts.TrackLibrary;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a call renders before it is said: the first steps, in the call's own A/B wording. */
class SentencesAheadTest {
  private static final TrackLibrary LIB =
      TrackLibrary.load(LibraryLocation.resolve(Path.of("..", "scripts-library", "library")));

  private static Map<String, Object> account() {
    Map<String, Object> a = new HashMap<>();
    a.put("first_name", "Maria");
    a.put("last_name", "Lopez");
    a.put("company", "Harbor View");
    a.put("callback_number", "555 0100");
    a.put("amount_due", new BigDecimal("1250.00"));
    a.put("due_date", LocalDate.of(2026, 10, 15));
    a.put("days_overdue", 41);
    a.put("plan_down_payment", new BigDecimal("125.00"));
    a.put("plan_max_months", 6);
    return a;
  }

  @Test
  void theFirstStepsInTheVariantTheCallWillSpeak() {
    Track early = LIB.track("early", "en");
    Map<String, Integer> steps = early.distances();
    for (long seed = 0; seed < 20; seed++) {
      List<SentencesAhead.Sentence> ahead =
          SentencesAhead.of(early, LIB.catalogue(), account(), seed, 3);
      assertThat(ahead).isNotEmpty().allSatisfy(s -> assertThat(s.distance()).isBetween(0, 3));
      List<String> texts = ahead.stream().map(SentencesAhead.Sentence::text).toList();
      // Values filled in; a promise's amount is not known before the call, so its read-back is not
      // here.
      assertThat(texts).noneMatch(t -> t.contains("{")).anyMatch(t -> t.contains("Maria"));
      // The identity question as this call will ask it, and not its other wording.
      Conversation c = new Conversation(early, LIB.catalogue(), account(), seed);
      BotTurn open = c.start();
      BotTurn asked = open.spoken().size() > 1 ? open : c.take(CallerTurn.silence());
      String question =
          asked.spoken().stream()
              .filter(s -> s.node().equals("confirm_identity"))
              .findFirst()
              .orElseThrow()
              .text();
      assertThat(texts).contains(question);
      assertThat(texts)
          .filteredOn(t -> t.contains("Maria Lopez"))
          .as("one wording of the identity question at seed %d", seed)
          .hasSize(1);
    }
    // Nothing beyond the steps asked for: the plan offer is farther than three steps.
    assertThat(steps.get("plan_offer")).isGreaterThan(3);
    assertThat(SentencesAhead.of(early, LIB.catalogue(), account(), 1, 3))
        .noneMatch(s -> s.text().contains("split the balance"));
    assertThat(SentencesAhead.of(early, LIB.catalogue(), account(), 1, 99))
        .anyMatch(s -> s.text().contains("split the balance"));
  }
}
