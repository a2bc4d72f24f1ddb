package com.duesline.policy;

import java.util.List;

/**
 * What a campaign adds to the policy: its own calling window (clipped to each jurisdiction's start
 * and outer limit) and caps that can only tighten, never loosen, the jurisdiction's.
 *
 * @param window the campaign's window, or null for the jurisdiction's
 * @param caps extra caps, checked in addition to the jurisdiction's
 */
public record CampaignLimits(TimeRange window, List<FrequencyCap> caps) {
  /** No campaign: the jurisdiction's rules alone. */
  public static final CampaignLimits NONE = new CampaignLimits(null, List.of());

  public CampaignLimits {
    caps = List.copyOf(caps);
  }
}
