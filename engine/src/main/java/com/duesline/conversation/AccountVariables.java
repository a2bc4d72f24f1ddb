package com.duesline.conversation;

import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an account's JSON (as {@code --account-json} reads it) into the variables a track speaks.
 */
public final class AccountVariables {
  /**
   * Each JSON field becomes a variable of the same name; {@code today} defaults to the given date
   * and {@code days_overdue} is derived from {@code due_date} when absent. Rejects values that are
   * not scalars, naming the field.
   */
  public static Map<String, Object> fromJson(
      JsonObject json, LocalDate today, List<String> problems) {
    Map<String, Object> facts = new LinkedHashMap<>();
    for (String key : json.fieldNames()) {
      Object v = json.getValue(key);
      if (v == null) continue;
      if (v instanceof JsonObject || v instanceof io.vertx.core.json.JsonArray) {
        problems.add(
            "field '"
                + key
                + "': expected a single value, got "
                + (v instanceof JsonObject ? "an object" : "a list"));
        continue;
      }
      facts.put(key, String.valueOf(v));
    }
    for (String dateField : List.of("due_date", "promise_date", "today", "last_payment_date")) {
      Object v = facts.get(dateField);
      if (v == null) continue;
      try {
        facts.put(dateField, LocalDate.parse(String.valueOf(v)));
      } catch (RuntimeException e) {
        problems.add("field '" + dateField + "': '" + v + "' is not a date (yyyy-MM-dd)");
      }
    }
    for (String moneyField :
        List.of(
            "amount_due",
            "late_fee",
            "promise_amount",
            "plan_monthly",
            "plan_down_payment",
            "plan_min_instalment")) {
      Object v = facts.get(moneyField);
      if (v == null) continue;
      try {
        facts.put(moneyField, new java.math.BigDecimal(String.valueOf(v)));
      } catch (NumberFormatException e) {
        problems.add("field '" + moneyField + "': '" + v + "' is not an amount (e.g. 1250.00)");
      }
    }
    facts.putIfAbsent("today", today);
    if (!facts.containsKey("days_overdue")
        && facts.get("due_date") instanceof LocalDate due
        && facts.get("today") instanceof LocalDate now) {
      long days = ChronoUnit.DAYS.between(due, now);
      if (days > 0) facts.put("days_overdue", days);
    }
    return facts;
  }

  /**
   * The variables for an account read from the store: the party's name split into first/last
   * (Chinese names: the first character is the family name), balance, age, oldest unpaid due date,
   * and the business details from configuration ({@code tracks.company}, {@code
   * tracks.callback-number}, {@code tracks.pay-link} with {@code {unit}}).
   */
  public static Map<String, Object> fromLedger(
      com.duesline.ledger.AccountView a, com.duesline.config.DueslineConfig config, String lang) {
    Map<String, Object> facts = new LinkedHashMap<>();
    String party = a.party() == null ? "" : a.party().strip();
    if (!party.isEmpty()) {
      if (lang.equals("zh")
          && party
              .codePoints()
              .anyMatch(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)) {
        facts.put("last_name", party.substring(0, 1));
        if (party.length() > 1) facts.put("first_name", party.substring(1));
      } else {
        String[] words = party.split("\\s+", 2);
        facts.put("first_name", words[0]);
        if (words.length > 1) facts.put("last_name", words[1]);
      }
    }
    facts.put("unit", a.unit());
    facts.put("unit_number", a.unit());
    facts.put("amount_due", a.balance());
    if (a.daysPastDue() > 0) facts.put("days_overdue", a.daysPastDue());
    if (a.oldestUnpaidDue() != null) facts.put("due_date", a.oldestUnpaidDue());
    if (a.lastPaymentOn() != null) facts.put("last_payment_date", a.lastPaymentOn());
    facts.put("today", a.asOf());
    facts.put("company", config.get("tracks.company"));
    facts.put("callback_number", config.get("tracks.callback-number"));
    facts.put("pay_link", config.get("tracks.pay-link").replace("{unit}", a.unit()));
    // What plan the rules allow on this balance: the track offers only that and says the real
    // schedule.
    facts.putAll(
        com.duesline.payments.PlanRules.load(
                config
                    .optional("payments.plan-rules")
                    .filter(s -> !s.isBlank())
                    .map(java.nio.file.Path::of)
                    .orElse(null))
            .offer(a.balance())
            .facts());
    return facts;
  }

  private AccountVariables() {}
}
