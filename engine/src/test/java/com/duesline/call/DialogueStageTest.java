package com.duesline.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.call.CallEvent.CallerTook;
import com.duesline.call.CallEvent.Continued;
import com.duesline.call.CallEvent.Greeted;
import com.duesline.call.CallEvent.Reply;
import com.duesline.conversation.CallerTurn;
import com.duesline.conversation.Conversation;
import com.duesline.intent.IntentMatch;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The dialogue stage on the shipped early-arrears track: each caller turn gets the track's reply; a
 * continuation takes one back.
 */
class DialogueStageTest {
  private final StageHarness h = new StageHarness();
  private final Conversation conversation = StageEvents.earlyArrears();

  DialogueStageTest() {
    h.stages(new DialogueStage(h.bus, conversation, LocalDate.of(2026, 11, 25), node -> node));
  }

  private CallerTook took(String text, String intent) {
    var heard = StageEvents.heard(text, intent, h.nanos());
    return new CallerTook(
        new CallerTurn.Heard(new IntentMatch(text, intent, 0.9, List.of(), Map.of())),
        heard,
        h.nanos());
  }

  @Test
  void aContinuationPutsTheConversationBackAndReopensTheQuestionWithNothingSaid() {
    h.emit(at -> new Greeted(null, at));
    String identity = conversation.currentNode();
    CallerTook yes = took("yes", "affirm");
    h.emit(at -> yes);
    Reply answered = h.of(Reply.class).get(1);
    assertThat(answered.cause()).isSameAs(yes);
    assertThat(conversation.currentNode()).isNotEqualTo(identity);

    h.emit(at -> new Continued(yes, null, at));
    assertThat(conversation.currentNode()).isEqualTo(identity);
    assertThat(h.of(Reply.class))
        .hasSize(3)
        .last()
        .satisfies(
            r -> {
              assertThat(r.turn().spoken())
                  .as("nothing is said: the question is open again")
                  .isEmpty();
              assertThat(r.cause()).isNull();
              assertThat(r.askedAt()).isEqualTo(identity);
              assertThat(r.matchContext()).isNotNull();
            });

    // The whole answer is then taken at the question as if it were the first.
    h.emit(at -> took("yes this is maria speaking", "affirm"));
    assertThat(h.of(Reply.class).get(3).turn()).isEqualTo(answered.turn());
    // A second continuation of nothing new is ignored (only the last turn can be taken back, once).
    h.emit(at -> new Continued(yes, null, at));
    h.emit(at -> new Continued(yes, null, at));
    assertThat(h.of(Reply.class)).hasSize(5);
  }
}
