package com.duesline.speech;

/** One recognized word: times in seconds from the start of the stream, confidence 0..1. */
public record RecognizedWord(String word, double start, double end, double conf) {}
