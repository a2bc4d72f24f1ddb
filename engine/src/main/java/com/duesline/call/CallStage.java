package com.duesline.call;

/**
 * One stage of a live call: sees every event, in the pipeline's fixed order, on the call's context.
 */
interface CallStage {
  /** Handles an event (ignores those it has no part in); must not block. */
  void on(CallEvent event);
}
