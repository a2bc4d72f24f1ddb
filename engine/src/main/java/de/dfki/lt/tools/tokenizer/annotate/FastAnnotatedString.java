package de.dfki.lt.tools.tokenizer.annotate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Array-backed {@link AnnotatedString}: per key, each character holds the id of the run covering
 * it.
 */
public final class FastAnnotatedString implements AnnotatedString {
  private final String text;
  private final Map<String, Layer> layers = new HashMap<>();
  private int index;

  /** One key's runs: run id per character (0 = none) and each run's value. */
  private static final class Layer {
    final int[] runOf;
    final List<Object> values = new ArrayList<>();

    Layer(int length) {
      runOf = new int[length];
      values.add(null);
    }
  }

  public FastAnnotatedString(String text) {
    this.text = text;
  }

  @Override
  public void annotate(String key, Object value, int start, int end) {
    if (start < 0 || end > text.length() || start > end) {
      throw new IndexOutOfBoundsException(
          "annotation [" + start + ", " + end + ") outside text of length " + text.length());
    }
    Layer layer = layers.computeIfAbsent(key, k -> new Layer(text.length()));
    layer.values.add(value);
    int id = layer.values.size() - 1;
    for (int i = start; i < end; i++) layer.runOf[i] = id;
  }

  @Override
  public Object getAnnotation(String key) {
    Layer layer = layers.get(key);
    if (layer == null || index >= text.length()) return null;
    return layer.values.get(layer.runOf[index]);
  }

  @Override
  public int getRunStart(String key) {
    Layer layer = layers.get(key);
    if (index >= text.length()) return text.length();
    if (layer == null) return 0;
    int id = layer.runOf[index];
    int i = index;
    while (i > 0 && layer.runOf[i - 1] == id) i--;
    return i;
  }

  @Override
  public int getRunLimit(String key) {
    Layer layer = layers.get(key);
    if (layer == null || index >= text.length()) return text.length();
    int id = layer.runOf[index];
    int i = index;
    while (i < text.length() && layer.runOf[i] == id) i++;
    return i;
  }

  @Override
  public String substring(int start, int end) {
    return text.substring(start, end);
  }

  @Override
  public char first() {
    return setIndex(0);
  }

  @Override
  public char last() {
    return setIndex(text.isEmpty() ? 0 : text.length() - 1);
  }

  @Override
  public char current() {
    return index < text.length() ? text.charAt(index) : DONE;
  }

  @Override
  public char next() {
    if (index < text.length()) index++;
    return current();
  }

  @Override
  public char previous() {
    if (index == 0) return DONE;
    index--;
    return current();
  }

  @Override
  public char setIndex(int position) {
    if (position < 0 || position > text.length()) {
      throw new IllegalArgumentException(
          "index " + position + " outside [0, " + text.length() + "]");
    }
    index = position;
    return current();
  }

  @Override
  public int getBeginIndex() {
    return 0;
  }

  @Override
  public int getEndIndex() {
    return text.length();
  }

  @Override
  public int getIndex() {
    return index;
  }

  @Override
  public Object clone() {
    FastAnnotatedString copy = new FastAnnotatedString(text);
    copy.layers.putAll(layers);
    copy.index = index;
    return copy;
  }

  @Override
  public String toString() {
    return text;
  }
}
