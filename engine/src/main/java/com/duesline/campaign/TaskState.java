package com.duesline.campaign;

/** Where a planned contact stands. */
public enum TaskState {
  /** Allowed now: the dialer may take it. */
  DUE,
  /**
   * Not yet: allowed at {@code notBefore} as far as planning can tell (re-checked at dial time).
   */
  SCHEDULED,
  /** The policy blocks it for a reason time alone will not lift soon. */
  BLOCKED
}
