package com.duesline.intent;

/**
 * One catalogue entry. {@code alwaysHeard} intents stay candidates even when a question scopes
 * matching to its expected answers (a caller can ask for a lawyer or to stop calls at any point).
 * {@code minScore} (0 for none) is a confidence this intent needs on top of the calibrated
 * thresholds. {@code endsContact} marks answers that end collection (stop_contact, attorney,
 * bereavement): acting on one wrongly costs far more than asking again, so calibration weighs their
 * errors heavier and gives them a threshold of their own.
 */
public record IntentDefinition(
    String name, String description, boolean alwaysHeard, double minScore, boolean endsContact) {}
