package com.duesline.dashboard;

import com.duesline.policy.DataProblems;
import com.duesline.policy.LocatedYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The collection-rate targets (percent of the year's billed fees paid), residential and commercial,
 * read from {@code library/reports/targets.yaml} so a manager edits them without touching Java.
 */
public record CollectionTargets(BigDecimal residentialPct, BigDecimal commercialPct) {
  /** The resource path of the shipped targets. */
  public static final String RESOURCE = "library/reports/targets.yaml";

  /** The targets shipped in the jar. */
  public static CollectionTargets bundled() {
    return from(LocatedYaml.resource(RESOURCE));
  }

  /**
   * Targets from {@code file}, or the shipped ones when it is null; refused with file:line:column.
   */
  public static CollectionTargets load(Path file) {
    if (file == null) return bundled();
    try (InputStream in = Files.newInputStream(file)) {
      return from(LocatedYaml.parse(file.toString(), in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses a targets document; every problem names its position. */
  public static CollectionTargets from(LocatedYaml doc) {
    List<String> problems = new ArrayList<>();
    for (var e : doc.entries().entrySet()) {
      if (!e.getKey().equals("collection-rate"))
        problems.add(
            e.getValue().where() + ": unknown field '" + e.getKey() + "' (known: collection-rate)");
    }
    LocatedYaml rate = doc.required("collection-rate");
    for (var e : rate.entries().entrySet()) {
      if (!Set.of("residential", "commercial").contains(e.getKey())) {
        problems.add(
            e.getValue().where()
                + ": unknown kind '"
                + e.getKey()
                + "' (known: residential, commercial)");
      }
    }
    BigDecimal residential = percent(rate, "residential", problems);
    BigDecimal commercial = percent(rate, "commercial", problems);
    if (!problems.isEmpty()) throw new DataProblems(problems);
    return new CollectionTargets(residential, commercial);
  }

  /** The target for a kind of unit, as a fraction (0.9 for 90 %). */
  public double fraction(boolean commercial) {
    return (commercial ? commercialPct : residentialPct).doubleValue() / 100.0;
  }

  private static BigDecimal percent(LocatedYaml rate, String key, List<String> problems) {
    LocatedYaml v = rate.get(key);
    if (v == null) {
      problems.add(rate.where() + ": missing required field '" + key + "'");
      return null;
    }
    String t = v.text().trim();
    try {
      BigDecimal p = new BigDecimal(t.endsWith("%") ? t.substring(0, t.length() - 1).trim() : t);
      if (p.signum() <= 0 || p.compareTo(BigDecimal.valueOf(100)) > 0) {
        problems.add(
            v.where()
                + ": "
                + key
                + ": a target is a percentage above 0 and at most 100, got "
                + t);
      }
      return p;
    } catch (NumberFormatException e) {
      problems.add(v.where() + ": " + key + ": expected a percentage such as 90, got '" + t + "'");
      return null;
    }
  }
}
