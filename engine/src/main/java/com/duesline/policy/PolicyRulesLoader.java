package com.duesline.policy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the contact policy and its calendars from YAML, refusing the whole file with every problem
 * (file:line:column) rather than running on half of it.
 */
public final class PolicyRulesLoader {
  static final String BUNDLED = "library/policy/contact-policy.yaml";

  private PolicyRulesLoader() {}

  static LocatedYaml classpathCalendar(String id) {
    return LocatedYaml.resource("library/calendars/" + id + ".yaml");
  }

  /** Loads a classpath policy file, calendars resolved by id through {@code calendars}. */
  public static PolicyRules load(String resource, Function<String, LocatedYaml> calendars) {
    return load(LocatedYaml.resource(resource), calendars);
  }

  /** Loads a parsed policy document. */
  public static PolicyRules load(LocatedYaml root, Function<String, LocatedYaml> calendars) {
    List<String> problems = new ArrayList<>();
    int grace = PolicyRules.DEFAULT_PROMISE_GRACE_DAYS;
    LocatedYaml g = root.get("promise-grace-days");
    if (g != null) {
      try {
        grace = g.integer();
        if (grace < 0) problems.add(g.where() + ": promise-grace-days cannot be negative");
      } catch (DataProblems p) {
        problems.addAll(p.problems());
      }
    }
    Map<String, LocatedYaml> raw = root.required("jurisdictions").entries();
    if (!raw.containsKey("default"))
      problems.add(
          root.required("jurisdictions").where() + ": a 'default' jurisdiction is required");
    Map<String, HolidayCalendar> calendarCache = new HashMap<>();
    Map<String, Jurisdiction> out = new LinkedHashMap<>();
    for (String id : raw.keySet()) {
      try {
        out.put(id, resolve(id, raw, calendars, calendarCache, new LinkedHashSet<>()));
      } catch (DataProblems p) {
        for (String s : p.problems()) if (!problems.contains(s)) problems.add(s);
      }
    }
    if (!problems.isEmpty()) throw new DataProblems(problems);
    return new PolicyRules(Map.copyOf(out), grace);
  }

  private static Jurisdiction resolve(
      String id,
      Map<String, LocatedYaml> raw,
      Function<String, LocatedYaml> calendars,
      Map<String, HolidayCalendar> cache,
      Set<String> seen) {
    LocatedYaml node = raw.get(id);
    if (!seen.add(id))
      throw new DataProblems(
          node.where() + ": jurisdiction '" + id + "' extends itself through " + seen);
    LocatedYaml ext = node.get("extends");
    Jurisdiction parent = null;
    if (ext != null) {
      String pid = ext.text().trim();
      if (!raw.containsKey(pid))
        throw new DataProblems(ext.where() + ": extends unknown jurisdiction '" + pid + "'");
      parent = resolve(pid, raw, calendars, cache, seen);
    } else if (!id.equals("default")) {
      throw new DataProblems(
          node.where()
              + ": jurisdiction '"
              + id
              + "' must say which one it extends (e.g. extends: default)");
    }
    List<String> problems = new ArrayList<>();

    HolidayCalendar calendar = parent == null ? null : parent.calendar();
    LocatedYaml cal = node.get("calendar");
    if (cal != null) {
      String cid = cal.text().trim();
      try {
        calendar = cache.computeIfAbsent(cid, k -> calendar(calendars.apply(k)));
      } catch (DataProblems p) {
        problems.add(
            cal.where()
                + ": calendar '"
                + cid
                + "' cannot be used: "
                + String.join("; ", p.problems()));
      }
    }
    if (calendar == null && problems.isEmpty())
      problems.add(node.where() + ": no calendar for jurisdiction '" + id + "'");

    TimeRange window = parent == null ? null : parent.window();
    LocalTime outer = parent == null ? null : parent.outerLimit();
    LocatedYaml w = node.get("window");
    if (w != null) {
      try {
        LocalTime start = TimeRange.time(w.required("start"));
        LocalTime end = TimeRange.time(w.required("end"));
        LocatedYaml o = w.get("outer-limit");
        outer = o == null ? end : TimeRange.time(o);
        if (!start.isBefore(end))
          problems.add(
              w.where()
                  + ": impossible window "
                  + start
                  + "-"
                  + end
                  + ": the start must be before the end");
        else if (end.isAfter(outer))
          problems.add(w.where() + ": window end " + end + " is past the outer limit " + outer);
        else window = new TimeRange(start, end);
      } catch (DataProblems p) {
        problems.addAll(p.problems());
      }
    }
    if (window == null && problems.isEmpty())
      problems.add(node.where() + ": no calling window for jurisdiction '" + id + "'");

    List<TimeRange> quiet = parent == null ? List.of() : parent.quiet();
    LocatedYaml q = node.get("quiet");
    if (q != null) {
      List<TimeRange> list = new ArrayList<>();
      for (LocatedYaml item : q.items()) {
        try {
          list.add(TimeRange.parse(item));
        } catch (DataProblems p) {
          problems.addAll(p.problems());
        }
      }
      quiet = List.copyOf(list);
    }

    Map<String, FrequencyCap> caps = new LinkedHashMap<>(parent == null ? Map.of() : parent.caps());
    LocatedYaml c = node.get("caps");
    if (c != null) {
      for (var e : c.entries().entrySet()) {
        try {
          caps.put(e.getKey(), cap(e.getKey(), e.getValue()));
        } catch (DataProblems p) {
          problems.addAll(p.problems());
        }
      }
    }

    int cooldown = parent == null ? 0 : parent.conversationCooldownDays();
    LocatedYaml cd = node.get("conversation-cooldown-days");
    if (cd != null) {
      try {
        cooldown = cd.integer();
        if (cooldown < 0)
          problems.add(cd.where() + ": conversation-cooldown-days cannot be negative");
      } catch (DataProblems p) {
        problems.addAll(p.problems());
      }
    }

    Set<Channel> consent = parent == null ? Set.of() : parent.consentRequired();
    LocatedYaml cr = node.get("consent-required");
    if (cr != null) {
      Set<Channel> set = EnumSet.noneOf(Channel.class);
      for (LocatedYaml item : cr.items()) {
        Channel ch = Channel.parse(item.text());
        if (ch == null)
          problems.add(
              item.where() + ": unknown channel '" + item.text() + "' (call, sms, letter)");
        else set.add(ch);
      }
      consent = Set.copyOf(set);
    }
    if (!problems.isEmpty()) throw new DataProblems(problems);
    return new Jurisdiction(
        id, calendar, window, outer, quiet, Map.copyOf(caps), cooldown, consent);
  }

  private static FrequencyCap cap(String id, LocatedYaml node) {
    LocatedYaml chNode = node.required("channel");
    Channel ch = Channel.parse(chNode.text());
    if (ch == null || ch == Channel.LETTER)
      throw new DataProblems(
          chNode.where()
              + ": cap '"
              + id
              + "': channel must be call or sms, got '"
              + chNode.text()
              + "'");
    LocatedYaml maxNode = node.required("max");
    int max = maxNode.integer();
    if (max < 1)
      throw new DataProblems(
          maxNode.where()
              + ": cap '"
              + id
              + "' of "
              + max
              + " would never allow a contact; use consent or a hold to stop a channel");
    LocatedYaml per = node.required("per");
    return new FrequencyCap(id, ch, max, period(per));
  }

  /** "day" (null: local calendar day), "7d" or "24h". */
  static Duration period(LocatedYaml node) {
    String t = node.text().trim().toLowerCase(Locale.ROOT);
    if (t.equals("day")) return null;
    try {
      if (t.endsWith("d"))
        return positive(node, Duration.ofDays(Long.parseLong(t.substring(0, t.length() - 1))));
      if (t.endsWith("h"))
        return positive(node, Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1))));
      if (t.endsWith("m"))
        return positive(node, Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1))));
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new DataProblems(
        node.where() + ": expected a period like 7d, 24h, 30m or day, got '" + node.text() + "'");
  }

  private static Duration positive(LocatedYaml node, Duration d) {
    if (d.isZero() || d.isNegative())
      throw new DataProblems(
          node.where() + ": the period must be longer than zero, got '" + node.text() + "'");
    return d;
  }

  /** Parses one calendar file. */
  public static HolidayCalendar calendar(LocatedYaml root) {
    List<String> problems = new ArrayList<>();
    String id = root.required("id").text().trim();
    LocatedYaml covers = root.required("covers");
    int from = covers.required("from").integer();
    int to = covers.required("to").integer();
    if (from > to)
      problems.add(covers.where() + ": covers from " + from + " to " + to + " is empty");
    Set<DayOfWeek> rest = EnumSet.noneOf(DayOfWeek.class);
    LocatedYaml rd = root.get("rest-days");
    if (rd != null) {
      for (LocatedYaml item : rd.items()) {
        try {
          rest.add(DayOfWeek.valueOf(item.text().trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
          problems.add(item.where() + ": unknown day '" + item.text() + "' (MONDAY ... SUNDAY)");
        }
      }
    }
    Map<LocalDate, String> holidays = new HashMap<>();
    LocatedYaml hs = root.get("holidays");
    if (hs != null) {
      for (LocatedYaml h : hs.items()) {
        try {
          String name = h.required("name").text();
          LocatedYaml single = h.get("date");
          LocalDate a = date(single != null ? single : h.required("from"));
          LocalDate b = single != null ? a : date(h.required("to"));
          if (b.isBefore(a)) {
            problems.add(h.where() + ": holiday '" + name + "' ends before it starts");
            continue;
          }
          for (LocalDate d = a; !d.isAfter(b); d = d.plusDays(1)) {
            if (d.getYear() < from || d.getYear() > to)
              problems.add(
                  h.where()
                      + ": holiday '"
                      + name
                      + "' on "
                      + d
                      + " is outside covers "
                      + from
                      + "-"
                      + to);
            holidays.put(d, name);
          }
        } catch (DataProblems p) {
          problems.addAll(p.problems());
        }
      }
    }
    if (!problems.isEmpty()) throw new DataProblems(problems);
    return new HolidayCalendar(id, from, to, Set.copyOf(rest), Map.copyOf(holidays));
  }

  private static LocalDate date(LocatedYaml node) {
    try {
      return LocalDate.parse(node.text().trim());
    } catch (DateTimeParseException e) {
      throw new DataProblems(
          node.where() + ": expected a date YYYY-MM-DD, got '" + node.text() + "'");
    }
  }
}
