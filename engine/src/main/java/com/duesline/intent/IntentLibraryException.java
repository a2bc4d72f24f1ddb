package com.duesline.intent;

import java.util.List;

/** The intent files are wrong; each problem names the file, line and what is wrong. */
public final class IntentLibraryException extends RuntimeException {
  private final List<String> problems;

  public IntentLibraryException(List<String> problems) {
    super(problems.isEmpty() ? "intent library rejected" : String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public IntentLibraryException(String problem) {
    this(List.of(problem));
  }

  /** Every problem found, one per entry. */
  public List<String> problems() {
    return problems;
  }
}
