package com.duesline.campaign;

import com.duesline.ledger.AgingBucket;
import com.duesline.ledger.BehaviourClass;
import com.duesline.ledger.RiskGrade;
import com.duesline.policy.CampaignLimits;
import com.duesline.policy.Channel;
import com.duesline.policy.DataProblems;
import com.duesline.policy.FrequencyCap;
import com.duesline.policy.Jurisdiction;
import com.duesline.policy.LocatedYaml;
import com.duesline.policy.PolicyRules;
import com.duesline.policy.TimeRange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and validates campaign definitions. A definition with an unknown track, an impossible
 * window, a cap or retry limit of zero, or an unknown field is refused as a whole, with every
 * problem named by file:line:column.
 */
public final class CampaignLoader {
  /** The campaigns shipped in the scripts library. */
  public static final List<String> BUNDLED =
      List.of("standard", "quarter-end", "commercial", "demo");

  private static final Set<String> TOP =
      Set.of(
          "id",
          "name",
          "targeting",
          "active",
          "window",
          "caps",
          "ladder",
          "on-broken-promise",
          "on-plan-instalment",
          "carrier-errors",
          "human-first-grades",
          "best-time");
  private static final Set<String> RUNG =
      Set.of("id", "days", "over-amount", "channel", "track", "variants", "retry", "every", "once");

  private final TrackCatalog catalog;
  private final PolicyRules rules;

  public CampaignLoader(TrackCatalog catalog, PolicyRules rules) {
    this.catalog = catalog;
    this.rules = rules;
  }

  /** A campaign shipped in the scripts library, by id. */
  public CampaignDefinition bundled(String id) {
    return load(LocatedYaml.resource("library/campaigns/" + id + ".yaml"));
  }

  /** A campaign from a file on disk. */
  public CampaignDefinition load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return load(LocatedYaml.parse(file.toString(), in));
    } catch (IOException e) {
      throw new DataProblems(file + ": cannot read: " + e.getMessage());
    }
  }

  /** Validates and builds one campaign; throws {@link DataProblems} with every problem found. */
  public CampaignDefinition load(LocatedYaml root) {
    List<String> problems = new ArrayList<>();
    Map<String, LocatedYaml> top = guard(problems, root::entries);
    if (top == null) throw new DataProblems(problems);
    unknownKeys(problems, root, top, TOP, "campaign");
    String id = text(problems, root, "id");
    String name = top.containsKey("name") ? top.get("name").text() : id;

    Targeting targeting = guard(problems, () -> targeting(top.get("targeting")));
    ActivePeriod active = guard(problems, () -> active(top.get("active")));
    TimeRange window = guard(problems, () -> window(top.get("window")));
    List<FrequencyCap> caps = guard(problems, () -> caps(top.get("caps")));

    List<Rung> ladder = new ArrayList<>();
    LocatedYaml lad = top.get("ladder");
    if (lad == null) problems.add(root.where() + ": campaign has no 'ladder'");
    else {
      List<LocatedYaml> items = guard(problems, lad::items);
      if (items != null && items.isEmpty()) problems.add(lad.where() + ": the ladder has no rungs");
      Set<String> ids = new HashSet<>();
      for (LocatedYaml item : items == null ? List.<LocatedYaml>of() : items) {
        Rung r = guard(problems, () -> rung(item));
        if (r == null) continue;
        if (!ids.add(r.id())) problems.add(item.where() + ": duplicate rung id '" + r.id() + "'");
        ladder.add(r);
      }
    }
    FollowUp broken =
        guard(problems, () -> followUp("on-broken-promise", top.get("on-broken-promise")));
    FollowUp instalment =
        guard(problems, () -> followUp("on-plan-instalment", top.get("on-plan-instalment")));
    CarrierRetry carrier = guard(problems, () -> carrierRetry(top.get("carrier-errors")));
    Set<RiskGrade> humanFirst =
        guard(problems, () -> enums(top.get("human-first-grades"), RiskGrade.class, "grade"));
    boolean bestTime = true;
    LocatedYaml best = top.get("best-time");
    if (best != null) {
      String b = best.text().trim();
      if (b.equals("false") || b.equals("true")) bestTime = b.equals("true");
      else problems.add(best.where() + ": best-time: expected true or false, got '" + b + "'");
    }
    if (!problems.isEmpty()) throw new DataProblems(problems);
    return new CampaignDefinition(
        id,
        name,
        root.file(),
        targeting,
        active,
        new CampaignLimits(window, caps),
        List.copyOf(ladder),
        broken,
        instalment,
        carrier,
        humanFirst,
        bestTime);
  }

  private interface Part<T> {
    T get();
  }

  /** Runs one part, adding its problems instead of stopping, so one load reports them all. */
  private static <T> T guard(List<String> problems, Part<T> part) {
    try {
      return part.get();
    } catch (DataProblems p) {
      problems.addAll(p.problems());
      return null;
    }
  }

  private static void unknownKeys(
      List<String> problems,
      LocatedYaml node,
      Map<String, LocatedYaml> entries,
      Set<String> known,
      String what) {
    for (var e : entries.entrySet()) {
      if (!known.contains(e.getKey())) {
        problems.add(
            e.getValue().where()
                + ": unknown "
                + what
                + " field '"
                + e.getKey()
                + "' (known: "
                + new TreeSet<>(known)
                + ")");
      }
    }
  }

  private static String text(List<String> problems, LocatedYaml node, String key) {
    LocatedYaml v = node.get(key);
    if (v == null) {
      problems.add(node.where() + ": missing required field '" + key + "'");
      return null;
    }
    return v.text().trim();
  }

  private Targeting targeting(LocatedYaml node) {
    if (node == null)
      return new Targeting(Set.of(), Set.of(), Set.of(), Set.of(), Set.of(), 0, Long.MAX_VALUE);
    List<String> problems = new ArrayList<>();
    unknownKeys(
        problems,
        node,
        node.entries(),
        Set.of("communities", "kinds", "classes", "grades", "buckets", "min-amount", "max-amount"),
        "targeting");
    Set<String> communities = new HashSet<>();
    LocatedYaml c = node.get("communities");
    if (c != null) for (LocatedYaml i : c.items()) communities.add(i.text().trim());
    Set<UnitKind> kinds =
        guard(problems, () -> enums(node.get("kinds"), UnitKind.class, "unit kind"));
    Set<BehaviourClass> classes =
        guard(problems, () -> enums(node.get("classes"), BehaviourClass.class, "class"));
    Set<RiskGrade> grades =
        guard(problems, () -> enums(node.get("grades"), RiskGrade.class, "grade"));
    Set<AgingBucket> buckets = EnumSet.noneOf(AgingBucket.class);
    LocatedYaml b = node.get("buckets");
    if (b != null) {
      for (LocatedYaml i : b.items()) {
        AgingBucket bucket = null;
        List<String> labels = new ArrayList<>();
        for (AgingBucket known : AgingBucket.values()) {
          labels.add(known.label());
          if (known.label().equals(i.text().trim())) bucket = known;
        }
        if (bucket == null)
          problems.add(
              i.where()
                  + ": unknown aging bucket '"
                  + i.text()
                  + "' ("
                  + String.join(", ", labels)
                  + ")");
        else buckets.add(bucket);
      }
    }
    long min = node.get("min-amount") == null ? 0 : Money.cents(node.get("min-amount"));
    long max =
        node.get("max-amount") == null ? Long.MAX_VALUE : Money.cents(node.get("max-amount"));
    if (min > max)
      problems.add(
          node.where()
              + ": min-amount "
              + Money.format(min)
              + " is above max-amount "
              + Money.format(max)
              + ": no account can match");
    if (!problems.isEmpty()) throw new DataProblems(problems);
    return new Targeting(
        Set.copyOf(communities), kinds, classes, grades, Set.copyOf(buckets), min, max);
  }

  private static <E extends Enum<E>> Set<E> enums(LocatedYaml node, Class<E> type, String what) {
    Set<E> out = EnumSet.noneOf(type);
    if (node == null) return out;
    List<String> problems = new ArrayList<>();
    for (LocatedYaml i : node.items()) {
      try {
        out.add(Enum.valueOf(type, i.text().trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        List<String> names = new ArrayList<>();
        for (E v : type.getEnumConstants()) names.add(v.name().toLowerCase(Locale.ROOT));
        problems.add(
            i.where()
                + ": unknown "
                + what
                + " '"
                + i.text()
                + "' ("
                + String.join(", ", names)
                + ")");
      }
    }
    if (!problems.isEmpty()) throw new DataProblems(problems);
    return out;
  }

  private static ActivePeriod active(LocatedYaml node) {
    if (node == null) return ActivePeriod.ALWAYS;
    LocalDate from = node.get("from") == null ? null : date(node.get("from"));
    LocalDate to = node.get("to") == null ? null : date(node.get("to"));
    int q = node.get("quarter-end-days") == null ? 0 : node.get("quarter-end-days").integer();
    if (from != null && to != null && to.isBefore(from))
      throw new DataProblems(
          node.where() + ": active period ends (" + to + ") before it starts (" + from + ")");
    if (q < 0 || q > 92)
      throw new DataProblems(
          node.get("quarter-end-days").where()
              + ": quarter-end-days must be between 1 and 92, got "
              + q);
    return new ActivePeriod(from, to, q);
  }

  private static LocalDate date(LocatedYaml node) {
    try {
      return LocalDate.parse(node.text().trim());
    } catch (DateTimeParseException e) {
      throw new DataProblems(
          node.where() + ": expected a date YYYY-MM-DD, got '" + node.text() + "'");
    }
  }

  /** The campaign's window must be a real range that at least one jurisdiction can honour. */
  private TimeRange window(LocatedYaml node) {
    if (node == null) return null;
    LocalTime start = parseTime(node.required("start"));
    LocalTime end = parseTime(node.required("end"));
    if (!start.isBefore(end))
      throw new DataProblems(
          node.where()
              + ": impossible window "
              + start
              + "-"
              + end
              + ": the start must be before the end");
    LocalTime latestLimit = LocalTime.MIN;
    LocalTime earliestStart = LocalTime.MAX;
    for (Jurisdiction j : rules.jurisdictions().values()) {
      if (j.outerLimit().isAfter(latestLimit)) latestLimit = j.outerLimit();
      if (j.window().start().isBefore(earliestStart)) earliestStart = j.window().start();
    }
    if (end.isAfter(latestLimit))
      throw new DataProblems(
          node.where()
              + ": impossible window "
              + start
              + "-"
              + end
              + ": no jurisdiction allows contact after "
              + latestLimit);
    if (!end.isAfter(earliestStart))
      throw new DataProblems(
          node.where()
              + ": impossible window "
              + start
              + "-"
              + end
              + ": no jurisdiction allows contact before "
              + earliestStart);
    return new TimeRange(start, end);
  }

  private static LocalTime parseTime(LocatedYaml node) {
    try {
      return LocalTime.parse(node.text().trim());
    } catch (DateTimeParseException e) {
      throw new DataProblems(node.where() + ": expected a time HH:MM, got '" + node.text() + "'");
    }
  }

  private static List<FrequencyCap> caps(LocatedYaml node) {
    if (node == null) return List.of();
    List<String> problems = new ArrayList<>();
    List<FrequencyCap> out = new ArrayList<>();
    for (var e : node.entries().entrySet()) {
      LocatedYaml c = e.getValue();
      try {
        Channel ch = Channel.parse(c.required("channel").text());
        if (ch == null || ch == Channel.LETTER)
          throw new DataProblems(
              c.required("channel").where()
                  + ": cap '"
                  + e.getKey()
                  + "': channel must be call or sms");
        int max = c.required("max").integer();
        if (max < 1)
          throw new DataProblems(
              c.required("max").where()
                  + ": cap '"
                  + e.getKey()
                  + "' of "
                  + max
                  + " would never allow a contact; remove the rung or stop the campaign instead");
        out.add(new FrequencyCap(e.getKey(), ch, max, period(c.required("per"))));
      } catch (DataProblems p) {
        problems.addAll(p.problems());
      }
    }
    if (!problems.isEmpty()) throw new DataProblems(problems);
    return out;
  }

  /** "day" (local calendar day: null), "7d", "24h", "30m". */
  static Duration period(LocatedYaml node) {
    String t = node.text().trim().toLowerCase(Locale.ROOT);
    if (t.equals("day")) return null;
    return duration(node);
  }

  static Duration duration(LocatedYaml node) {
    String t = node.text().trim().toLowerCase(Locale.ROOT);
    try {
      long n = Long.parseLong(t.substring(0, t.length() - 1));
      Duration d =
          switch (t.charAt(t.length() - 1)) {
            case 'd' -> Duration.ofDays(n);
            case 'h' -> Duration.ofHours(n);
            case 'm' -> Duration.ofMinutes(n);
            default -> null;
          };
      if (d != null && !d.isZero() && !d.isNegative()) return d;
      if (d != null)
        throw new DataProblems(
            node.where() + ": a duration of zero is not allowed, got '" + node.text() + "'");
    } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
      // falls through to the message below
    }
    throw new DataProblems(
        node.where() + ": expected a duration like 30m, 4h or 2d, got '" + node.text() + "'");
  }

  private Rung rung(LocatedYaml node) {
    List<String> problems = new ArrayList<>();
    Map<String, LocatedYaml> e = node.entries();
    unknownKeys(problems, node, e, RUNG, "rung");
    String id = text(problems, node, "id");
    String label = "rung '" + id + "'";

    int from = 0;
    int to = 0;
    LocatedYaml days = e.get("days");
    if (days == null)
      problems.add(
          node.where() + ": " + label + " needs 'days' (e.g. \"1..30\", \"-7..-1\", \"91..\")");
    else {
      String t = days.text().trim();
      int dots = t.indexOf("..");
      try {
        if (dots < 0) from = to = Integer.parseInt(t);
        else {
          from = Integer.parseInt(t.substring(0, dots).trim());
          String rest = t.substring(dots + 2).trim();
          to = rest.isEmpty() ? Integer.MAX_VALUE : Integer.parseInt(rest);
        }
        if (to < from)
          problems.add(
              days.where()
                  + ": "
                  + label
                  + ": impossible day range '"
                  + t
                  + "' (ends before it starts)");
      } catch (NumberFormatException ex) {
        problems.add(
            days.where()
                + ": "
                + label
                + ": expected days like \"1..30\", \"-7..-1\" or \"91..\", got '"
                + t
                + "'");
      }
    }
    long over = 0;
    if (e.get("over-amount") != null) {
      Long cents = guard(problems, () -> Money.cents(e.get("over-amount")));
      over = cents == null ? 0 : cents;
    }

    RungChannel channel = null;
    LocatedYaml ch = e.get("channel");
    if (ch == null)
      problems.add(
          node.where() + ": " + label + " needs a 'channel' (sms, ai_call, human_call, letter)");
    else if ((channel = RungChannel.parse(ch.text())) == null)
      problems.add(
          ch.where()
              + ": "
              + label
              + ": unknown channel '"
              + ch.text()
              + "' (sms, ai_call, human_call, letter)");

    String track = null;
    LocatedYaml tr = e.get("track");
    if (tr == null) problems.add(node.where() + ": " + label + " needs a 'track'");
    else {
      track = tr.text().trim();
      checkTrack(problems, tr, label, channel, track);
    }

    Map<String, Integer> variants = new LinkedHashMap<>();
    LocatedYaml v = e.get("variants");
    if (v == null) variants.put("A", 100);
    else {
      int total = 0;
      for (var ve : v.entries().entrySet()) {
        Integer w = guard(problems, ve.getValue()::integer);
        if (w == null) continue;
        if (w < 0)
          problems.add(
              ve.getValue().where()
                  + ": "
                  + label
                  + ": variant '"
                  + ve.getKey()
                  + "' has a negative weight");
        variants.put(ve.getKey(), w);
        total += Math.max(0, w);
      }
      if (total == 0)
        problems.add(
            v.where()
                + ": "
                + label
                + ": variant weights add up to zero; no variant could ever be chosen");
    }

    Map<Outcome, RetryRule> retries = new EnumMap<>(Outcome.class);
    LocatedYaml r = e.get("retry");
    if (r != null) {
      for (var re : r.entries().entrySet()) {
        Outcome o = Outcome.parse(re.getKey());
        if (o == null || !o.retryable() || o == Outcome.CARRIER_ERROR) {
          problems.add(
              re.getValue().where()
                  + ": "
                  + label
                  + ": cannot retry on '"
                  + re.getKey()
                  + "' (no_answer, busy, voicemail; carrier errors use carrier-errors)");
          continue;
        }
        LocatedYaml rule = re.getValue();
        Duration after = guard(problems, () -> duration(rule.required("after")));
        int maxPerDay = 1;
        LocatedYaml m = rule.get("max-per-day");
        if (m != null) {
          Integer n = guard(problems, m::integer);
          if (n != null && n < 1)
            problems.add(
                m.where()
                    + ": "
                    + label
                    + ": max-per-day of "
                    + n
                    + " for "
                    + re.getKey()
                    + " would never retry; remove the retry rule instead");
          if (n != null) maxPerDay = n;
        }
        if (after != null) retries.put(o, new RetryRule(after, maxPerDay));
      }
    }
    Duration every = null;
    if (e.get("every") != null) {
      every = guard(problems, () -> duration(e.get("every")));
      if (e.get("once") != null)
        problems.add(
            e.get("once").where() + ": " + label + ": 'once' and 'every' contradict each other");
    }
    if (!problems.isEmpty()) throw new DataProblems(problems);
    return new Rung(
        id,
        from,
        to,
        over,
        channel,
        track,
        Map.copyOf(variants),
        Map.copyOf(retries),
        every,
        node.where());
  }

  private void checkTrack(
      List<String> problems, LocatedYaml at, String label, RungChannel channel, String track) {
    if (channel == RungChannel.LETTER) {
      if (!catalog.letterTemplates().contains(track)) {
        problems.add(
            at.where()
                + ": "
                + label
                + ": unknown letter template '"
                + track
                + "' (known: "
                + new TreeSet<>(catalog.letterTemplates())
                + ")");
      }
    } else if (!catalog.tracks().contains(track)) {
      problems.add(
          at.where()
              + ": "
              + label
              + ": unknown track '"
              + track
              + "' (known: "
              + new TreeSet<>(catalog.tracks())
              + ")");
    }
  }

  private FollowUp followUp(String what, LocatedYaml node) {
    if (node == null) return null;
    List<String> problems = new ArrayList<>();
    RungChannel ch = RungChannel.parse(node.required("channel").text());
    if (ch == null)
      problems.add(
          node.required("channel").where()
              + ": "
              + what
              + ": unknown channel '"
              + node.required("channel").text()
              + "'");
    String track = node.required("track").text().trim();
    checkTrack(problems, node.required("track"), what, ch, track);
    int before = node.get("days-before") == null ? 0 : node.get("days-before").integer();
    if (before < 0)
      problems.add(
          node.get("days-before").where() + ": " + what + ": days-before cannot be negative");
    if (!problems.isEmpty()) throw new DataProblems(problems);
    return new FollowUp(what, ch, track, before);
  }

  private static CarrierRetry carrierRetry(LocatedYaml node) {
    if (node == null) return new CarrierRetry(Duration.ofMinutes(2), 2, 5);
    Duration first = duration(node.required("first-retry"));
    int factor = node.get("factor") == null ? 2 : node.get("factor").integer();
    int max = node.required("max-retries").integer();
    if (factor < 1)
      throw new DataProblems(
          node.get("factor").where() + ": carrier-errors factor must be 1 or more");
    if (max < 1)
      throw new DataProblems(
          node.required("max-retries").where()
              + ": carrier-errors max-retries of "
              + max
              + " would drop a contact on the first carrier error");
    return new CarrierRetry(first, factor, max);
  }
}
