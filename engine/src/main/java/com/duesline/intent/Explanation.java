package com.duesline.intent;

import java.util.List;

/**
 * Why an utterance got its intent: the thresholds and fusion, the words searched, each intent's
 * evidence, and the nearest examples by words (BM25) and by meaning (sentence-vector cosine).
 */
public record Explanation(
    IntentMatch match,
    double threshold,
    double endingThreshold,
    String fusion,
    List<String> words,
    List<Vote> votes,
    List<Nearest> nearest,
    List<Nearest> semanticNearest) {
  public Explanation {
    words = List.copyOf(words);
    votes = List.copyOf(votes);
    nearest = List.copyOf(nearest);
    semanticNearest = List.copyOf(semanticNearest);
  }

  /**
   * One intent's fused confidence and its evidence: lexical confidence with its BM25 vote share and
   * best example's coverage, the best example's cosine and the intent's share of the semantic
   * neighbours' vote.
   */
  public record Vote(
      String intent,
      double score,
      double lexical,
      double share,
      double coverage,
      double semantic,
      double semanticShare) {}

  /**
   * An indexed example near the utterance: its intent, text, file:line and score (BM25 or cosine).
   */
  public record Nearest(String intent, String text, String source, double score) {}
}
