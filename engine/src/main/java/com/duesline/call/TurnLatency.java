package com.duesline.call;

/**
 * Where the time of one turn went, from the moment the caller stopped speaking to the first frame
 * of the bot's answer leaving for the carrier: endpointing silence, the final ASR decode, intent
 * matching, the conversation engine, and speech synthesis (zero when the prompt was cached).
 */
public record TurnLatency(
    double endpointMs,
    double asrMs,
    double intentMs,
    double engineMs,
    double ttsMs,
    double totalMs) {}
