package com.duesline.call;

/** How the bot's sentences become call audio (8 kHz µ-law); the prompt cache in production. May throw. */
@FunctionalInterface
public interface BotVoice {
  byte[] mulaw(String text);
}
