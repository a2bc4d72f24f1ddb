package com.duesline.policy;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/** A half-open local wall-clock range [start, end) within one day. */
public record TimeRange(LocalTime start, LocalTime end) {
  public TimeRange {
    if (!start.isBefore(end))
      throw new IllegalArgumentException("start " + start + " is not before end " + end);
  }

  public boolean contains(LocalTime t) {
    return !t.isBefore(start) && t.isBefore(end);
  }

  @Override
  public String toString() {
    return start + "-" + end;
  }

  /** Parses "HH:MM" and names the position on error. */
  static LocalTime time(LocatedYaml node) {
    String t = node.text().trim();
    try {
      return LocalTime.parse(t);
    } catch (DateTimeParseException e) {
      throw new DataProblems(node.where() + ": expected a time HH:MM, got '" + t + "'");
    }
  }

  /** Parses "HH:MM-HH:MM" and names the position on error. */
  static TimeRange parse(LocatedYaml node) {
    String t = node.text().trim();
    String[] parts = t.split("-");
    try {
      if (parts.length != 2) throw new DateTimeParseException("", t, 0);
      LocalTime a = LocalTime.parse(parts[0].trim());
      LocalTime b = LocalTime.parse(parts[1].trim());
      if (!a.isBefore(b))
        throw new DataProblems(
            node.where() + ": impossible range '" + t + "': the start must be before the end");
      return new TimeRange(a, b);
    } catch (DateTimeParseException e) {
      throw new DataProblems(node.where() + ": expected a range HH:MM-HH:MM, got '" + t + "'");
    }
  }
}
