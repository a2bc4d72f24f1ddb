package com.duesline.cli;

import java.util.List;

/** Input that was refused as a whole; each problem names what is wrong and where. Exit code 2. */
public final class InputRejectedException extends RuntimeException {
  private final List<String> problems;

  public InputRejectedException(List<String> problems) {
    super(
        problems.isEmpty()
            ? "input rejected"
            : problems.get(0)
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
    this.problems = List.copyOf(problems);
  }

  public InputRejectedException(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }
}
