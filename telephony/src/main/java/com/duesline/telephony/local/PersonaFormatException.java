package com.duesline.telephony.local;

import java.util.List;

/** A persona file is wrong; each problem names the file, line, column and field. */
public final class PersonaFormatException extends RuntimeException {
  private final List<String> problems;

  public PersonaFormatException(List<String> problems) {
    super(String.join("\n", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, {@code file:line:column: field: what is wrong}. */
  public List<String> problems() {
    return problems;
  }
}
