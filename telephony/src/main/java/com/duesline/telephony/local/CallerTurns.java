package com.duesline.telephony.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the simulated callers measured of the engine's turn-taking, across all calls of one carrier:
 * for each caller utterance, how long after its audio really ended the bot's first audio arrived
 * (the carrier knows when the caller stopped; the engine only estimates it), and how often the
 * bot's reply began while the caller still had words to say (a false cut-off: the engine closed the
 * turn in a pause).
 */
public final class CallerTurns {
  private final List<Double> replyMs = new ArrayList<>();
  private int utterances;
  private int cut;
  private final Map<String, Integer> cutByPersona = new TreeMap<>();

  synchronized void utterance() {
    utterances++;
  }

  synchronized void replied(double ms) {
    replyMs.add(ms);
  }

  synchronized void cutOff(String persona) {
    cut++;
    cutByPersona.merge(persona, 1, Integer::sum);
  }

  /** Caller utterances spoken. */
  public synchronized int utterances() {
    return utterances;
  }

  /** Utterances during which the bot started its reply while the caller still had words queued. */
  public synchronized int cut() {
    return cut;
  }

  /** The cut-offs by the persona that was cut, so a rate can be traced to the kind of caller. */
  public synchronized Map<String, Integer> cutByPersona() {
    return new TreeMap<>(cutByPersona);
  }

  /**
   * For each utterance the bot answered after it ended: ms from the caller's last audio to the
   * bot's first audio.
   */
  public synchronized List<Double> replyMs() {
    return new ArrayList<>(replyMs);
  }
}
