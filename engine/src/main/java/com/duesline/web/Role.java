package com.duesline.web;

/** What a signed-in person may do: each page and API path prefix names the roles it admits. */
public enum Role {
  /** Watches live calls and queues, runs campaigns, reads account history with full numbers. */
  SUPERVISOR,
  /** Takes hand-offs; sees full details only of the calls they took. */
  AGENT,
  /** Edits and tries talk tracks; sees no account data. */
  SCRIPT_WRITER;

  /** The lower-case name used in URLs, JSON and the users table ({@code script_writer}). */
  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses {@link #id()}; names the allowed values when the text is none of them. */
  public static Role of(String id) {
    for (Role r : values()) if (r.id().equals(id)) return r;
    throw new IllegalArgumentException(
        "role: expected supervisor, agent or script_writer, got '" + id + "'");
  }
}
