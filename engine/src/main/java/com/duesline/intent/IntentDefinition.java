package com.duesline.intent;

/**
 * One catalogue entry. {@code alwaysHeard} intents stay candidates even when a question scopes
 * matching to its expected answers (a caller can ask for a lawyer or to stop calls at any point).
 */
public record IntentDefinition(String name, String description, boolean alwaysHeard) {}
