package com.duesline.campaign;

import com.duesline.policy.Channel;
import java.util.Locale;

/**
 * How a ladder rung reaches the party: an SMS, a bot call, a call by a person, or a printed letter.
 */
public enum RungChannel {
  SMS(Channel.SMS),
  AI_CALL(Channel.CALL),
  HUMAN_CALL(Channel.CALL),
  LETTER(Channel.LETTER);

  private final Channel policyChannel;

  RungChannel(Channel policyChannel) {
    this.policyChannel = policyChannel;
  }

  /** The channel the contact policy judges. */
  public Channel policyChannel() {
    return policyChannel;
  }

  public static RungChannel parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
