package com.duesline.policy;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contact rules of one jurisdiction, already merged with the ones it extends.
 *
 * @param window the calling window in local time
 * @param outerLimit the latest end any campaign window may have here
 * @param quiet meal-time and other quiet periods inside the window
 * @param caps frequency caps by id
 * @param conversationCooldownDays no call this many days after a conversation (0 = none)
 * @param consentRequired channels that need recorded consent before automated contact
 */
public record Jurisdiction(
    String id,
    HolidayCalendar calendar,
    TimeRange window,
    java.time.LocalTime outerLimit,
    List<TimeRange> quiet,
    Map<String, FrequencyCap> caps,
    int conversationCooldownDays,
    Set<Channel> consentRequired) {}
