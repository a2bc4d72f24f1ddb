package com.duesline.telephony.local;

/**
 * The convention by which the simulated caller knows what the bot just said: the engine names the
 * mark it sends after each prompt {@code <phase>:<kind>[#<n>]}. Phase {@code ask} is a question the
 * caller answers, {@code say} a statement it only listens to, {@code end} the bot's goodbye (the
 * caller hangs up). The kind is the question kind the personas key their replies on ({@code
 * identity}, {@code payment_date}, ...); the optional {@code #n} keeps repeated prompts distinct.
 *
 * @param phase ask, say or end
 * @param kind the question or prompt kind
 */
public record MarkName(String phase, String kind) {
  /**
   * Parses a mark name; names outside the convention come back with phase {@code say} and the whole
   * name as kind.
   */
  public static MarkName parse(String name) {
    int colon = name.indexOf(':');
    if (colon <= 0) return new MarkName("say", name);
    String phase = name.substring(0, colon);
    String kind = name.substring(colon + 1);
    int hash = kind.indexOf('#');
    if (hash >= 0) kind = kind.substring(0, hash);
    if (!phase.equals("ask") && !phase.equals("say") && !phase.equals("end"))
      return new MarkName("say", name);
    return new MarkName(phase, kind);
  }

  /** The mark name for a prompt. */
  public static String of(String phase, String kind) {
    return phase + ":" + kind;
  }
}
