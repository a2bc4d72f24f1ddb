package com.duesline.speech;

import java.util.List;

/** One recognized word: times in seconds from the start of the stream, confidence 0..1. */
public record RecognizedWord(String word, double start, double end, double conf) {
  /** The words joined by single spaces. */
  public static String text(List<RecognizedWord> words) {
    StringBuilder sb = new StringBuilder();
    for (RecognizedWord w : words) {
      if (sb.length() > 0) sb.append(' ');
      sb.append(w.word());
    }
    return sb.toString();
  }
}
