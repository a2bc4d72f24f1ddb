package com.duesline.scripts;

/**
 * One rule of a branch node: go to {@code target} when {@code variable} has a value ({@code
 * present}) or has none ({@code !present}), or equals {@code equals} when given.
 */
public record Branch(String variable, boolean present, String equals, String target, int line) {}
