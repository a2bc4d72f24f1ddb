package com.duesline.ledger;

import static com.duesline.ledger.LedgerFormat.*;

import com.duesline.cli.InputRejectedException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Reads a ledger CSV strictly: every problem in the file is collected (file:line:column, field,
 * what is wrong) and the whole file is rejected if there is any, so nothing is half-imported.
 */
public final class LedgerParser {
  private static final Pattern E164_RE = Pattern.compile("\\+[1-9][0-9]{6,14}");
  private static final Pattern LANGUAGE_RE = Pattern.compile("[a-z]{2}");
  private static final Pattern KIND_RE = Pattern.compile("[a-z][a-z0-9_]{0,31}");
  private static final Set<String> ROLES = Set.of("owner", "tenant");
  private static final Set<String> PHONE_STATUSES = Set.of("ok", "wrong_number", "invalid");
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
  private static final String HEADER = String.join(",", COLUMNS);

  /** Which columns each record type uses; the rest must be empty. */
  private static final Map<String, Set<Integer>> USED =
      Map.of(
          "unit", Set.of(RECORD, UNIT, COMMERCIAL, AREA),
          "party", Set.of(RECORD, UNIT, ID, NAME, ROLE, LANGUAGE, PHONE, PHONE_STATUS, TIMEZONE),
          "charge", Set.of(RECORD, UNIT, ID, PERIOD, KIND, AMOUNT, DATE),
          "payment", Set.of(RECORD, UNIT, ID, AMOUNT, DATE));

  /**
   * Longest field accepted: names and ids are short; a megabyte field is an attack or a broken
   * export.
   */
  static final int MAX_FIELD = 1000;

  /** Problems listed in full; beyond this only their number (a wrong file can have millions). */
  static final int MAX_PROBLEMS = 1000;

  private final String fileName;
  private final Predicate<String> unitExistsInStore;
  private final List<String> problems = new ArrayList<>();
  private final List<Ledger.Unit> units = new ArrayList<>();
  private final List<Ledger.Party> parties = new ArrayList<>();
  private final List<Ledger.Charge> charges = new ArrayList<>();
  private final List<Ledger.Payment> payments = new ArrayList<>();
  private final Map<String, Integer> unitLines = new HashMap<>();
  private final Map<String, Integer> partyLines = new HashMap<>();
  private final Map<String, Integer> chargeLines = new HashMap<>();
  private final Map<String, Integer> paymentLines = new HashMap<>();
  private final Set<String> unitsWithParty = new HashSet<>();
  private final List<UnitRef> unitRefs = new ArrayList<>();

  private record UnitRef(int line, String unit) {}

  /** False when the first piece found no header or a wrong one. */
  private boolean headerOk = true;

  /*
   * One instance per distinct value of the fields that repeat (unit codes, periods, kinds, dates,
   * amounts): a million kept rows then hold a few thousand of these objects instead of five million,
   * which was most of the garbage collector's copying while validating the estate. Bounded, since a
   * real ledger's amounts may all differ.
   */
  private static final int SHARED_MAX = 200_000;
  private final Map<String, String> sharedText = new HashMap<>();
  private final Map<String, LocalDate> sharedDates = new HashMap<>();
  private final Map<String, BigDecimal> sharedAmounts = new HashMap<>();

  private static <T> T shared(Map<String, T> seen, String key, Function<String, T> make) {
    T had = seen.get(key);
    if (had != null) return had;
    T made = make.apply(key);
    if (seen.size() < SHARED_MAX) seen.put(key, made);
    return made;
  }

  private LedgerParser(String fileName, Predicate<String> unitExistsInStore) {
    this.fileName = fileName;
    this.unitExistsInStore = unitExistsInStore;
  }

  /**
   * Parses {@code file}; a party, charge or payment may name a unit declared in the file or one for
   * which {@code unitExistsInStore} is true (a unit imported earlier).
   *
   * @throws InputRejectedException listing every problem, if there is any
   */
  public static Ledger parse(Path file, Predicate<String> unitExistsInStore) throws IOException {
    long size = Files.size(file);
    // One byte array holds the file; beyond 2 GB it cannot, so say so rather than fail with an
    // OutOfMemoryError.
    if (size > Integer.MAX_VALUE - 64) {
      throw new InputRejectedException(
          List.of(
              file.getFileName()
                  + ":1:1: the file is "
                  + size
                  + " bytes; at most 2 GB per file, split the ledger"));
    }
    return parse(file.getFileName().toString(), Files.readAllBytes(file), unitExistsInStore);
  }

  /** As {@link #parse(Path, Predicate)} on bytes already read; {@code name} is used in messages. */
  public static Ledger parse(String name, byte[] bytes, Predicate<String> unitExistsInStore) {
    // A large file is validated in one part per core: on the 100,000-unit estate the single pass
    // was 13 s of CPU.
    int parts =
        bytes.length < PARALLEL_BYTES
            ? 1
            : Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), 8));
    return parse(name, bytes, unitExistsInStore, parts);
  }

  /** Files at least this large are validated in parallel parts. */
  static final int PARALLEL_BYTES = 4 << 20;

  /**
   * Validates {@code bytes} in {@code parts} pieces split at line ends, each on its own thread,
   * then checks what crosses pieces (duplicate keys, units declared in a later piece, the primary
   * party): the same ledger and the same problems as one pass, problems listed piece by piece.
   */
  static Ledger parse(String name, byte[] bytes, Predicate<String> unitExistsInStore, int parts) {
    int[] starts = new int[parts + 1];
    int[] firstLines = new int[parts + 1];
    starts[parts] = bytes.length;
    for (int i = 1; i < parts; i++) {
      int at = Math.max(starts[i - 1], (int) ((long) bytes.length * i / parts));
      while (at < bytes.length && (at == 0 || bytes[at - 1] != '\n')) at++;
      starts[i] = at;
    }
    firstLines[0] = 1;
    for (int i = 1; i < parts; i++) {
      int lines = 0;
      for (int b = starts[i - 1]; b < starts[i]; b++) if (bytes[b] == '\n') lines++;
      firstLines[i] = firstLines[i - 1] + lines;
    }
    LedgerParser[] p = new LedgerParser[parts];
    for (int i = 0; i < parts; i++) p[i] = new LedgerParser(name, unitExistsInStore);
    // Threads of its own: the common fork-join pool has one worker on 2 cores, and measured, its
    // parallel
    // stream ran the two pieces one after the other (14 s of validation; 5.8 s with two threads).
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(
            parts,
            r -> {
              Thread t = new Thread(r, "duesline-ledger-validate");
              t.setDaemon(true);
              return t;
            });
    try {
      List<java.util.concurrent.Future<?>> running = new ArrayList<>();
      for (int i = 0; i < parts; i++) {
        int k = i;
        running.add(
            pool.submit(() -> p[k].run(bytes, starts[k], starts[k + 1], firstLines[k], k == 0)));
      }
      for (var f : running) f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("ledger validation interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    List<String> problems = new ArrayList<>(p[0].problems);
    // A wrong header (or an empty file) says everything, as in one pass.
    if (!p[0].headerOk) return reject(name, problems);
    for (int i = 1; i < parts; i++) problems.addAll(p[i].problems);
    for (int i = 1; i < parts; i++) {
      p[i].crossDuplicates(p, i, problems);
      p[i].crossPrimary(p, i);
    }
    for (LedgerParser part : p) {
      for (UnitRef ref : part.unitRefs) {
        boolean declared = false;
        for (LedgerParser q : p) declared |= q.unitLines.containsKey(ref.unit);
        if (!declared && !unitExistsInStore.test(ref.unit)) {
          problems.add(
              part.at(ref.line, UNIT + 1)
                  + "unit: unknown unit '"
                  + ref.unit
                  + "' (no unit record in this file or in the store)");
        }
      }
    }
    if (!problems.isEmpty()) return reject(name, problems);
    List<Ledger.Unit> units = new ArrayList<>();
    List<Ledger.Party> parties = new ArrayList<>();
    List<Ledger.Charge> charges = new ArrayList<>();
    List<Ledger.Payment> payments = new ArrayList<>();
    for (LedgerParser part : p) {
      units.addAll(part.units);
      parties.addAll(part.parties);
      charges.addAll(part.charges);
      payments.addAll(part.payments);
    }
    return new Ledger(
        List.copyOf(units), List.copyOf(parties), List.copyOf(charges), List.copyOf(payments));
  }

  private static Ledger reject(String name, List<String> problems) {
    List<String> shown =
        problems.size() <= MAX_PROBLEMS
            ? problems
            : new ArrayList<>(problems.subList(0, MAX_PROBLEMS));
    if (problems.size() > MAX_PROBLEMS)
      shown.add(name + ": ... and " + (problems.size() - MAX_PROBLEMS) + " more problems");
    throw new InputRejectedException(shown);
  }

  /** Keys this piece saw that an earlier piece saw first. */
  private void crossDuplicates(LedgerParser[] p, int self, List<String> out) {
    crossDuplicates(p, self, q -> q.unitLines, "unit", UNIT, out);
    crossDuplicates(p, self, q -> q.partyLines, "party id", ID, out);
    crossDuplicates(p, self, q -> q.chargeLines, "charge id", ID, out);
    crossDuplicates(p, self, q -> q.paymentLines, "payment id", ID, out);
  }

  private void crossDuplicates(
      LedgerParser[] p,
      int self,
      Function<LedgerParser, Map<String, Integer>> seen,
      String what,
      int column,
      List<String> out) {
    for (var e : seen.apply(this).entrySet()) {
      for (int j = 0; j < self; j++) {
        Integer first = seen.apply(p[j]).get(e.getKey());
        if (first != null) {
          out.add(
              at(e.getValue(), column + 1)
                  + COLUMNS.get(column)
                  + ": duplicate "
                  + what
                  + " '"
                  + e.getKey()
                  + "' (first on line "
                  + first
                  + ")");
          break;
        }
      }
    }
  }

  /**
   * The primary party is the first listed for its unit in the whole file: not this piece's first if
   * an earlier piece had one.
   */
  private void crossPrimary(LedgerParser[] p, int self) {
    for (int k = 0; k < parties.size(); k++) {
      Ledger.Party party = parties.get(k);
      if (!party.primary()) continue;
      for (int j = 0; j < self; j++) {
        if (p[j].unitsWithParty.contains(party.unit())) {
          parties.set(
              k,
              new Ledger.Party(
                  party.unit(),
                  party.id(),
                  party.name(),
                  party.role(),
                  party.language(),
                  party.phone(),
                  party.phoneStatus(),
                  party.timezone(),
                  false));
          break;
        }
      }
    }
  }

  /**
   * Reads lines {@code [from, to)} of {@code bytes}, the first numbered {@code firstLine}; the
   * first piece holds the header.
   */
  private void run(byte[] bytes, int from, int to, int firstLine, boolean first) {
    int start = from;
    int lineNo = firstLine - 1;
    if (first
        && bytes.length >= 3
        && (bytes[0] & 0xff) == 0xEF
        && (bytes[1] & 0xff) == 0xBB
        && (bytes[2] & 0xff) == 0xBF) {
      start = 3;
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    boolean sawHeader = !first;
    while (start < to) {
      int end = start;
      while (end < to && bytes[end] != '\n') end++;
      int len = end - start;
      if (len > 0 && bytes[end - 1] == '\r') len--;
      lineNo++;
      String text = decode(decoder, bytes, start, len, lineNo);
      start = end + 1;
      if (text == null) {
        if (!sawHeader) sawHeader = true;
        continue;
      }
      if (!sawHeader) {
        sawHeader = true;
        if (!text.equals(HEADER)) {
          problems.add(at(lineNo, 1) + "the first line must be the header '" + HEADER + "'");
          headerOk = false;
          return;
        }
        continue;
      }
      if (text.isBlank() || text.startsWith("#")) continue;
      if (!plainText(text, lineNo)) continue;
      List<String> fields = split(text, lineNo);
      if (fields == null) continue;
      if (fields.size() != COLUMNS.size()) {
        problems.add(
            at(lineNo, 1)
                + fields.size()
                + " fields, expected "
                + COLUMNS.size()
                + " ("
                + HEADER
                + ")");
        continue;
      }
      row(lineNo, fields);
    }
    if (first && !sawHeader) {
      problems.add(at(1, 1) + "the file is empty; it must start with the header '" + HEADER + "'");
      headerOk = false;
    }
  }

  /** The line as text, or null (with a problem recorded) if it is not valid UTF-8. */
  private String decode(CharsetDecoder decoder, byte[] bytes, int start, int len, int lineNo) {
    // Most lines are ASCII: those need no decoder (a CharBuffer per line was a fifth of the parse's
    // garbage).
    boolean ascii = true;
    for (int i = start; i < start + len && ascii; i++) ascii = bytes[i] >= 0;
    if (ascii) return new String(bytes, start, len, StandardCharsets.ISO_8859_1);
    decoder.reset();
    ByteBuffer in = ByteBuffer.wrap(bytes, start, len);
    CharBuffer out = CharBuffer.allocate(len + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int column = out.position() + 1;
      problems.add(
          at(lineNo, column)
              + "bytes are not UTF-8 (byte 0x"
              + String.format("%02X", bytes[in.position()] & 0xff)
              + " at byte offset "
              + (in.position() - start + 1)
              + " of the line); save the file as UTF-8"
              + gbkHint(bytes, start, len));
      return null;
    }
    decoder.flush(out);
    out.flip();
    return out.toString();
  }

  /**
   * A hint when the line reads cleanly as GBK/GB18030 (the usual encoding of a Chinese spreadsheet
   * export).
   */
  private static String gbkHint(byte[] bytes, int start, int len) {
    try {
      CharBuffer text =
          java.nio.charset.Charset.forName("GB18030")
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes, start, len));
      // GB18030 decodes nearly any bytes; only call it GBK when every non-ASCII character is
      // Chinese text.
      int ideographs = 0;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c < 0x80) continue;
        Character.UnicodeBlock b = Character.UnicodeBlock.of(c);
        if (b == Character.UnicodeBlock.CJK_UNIFIED_IDEOGRAPHS) ideographs++;
        else if (b != Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
            && b != Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS) return "";
      }
      // One ideograph is often a Latin-1 letter and the next byte (0xFC 'l' of "Müller"); a name
      // has two or more.
      return ideographs >= 2
          ? " (it reads as Chinese in GBK/GB18030: iconv -f GB18030 -t UTF-8 converts it)"
          : "";
    } catch (java.nio.charset.CharacterCodingException e) {
      return "";
    }
  }

  /**
   * Refuses control characters (a NUL byte cannot be stored in PostgreSQL text, and none belongs in
   * a ledger) and fields longer than {@link #MAX_FIELD} characters, naming where; tab is allowed.
   */
  private boolean plainText(String text, int lineNo) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 && c != '\t' || c == 0x7F) {
        problems.add(
            at(lineNo, i + 1)
                + String.format(
                    "control character U+%04X at character %d; a ledger holds printable text only",
                    (int) c, i + 1));
        return false;
      }
    }
    if (text.length() > MAX_FIELD * COLUMNS.size()) {
      problems.add(
          at(lineNo, 1)
              + "the line is "
              + text.length()
              + " characters long; at most "
              + MAX_FIELD
              + " per field");
      return false;
    }
    return true;
  }

  /** Splits a CSV line (RFC 4180 quotes, no line breaks inside fields); null on a quoting error. */
  private List<String> split(String line, int lineNo) {
    List<String> fields = new ArrayList<>(COLUMNS.size());
    StringBuilder field = new StringBuilder();
    int i = 0;
    int n = line.length();
    while (true) {
      field.setLength(0);
      int fieldStart = i;
      if (i < n && line.charAt(i) == '"') {
        i++;
        boolean closed = false;
        while (i < n) {
          char c = line.charAt(i);
          if (c == '"') {
            if (i + 1 < n && line.charAt(i + 1) == '"') {
              field.append('"');
              i += 2;
            } else {
              i++;
              closed = true;
              break;
            }
          } else {
            field.append(c);
            i++;
          }
        }
        if (!closed) {
          problems.add(
              at(lineNo, fields.size() + 1)
                  + "a quoted field opened at character "
                  + (fieldStart + 1)
                  + " is never closed");
          return null;
        }
        if (i < n && line.charAt(i) != ',') {
          problems.add(
              at(lineNo, fields.size() + 1)
                  + "text after the closing quote at character "
                  + (i + 1));
          return null;
        }
        fields.add(field.toString());
      } else {
        int comma = line.indexOf(',', i);
        int end = comma < 0 ? n : comma;
        fields.add(line.substring(i, end));
        i = end;
      }
      if (i >= n) return fields;
      i++; // the comma
    }
  }

  private void row(int line, List<String> f) {
    for (int c = 0; c < f.size(); c++) {
      if (f.get(c).length() > MAX_FIELD) {
        problems.add(
            at(line, c + 1)
                + COLUMNS.get(c)
                + ": "
                + f.get(c).length()
                + " characters; at most "
                + MAX_FIELD);
        return;
      }
    }
    String record = f.get(RECORD);
    Set<Integer> used = USED.get(record);
    if (used == null) {
      problems.add(
          at(line, RECORD + 1)
              + "record: '"
              + record
              + "' is not one of unit, party, charge, payment");
      return;
    }
    for (int c = 0; c < COLUMNS.size(); c++) {
      if (!used.contains(c) && !f.get(c).isEmpty()) {
        problems.add(
            at(line, c + 1)
                + COLUMNS.get(c)
                + ": must be empty in a "
                + record
                + " record, got '"
                + f.get(c)
                + "'");
      }
    }
    String unit = key(line, f, UNIT);
    if (unit != null) unit = shared(sharedText, unit, Function.identity());
    switch (record) {
      case "unit" -> unitRow(line, f, unit);
      case "party" -> partyRow(line, f, unit);
      case "charge" -> chargeRow(line, f, unit);
      default -> paymentRow(line, f, unit);
    }
  }

  private void unitRow(int line, List<String> f, String unit) {
    Boolean commercial =
        switch (f.get(COMMERCIAL)) {
          case "true", "yes" -> Boolean.TRUE;
          case "false", "no", "" -> Boolean.FALSE;
          default -> {
            problem(line, COMMERCIAL, "'" + f.get(COMMERCIAL) + "' must be true or false");
            yield null;
          }
        };
    BigDecimal area = null;
    if (!f.get(AREA).isEmpty()) {
      area = amount(line, f, AREA);
      if (area != null && area.signum() == 0) {
        problem(line, AREA, "must be greater than 0");
        area = null;
      }
    }
    if (unit != null && firstSeen(unitLines, unit, line, "unit", UNIT) && commercial != null) {
      units.add(new Ledger.Unit(unit, commercial, area));
    }
  }

  private void partyRow(int line, List<String> f, String unit) {
    String id = key(line, f, ID);
    String name = f.get(NAME).strip();
    if (name.isEmpty()) problem(line, NAME, "a party needs a name");
    String role = f.get(ROLE);
    if (!ROLES.contains(role)) problem(line, ROLE, "'" + role + "' must be owner or tenant");
    String language = f.get(LANGUAGE);
    if (!LANGUAGE_RE.matcher(language).matches())
      problem(
          line,
          LANGUAGE,
          "'" + language + "' must be a two-letter ISO 639-1 code such as en or zh");
    String phone = f.get(PHONE);
    if (!E164_RE.matcher(phone).matches()) {
      problem(
          line,
          PHONE,
          "'" + phone + "' is not an E.164 number ('+', country code, up to 15 digits, no spaces)");
    }
    String status = f.get(PHONE_STATUS).isEmpty() ? "ok" : f.get(PHONE_STATUS);
    if (!PHONE_STATUSES.contains(status))
      problem(line, PHONE_STATUS, "'" + status + "' must be ok, wrong_number or invalid");
    String tz = f.get(TIMEZONE);
    if (!ZONES.contains(tz))
      problem(line, TIMEZONE, "'" + tz + "' is not an IANA time zone such as Asia/Shanghai");
    if (unit != null && !unitLines.containsKey(unit)) unitRefs.add(new UnitRef(line, unit));
    if (id != null
        && firstSeen(partyLines, id, line, "party id", ID)
        && unit != null
        && problemsFree(line)) {
      parties.add(
          new Ledger.Party(
              unit, id, name, role, language, phone, status, tz, unitsWithParty.add(unit)));
    }
  }

  private void chargeRow(int line, List<String> f, String unit) {
    String id = key(line, f, ID);
    String period = shared(sharedText, f.get(PERIOD), Function.identity());
    if (!isPeriod(period)) problem(line, PERIOD, "'" + period + "' must be a month as YYYY-MM");
    String kind =
        f.get(KIND).isEmpty() ? "service" : shared(sharedText, f.get(KIND), Function.identity());
    if (!kind.equals("service") && !KIND_RE.matcher(kind).matches())
      problem(line, KIND, "'" + kind + "' must be a lower-case word such as service or late_fee");
    BigDecimal amount = amount(line, f, AMOUNT);
    LocalDate due = date(line, f, DATE);
    if (unit != null && !unitLines.containsKey(unit)) unitRefs.add(new UnitRef(line, unit));
    if (id != null
        && firstSeen(chargeLines, id, line, "charge id", ID)
        && unit != null
        && amount != null
        && due != null
        && problemsFree(line)) {
      charges.add(new Ledger.Charge(unit, id, period, kind, amount, due));
    }
  }

  private void paymentRow(int line, List<String> f, String unit) {
    String id = key(line, f, ID);
    BigDecimal amount = amount(line, f, AMOUNT);
    if (amount != null && amount.signum() == 0)
      problem(line, AMOUNT, "a payment must be greater than 0");
    LocalDate paid = date(line, f, DATE);
    if (unit != null && !unitLines.containsKey(unit)) unitRefs.add(new UnitRef(line, unit));
    if (id != null
        && firstSeen(paymentLines, id, line, "payment id", ID)
        && unit != null
        && amount != null
        && paid != null
        && problemsFree(line)) {
      payments.add(new Ledger.Payment(unit, id, amount, paid));
    }
  }

  // Rows with problems are never kept; the file is rejected anyway, this only avoids half-built
  // records.
  private int lastProblemLine = -1;

  private boolean problemsFree(int line) {
    return lastProblemLine != line;
  }

  private String key(int line, List<String> f, int column) {
    String v = f.get(column);
    if (v.isEmpty()) {
      problem(line, column, "is required");
      return null;
    }
    if (!isKey(v)) {
      problem(
          line,
          column,
          "'" + v + "' must be 1 to 64 characters without commas, quotes or surrounding spaces");
      return null;
    }
    return v;
  }

  /**
   * 1 to 64 characters, no comma or quote, not starting or ending with white space (the language of
   * {@code [^\s,"][^,"]{0,62}[^\s,"]|[^\s,"]}, without a regex: keys are the most frequent field).
   */
  static boolean isKey(String v) {
    int n = v.length();
    if (n < 1 || n > 64) return false;
    for (int i = 0; i < n; i++) {
      char c = v.charAt(i);
      if (c == ',' || c == '"') return false;
    }
    return !isSpace(v.charAt(0)) && !isSpace(v.charAt(n - 1));
  }

  /** Java regex {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /** {@code [0-9]{4}-(0[1-9]|1[0-2])} without a regex. */
  static boolean isPeriod(String v) {
    if (v.length() != 7 || v.charAt(4) != '-' || digits(v, 0, 4) < 0) return false;
    int m = digits(v, 5, 7);
    return m >= 1 && m <= 12;
  }

  private boolean firstSeen(
      Map<String, Integer> seen, String key, int line, String what, int column) {
    Integer first = seen.putIfAbsent(key, line);
    if (first != null) {
      problem(line, column, "duplicate " + what + " '" + key + "' (first on line " + first + ")");
      return false;
    }
    return true;
  }

  private BigDecimal amount(int line, List<String> f, int column) {
    String v = f.get(column);
    if (v.startsWith("-")) {
      problem(
          line,
          column,
          "negative amount " + v + "; amounts are 0 or more (a refund is not a payment)");
      return null;
    }
    if (!isAmount(v)) {
      problem(
          line,
          column,
          "'" + v + "' is not an amount like 1234.50 (digits, a dot, at most two decimals)");
      return null;
    }
    return shared(sharedAmounts, v, BigDecimal::new);
  }

  private LocalDate date(int line, List<String> f, int column) {
    String v = f.get(column);
    // Hand-rolled YYYY-MM-DD: LocalDate.parse is the slowest part of validating a million rows.
    LocalDate known = sharedDates.get(v);
    if (known != null) return known;
    if (v.length() == 10 && v.charAt(4) == '-' && v.charAt(7) == '-') {
      int y = digits(v, 0, 4);
      int m = digits(v, 5, 7);
      int d = digits(v, 8, 10);
      if (y >= 0 && m >= 0 && d >= 0) {
        try {
          LocalDate date = LocalDate.of(y, m, d);
          if (sharedDates.size() < SHARED_MAX) sharedDates.put(v, date);
          return date;
        } catch (DateTimeException e) {
          // falls through to the problem below
        }
      }
    }
    problem(line, column, "'" + v + "' is not a date as YYYY-MM-DD");
    return null;
  }

  private static int digits(String s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** Same language as {@code [0-9]{1,12}(\.[0-9]{1,2})?}, without a regex. */
  static boolean isAmount(String v) {
    int n = v.length();
    int i = 0;
    while (i < n && Character.isDigit(v.charAt(i)) && v.charAt(i) < 128) i++;
    if (i == 0 || i > 12) return false;
    if (i == n) return true;
    if (v.charAt(i) != '.') return false;
    int frac = n - i - 1;
    if (frac < 1 || frac > 2) return false;
    for (int j = i + 1; j < n; j++) if (v.charAt(j) < '0' || v.charAt(j) > '9') return false;
    return true;
  }

  private void problem(int line, int column, String message) {
    lastProblemLine = line;
    problems.add(at(line, column + 1) + COLUMNS.get(column) + ": " + message);
  }

  private String at(int line, int column) {
    return fileName + ":" + line + ":" + column + ": ";
  }
}
