package com.duesline.call;

import com.duesline.call.CallEvent.HangUp;
import com.duesline.call.CallEvent.KeyPressed;
import com.duesline.call.CallEvent.Keys;
import com.duesline.call.CallEvent.PromptAudio;
import com.duesline.call.CallEvent.SpeechFault;
import java.util.function.Predicate;

/**
 * Keypad: several keys make one answer (a unit number, a date), complete at '#' (kept on it) or
 * after a pause of {@code gapMs}; a menu key of the open question (when nothing is typed yet)
 * answers at once.
 */
final class KeypadStage implements CallStage {
  private final CallBus bus;
  private final long gapMs;
  private final Predicate<String> menuKey;
  private final StringBuilder keys = new StringBuilder();
  private long timer = -1;
  private boolean closed;

  KeypadStage(CallBus bus, long gapMs, Predicate<String> menuKey) {
    this.bus = bus;
    this.gapMs = gapMs;
    this.menuKey = menuKey;
  }

  @Override
  public void on(CallEvent event) {
    if (event instanceof KeyPressed k) {
      pressed(k.digit());
    } else if (event instanceof PromptAudio p) {
      closed |= p.reply().turn().ended();
    } else if (event instanceof SpeechFault) {
      closed = true;
    } else if (event instanceof HangUp) {
      closed = true;
      cancel();
    }
  }

  private void pressed(String digit) {
    if (closed) return;
    cancel();
    if (digit.equals("#") || (keys.length() == 0 && menuKey.test(digit))) {
      // '#' stays on the answer: it tells a typed entry ("9#": nine months) from a single key (9:
      // stop calling).
      keys.append(digit);
      take();
      return;
    }
    keys.append(digit);
    timer =
        bus.context()
            .setTimer(
                gapMs,
                () -> {
                  timer = -1;
                  take();
                });
  }

  private void take() {
    if (keys.toString().equals("#")) keys.setLength(0);
    if (keys.length() == 0 || closed) return;
    String digits = keys.toString();
    keys.setLength(0);
    bus.emit(new Keys(digits, bus.context().nanos()));
  }

  private void cancel() {
    bus.context().cancelTimer(timer);
    timer = -1;
  }
}
