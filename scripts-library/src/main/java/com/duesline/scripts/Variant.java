package com.duesline.scripts;

/** One wording of a prompt with its share of the A/B split (weights are relative). */
public record Variant(String name, int weight, String text) {}
