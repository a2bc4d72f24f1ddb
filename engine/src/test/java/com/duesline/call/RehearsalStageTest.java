package com.duesline.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.call.CallEvent.CallerTook;
import com.duesline.call.CallEvent.Greeted;
import com.duesline.call.CallEvent.Guess;
import com.duesline.call.CallEvent.Reply;
import com.duesline.conversation.CallerTurn;
import com.duesline.conversation.Conversation;
import com.duesline.intent.IntentMatch;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Speculative rendering on the shipped early-arrears track: a complete guess has its reply rendered
 * before the turn ends, word for word what the turn then says, and the conversation is untouched.
 */
class RehearsalStageTest {
  private final StageHarness h = new StageHarness();
  private final Conversation conversation = StageEvents.earlyArrears();

  /** The speech pool, run when the test says. */
  private final ArrayDeque<Runnable> pool = new ArrayDeque<>();

  private final List<String> rendered = new ArrayList<>();
  private Endpointing.Wait wait = Endpointing.Wait.SHORT;
  private boolean synthesized = true;
  private boolean noisyLine = false;

  private void start() {
    install();
    h.emit(at -> new Greeted(null, at));
    // Past the identity check and the unit number, at the question about the balance.
    h.emit(at -> took("yes", "affirm", Map.of()));
    h.emit(at -> took("one two zero three", "out_of_scope", Map.of()));
  }

  private DialogueStage dialogue;

  private void install() {
    dialogue = new DialogueStage(h.bus, conversation, LocalDate.of(2026, 11, 25), node -> node);
    BotVoice voice =
        text -> {
          rendered.add(text);
          return new byte[0];
        };
    h.stages(
        new RehearsalStage(
            dialogue::rehearse, () -> wait, () -> noisyLine, pool::add, voice, synthesized),
        dialogue);
  }

  private static IntentMatch match(String intent, Map<String, String> entities) {
    return new IntentMatch("", intent, 0.9, List.of(), entities);
  }

  private CallerTook took(String text, String intent, Map<String, String> entities) {
    return new CallerTook(
        new CallerTurn.Heard(new IntentMatch(text, intent, 0.9, List.of(), entities)),
        StageEvents.heard(text, intent, h.nanos()),
        h.nanos());
  }

  private static Reply last(List<Reply> replies) {
    return replies.get(replies.size() - 1);
  }

  private void runPool() {
    while (!pool.isEmpty()) pool.poll().run();
  }

  private static final Map<String, String> PROMISE =
      Map.of("amount", "200.00", "date", "2026-12-04");

  @Test
  void aCompleteGuessHasItsReplyRenderedWordForWordAndTheConversationIsUntouched() {
    start();
    String node = conversation.currentNode();
    var vars = conversation.variables();
    h.emit(
        at ->
            new Guess(
                "i can pay two hundred on december fourth", match("promise_to_pay", PROMISE), at));
    assertThat(conversation.currentNode()).isEqualTo(node);
    assertThat(conversation.variables()).isEqualTo(vars);
    runPool();
    assertThat(rendered).isNotEmpty();
    assertThat(String.join(" ", rendered)).contains("200");

    h.emit(at -> took("i can pay two hundred on december fourth", "promise_to_pay", PROMISE));
    List<String> said = new ArrayList<>();
    last(h.of(Reply.class))
        .turn()
        .spoken()
        .forEach(s -> said.addAll(SpeakerStage.pieces(s.text())));
    assertThat(rendered).as("what the turn says was rendered ahead").isEqualTo(said);
  }

  @Test
  void onANoisyLineThePromisesReadBackIsRenderedAheadAndIsWhatTheTurnSays() {
    noisyLine = true;
    start();
    String text = "i can pay two hundred on december fourth";
    h.emit(at -> new Guess(text, match("promise_to_pay", PROMISE), at));
    runPool();
    assertThat(String.join(" ", rendered)).contains("Is that right?");

    // The turn as turn-taking takes it on a noisy line: the amount and the date unsure.
    h.emit(
        at ->
            new CallerTook(
                new CallerTurn.Heard(
                    new IntentMatch(text, "promise_to_pay", 0.9, List.of(), PROMISE),
                    java.util.Set.of("amount", "date")),
                StageEvents.heard(text, "promise_to_pay", h.nanos()),
                h.nanos()));
    List<String> said = new ArrayList<>();
    last(h.of(Reply.class))
        .turn()
        .spoken()
        .forEach(s -> said.addAll(SpeakerStage.pieces(s.text())));
    assertThat(rendered).as("the read-back was rendered ahead").isEqualTo(said);
  }

  @Test
  void theSameGuessAgainIsNotRenderedTwiceAndANewOneIs() {
    start();
    h.emit(at -> new Guess("i can pay two hundred", match("promise_to_pay", PROMISE), at));
    h.emit(at -> new Guess("i can pay two hundred on", match("promise_to_pay", PROMISE), at));
    runPool();
    int once = rendered.size();
    assertThat(once).isPositive();
    h.emit(at -> new Guess("i already paid", match("already_paid", Map.of()), at));
    runPool();
    assertThat(rendered.size()).isGreaterThan(once);
  }

  @Test
  void anUnfinishedOrUnplacedAnswerOrARecordedVoiceIsNotRehearsed() {
    start();
    wait = Endpointing.Wait.LONG;
    h.emit(at -> new Guess("i can pay on", match("promise_to_pay", Map.of()), at));
    wait = Endpointing.Wait.SHORT;
    h.emit(at -> new Guess("the weather", match("out_of_scope", Map.of()), at));
    runPool();
    assertThat(rendered).isEmpty();
  }

  @Test
  void aRecordedVoiceHasNothingToRender() {
    synthesized = false;
    start();
    h.emit(at -> new Guess("i can pay two hundred", match("promise_to_pay", PROMISE), at));
    runPool();
    assertThat(rendered).isEmpty();
  }

  @Test
  void theCallersHelloBeforeTheGreetingIsNotRehearsed() {
    install();
    // The guess on "hello" while the engine waits for the caller's first words: the conversation
    // has not started, so there is no turn to take (it used to throw "call start() first").
    assertThat(dialogue.rehearse(new CallerTurn.Heard(match("affirm", Map.of())))).isEmpty();
    h.emit(at -> new Guess("hello", match("affirm", Map.of()), at));
    runPool();
    assertThat(rendered).isEmpty();
    assertThat(conversation.started()).isFalse();
  }
}
