package com.duesline.scripts;

/** What a node does when the conversation reaches it. */
public enum NodeType {
  /** Speak and move on to {@code next}. */
  SAY,
  /** Speak a question and wait for the caller; transitions by intent, DTMF, silence. */
  ASK,
  /** Choose the next node from variables, without speaking. */
  BRANCH,
  /** Set variables and outcome fields, then move on. */
  SET,
  /** Speak, then pass the call to a human agent; the conversation ends. */
  HANDOFF,
  /** Speak and end the conversation with a disposition. */
  END
}
