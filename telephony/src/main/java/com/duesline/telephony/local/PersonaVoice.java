package com.duesline.telephony.local;

/**
 * Turns what a simulated caller says into telephone audio. The engine implements it with MaryTTS;
 * the local carrier only streams the bytes it gets.
 */
public interface PersonaVoice {
  /**
   * @param text the words
   * @param voiceEffects MaryTTS audio effects that make this caller sound unlike the bot (e.g.
   *     {@code "F0Scale(f0Scale:1.4)+Rate(durScale:1.2)"}); may be empty
   * @return 8 kHz µ-law audio
   */
  byte[] speakMulaw8k(String text, String voiceEffects);
}
