package com.duesline.policy;

import java.time.Instant;

/**
 * One past contact attempt with the party about this debt.
 *
 * @param conversation true when a person was reached and spoken with (starts the Reg F cool-down)
 */
public record PastContact(Instant at, Channel channel, boolean conversation) {}
