package com.duesline.intent;

/**
 * The shipped library's classifier, built once per test JVM (indexing and calibration take
 * seconds).
 */
final class SharedClassifier {
  static final LuceneIntentClassifier INSTANCE = LuceneIntentClassifier.fromLibrary();

  private SharedClassifier() {}
}
