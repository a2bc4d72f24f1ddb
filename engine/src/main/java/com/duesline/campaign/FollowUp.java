package com.duesline.campaign;

/**
 * A contact outside the age ladder: after a broken promise, or before a plan's instalment.
 *
 * @param daysBefore for instalments: how many days before the due date (0 for broken promises)
 */
public record FollowUp(String id, RungChannel channel, String track, int daysBefore) {}
