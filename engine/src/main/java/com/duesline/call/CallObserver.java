package com.duesline.call;

import com.duesline.conversation.Outcome;
import java.util.List;
import java.util.Map;

/** Hears what happens on a live call: each turn as it is taken, a hand-off request, and the end. */
public interface CallObserver {
  /** One recorded turn (bot or caller). Called on the call's event loop: must not block. */
  void onTurn(LiveCall call, TurnRecord turn);

  /**
   * The caller's words so far in the utterance being spoken (partial recognition). On the call's
   * event loop.
   */
  default void onPartial(LiveCall call, String words) {}

  /**
   * The conversation asked for a human. The observer answers with the agent's address, or fails it.
   */
  default void onHandoff(LiveCall call, String reason, List<TurnRecord> transcript) {}

  /** The call ended (hang-up, drop or goodbye) with the outcome reached. Called once. */
  void onEnded(LiveCall call, Outcome outcome, EndReason reason);

  /** Why a call ended. */
  enum EndReason {
    COMPLETED,
    CALLER_HUNG_UP,
    STREAM_DROPPED,
    TRANSFERRED,
    SPEECH_FAILED
  }

  /**
   * One turn: who spoke, what, where in the track, and (for caller turns) what it meant with its
   * latency breakdown; (for bot turns) the prompt, variant, and how far it was heard before a
   * barge-in.
   */
  record TurnRecord(
      int seq,
      String speaker,
      String node,
      String text,
      String intent,
      double score,
      Map<String, String> entities,
      String promptId,
      String variant,
      TurnLatency latency,
      Double heardFraction) {}
}
