package com.duesline.payments;

/**
 * Sends a reminder the contact policy allowed (an SMS with a pay link); blocking, from a worker.
 * True when it went out.
 */
@FunctionalInterface
public interface ReminderSender {
  boolean send(Reminder r);
}
