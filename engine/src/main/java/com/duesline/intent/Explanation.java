package com.duesline.intent;

import java.util.List;

/** Why an utterance got its intent: the words searched, each intent's vote, and the nearest examples. */
public record Explanation(IntentMatch match, double threshold, List<String> words, List<Vote> votes, List<Nearest> nearest) {
  public Explanation {
    words = List.copyOf(words);
    votes = List.copyOf(votes);
    nearest = List.copyOf(nearest);
  }

  /** One intent's confidence, share of the neighbours' BM25 vote and best example's coverage of the utterance. */
  public record Vote(String intent, double score, double share, double coverage) {}

  /** An indexed example near the utterance: its intent, text, file:line and BM25 score. */
  public record Nearest(String intent, String text, String source, double score) {}
}
