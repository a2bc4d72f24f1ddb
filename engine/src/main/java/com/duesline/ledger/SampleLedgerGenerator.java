package com.duesline.ledger;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.SplittableRandom;

/**
 * Writes a realistic mixed estate as a ledger CSV, deterministically from a seed: the same seed,
 * unit count, months and end month always give the same bytes.
 *
 * <p>About 10% of units are shops (commercial). Owners behave as DOMAIN.md's classes do (70% pay on
 * time, 15% occasionally late, 10% often late and partly, 5% stopped paying months or years ago).
 * Parties are Chinese (Asia/Shanghai, Asia/Hong_Kong) or English-speaking (New York, Chicago, Los
 * Angeles, London); a fifth of units also have a tenant. All numbers are well-formed E.164 from
 * fictional ranges (North American 555-01xx, UK 07700 900xxx); about 5% are marked {@code
 * wrong_number} or {@code invalid}, as a previous campaign would have left them. Numbers that fail
 * validation are never written: those cases live in the tests.
 */
public final class SampleLedgerGenerator {
  /**
   * The seed of the shipped sample ledger, {@code
   * scripts-library/library/ledgers/sample-estate.csv}.
   */
  public static final long SAMPLE_SEED = 20261125L;

  public static final int SAMPLE_UNITS = 600;
  public static final int SAMPLE_MONTHS = 30;
  public static final YearMonth SAMPLE_END = YearMonth.of(2026, 11);

  private static final String[] ZH_SURNAMES = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹"
  };
  private static final String[] ZH_GIVEN = {
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀兰",
    "霞", "平", "刚", "桂英", "建华", "文", "志强", "晓燕", "海燕", "春梅", "国华"
  };
  private static final String[] EN_FIRST = {
    "James",
    "Mary",
    "Robert",
    "Patricia",
    "John",
    "Jennifer",
    "Michael",
    "Linda",
    "David",
    "Elizabeth",
    "William",
    "Barbara",
    "Richard",
    "Susan",
    "Joseph",
    "Jessica",
    "Thomas",
    "Sarah",
    "Daniel",
    "Karen",
    "Oliver",
    "Amelia",
    "Harry",
    "Emily",
    "George",
    "Sophie",
    "Wei",
    "Mei",
    "Priya",
    "Carlos"
  };
  private static final String[] EN_LAST = {
    "Smith",
    "Johnson",
    "Williams",
    "Brown",
    "Jones",
    "Garcia",
    "Miller",
    "Davis",
    "Rodriguez",
    "Martinez",
    "Wilson",
    "Anderson",
    "Taylor",
    "Thomas",
    "Moore",
    "Jackson",
    "Martin",
    "Lee",
    "Thompson",
    "White",
    "Harris",
    "Clark",
    "Lewis",
    "Walker",
    "Hall",
    "Evans",
    "O'Brien",
    "Patel",
    "Nguyen",
    "Chen"
  };

  /** A home for a party: zone, language, and how phone numbers are formed there. */
  private record Region(String zone, String language, String callingCode, String[] areaCodes) {}

  private static final Region[] REGIONS = {
    new Region(
        "Asia/Shanghai",
        "zh",
        "86",
        new String[] {"138", "139", "136", "150", "158", "186", "187", "135"}),
    new Region("Asia/Hong_Kong", "zh", "852", new String[] {"5", "6", "9"}),
    new Region("America/New_York", "en", "1", new String[] {"212", "718", "917", "646", "617"}),
    new Region("America/Chicago", "en", "1", new String[] {"312", "773", "214", "713"}),
    new Region("America/Los_Angeles", "en", "1", new String[] {"213", "310", "415", "206"}),
    new Region("Europe/London", "en", "44", new String[] {"7700"}),
  };
  // Share of parties per region, in per mille, in REGIONS order.
  private static final int[] REGION_WEIGHTS = {480, 70, 150, 90, 110, 100};

  private final SplittableRandom rnd;
  private final int units;
  private final int months;
  private final YearMonth end;

  public SampleLedgerGenerator(long seed, int units, int months, YearMonth end) {
    if (units < 1) throw new IllegalArgumentException("units must be at least 1");
    if (months < 1) throw new IllegalArgumentException("months must be at least 1");
    this.rnd = new SplittableRandom(seed);
    this.units = units;
    this.months = months;
    this.end = end;
  }

  /** The shipped sample's generator. */
  public static SampleLedgerGenerator sample() {
    return new SampleLedgerGenerator(SAMPLE_SEED, SAMPLE_UNITS, SAMPLE_MONTHS, SAMPLE_END);
  }

  /** Writes the header and every unit's rows; returns the number of charge rows written. */
  public long write(Writer out) throws IOException {
    out.write(String.join(",", LedgerFormat.COLUMNS));
    out.write('\n');
    long chargeRows = 0;
    int shops = 0;
    int flats = 0;
    for (int i = 0; i < units; i++) {
      boolean commercial = rnd.nextInt(10) == 0;
      String code;
      if (commercial) {
        shops++;
        code = String.format("S%03d-%02d", 1 + shops / 40, 1 + shops % 40);
      } else {
        flats++;
        int building = 1 + (flats - 1) / 96;
        int floor = 1 + ((flats - 1) % 96) / 4;
        int room = 1 + (flats - 1) % 4;
        code = String.format("B%02d-%02d%02d", building, floor, room);
      }
      BigDecimal area =
          BigDecimal.valueOf(commercial ? 30 + rnd.nextInt(271) : 48 + rnd.nextInt(113));
      BigDecimal rate =
          commercial
              ? new BigDecimal("9.80")
              : new BigDecimal(rnd.nextInt(3) == 0 ? "5.50" : "3.20");
      BigDecimal fee = area.multiply(rate).setScale(2, RoundingMode.HALF_UP);
      row(
          out,
          "unit",
          code,
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          commercial ? "true" : "false",
          area.toPlainString(),
          "",
          "",
          "",
          "");
      party(out, code, code + "-O", "owner");
      if (rnd.nextInt(5) == 0) party(out, code, code + "-T", "tenant");
      chargeRows += history(out, code, fee);
    }
    out.flush();
    return chargeRows;
  }

  private void party(Writer out, String unit, String id, String role) throws IOException {
    Region region = pick();
    String name =
        region.language.equals("zh")
            ? ZH_SURNAMES[rnd.nextInt(ZH_SURNAMES.length)] + ZH_GIVEN[rnd.nextInt(ZH_GIVEN.length)]
            : EN_FIRST[rnd.nextInt(EN_FIRST.length)] + " " + EN_LAST[rnd.nextInt(EN_LAST.length)];
    String phone = phone(region);
    int s = rnd.nextInt(100);
    String status = s < 3 ? "wrong_number" : s < 5 ? "invalid" : "ok";
    row(
        out,
        "party",
        unit,
        id,
        name,
        role,
        region.language,
        phone,
        status,
        region.zone,
        "",
        "",
        "",
        "",
        "",
        "");
  }

  private Region pick() {
    int r = rnd.nextInt(1000);
    for (int i = 0; i < REGIONS.length; i++) {
      r -= REGION_WEIGHTS[i];
      if (r < 0) return REGIONS[i];
    }
    return REGIONS[0];
  }

  private String phone(Region region) {
    String area = region.areaCodes[rnd.nextInt(region.areaCodes.length)];
    return switch (region.callingCode) {
      case "1" -> "+1" + area + "55501" + String.format("%02d", rnd.nextInt(100));
      case "44" -> "+44" + area + "900" + String.format("%03d", rnd.nextInt(1000));
      case "852" -> "+852" + area + String.format("%07d", rnd.nextInt(10_000_000));
      default -> "+86" + area + String.format("%08d", rnd.nextInt(100_000_000));
    };
  }

  /**
   * Monthly service charges due on the 1st, and payments as the owner's behaviour class pays them.
   */
  private long history(Writer out, String unit, BigDecimal fee) throws IOException {
    int behaviour = rnd.nextInt(100);
    // Months (counted back from the end) the owner has left unpaid, and how late paid months are.
    int unpaidTail;
    int maxLateDays;
    int lateChance;
    if (behaviour < 70) { // A: on time
      unpaidTail = rnd.nextInt(20) == 0 ? 1 : 0;
      maxLateDays = 3;
      lateChance = 3;
    } else if (behaviour < 85) { // B: occasionally late
      unpaidTail = rnd.nextInt(3);
      maxLateDays = 40;
      lateChance = 30;
    } else if (behaviour < 95) { // C: often late, months behind
      unpaidTail = 2 + rnd.nextInt(6);
      maxLateDays = 90;
      lateChance = 70;
    } else { // D: stopped paying long ago
      unpaidTail = Math.min(months, 7 + rnd.nextInt(Math.max(1, months - 6)));
      maxLateDays = 120;
      lateChance = 90;
    }
    for (int m = 0; m < months; m++) {
      YearMonth period = end.minusMonths(months - 1 - m);
      LocalDate due = period.atDay(1);
      String id = unit + "-" + period;
      row(
          out,
          "charge",
          unit,
          id,
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          period.toString(),
          "service",
          fee.toPlainString(),
          due.toString());
      boolean paid = m < months - unpaidTail;
      if (!paid) continue;
      int late = rnd.nextInt(100) < lateChance ? 6 + rnd.nextInt(maxLateDays) : rnd.nextInt(4) - 3;
      LocalDate paidOn = due.plusDays(late);
      LocalDate lastDay = end.atEndOfMonth();
      if (paidOn.isAfter(lastDay)) paidOn = lastDay;
      row(
          out,
          "payment",
          unit,
          "P-" + id,
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          fee.toPlainString(),
          paidOn.toString());
    }
    return months;
  }

  private static void row(Writer out, String... fields) throws IOException {
    out.write(LedgerFormat.line(fields));
    out.write('\n');
  }
}
