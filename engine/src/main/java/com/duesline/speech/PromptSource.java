package com.duesline.speech;

import java.util.List;

/**
 * Where fixed prompts come from for {@code duesline tts warm}: a text file today, the installed
 * talk tracks once they exist (a track returns each fixed line with its persona's voice effects;
 * lines with slots such as an amount are left out, they are rendered per call).
 */
public interface PromptSource {
  /** A sentence to pre-render, with the voice effects it will be spoken with ("" for none). */
  record Prompt(String text, String effects) {}

  /** A name for messages, e.g. the file it reads. */
  String name();

  /** The prompts to pre-render. */
  List<Prompt> prompts();
}
