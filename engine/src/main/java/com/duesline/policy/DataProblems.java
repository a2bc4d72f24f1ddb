package com.duesline.policy;

import java.util.List;

/**
 * Data files (policy, calendars, campaigns) that were refused; each problem names file:line:column.
 */
public final class DataProblems extends RuntimeException {
  private final List<String> problems;

  public DataProblems(List<String> problems) {
    super(problems.isEmpty() ? "data refused" : String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  public DataProblems(String problem) {
    this(List.of(problem));
  }

  public List<String> problems() {
    return problems;
  }
}
