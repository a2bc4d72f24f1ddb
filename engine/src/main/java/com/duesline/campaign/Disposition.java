package com.duesline.campaign;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * How one contact attempt ended, the one vocabulary of {@code attempts.disposition}. Every edge
 * that learns an ending parses it here once: a talk track's end node (the catalogue's codes, {@code
 * PTP}), the call runtime and the carrier ({@code voicemail}, {@code speech_failed}), an agent's
 * wrap-up ({@code promise}, {@code wrong_number}), other channels ({@code delivered}). Each
 * disposition maps to exactly one campaign {@link Outcome}, which the planner's retry rules and the
 * policy's caps read.
 */
public enum Disposition {
  // What a conversation ended with: the talk-track catalogue's codes
  // (library/tracks/catalogue.yaml).
  PTP("PTP", Outcome.PROMISE, "promise"),
  PLAN("PLAN", Outcome.CONVERSATION, "plan"),
  PAID_CLAIMED("PAID_CLAIMED", Outcome.CONVERSATION, "paid"),
  REMINDED("REMINDED", Outcome.CONVERSATION),
  CALLBACK("CALLBACK", Outcome.CONVERSATION, "callback"),
  WRONG_PARTY("WRONG_PARTY", Outcome.WRONG_NUMBER, "wrong_number"),
  // Someone answered, but the debtor was not reached and verified: the ladder tries again later.
  THIRD_PARTY("THIRD_PARTY", Outcome.NO_ANSWER),
  VERIFY_FAILED("VERIFY_FAILED", Outcome.NO_ANSWER),
  NO_RESPONSE("NO_RESPONSE", Outcome.NO_ANSWER),
  OPT_OUT("OPT_OUT", Outcome.OPT_OUT, "opt_out"),
  ATTORNEY("ATTORNEY", Outcome.ATTORNEY, "attorney"),
  DISPUTE("DISPUTE", Outcome.DISPUTE, "dispute"),
  BEREAVEMENT("BEREAVEMENT", Outcome.BEREAVEMENT, "bereavement"),
  ABUSIVE("ABUSIVE", Outcome.REFUSED),
  HANDOFF("HANDOFF", Outcome.HANDOFF, "handoff"),
  COMPLAINT("COMPLAINT", Outcome.CONVERSATION),
  REFUSED("REFUSED", Outcome.REFUSED, "refused"),
  // How a call ended when its conversation did not say: the runtime's and the carrier's words.
  /** Answered and talked to the end, with no code from the track. */
  COMPLETED("completed", Outcome.CONVERSATION, "conversation", "other"),
  VOICEMAIL("voicemail", Outcome.VOICEMAIL),
  BUSY("busy", Outcome.BUSY),
  NO_ANSWER("no_answer", Outcome.NO_ANSWER),
  /** Hung up by us before anyone answered (reconciliation after a lost node). */
  CANCELED("canceled", Outcome.NO_ANSWER),
  /** The carrier refused or failed the call. */
  FAILED("failed", Outcome.CARRIER_ERROR),
  /** The media stream broke mid-call, or the call was answered and its conversation never ended. */
  DROPPED("dropped", Outcome.CARRIER_ERROR),
  /**
   * Our speech failed on the call: the caller heard only the fault message, nothing about the debt,
   * so it counts as not reached and the rung's no-answer retry applies (docs/live-calls.md,
   * "Faults").
   */
  SPEECH_FAILED("speech_failed", Outcome.NO_ANSWER),
  /** The contact could not be made at all (the channel failed before the carrier took it). */
  CARRIER_ERROR("carrier_error", Outcome.CARRIER_ERROR),
  // Other channels.
  DELIVERED("delivered", Outcome.DELIVERED),
  EXPORTED("exported", Outcome.EXPORTED);

  private static final Map<String, Disposition> BY_SPELLING = new HashMap<>();

  static {
    for (Disposition d : values()) {
      BY_SPELLING.put(d.code.toLowerCase(Locale.ROOT), d);
      for (String a : d.aliases) BY_SPELLING.put(a, d);
    }
  }

  private final String code;
  private final Outcome outcome;
  private final List<String> aliases;

  Disposition(String code, Outcome outcome, String... aliases) {
    this.code = code;
    this.outcome = outcome;
    this.aliases = List.of(aliases);
  }

  /** How it is stored in {@code attempts.disposition} and shown to people. */
  public String code() {
    return code;
  }

  /** The campaign outcome this ending amounts to. */
  public Outcome outcome() {
    return outcome;
  }

  /**
   * The campaign outcome when the conversation also asked to stop ({@code optOut}) or put a hold on
   * the account ({@code dispute}, {@code attorney}, {@code bereavement}, or null). Compliance facts
   * win over how the talk ended: an opt-out is an opt-out whatever the end node said, and a hold
   * stops a person reached (a conversation, a refusal, a promise) from being pressed further; a
   * disposition that reached no one keeps its own outcome.
   */
  public Outcome outcome(boolean optOut, String hold) {
    if (optOut) return Outcome.OPT_OUT;
    Outcome held = hold == null ? null : Outcome.parse(hold);
    boolean isHold =
        held == Outcome.DISPUTE || held == Outcome.ATTORNEY || held == Outcome.BEREAVEMENT;
    return isHold && outcome.conversation() && outcome != Outcome.OPT_OUT ? held : outcome;
  }

  /**
   * Parses any spelling an edge reports: the code ({@code PTP}, {@code voicemail}),
   * case-insensitive, or an agent's or an older row's word for it ({@code promise}, {@code
   * wrong_number}, {@code conversation}).
   *
   * @throws IllegalArgumentException naming the text and the codes known, when it is none of them
   */
  public static Disposition parse(String text) {
    Disposition d = text == null ? null : BY_SPELLING.get(text.trim().toLowerCase(Locale.ROOT));
    if (d == null) {
      throw new IllegalArgumentException(
          "disposition: unknown '"
              + text
              + "', expected one of "
              + Arrays.stream(values()).map(Disposition::code).toList());
    }
    return d;
  }

  /**
   * The disposition {@code text} spells, if any (rows written before this vocabulary may hold other
   * words).
   */
  public static java.util.Optional<Disposition> find(String text) {
    return java.util.Optional.ofNullable(
        text == null ? null : BY_SPELLING.get(text.trim().toLowerCase(Locale.ROOT)));
  }

  /**
   * The disposition a channel that reports only a campaign outcome stands for (an SMS delivered, a
   * letter exported).
   */
  public static Disposition of(Outcome outcome) {
    return switch (outcome) {
      case NO_ANSWER -> NO_ANSWER;
      case BUSY -> BUSY;
      case VOICEMAIL -> VOICEMAIL;
      case CARRIER_ERROR -> CARRIER_ERROR;
      case DELIVERED -> DELIVERED;
      case EXPORTED -> EXPORTED;
      case CONVERSATION -> COMPLETED;
      case PROMISE -> PTP;
      case REFUSED -> REFUSED;
      case WRONG_NUMBER -> WRONG_PARTY;
      case OPT_OUT -> OPT_OUT;
      case DISPUTE -> DISPUTE;
      case ATTORNEY -> ATTORNEY;
      case BEREAVEMENT -> BEREAVEMENT;
      case HANDOFF -> HANDOFF;
    };
  }

  /**
   * Every stored spelling (codes, and the older rows' words) of the dispositions whose outcome
   * passes {@code test}: for SQL that filters {@code attempts.disposition = ANY(?)}.
   */
  public static String[] spellings(Predicate<Outcome> test) {
    return Arrays.stream(values())
        .filter(d -> test.test(d.outcome))
        .flatMap(d -> Stream.concat(Stream.of(d.code), d.aliases.stream()))
        .distinct()
        .toArray(String[]::new);
  }
}
