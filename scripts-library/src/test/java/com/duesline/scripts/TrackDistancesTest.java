package com.duesline.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** How far each node is from a track's start: the order prompts are rendered ahead of a call. */
class TrackDistancesTest {
  @Test
  void eachNodeIsOneStepFartherThanTheNearestNodeLeadingToIt() {
    TrackLibrary lib = TrackLibrary.load(LibraryCopy.SHIPPED);
    for (Track track : lib.tracks().values()) {
      Map<String, Integer> steps = track.distances();
      assertThat(steps.get(track.start())).isZero();
      for (Node node : track.nodes().values()) {
        Integer at = steps.get(node.id());
        if (at == null) continue;
        java.util.List<String> ways = new java.util.ArrayList<>(track.transitions(node).values());
        ways.add(node.next());
        ways.add(node.fallback());
        ways.add(node.otherwise());
        node.branches().forEach(b -> ways.add(b.target()));
        for (String t : ways)
          if (t != null && track.nodes().containsKey(t))
            assertThat(steps.get(t))
                .as("%s -> %s in %s", node.id(), t, track.id())
                .isLessThanOrEqualTo(at + 1);
      }
    }
    Track mid = lib.track("mid", "en");
    Map<String, Integer> steps = mid.distances();
    // The opening, then identity, then the debt statement and its question, before any objection's
    // answer that only the question leads to.
    assertThat(steps.get("confirm_identity")).isEqualTo(1);
    assertThat(steps.get("pay_ask")).isEqualTo(steps.get("verified") + 1);
    assertThat(steps.get("mid_value")).isEqualTo(steps.get("pay_ask") + 1);
    assertThat(steps.get("greeting")).isZero();
  }
}
