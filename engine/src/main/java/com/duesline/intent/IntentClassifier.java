package com.duesline.intent;

/** Decides what an utterance means. Implementations are thread-safe and shared by all calls. */
public interface IntentClassifier {
  /** The catalogue's fallback intent, chosen when nothing is confident enough. */
  String OUT_OF_SCOPE = "out_of_scope";

  IntentMatch classify(String text, MatchContext context);
}
