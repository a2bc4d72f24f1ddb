package com.duesline.call;

import com.duesline.conversation.Conversation;
import com.duesline.conversation.PromptRenderer;
import com.duesline.scripts.Catalogue;
import com.duesline.scripts.Track;
import com.duesline.speech.Sentences;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a call will likely say early, to render before it is said: every sentence, with the
 * account's values, of the nodes up to {@code steps} from the track's start, in the A/B variant the
 * call's seed draws. Sentences whose values are not known before the call (a promise's amount) are
 * left out.
 */
final class SentencesAhead {
  /** A sentence to render and how many steps from the start its node is. */
  record Sentence(int distance, String text) {}

  private SentencesAhead() {}

  static List<Sentence> of(
      Track track, Catalogue catalogue, Map<String, Object> facts, long seed, int steps) {
    PromptRenderer renderer = new PromptRenderer(catalogue, track.lang());
    Map<String, Integer> distances = track.distances();
    List<Sentence> out = new ArrayList<>();
    for (var node : track.nodes().values()) {
      int distance = distances.getOrDefault(node.id(), Integer.MAX_VALUE);
      if (distance > steps) continue;
      for (var prompt : node.prompts()) {
        for (String sentence : Sentences.of(Conversation.drawn(prompt, seed).text())) {
          var rendered = renderer.render(sentence, facts);
          if (rendered.missing().isEmpty()) out.add(new Sentence(distance, rendered.text()));
        }
      }
    }
    return out;
  }
}
