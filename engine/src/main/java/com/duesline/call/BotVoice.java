package com.duesline.call;

import com.duesline.conversation.Conversation;
import com.duesline.conversation.Spoken;
import java.util.Map;

/**
 * How the bot's sentences become call audio (8 kHz µ-law); the prompt cache in production. May
 * throw.
 */
@FunctionalInterface
public interface BotVoice {
  byte[] mulaw(String text);

  /**
   * A prompt of {@code c}'s track, with the variables as they were when it was said; a recorded
   * voice needs the prompt's wording and values, a synthesizer only its text.
   */
  default byte[] mulaw(Spoken s, Conversation c, Map<String, Object> values) {
    return mulaw(s.text());
  }

  /**
   * Whether calls in {@code lang} are spoken by the synthesizer: sentence by sentence through
   * {@link #mulaw(String)} (the first plays while the rest render) and rendered ahead into the
   * prompt cache while the phone rings. A recorded voice speaks each prompt whole from clips that
   * are ready.
   */
  default boolean synthesizes(String lang) {
    return true;
  }
}
