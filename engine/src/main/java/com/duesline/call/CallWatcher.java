package com.duesline.call;

import com.duesline.call.CallCoordinator.DialRequest;
import com.duesline.call.CallObserver.TurnRecord;

/**
 * Follows every call the coordinator places, for live views: placed, answered, each turn, the
 * caller's partial words, ended. Called on event loops; implementations must not block.
 */
public interface CallWatcher {
  void placed(long attemptId, DialRequest request);

  void answered(long attemptId, String amd);

  void turn(long attemptId, TurnRecord turn);

  void partial(long attemptId, String words);

  void ended(long attemptId, String disposition);

  /** Watches nothing. */
  CallWatcher NONE =
      new CallWatcher() {
        @Override
        public void placed(long attemptId, DialRequest request) {}

        @Override
        public void answered(long attemptId, String amd) {}

        @Override
        public void turn(long attemptId, TurnRecord turn) {}

        @Override
        public void partial(long attemptId, String words) {}

        @Override
        public void ended(long attemptId, String disposition) {}
      };
}
