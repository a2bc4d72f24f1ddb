package com.duesline.scripts;

/** One finding about a library file: where it is (file:line:column) and what is wrong. */
public record Problem(Severity severity, String file, int line, int column, String message) {
  /** How bad a finding is: errors fail lint and refuse a reload, warnings only inform. */
  public enum Severity {
    ERROR,
    WARNING
  }

  public static Problem error(String file, int line, int column, String message) {
    return new Problem(Severity.ERROR, file, line, column, message);
  }

  public static Problem warning(String file, int line, int column, String message) {
    return new Problem(Severity.WARNING, file, line, column, message);
  }

  @Override
  public String toString() {
    return file + ":" + line + ":" + column + ": " + severity.name().toLowerCase() + ": " + message;
  }
}
