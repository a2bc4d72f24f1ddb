package com.duesline.qa;

/**
 * One utterance heard in a call's recording: who spoke ({@code agent} on our channel after a person
 * joined, {@code caller} on theirs), the words, and when, in seconds from the start of the
 * recording.
 */
public record RecordedTurn(String speaker, String text, double atSeconds) {}
