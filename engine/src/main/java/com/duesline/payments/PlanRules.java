package com.duesline.payments;

import com.duesline.policy.DataProblems;
import com.duesline.policy.LocatedYaml;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The plan guardrails and promise follow-up rules of {@code library/rules/plans.yaml}: minimum down
 * payment, longest plan by balance band, smallest instalment, reminder lead, hand-off after broken
 * promises in a row, and the forecast's prior.
 */
public record PlanRules(
    BigDecimal downPercent,
    BigDecimal downAtLeast,
    BigDecimal minInstalment,
    List<Band> bands,
    int remindDaysBefore,
    int brokenInARow,
    double defaultKeptRate,
    double priorWeight,
    int forecastWeeks) {

  /** The resource path of the shipped rules. */
  public static final String RESOURCE = "library/rules/plans.yaml";

  /** Balances up to {@code upTo} (null: any) may be spread over at most {@code months}. */
  public record Band(BigDecimal upTo, int months) {}

  /**
   * What may be offered on a balance.
   *
   * @param maxMonths 0 when the balance is too small for any plan
   */
  public record Offer(
      BigDecimal balance, BigDecimal downPayment, int maxMonths, BigDecimal minInstalment) {
    /**
     * The track variables: plan_down_payment, plan_max_months, plan_min_instalment (none when no
     * plan fits).
     */
    public Map<String, Object> facts() {
      Map<String, Object> f = new LinkedHashMap<>();
      if (maxMonths < 1) return f;
      f.put("plan_down_payment", downPayment);
      f.put("plan_max_months", maxMonths);
      f.put("plan_min_instalment", minInstalment);
      return f;
    }

    /** The monthly instalment for {@code months} after the down payment, rounded up to the cent. */
    public BigDecimal monthly(int months) {
      return balance.subtract(downPayment).divide(BigDecimal.valueOf(months), 2, RoundingMode.UP);
    }
  }

  /** The shipped rules. */
  public static PlanRules bundled() {
    return from(LocatedYaml.resource(RESOURCE));
  }

  /** Rules from {@code file}, or the shipped ones when null; refused with file:line:column. */
  public static PlanRules load(Path file) {
    if (file == null) return bundled();
    try (InputStream in = Files.newInputStream(file)) {
      return from(LocatedYaml.parse(file.toString(), in));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The offer for a balance: the down payment (its share, at least the floor, never more than the
   * balance), then as many months as the band allows while each instalment stays at or above the
   * minimum.
   */
  public Offer offer(BigDecimal balance) {
    if (balance == null || balance.signum() <= 0)
      return new Offer(BigDecimal.ZERO, BigDecimal.ZERO, 0, minInstalment);
    BigDecimal down =
        balance
            .multiply(downPercent)
            .divide(BigDecimal.valueOf(100), 2, RoundingMode.UP)
            .max(downAtLeast)
            .min(balance);
    int band = bands.get(bands.size() - 1).months();
    for (Band b : bands) {
      if (b.upTo() == null || balance.compareTo(b.upTo()) <= 0) {
        band = b.months();
        break;
      }
    }
    BigDecimal rest = balance.subtract(down);
    int byMinimum = rest.divide(minInstalment, 0, RoundingMode.DOWN).intValue();
    int months = Math.min(band, byMinimum);
    // One month is no plan: it is a promise to pay.
    return new Offer(balance, down, months < 2 ? 0 : months, minInstalment);
  }

  /** Parses a rules document; every problem names its position. */
  public static PlanRules from(LocatedYaml doc) {
    List<String> problems = new ArrayList<>();
    known(doc, Set.of("plan", "promises", "forecast"), problems);
    LocatedYaml plan = doc.required("plan");
    known(plan, Set.of("down-payment", "min-instalment", "max-months"), problems);
    LocatedYaml down = plan.required("down-payment");
    known(down, Set.of("percent", "at-least"), problems);
    BigDecimal pct = amount(down, "percent", problems);
    if (pct != null && pct.compareTo(BigDecimal.valueOf(100)) > 0)
      problems.add(down.get("percent").where() + ": percent: at most 100, got " + pct);
    BigDecimal atLeast = amount(down, "at-least", problems);
    BigDecimal minInstalment = amount(plan, "min-instalment", problems);
    if (minInstalment != null && minInstalment.signum() == 0)
      problems.add(plan.get("min-instalment").where() + ": min-instalment: must be more than 0");
    List<Band> bands = new ArrayList<>();
    LocatedYaml list = plan.required("max-months");
    BigDecimal last = null;
    for (LocatedYaml item : list.items()) {
      known(item, Set.of("up-to", "months"), problems);
      BigDecimal upTo = item.get("up-to") == null ? null : amount(item, "up-to", problems);
      int months = integer(item, "months", 1, 36, problems);
      if (upTo != null && last != null && upTo.compareTo(last) <= 0)
        problems.add(item.where() + ": up-to: bands must rise, " + upTo + " after " + last);
      if (!bands.isEmpty() && bands.get(bands.size() - 1).upTo() == null)
        problems.add(item.where() + ": a band after the open-ended one is never used");
      if (upTo != null) last = upTo;
      bands.add(new Band(upTo, months));
    }
    if (bands.isEmpty()) problems.add(list.where() + ": max-months: at least one band");
    else if (bands.get(bands.size() - 1).upTo() != null)
      problems.add(
          list.where() + ": max-months: the last band must have no up-to (any larger balance)");
    LocatedYaml promises = doc.required("promises");
    if (promises.get("grace-days") != null) {
      problems.add(
          promises.get("grace-days").where()
              + ": grace-days: the grace is the contact policy's promise-grace-days "
              + "(policy/contact-policy.yaml), one value for holding off contact and judging a promise broken");
    }
    known(
        promises,
        Set.of("grace-days", "remind-days-before", "broken-in-a-row-to-person"),
        problems);
    int remind = integer(promises, "remind-days-before", 0, 14, problems);
    int inARow = integer(promises, "broken-in-a-row-to-person", 1, 10, problems);
    LocatedYaml forecast = doc.required("forecast");
    known(forecast, Set.of("default-kept-rate", "prior-weight", "weeks"), problems);
    BigDecimal rate = amount(forecast, "default-kept-rate", problems);
    if (rate != null && rate.compareTo(BigDecimal.ONE) > 0)
      problems.add(
          forecast.get("default-kept-rate").where()
              + ": default-kept-rate: between 0 and 1, got "
              + rate);
    BigDecimal prior = amount(forecast, "prior-weight", problems);
    int weeks = integer(forecast, "weeks", 1, 52, problems);
    if (!problems.isEmpty()) throw new DataProblems(problems);
    return new PlanRules(
        pct,
        atLeast,
        minInstalment,
        List.copyOf(bands),
        remind,
        inARow,
        rate.doubleValue(),
        prior.doubleValue(),
        weeks);
  }

  private static void known(LocatedYaml node, Set<String> fields, List<String> problems) {
    for (var e : node.entries().entrySet()) {
      if (!fields.contains(e.getKey()))
        problems.add(
            e.getValue().where()
                + ": unknown field '"
                + e.getKey()
                + "' (known: "
                + String.join(", ", new java.util.TreeSet<>(fields))
                + ")");
    }
  }

  private static BigDecimal amount(LocatedYaml node, String key, List<String> problems) {
    LocatedYaml v = node.get(key);
    if (v == null) {
      problems.add(node.where() + ": missing required field '" + key + "'");
      return null;
    }
    try {
      BigDecimal d = new BigDecimal(v.text().trim());
      if (d.signum() < 0) problems.add(v.where() + ": " + key + ": cannot be negative, got " + d);
      return d;
    } catch (NumberFormatException e) {
      problems.add(v.where() + ": " + key + ": expected a number, got '" + v.text() + "'");
      return null;
    }
  }

  private static int integer(
      LocatedYaml node, String key, int min, int max, List<String> problems) {
    LocatedYaml v = node.get(key);
    if (v == null) {
      problems.add(node.where() + ": missing required field '" + key + "'");
      return min;
    }
    try {
      int n = Integer.parseInt(v.text().trim());
      if (n < min || n > max)
        problems.add(v.where() + ": " + key + ": between " + min + " and " + max + ", got " + n);
      return n;
    } catch (NumberFormatException e) {
      problems.add(v.where() + ": " + key + ": expected a whole number, got '" + v.text() + "'");
      return min;
    }
  }
}
