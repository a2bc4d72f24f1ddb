package com.duesline.ledger;

import com.duesline.cli.InputRejectedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The thresholds behind behaviour class, risk grade and bad-debt provision, loaded from {@code
 * library/rules/segmentation.yaml} (editable by non-programmers). Unknown or missing keys are
 * errors.
 */
public record SegmentationRules(
    int historyMonths,
    int graceDays,
    int dMinDaysPastDue,
    int dNoPaymentDays,
    double cMinLateShare,
    int cMinDaysPastDue,
    int bMinLateCharges,
    BigDecimal sBalanceOver,
    int sPeriodsOver,
    String cHoldKind,
    Set<BehaviourClass> cClasses,
    BigDecimal aBalanceFrom,
    int aConsecutivePeriods,
    List<ProvisionStep> provision) {

  /** Charges at least {@code minDays} past due are provisioned at {@code rate}. */
  public record ProvisionStep(int minDays, BigDecimal rate) {}

  /** The resource path of the built-in rules. */
  public static final String RESOURCE = "library/rules/segmentation.yaml";

  /** The rules shipped in the jar. */
  public static SegmentationRules builtIn() {
    try (InputStream in = SegmentationRules.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      return parse(RESOURCE, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rules from {@code file}, or the built-in ones when it is null. */
  public static SegmentationRules load(Path file) {
    if (file == null) return builtIn();
    try (InputStream in = Files.newInputStream(file)) {
      return parse(file.toString(), in);
    } catch (IOException e) {
      throw new InputRejectedException(file + ": cannot read: " + e.getMessage());
    }
  }

  /** Parses a rules document; every problem names the file and key. */
  public static SegmentationRules parse(String name, InputStream in) {
    Object doc;
    try {
      doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    } catch (RuntimeException e) {
      throw new InputRejectedException(name + ": not valid YAML: " + e.getMessage());
    }
    Reader r = new Reader(name);
    Map<?, ?> root = r.map(doc, "");
    r.onlyKeys(root, "", "behaviour", "risk", "provision");
    Map<?, ?> b = r.map(root.get("behaviour"), "behaviour");
    r.onlyKeys(
        b,
        "behaviour",
        "history_months",
        "grace_days",
        "d_min_days_past_due",
        "d_no_payment_days",
        "c_min_late_share",
        "c_min_days_past_due",
        "b_min_late_charges");
    Map<?, ?> k = r.map(root.get("risk"), "risk");
    r.onlyKeys(
        k,
        "risk",
        "s_balance_over",
        "s_periods_over",
        "c_hold_kind",
        "c_classes",
        "a_balance_from",
        "a_consecutive_periods");
    List<ProvisionStep> steps = new ArrayList<>();
    Object prov = root.get("provision");
    if (!(prov instanceof List<?> list) || list.isEmpty()) {
      r.problems.add(name + ": provision: must be a list of {min_days, rate}");
    } else {
      for (int i = 0; i < list.size(); i++) {
        String at = "provision[" + i + "]";
        Map<?, ?> step = r.map(list.get(i), at);
        r.onlyKeys(step, at, "min_days", "rate");
        int min = r.integer(step, at, "min_days");
        BigDecimal rate = r.decimal(step, at, "rate");
        if (rate.compareTo(BigDecimal.ZERO) < 0 || rate.compareTo(BigDecimal.ONE) > 0) {
          r.problems.add(name + ": " + at + ".rate: must be between 0 and 1, got " + rate);
        }
        steps.add(new ProvisionStep(min, rate));
      }
    }
    Set<BehaviourClass> classes = EnumSet.noneOf(BehaviourClass.class);
    Object cc = k.get("c_classes");
    if (cc instanceof List<?> list) {
      for (Object o : list) {
        try {
          classes.add(BehaviourClass.valueOf(String.valueOf(o)));
        } catch (IllegalArgumentException e) {
          r.problems.add(name + ": risk.c_classes: '" + o + "' is not one of A, B, C, D");
        }
      }
    } else {
      r.problems.add(name + ": risk.c_classes: must be a list such as [A, B]");
    }
    SegmentationRules rules =
        new SegmentationRules(
            r.integer(b, "behaviour", "history_months"),
            r.integer(b, "behaviour", "grace_days"),
            r.integer(b, "behaviour", "d_min_days_past_due"),
            r.integer(b, "behaviour", "d_no_payment_days"),
            r.decimal(b, "behaviour", "c_min_late_share").doubleValue(),
            r.integer(b, "behaviour", "c_min_days_past_due"),
            r.integer(b, "behaviour", "b_min_late_charges"),
            r.decimal(k, "risk", "s_balance_over"),
            r.integer(k, "risk", "s_periods_over"),
            r.string(k, "risk", "c_hold_kind"),
            Set.copyOf(classes),
            r.decimal(k, "risk", "a_balance_from"),
            r.integer(k, "risk", "a_consecutive_periods"),
            steps.stream().sorted(Comparator.comparingInt(ProvisionStep::minDays)).toList());
    if (!r.problems.isEmpty()) throw new InputRejectedException(List.copyOf(r.problems));
    return rules;
  }

  /** The provision rate for a charge {@code days} past due (0 below the first step). */
  public BigDecimal provisionRate(int days) {
    BigDecimal rate = BigDecimal.ZERO;
    for (ProvisionStep s : provision) {
      if (days >= s.minDays) rate = s.rate;
    }
    return rate;
  }

  /** Collects every problem of a rules document instead of stopping at the first. */
  private static final class Reader {
    final String name;
    final Set<String> problems = new LinkedHashSet<>();

    Reader(String name) {
      this.name = name;
    }

    Map<?, ?> map(Object node, String at) {
      if (node instanceof Map<?, ?> m) return m;
      problems.add(
          name
              + ": "
              + (at.isEmpty() ? "the document" : at)
              + ": must be a mapping of keys to values");
      return Map.of();
    }

    void onlyKeys(Map<?, ?> m, String at, String... keys) {
      Set<String> allowed = Set.of(keys);
      for (Object key : m.keySet()) {
        if (!allowed.contains(String.valueOf(key))) {
          problems.add(
              name
                  + ": "
                  + (at.isEmpty() ? "" : at + ".")
                  + key
                  + ": unknown key (known: "
                  + String.join(", ", keys)
                  + ")");
        }
      }
    }

    int integer(Map<?, ?> m, String at, String key) {
      Object v = m.get(key);
      if (v instanceof Integer i && i >= 0) return i;
      problems.add(
          name
              + ": "
              + at
              + "."
              + key
              + ": "
              + (v == null ? "is missing" : "must be a whole number 0 or more, got '" + v + "'"));
      return 0;
    }

    BigDecimal decimal(Map<?, ?> m, String at, String key) {
      Object v = m.get(key);
      if (v instanceof Number n && n.doubleValue() >= 0) return new BigDecimal(n.toString());
      problems.add(
          name
              + ": "
              + at
              + "."
              + key
              + ": "
              + (v == null ? "is missing" : "must be a number 0 or more, got '" + v + "'"));
      return BigDecimal.ZERO;
    }

    String string(Map<?, ?> m, String at, String key) {
      Object v = m.get(key);
      if (v instanceof String s && !s.isBlank()) return s;
      problems.add(
          name
              + ": "
              + at
              + "."
              + key
              + ": "
              + (v == null ? "is missing" : "must be a word, got '" + v + "'"));
      return "";
    }
  }
}
