package com.duesline.conversation;

import com.duesline.intent.IntentClassifier;
import com.duesline.intent.LuceneIntentClassifier;

/**
 * The intent classifier of the shipped library, built once per JVM (its index is costly to build
 * and safe to share).
 */
public final class SharedClassifier {
  private static volatile IntentClassifier instance;

  public static IntentClassifier get() {
    IntentClassifier c = instance;
    if (c == null) {
      synchronized (SharedClassifier.class) {
        c = instance;
        if (c == null) instance = c = LuceneIntentClassifier.fromLibrary();
      }
    }
    return c;
  }

  private SharedClassifier() {}
}
