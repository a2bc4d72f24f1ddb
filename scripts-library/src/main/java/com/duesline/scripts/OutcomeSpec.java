package com.duesline.scripts;

/**
 * What reaching a node records in the call's outcome. Null fields change nothing; {@code
 * promise}/{@code plan} record the captured promise or plan variables.
 */
public record OutcomeSpec(
    String disposition,
    boolean promise,
    boolean plan,
    Boolean optOut,
    String hold,
    boolean handoff,
    boolean complaint) {
  /** Records nothing. */
  public static final OutcomeSpec NONE =
      new OutcomeSpec(null, false, false, null, null, false, false);

  public boolean isEmpty() {
    return this.equals(NONE);
  }
}
