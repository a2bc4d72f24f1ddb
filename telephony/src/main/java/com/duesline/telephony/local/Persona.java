package com.duesline.telephony.local;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A simulated person behind a phone number: how the line behaves and what they say to each kind of
 * question the bot asks. Loaded from YAML by {@link PersonaLoader}; the format is in
 * docs/telephony.md.
 *
 * @param id file-stable identifier
 * @param number the E.164 number that reaches this persona
 * @param line what happens when the number is dialled
 * @param rings rings before answering (answer and voicemail lines)
 * @param voicemailGreetingMillis how long the voicemail greeting lasts before the beep
 * @param voiceEffects MaryTTS effects for this caller's voice (rate included, e.g. {@code
 *     Rate(durScale:1.2)})
 * @param pauseBeforeReplyMillis silence between hearing a question and answering
 * @param bargeIn when set, the persona talks over the bot
 * @param replies what to do at each question kind (marks {@code ask:<kind>}); {@code default} for
 *     the rest; the n-th ask of a kind gets the n-th reply, the last one repeating
 * @param greeting what they say on picking up (empty: silent until asked)
 * @param hangUpAfterAsks hang up instead of answering once this many questions were asked (0:
 *     never)
 * @param smsReply what they text back to any message (empty: no reply)
 * @param expectedOutcome the disposition a correct conversation should reach, for end-to-end tests
 * @param description one line for humans
 */
public record Persona(
    String id,
    String number,
    Line line,
    int rings,
    int voicemailGreetingMillis,
    String voiceEffects,
    int pauseBeforeReplyMillis,
    Optional<BargeIn> bargeIn,
    Map<String, List<Reply>> replies,
    String greeting,
    int hangUpAfterAsks,
    String smsReply,
    String expectedOutcome,
    String description) {

  /** How the line answers. */
  public enum Line {
    ANSWERS,
    VOICEMAIL,
    BUSY,
    NO_ANSWER,
    FAILS
  }

  /**
   * Talking over the bot.
   *
   * @param afterMillis how far into a prompt the persona starts talking
   * @param kinds question kinds at which it does so ({@code *} for every prompt)
   */
  public record BargeIn(int afterMillis, Set<String> kinds) {
    /** True when prompts of {@code kind} get interrupted. */
    public boolean at(String kind) {
      return kinds.contains("*") || kinds.contains(kind);
    }
  }

  /**
   * One reaction to a question: words, key presses, silence or hanging up.
   *
   * @param say words spoken (empty for none)
   * @param dtmf keys pressed (empty for none)
   * @param hangUp hang up after saying/pressing
   * @param intent the catalogue intent the words express, for scoring the engine in tests
   */
  public record Reply(String say, String dtmf, boolean hangUp, String intent) {
    /** True when the persona stays silent (to exercise reprompts). */
    public boolean silent() {
      return say.isEmpty() && dtmf.isEmpty() && !hangUp;
    }
  }

  /** A mid-answer pause, written "..." or "…" in a line ("I can pay... two hundred on Friday"). */
  public static final int PAUSE_MS = 800;

  /**
   * The parts of a line said with a {@link #PAUSE_MS} pause between them (one part when it has no
   * pause).
   */
  public static List<String> segments(String say) {
    return java.util.Arrays.stream(say.split("\\s*(\\.\\.\\.|…)\\s*"))
        .map(String::trim)
        .filter(x -> !x.isEmpty())
        .toList();
  }

  /**
   * The reply to the {@code n}-th (0-based) ask of {@code kind}; empty when the persona has none.
   */
  public Optional<Reply> replyTo(String kind, int n) {
    List<Reply> list = replies.getOrDefault(kind, replies.get("default"));
    if (list == null || list.isEmpty()) return Optional.empty();
    return Optional.of(list.get(Math.min(n, list.size() - 1)));
  }
}
