package com.duesline.intent;

/**
 * One example utterance of an intent, with the file and line it came from (so a writer can find
 * it).
 */
public record IntentExample(String intent, String text, String source) {}
