package com.duesline.campaign;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * Picks a variant by weight, the same one every time for the same key, so an A/B split is stable.
 */
final class Variants {
  private Variants() {}

  static String pick(Map<String, Integer> weights, String key) {
    if (weights.size() == 1) return weights.keySet().iterator().next();
    int total = 0;
    Map<String, Integer> sorted = new TreeMap<>(weights);
    for (int w : sorted.values()) total += w;
    int point = (int) Long.remainderUnsigned(fnv(key), total);
    for (var e : sorted.entrySet()) {
      point -= e.getValue();
      if (point < 0) return e.getKey();
    }
    throw new IllegalStateException("weights add up to " + total);
  }

  /** FNV-1a: stable across JVMs, unlike String.hashCode on other platforms' conventions. */
  private static long fnv(String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
