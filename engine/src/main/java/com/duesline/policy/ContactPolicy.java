package com.duesline.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one place that decides whether a party may be contacted on a channel at an instant, with a
 * reason code and the rule that fired. Pure: no clock, no I/O; the caller passes the instant and
 * the facts, and calls it again right before dialing.
 *
 * <p>Where the phone's area and the address differ in zone or jurisdiction, the time rules are
 * checked in both and the caps of both apply (the lower one wins for a cap both define).
 */
public final class ContactPolicy {
  private final PolicyRules rules;

  public ContactPolicy(PolicyRules rules) {
    this.rules = rules;
  }

  public PolicyRules rules() {
    return rules;
  }

  /** Every rule and its verdict, for explanations and audits. */
  public PolicyDecision explain(
      ContactSubject s, Channel channel, Instant at, CampaignLimits limits) {
    return evaluate(s, channel, at, limits, true);
  }

  /** The same decision, stopping at the first rule that blocks (for planning in bulk). */
  public PolicyDecision decide(
      ContactSubject s, Channel channel, Instant at, CampaignLimits limits) {
    return evaluate(s, channel, at, limits, false);
  }

  /**
   * The window a campaign may use in {@code j}: its own, clipped to the jurisdiction's start and
   * outer limit.
   */
  public static TimeRange effectiveWindow(Jurisdiction j, TimeRange campaignWindow) {
    if (campaignWindow == null) return j.window();
    LocalTime start =
        campaignWindow.start().isBefore(j.window().start())
            ? j.window().start()
            : campaignWindow.start();
    LocalTime end =
        campaignWindow.end().isAfter(j.outerLimit()) ? j.outerLimit() : campaignWindow.end();
    return start.isBefore(end) ? new TimeRange(start, end) : null;
  }

  /** A place and its rules: the address's, and the phone's when it differs. */
  public record Place(ZoneId zone, Jurisdiction jurisdiction) {}

  /** The places whose time rules apply to this subject. */
  public List<Place> places(ContactSubject s) {
    Jurisdiction addr = rules.jurisdiction(s.addressJurisdiction());
    Place first = new Place(s.addressZone(), addr);
    if (s.phoneZone() == null && s.phoneJurisdiction() == null) return List.of(first);
    ZoneId pz = s.phoneZone() == null ? s.addressZone() : s.phoneZone();
    Jurisdiction pj =
        s.phoneJurisdiction() == null ? addr : rules.jurisdiction(s.phoneJurisdiction());
    if (pz.equals(s.addressZone()) && pj == addr) return List.of(first);
    return List.of(first, new Place(pz, pj));
  }

  private PolicyDecision evaluate(
      ContactSubject s, Channel channel, Instant at, CampaignLimits limits, boolean explain) {
    TimeRange campaignWindow = limits.window();
    List<RuleVerdict> out = new ArrayList<>(explain ? 20 : 1);
    ZonedDateTime home = at.atZone(s.addressZone());
    LocalDate homeDay = home.toLocalDate();

    // Account-level rules: they apply to every channel, letters included.
    if (s.balanceCents() <= 0) {
      if (add(
          out,
          explain,
          RuleVerdict.block(
              "balance",
              ReasonCode.PAID,
              "balance " + cents(s.balanceCents()) + ": nothing is owed"))) return stop(out);
    } else if (explain) out.add(RuleVerdict.pass("balance", "owes " + cents(s.balanceCents())));

    if (!s.holds().isEmpty()) {
      for (HoldKind h : s.holds()) {
        // A represented party is written to through their attorney: the letter goes to the
        // attorney, calls stay stopped.
        if (h == HoldKind.ATTORNEY && channel == Channel.LETTER && s.attorneyOnRecord()) {
          if (explain)
            out.add(
                RuleVerdict.pass(
                    "hold",
                    "attorney hold: the letter goes to the attorney on record, not the party"));
          continue;
        }
        if (add(
            out,
            explain,
            RuleVerdict.block(
                "hold",
                h.reason(),
                h.name().toLowerCase() + " hold in place; only a person can lift it")))
          return stop(out);
      }
    } else if (explain) out.add(RuleVerdict.pass("hold", "no hold"));

    if (s.promiseDate() != null) {
      LocalDate until = s.promiseDate().plusDays(rules.promiseGraceDays());
      if (!homeDay.isAfter(until)) {
        if (add(
            out,
            explain,
            RuleVerdict.block(
                "promise",
                ReasonCode.PROMISE_IN_FORCE,
                "promise to pay by "
                    + s.promiseDate()
                    + " in force until "
                    + until
                    + " (grace "
                    + rules.promiseGraceDays()
                    + " days)",
                until.plusDays(1).atStartOfDay(s.addressZone()).toInstant()))) return stop(out);
      } else if (explain)
        out.add(
            RuleVerdict.pass(
                "promise", "promise of " + s.promiseDate() + " lapsed after " + until));
    } else if (explain) out.add(RuleVerdict.pass("promise", "no promise in force"));

    if (channel == Channel.LETTER) {
      if (explain)
        out.add(
            RuleVerdict.notApplicable(
                "time_and_caps",
                "letters are exported for print; time and frequency rules apply to calls and SMS"));
      return PolicyDecision.of(out);
    }

    // Phone-level rules.
    if (s.phone() == null || s.phone().isBlank()) {
      if (add(
          out,
          explain,
          RuleVerdict.block("phone", ReasonCode.NO_PHONE, "no phone number for this party")))
        return stop(out);
    }
    if (s.wrongNumber()) {
      if (add(
          out,
          explain,
          RuleVerdict.block(
              "wrong_number", ReasonCode.WRONG_NUMBER, "this phone was marked as not the party's")))
        return stop(out);
    } else if (explain) out.add(RuleVerdict.pass("wrong_number", "not marked wrong"));

    if (channel == Channel.CALL) {
      if (s.doNotCall()) {
        if (add(
            out,
            explain,
            RuleVerdict.block(
                "do_not_call", ReasonCode.DO_NOT_CALL, "phone is on the do-not-call list")))
          return stop(out);
      } else if (explain) out.add(RuleVerdict.pass("do_not_call", "not on the do-not-call list"));
    }

    List<Place> places = places(s);
    Consent consent = s.consent(channel);
    boolean consentNeeded = false;
    for (Place p : places) consentNeeded |= p.jurisdiction().consentRequired().contains(channel);
    if (consent == Consent.REVOKED) {
      if (add(
          out,
          explain,
          RuleVerdict.block(
              "consent." + channel.id(),
              ReasonCode.OPTED_OUT,
              "party opted out of " + channel.id()))) return stop(out);
    } else if (consent == Consent.UNKNOWN && consentNeeded) {
      if (add(
          out,
          explain,
          RuleVerdict.block(
              "consent." + channel.id(),
              ReasonCode.NO_CONSENT,
              "no recorded consent for " + channel.id() + ", which this jurisdiction requires")))
        return stop(out);
    } else if (explain)
      out.add(
          RuleVerdict.pass(
              "consent." + channel.id(),
              consent == Consent.GRANTED ? "consent recorded" : "no consent needed, no opt-out"));

    // Time rules, in every zone that applies.
    for (Place p : places) {
      ZonedDateTime local = at.atZone(p.zone());
      LocalTime t = local.toLocalTime();
      LocalDate d = local.toLocalDate();
      String where = "[" + p.jurisdiction().id() + " " + p.zone() + "]";
      TimeRange window = effectiveWindow(p.jurisdiction(), campaignWindow);
      if (window == null || !window.contains(t)) {
        Instant lifts =
            window == null
                ? null
                : (t.isBefore(window.start()) ? d : d.plusDays(1))
                    .atTime(window.start())
                    .atZone(p.zone())
                    .toInstant();
        if (add(
            out,
            explain,
            RuleVerdict.block(
                "calling_window" + where,
                ReasonCode.OUTSIDE_WINDOW,
                "local time "
                    + hhmm(t)
                    + " is outside "
                    + (window == null ? "an empty window" : window),
                lifts))) return stop(out);
      } else if (explain)
        out.add(
            RuleVerdict.pass(
                "calling_window" + where, "local time " + hhmm(t) + " within " + window));

      TimeRange quiet = null;
      for (TimeRange q : p.jurisdiction().quiet()) if (q.contains(t)) quiet = q;
      if (quiet != null) {
        if (add(
            out,
            explain,
            RuleVerdict.block(
                "quiet_time" + where,
                ReasonCode.MEAL_TIME,
                "local time " + hhmm(t) + " is in the meal-time quiet period " + quiet,
                d.atTime(quiet.end()).atZone(p.zone()).toInstant()))) return stop(out);
      } else if (explain)
        out.add(RuleVerdict.pass("quiet_time" + where, "not in " + p.jurisdiction().quiet()));

      HolidayCalendar cal = p.jurisdiction().calendar();
      if (!cal.covers(d)) {
        if (add(
            out,
            explain,
            RuleVerdict.block(
                "calendar" + where,
                ReasonCode.CALENDAR_NOT_COVERED,
                "calendar "
                    + cal.id()
                    + " covers "
                    + cal.firstYear()
                    + "-"
                    + cal.lastYear()
                    + ", not "
                    + d))) return stop(out);
        continue;
      }
      if (cal.restDay(d)) {
        if (add(
            out,
            explain,
            RuleVerdict.block(
                "rest_day" + where,
                ReasonCode.REST_DAY,
                d + " is a " + d.getDayOfWeek() + ", a rest day in " + cal.id(),
                nextOpenDay(cal, d, p.zone())))) return stop(out);
      } else if (explain)
        out.add(RuleVerdict.pass("rest_day" + where, d + " is a " + d.getDayOfWeek()));
      String holiday = cal.holiday(d);
      if (holiday != null) {
        if (add(
            out,
            explain,
            RuleVerdict.block(
                "holiday" + where,
                ReasonCode.HOLIDAY,
                d + " is " + holiday + " (" + cal.id() + ")",
                nextOpenDay(cal, d, p.zone())))) return stop(out);
      } else if (explain)
        out.add(RuleVerdict.pass("holiday" + where, d + " is not a holiday in " + cal.id()));
    }

    // Frequency: the Reg F cool-down after a conversation, then every cap.
    if (channel == Channel.CALL) {
      int cooldownDays = 0;
      for (Place p : places)
        cooldownDays = Math.max(cooldownDays, p.jurisdiction().conversationCooldownDays());
      Instant last = null;
      for (int i = s.history().size() - 1; i >= 0; i--) {
        PastContact c = s.history().get(i);
        if (c.conversation() && !c.at().isAfter(at)) {
          last = c.at();
          break;
        }
      }
      if (cooldownDays > 0
          && last != null
          && last.plus(Duration.ofDays(cooldownDays)).isAfter(at)) {
        if (add(
            out,
            explain,
            RuleVerdict.block(
                "conversation_cooldown",
                ReasonCode.RECENT_CONVERSATION,
                "conversation at " + last + "; no call for " + cooldownDays + " days after it",
                last.plus(Duration.ofDays(cooldownDays))))) return stop(out);
      } else if (explain)
        out.add(
            RuleVerdict.pass(
                "conversation_cooldown",
                last == null ? "no conversation on record" : "last conversation at " + last));
    }

    List<FrequencyCap> caps = new ArrayList<>(caps(places).values());
    for (FrequencyCap c : limits.caps())
      caps.add(new FrequencyCap("campaign." + c.id(), c.channel(), c.max(), c.window()));
    for (FrequencyCap cap : caps) {
      if (cap.channel() != channel) continue;
      int used = used(s, cap, at);
      if (used >= cap.max()) {
        if (add(
            out,
            explain,
            RuleVerdict.block(
                "cap." + cap.id(),
                ReasonCode.FREQUENCY_CAP,
                used
                    + " "
                    + channel.id()
                    + " attempts in the last "
                    + cap.period()
                    + ", at most "
                    + cap.max(),
                capLifts(s, cap, at, used)))) return stop(out);
      } else if (explain)
        out.add(
            RuleVerdict.pass(
                "cap." + cap.id(), used + " of " + cap.max() + " per " + cap.period()));
    }
    return PolicyDecision.of(out);
  }

  /** The caps that apply across places: union by id, the lower maximum wins. */
  public static Map<String, FrequencyCap> caps(List<Place> places) {
    if (places.size() == 1) return places.get(0).jurisdiction().caps();
    Map<String, FrequencyCap> merged = new LinkedHashMap<>();
    for (Place p : places) {
      for (FrequencyCap c : p.jurisdiction().caps().values()) {
        merged.merge(c.id(), c, (a, b) -> a.max() <= b.max() ? a : b);
      }
    }
    return merged;
  }

  /** Attempts on the cap's channel inside its period ending at {@code at}. */
  static int used(ContactSubject s, FrequencyCap cap, Instant at) {
    int n = 0;
    List<PastContact> h = s.history();
    if (cap.perLocalDay()) {
      LocalDate day = at.atZone(s.addressZone()).toLocalDate();
      Instant dayStart = day.atStartOfDay(s.addressZone()).toInstant();
      for (int i = h.size() - 1; i >= 0; i--) {
        PastContact c = h.get(i);
        if (c.at().isAfter(at)) continue;
        if (c.at().isBefore(dayStart)) break;
        if (c.channel() == cap.channel()) n++;
      }
    } else {
      Instant from = at.minus(cap.window());
      for (int i = h.size() - 1; i >= 0; i--) {
        PastContact c = h.get(i);
        if (c.at().isAfter(at)) continue;
        if (!c.at().isAfter(from)) break;
        if (c.channel() == cap.channel()) n++;
      }
    }
    return n;
  }

  /**
   * The start of the first day after {@code d} that is neither a rest day nor a holiday (the Spring
   * Festival runs 9 days).
   */
  static Instant nextOpenDay(HolidayCalendar cal, LocalDate d, ZoneId zone) {
    LocalDate next = d.plusDays(1);
    for (int i = 0;
        i < 60 && cal.covers(next) && (cal.restDay(next) || cal.holiday(next) != null);
        i++) next = next.plusDays(1);
    return next.atStartOfDay(zone).toInstant();
  }

  /** When enough counted attempts have left the cap's period for one more to fit. */
  static Instant capLifts(ContactSubject s, FrequencyCap cap, Instant at, int used) {
    if (cap.perLocalDay())
      return at.atZone(s.addressZone())
          .toLocalDate()
          .plusDays(1)
          .atStartOfDay(s.addressZone())
          .toInstant();
    // The (used - max + 1)-th newest counted attempt must leave the window: at + window after it.
    int skip = used - cap.max();
    List<PastContact> h = s.history();
    for (int i = h.size() - 1; i >= 0; i--) {
      PastContact c = h.get(i);
      if (c.at().isAfter(at) || c.channel() != cap.channel()) continue;
      if (--used == skip) return c.at().plus(cap.window());
    }
    return at.plus(cap.window());
  }

  /** Records the verdict; true when evaluation should stop (a block in fast mode). */
  private static boolean add(List<RuleVerdict> out, boolean explain, RuleVerdict v) {
    out.add(v);
    return !explain && v.blocks();
  }

  private static PolicyDecision stop(List<RuleVerdict> out) {
    return PolicyDecision.of(out);
  }

  private static String hhmm(LocalTime t) {
    return String.format("%02d:%02d", t.getHour(), t.getMinute());
  }

  private static String cents(long c) {
    return (c < 0 ? "-" : "") + Math.abs(c) / 100 + "." + String.format("%02d", Math.abs(c) % 100);
  }
}
