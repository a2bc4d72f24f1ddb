package com.duesline.scripts;

import java.util.List;

/** A library file could not be loaded; each problem names the file, line and column. */
public final class LibraryException extends RuntimeException {
  private final List<Problem> problems;

  public LibraryException(List<Problem> problems) {
    super(
        problems.isEmpty()
            ? "library rejected"
            : problems.get(0).toString()
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
    this.problems = List.copyOf(problems);
  }

  public List<Problem> problems() {
    return problems;
  }
}
