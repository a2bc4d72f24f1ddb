package com.duesline.call;

import com.duesline.conversation.Conversation;
import com.duesline.conversation.Spoken;
import com.duesline.scripts.Node;
import com.duesline.scripts.Prompt;
import com.duesline.scripts.Variant;
import com.duesline.speech.RecordedVoice;
import java.util.Map;

/**
 * The bot's voice for a call's language: a recorded voice (clips) where one is configured for the
 * track's language, MaryTTS otherwise. Text with no prompt behind it (the fault and call-back
 * messages) goes to MaryTTS.
 */
final class LanguageVoices implements BotVoice {
  private final BotVoice synthesized;
  private final Map<String, RecordedVoice> recorded;

  LanguageVoices(BotVoice synthesized, Map<String, RecordedVoice> recorded) {
    this.synthesized = synthesized;
    this.recorded = Map.copyOf(recorded);
  }

  @Override
  public byte[] mulaw(String text) {
    return synthesized.mulaw(text);
  }

  @Override
  public byte[] mulaw(Spoken s, Conversation c, Map<String, Object> values) {
    RecordedVoice voice = recorded.get(c.track().lang());
    if (voice == null) return synthesized.mulaw(s.text());
    return voice.speak(template(c, s), values::get);
  }

  @Override
  public boolean synthesizes(String lang) {
    return !recorded.containsKey(lang);
  }

  /** Whether calls in {@code lang} have a voice: a recorded one, or MaryTTS for English. */
  boolean speaks(String lang) {
    return recorded.containsKey(lang) || lang.equals("en");
  }

  /**
   * The wording {@code s} was rendered from: its prompt's variant, or the fallback sentence it fell
   * back to.
   */
  static String template(Conversation c, Spoken s) {
    Node n = c.track().node(s.node());
    Prompt p =
        n.prompts().stream()
            .filter(x -> x.id().equals(s.promptId()))
            .findFirst()
            .orElseGet(
                () ->
                    n.reprompt() != null && n.reprompt().id().equals(s.promptId())
                        ? n.reprompt()
                        : null);
    if (p == null)
      throw new IllegalStateException("node " + s.node() + " has no prompt " + s.promptId());
    if (s.fallbackUsed())
      return p.fallback() != null
          ? p.fallback()
          : c.catalogue().safeFallback().getOrDefault(c.track().lang(), s.text());
    return p.variants().stream()
        .filter(v -> v.name().equals(s.variant()))
        .map(Variant::text)
        .findFirst()
        .orElse(p.variants().get(0).text());
  }
}
