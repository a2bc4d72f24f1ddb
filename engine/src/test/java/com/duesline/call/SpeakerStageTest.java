package com.duesline.call;

import static com.duesline.call.StageEvents.prompt;
import static com.duesline.call.StageEvents.turn;
import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.call.CallEvent.Interrupt;
import com.duesline.call.CallEvent.Interrupted;
import com.duesline.call.CallEvent.PromptAudio;
import com.duesline.call.CallEvent.Reply;
import com.duesline.conversation.Conversation;
import com.duesline.scripts.TrackRepository;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The speaker renders sentence by sentence, in order, and stops when the caller cuts the bot off.
 */
class SpeakerStageTest {
  private final StageHarness h = new StageHarness();

  /** Speech-pool work, run when the test says (so a cut can come between sentences). */
  private final ArrayDeque<Runnable> pool = new ArrayDeque<>();

  private final List<String> rendered = new ArrayList<>();
  private Consumer<String> onRender = text -> {};
  private final SpeakerStage speaker;

  SpeakerStageTest() {
    TrackRepository repo = new TrackRepository(Path.of("..", "scripts-library", "library"));
    Conversation conversation =
        new Conversation(
            repo.track("mid", "en"),
            repo.library().catalogue(),
            Map.of("first_name", "Ann", "last_name", "Lee", "unit", "A-101"),
            1);
    // The voice: one byte per character, so each piece can be told apart by its length.
    BotVoice voice =
        text -> {
          rendered.add(text);
          onRender.accept(text);
          return new byte[text.length()];
        };
    speaker = new SpeakerStage(h.bus, pool::add, voice, conversation);
    h.stages(speaker);
  }

  private void runPool() {
    while (!pool.isEmpty()) pool.poll().run();
  }

  @Test
  void eachSentenceIsHandedOnAsSoonAsItIsRenderedInOrder() {
    Reply first =
        StageEvents.reply(
            turn(
                false,
                prompt("Thank you, Ann. I've noted $1,996.80 by December 4th.", true),
                prompt("Anything else?", true)),
            h.nanos());
    Reply second = StageEvents.reply(turn(false, prompt("Goodbye.", true)), h.nanos());
    h.emit(at -> first);
    h.emit(at -> second);
    runPool();
    assertThat(rendered)
        .containsExactly(
            "Thank you, Ann.",
            "I've noted $1,996.80 by December 4th.",
            "Anything else?",
            "Goodbye.");
    assertThat(h.of(PromptAudio.class))
        .extracting(
            p ->
                p.prompt()
                    + "."
                    + p.piece()
                    + (p.promptDone() ? " done" : "")
                    + (p.replyDone() ? " last" : ""))
        .containsExactly("0.0", "0.1 done", "1.0 done last", "0.0 done last");
    assertThat(h.of(PromptAudio.class).get(0).first()).isTrue();
  }

  @Test
  void aCutStopsTheRestOfEveryReplyInFlight() {
    Reply reply = StageEvents.reply(turn(false, prompt("One. Two. Three.", true)), h.nanos());
    Reply next = StageEvents.reply(turn(false, prompt("Four.", true)), h.nanos());
    h.emit(at -> reply);
    h.emit(at -> next);
    // The caller barges in while the second sentence renders.
    onRender =
        text -> {
          if (text.equals("Two."))
            h.emit(at -> new Interrupted(null, 0.5, Interrupt.Cause.SPEECH, at, at));
        };
    runPool();
    assertThat(rendered).containsExactly("One.", "Two.");
    assertThat(h.of(PromptAudio.class)).extracting(PromptAudio::piece).containsExactly(0);

    // A reply after the cut is said in full.
    onRender = text -> {};
    h.emit(at -> StageEvents.reply(turn(false, prompt("Sorry, go on.", true)), at));
    runPool();
    assertThat(h.of(PromptAudio.class)).hasSize(2);
  }
}
