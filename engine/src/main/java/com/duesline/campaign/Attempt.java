package com.duesline.campaign;

import com.duesline.policy.Channel;
import java.time.Instant;

/** One past attempt on an account: when, how, on which rung, and how it ended. */
public record Attempt(Instant at, Channel channel, String rungId, Outcome outcome) {}
