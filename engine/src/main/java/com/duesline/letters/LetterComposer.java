package com.duesline.letters;

import com.duesline.policy.HolidayCalendar;
import com.duesline.scripts.LetterLibrary;
import com.duesline.scripts.LetterTemplate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * Fills a template with an account's facts: every placeholder of {@code letters/fields.yaml} gets
 * its value (amounts with the currency sign, dates in the letter's language, deadlines counted from
 * the letter date), and the itemisation becomes table rows with a running balance.
 */
public final class LetterComposer {
  private final LetterLibrary library;
  private final LetterSettings settings;
  private final Function<String, HolidayCalendar> calendars;

  /**
   * @param calendars the working-day calendar for a letter language ("zh" → the Chinese one)
   */
  public LetterComposer(
      LetterLibrary library, LetterSettings settings, Function<String, HolidayCalendar> calendars) {
    this.library = library;
    this.settings = settings;
    this.calendars = calendars;
  }

  public LetterLibrary library() {
    return library;
  }

  /**
   * The template {@code id} in {@code lang} (else the language that has it); refused with the ids
   * there are.
   */
  public LetterTemplate template(String id, String lang) {
    LetterTemplate t = library.find(id, lang);
    if (t == null)
      throw new IllegalArgumentException(
          "template: no letter template '"
              + id
              + "' (known: "
              + String.join(", ", library.ids())
              + ")");
    return t;
  }

  /** Every placeholder's value for these facts in {@code lang}. */
  public Map<String, String> fields(LetterFacts f, String lang) {
    Map<String, String> v = new LinkedHashMap<>();
    v.put("recipient", f.recipient().name());
    v.put("recipient_address", f.recipient().postalAddress());
    v.put("owner", f.owner());
    v.put("unit", f.unit());
    v.put("letter_date", date(f.letterDate(), lang));
    v.put("itemisation_date", date(f.itemisationDate(), lang));
    v.put("balance_at_itemisation", money(f.balanceAtItemisation(), lang));
    v.put("charges_since", money(f.chargesSince(), lang));
    v.put("payments_since", money(f.paymentsSince(), lang));
    v.put("balance", money(f.balance(), lang));
    v.put("oldest_due_date", f.oldestDue() == null ? "—" : date(f.oldestDue(), lang));
    v.put("days_overdue", String.valueOf(f.daysOverdue()));
    v.put("unpaid_periods", String.valueOf(f.unpaidPeriods()));
    v.put("pay_link", f.payLink());
    v.put("dispute_deadline", date(disputeDeadline(f), lang));
    v.put(
        "reply_deadline",
        date(
            WorkingDays.after(f.letterDate(), settings.replyWorkingDays(), calendars.apply(lang)),
            lang));
    v.put("association", settings.association(lang));
    v.put("association_address", settings.address());
    v.put("association_phone", settings.phone());
    v.put("association_email", settings.email());
    v.put("creditor", settings.association(lang));
    v.put("state", settings.state().isEmpty() ? "—" : settings.state());
    Integer lien = settings.state().isEmpty() ? null : library.lienDays().get(settings.state());
    v.put("lien_days", lien == null ? "—" : String.valueOf(lien));
    v.put("lien_deadline", lien == null ? "—" : date(f.letterDate().plusDays(lien), lang));
    return v;
  }

  public LocalDate disputeDeadline(LetterFacts f) {
    return f.letterDate().plusDays(settings.disputeDays());
  }

  /**
   * The letter {@code templateId} for these facts, in the party's language where the template
   * exists in it.
   */
  public ComposedLetter compose(String templateId, String lang, LetterFacts f) {
    LetterTemplate t = template(templateId, lang);
    String l = t.lang();
    if (t.id().equals("pre_lien_notice")) {
      if (settings.state().isEmpty())
        throw new IllegalArgumentException(
            "letters.association.state: a pre-lien notice needs the association's state");
      if (!library.lienDays().containsKey(settings.state())) {
        throw new IllegalArgumentException(
            "pre_lien_notice: no pre-lien days for state "
                + settings.state()
                + " in letters/pre-lien-days.yaml (have: "
                + String.join(", ", library.lienDays().keySet())
                + ")");
      }
    }
    Map<String, String> v = fields(f, l);
    List<ComposedLetter.Block> body = new ArrayList<>();
    for (LetterTemplate.Block b : t.body())
      body.add(new ComposedLetter.Block(b.kind(), fill(b.text(), v, t, b.line())));
    List<String> head =
        List.of(
            settings.association(l),
            settings.address(),
            join(" · ", settings.phone(), settings.email()));
    List<String> to = new ArrayList<>();
    to.add(f.recipient().name());
    for (String line : f.recipient().postalAddress().split("\\s*\\n\\s*")) to.add(line);
    String dateLine = l.equals("zh") ? "日期：" + v.get("letter_date") : v.get("letter_date");
    String footer =
        (l.equals("zh") ? "单元 " : "Unit ") + f.unit() + "  ·  " + settings.association(l);
    return new ComposedLetter(
        l,
        head,
        dateLine,
        to,
        fill(t.title(), v, t, t.titleLine()),
        body,
        header(l),
        rows(f, l),
        f.payLink(),
        footer);
  }

  private static String fill(String text, Map<String, String> values, LetterTemplate t, int line) {
    Matcher m = LetterLibrary.PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      // Lint refuses unknown placeholders; a template edited after loading is still never printed
      // half-filled.
      if (v == null)
        throw new IllegalArgumentException(
            t.file() + ":" + line + ": unknown placeholder {" + m.group(1) + "}");
      m.appendReplacement(out, Matcher.quoteReplacement(v));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static List<String> header(String lang) {
    return lang.equals("zh")
        ? List.of("日期", "项目", "应缴", "已缴", "余额")
        : List.of("Date", "Item", "Charged", "Paid", "Balance");
  }

  private List<List<String>> rows(LetterFacts f, String lang) {
    boolean zh = lang.equals("zh");
    List<List<String>> rows = new ArrayList<>();
    BigDecimal running = f.balanceAtItemisation();
    rows.add(
        List.of(
            shortDate(f.itemisationDate(), lang),
            zh ? "期初余额" : "Balance brought forward",
            "",
            "",
            money(running, lang)));
    for (LineItem i : f.items()) {
      running = i.isPayment() ? running.subtract(i.payment()) : running.add(i.charge());
      rows.add(
          List.of(
              shortDate(i.date(), lang),
              describe(i, zh),
              i.charge() == null ? "" : money(i.charge(), lang),
              i.payment() == null ? "" : money(i.payment(), lang),
              money(running, lang)));
    }
    rows.add(
        List.of(
            shortDate(f.letterDate(), lang),
            zh ? "合计欠费" : "Total now owed",
            money(f.chargesSince(), lang),
            money(f.paymentsSince(), lang),
            money(f.balance(), lang)));
    return rows;
  }

  private static String describe(LineItem i, boolean zh) {
    if (i.isPayment()) return zh ? "缴款，谢谢" : "Payment received";
    String what =
        switch (i.kind()) {
          case "service" -> zh ? "物业服务费" : "Management fee";
          case "late_fee" -> zh ? "滞纳金" : "Late fee";
          case "parking" -> zh ? "停车费" : "Parking";
          case "utility" -> zh ? "公摊水电费" : "Utilities";
          default -> i.kind();
        };
    return i.period() == null ? what : what + " " + i.period();
  }

  String money(BigDecimal amount, String lang) {
    DecimalFormat fmt =
        new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
    String sign = amount.signum() < 0 ? "-" : "";
    return sign
        + (lang.equals("zh") ? settings.currencyZh() : settings.currencyEn())
        + fmt.format(amount.abs().setScale(2, RoundingMode.HALF_UP));
  }

  static String date(LocalDate d, String lang) {
    return lang.equals("zh")
        ? d.getYear() + "年" + d.getMonthValue() + "月" + d.getDayOfMonth() + "日"
        : d.format(DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.US));
  }

  /**
   * Dates in the itemisation table: "Sep 1, 2026" fits its column where "September 1, 2026" would
   * not.
   */
  static String shortDate(LocalDate d, String lang) {
    return lang.equals("zh")
        ? date(d, lang)
        : d.format(DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.US));
  }

  private static String join(String sep, String... parts) {
    return String.join(
        sep, java.util.Arrays.stream(parts).filter(p -> p != null && !p.isBlank()).toList());
  }
}
