package de.dfki.lt.tools.tokenizer.annotate;

import java.text.CharacterIterator;

/**
 * A string whose character ranges carry annotations under string keys, iterated like a {@link
 * CharacterIterator}. This is the subset of the JTok API that MaryTTS' tokeniser module uses.
 *
 * <p>A run is the maximal range around the current index covered by one {@link #annotate} call for
 * a key (or by no call at all), so adjacent tokens with equal values stay separate runs.
 */
public interface AnnotatedString extends CharacterIterator {
  /** Annotates {@code [start, end)} with {@code value} under {@code key}. */
  void annotate(String key, Object value, int start, int end);

  /** The value under {@code key} at the current index, or null. */
  Object getAnnotation(String key);

  /** Start of the run of {@code key} that contains the current index. */
  int getRunStart(String key);

  /** End (exclusive) of the run of {@code key} that contains the current index. */
  int getRunLimit(String key);

  /** The characters in {@code [start, end)}. */
  String substring(int start, int end);

  /** The whole text. */
  String toString();
}
