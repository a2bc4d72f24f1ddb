package com.duesline.intent;

/**
 * One catalogue entry; {@code minScore} (0 for none) is the confidence this intent needs on top of the
 * language's abstain threshold, for answers that end collection (a misheard "bereavement" must not stop a call).
 * One catalogue entry. {@code alwaysHeard} intents stay candidates even when a question scopes
 * matching to its expected answers (a caller can ask for a lawyer or to stop calls at any point).
 */
public record IntentDefinition(String name, String description, boolean alwaysHeard, double minScore) {}
