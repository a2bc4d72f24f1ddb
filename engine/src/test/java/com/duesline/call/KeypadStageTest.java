package com.duesline.call;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.call.CallEvent.HangUp;
import com.duesline.call.CallEvent.KeyPressed;
import com.duesline.call.CallEvent.Keys;
import com.duesline.call.CallObserver.EndReason;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeypadStageTest {
  private final StageHarness h = new StageHarness();
  private final KeypadStage keypad = new KeypadStage(h.bus, 1500, Set.of("1", "2")::contains);

  KeypadStageTest() {
    h.stages(keypad);
  }

  private void press(String keys, long gapMs) {
    for (char c : keys.toCharArray()) {
      h.emit(at -> new KeyPressed(String.valueOf(c), at));
      h.advance(gapMs);
    }
  }

  @Test
  void severalKeysMakeOneAnswerAfterAPause() {
    press("0304", 400);
    assertThat(h.of(Keys.class)).isEmpty();
    h.advance(1100);
    assertThat(h.of(Keys.class)).extracting(Keys::digits).containsExactly("0304");
  }

  @Test
  void hashEndsTheAnswerAtOnce() {
    press("34#", 100);
    assertThat(h.of(Keys.class)).extracting(Keys::digits).containsExactly("34");
  }

  @Test
  void aMenuKeyAnswersAtOnceOnlyAsTheFirstKey() {
    press("1", 0);
    assertThat(h.of(Keys.class)).extracting(Keys::digits).containsExactly("1");
    h.clearEvents();
    press("31", 100);
    h.advance(1500);
    assertThat(h.of(Keys.class)).extracting(Keys::digits).containsExactly("31");
  }

  @Test
  void keysAfterTheCallEndedAreIgnored() {
    press("3", 100);
    h.emit(at -> new HangUp(EndReason.STREAM_DROPPED, at));
    press("4#", 100);
    h.advance(3000);
    assertThat(h.of(Keys.class)).isEmpty();
  }
}
