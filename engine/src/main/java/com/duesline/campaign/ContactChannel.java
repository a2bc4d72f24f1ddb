package com.duesline.campaign;

import java.util.concurrent.CompletionStage;

/**
 * How the dialer reaches a party: place a call or send an SMS for a task, and report how it ended.
 * The carrier adapter and the voice runtime implement it; the dialer never blocks on it.
 */
public interface ContactChannel {
  /** Starts the contact; the stage completes with the outcome (or fails on a carrier error). */
  CompletionStage<ContactResult> contact(ContactRequest request);
}
