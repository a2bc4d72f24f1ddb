package com.duesline.call;

import com.duesline.conversation.Conversation;
import com.duesline.conversation.Spoken;
import java.util.Map;

/** How the bot's sentences become call audio (8 kHz µ-law); the prompt cache in production. May throw. */
@FunctionalInterface
public interface BotVoice {
  byte[] mulaw(String text);

  /**
   * A prompt of {@code c}'s track, with the variables as they were when it was said; a recorded voice
   * needs the prompt's wording and values, a synthesizer only its text.
   */
  default byte[] mulaw(Spoken s, Conversation c, Map<String, Object> values) {
    return mulaw(s.text());
  }

  /**
   * Whether calls in {@code lang} render each sentence of a prompt on its own ({@link #mulaw(String)} per
   * sentence, so the first plays while the rest render); a recorded voice speaks a prompt whole.
   */
  default boolean speaksBySentence(String lang) {
    return true;
  }

  /** Whether rendering ahead into the prompt cache helps calls in {@code lang} (not for a recorded voice: its clips are ready). */
  default boolean prerenders(String lang) {
    return true;
  }
}
