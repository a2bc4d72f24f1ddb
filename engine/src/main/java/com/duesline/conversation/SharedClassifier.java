package com.duesline.conversation;

import com.duesline.intent.IntentClassifier;

/** The real intent classifier, built once per JVM (its index is costly to build and safe to share). */
public final class SharedClassifier {
  private static volatile IntentClassifier instance;

  public static IntentClassifier get() {
    IntentClassifier c = instance;
    if (c == null) {
      synchronized (SharedClassifier.class) {
        c = instance;
        if (c == null) instance = c = build();
      }
    }
    return c;
  }

  /** True when the Lucene classifier is on the classpath (it lives on the intents branch until merged). */
  public static boolean available() {
    try {
      Class.forName("com.duesline.intent.LuceneIntentClassifier");
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static IntentClassifier build() {
    try {
      Class<?> lucene = Class.forName("com.duesline.intent.LuceneIntentClassifier");
      return (IntentClassifier) lucene.getMethod("fromLibrary").invoke(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the Lucene intent classifier is not available: " + e, e);
    }
  }

  private SharedClassifier() {}
}
