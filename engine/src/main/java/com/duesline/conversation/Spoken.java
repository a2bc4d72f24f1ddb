package com.duesline.conversation;

/**
 * One prompt the bot speaks: where it comes from (node, prompt id, A/B variant), the rendered text,
 * whether caller speech may interrupt it, and whether a missing variable forced the fallback.
 */
public record Spoken(
    String node,
    String promptId,
    String variant,
    String text,
    boolean interruptible,
    boolean fallbackUsed) {}
