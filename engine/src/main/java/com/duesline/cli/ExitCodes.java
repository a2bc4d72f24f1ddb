package com.duesline.cli;

/** Exit codes every `duesline` subcommand uses. */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int FAILURE = 1;
  public static final int REJECTED = 2;

  private ExitCodes() {}
}
