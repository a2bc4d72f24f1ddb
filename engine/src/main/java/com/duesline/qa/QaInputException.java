package com.duesline.qa;

import java.util.List;

/** A transcript QA cannot read; every problem names where it is. */
public final class QaInputException extends RuntimeException {
  private final List<String> problems;

  public QaInputException(List<String> problems) {
    super(String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
