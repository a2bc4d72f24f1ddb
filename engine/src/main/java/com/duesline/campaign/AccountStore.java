package com.duesline.campaign;

import com.duesline.ledger.AccountView;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.policy.Channel;
import com.duesline.policy.Consent;
import com.duesline.policy.HoldKind;
import com.duesline.store.Database;
import com.duesline.store.StoreException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads accounts from the store as the planner and the policy see them: the ledger's arrears view
 * ({@link ArrearsQuery}) plus attempts, consents, holds, promises, plans and the do-not-call list.
 * Blocking JDBC: call from a worker or the CLI.
 */
public final class AccountStore {
  /** Pre-due reminders look this far ahead for the next charge. */
  static final int PRE_DUE_DAYS = 7;

  private final Database db;
  private final ArrearsQuery arrears;
  private final PhoneJurisdictions jurisdictions;

  public AccountStore(Database db, ArrearsQuery arrears, PhoneJurisdictions jurisdictions) {
    this.db = db;
    this.arrears = arrears;
    this.jurisdictions = jurisdictions;
  }

  /**
   * Every account with a contactable party, as of {@code now}; attempts on rungs of {@code
   * campaignId} keep their rung.
   */
  public List<AccountSnapshot> all(String campaignId, Instant now, LocalDate asOf) {
    return build(arrears.all(asOf), campaignId, now, asOf);
  }

  /** One unit, if it exists and has a party. */
  public Optional<AccountSnapshot> unit(
      String unitCode, String campaignId, Instant now, LocalDate asOf) {
    return arrears
        .unit(unitCode, asOf)
        .map(v -> build(List.of(v), campaignId, now, asOf))
        .flatMap(l -> l.stream().findFirst());
  }

  private List<AccountSnapshot> build(
      List<AccountView> views, String campaignId, Instant now, LocalDate asOf) {
    Set<Long> units = new HashSet<>();
    for (AccountView v : views) units.add(v.unitId());
    try (Connection c = db.connection()) {
      Long[] ids = units.toArray(Long[]::new);
      Map<Long, String> e164 = phones(c, ids);
      Map<Long, List<Attempt>> attempts = attempts(c, ids, campaignId);
      Map<Long, Map<Channel, Consent>> consents = consents(c, ids);
      Map<Long, Set<String>> holds = holds(c, ids, now);
      Map<Long, Object[]> promises = promises(c, ids);
      Map<Long, LocalDate> instalments = instalments(c, ids, asOf);
      Map<Long, Object[]> upcoming = upcoming(c, ids, asOf);
      Map<Long, List<LocalDate>> paid = payments(c, ids);
      Set<String> dnc = dnc(c);
      Set<Long> represented = attorneys(c, ids);
      List<AccountSnapshot> out = new ArrayList<>();
      for (AccountView v : views) {
        if (v.partyId() == null) continue;
        String phone = v.phoneId() == null ? null : e164.get(v.phoneId());
        ZoneId zone = ZoneId.of(v.timezone() == null ? "UTC" : v.timezone());
        String country = jurisdictions.country(phone);
        String area = jurisdictions.of(phone);
        Party party =
            new Party(
                String.valueOf(v.partyId()),
                phone,
                zone,
                country,
                null,
                area != null && !area.equals(country) ? area : null,
                v.language(),
                consents.getOrDefault(v.partyId(), Map.of()),
                phone != null && dnc.contains(phone),
                "wrong_number".equals(v.phoneStatus()));
        Set<String> kinds = holds.getOrDefault(v.unitId(), Set.of());
        Set<HoldKind> hk = EnumSet.noneOf(HoldKind.class);
        for (String k : kinds) {
          switch (k) {
            case "dispute" -> hk.add(HoldKind.DISPUTE);
            case "attorney" -> hk.add(HoldKind.ATTORNEY);
            case "bereavement" -> hk.add(HoldKind.BEREAVEMENT);
            case "payment_check" -> hk.add(HoldKind.PAYMENT_CHECK);
            default -> {}
          }
        }
        long balance = v.balance().movePointRight(2).longValue();
        LocalDate due = v.oldestUnpaidDue();
        if (!v.inArrears()) {
          Object[] next = upcoming.get(v.unitId());
          if (next == null) due = asOf.plusDays(365);
          else {
            due = (LocalDate) next[0];
            balance = ((BigDecimal) next[1]).movePointRight(2).longValue();
          }
        }
        Object[] promise = promises.get(v.unitId());
        LocalDate promiseDate = promise == null ? null : (LocalDate) promise[0];
        boolean broken = promise != null && "broken".equals(promise[1]);
        out.add(
            new AccountSnapshot(
                v.unit(),
                v.unit(),
                "",
                v.commercial() ? UnitKind.COMMERCIAL : UnitKind.RESIDENTIAL,
                v.behaviourClass(),
                kinds.contains("hardship"),
                balance,
                due,
                v.unpaidPeriods(),
                v.unpaidPeriods(),
                party,
                Set.copyOf(hk),
                broken ? promiseDate : (promise == null ? null : promiseDate),
                broken,
                instalments.get(v.unitId()),
                attempts.getOrDefault(v.unitId(), List.of()),
                paid.getOrDefault(v.unitId(), List.of()),
                v.grade(),
                represented.contains(v.unitId())));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read accounts: " + e.getMessage(), e);
    }
  }

  private static PreparedStatement ps(Connection c, String sql, Long[] ids) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    ps.setArray(1, c.createArrayOf("bigint", ids));
    return ps;
  }

  private static Map<Long, String> phones(Connection c, Long[] ids) throws SQLException {
    Map<Long, String> out = new HashMap<>();
    try (PreparedStatement ps =
            ps(
                c,
                "SELECT ph.id, ph.e164 FROM phones ph JOIN parties p ON p.id = ph.party_id WHERE p.unit_id = ANY(?)",
                ids);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.put(rs.getLong(1), rs.getString(2));
    }
    return out;
  }

  private static Map<Long, List<Attempt>> attempts(Connection c, Long[] ids, String campaignId)
      throws SQLException {
    Map<Long, List<Attempt>> out = new HashMap<>();
    String sql =
        "SELECT unit_id, started_at, channel, campaign_ref, ladder_step, disposition FROM attempts WHERE unit_id = ANY(?) ORDER BY started_at, id";
    try (PreparedStatement ps = ps(c, sql, ids);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Channel ch =
            switch (rs.getString(3)) {
              case "sms" -> Channel.SMS;
              case "letter" -> Channel.LETTER;
              default -> Channel.CALL;
            };
        // A rung belongs to its campaign; other campaigns' attempts still count for the policy.
        String rung =
            campaignId != null && campaignId.equals(rs.getString(4)) && rs.getString(5) != null
                ? rs.getString(5)
                : "";
        String disp = rs.getString(6);
        // An attempt without an outcome (in flight, or its node was lost) counts as made and
        // unanswered.
        Outcome o = Disposition.find(disp).map(Disposition::outcome).orElse(Outcome.NO_ANSWER);
        out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
            .add(new Attempt(rs.getTimestamp(2).toInstant(), ch, rung, o));
      }
    }
    return out;
  }

  private static Map<Long, Map<Channel, Consent>> consents(Connection c, Long[] ids)
      throws SQLException {
    Map<Long, Map<Channel, Consent>> out = new HashMap<>();
    String sql =
        "SELECT co.party_id, co.channel, co.kind FROM consents co JOIN parties p ON p.id = co.party_id "
            + "WHERE p.unit_id = ANY(?) AND co.revoked_at IS NULL ORDER BY co.recorded_at, co.id";
    try (PreparedStatement ps = ps(c, sql, ids);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        Map<Channel, Consent> m =
            out.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(Channel.class));
        Consent v = "opt_out".equals(rs.getString(3)) ? Consent.REVOKED : Consent.GRANTED;
        String ch = rs.getString(2);
        if (ch.equals("voice") || ch.equals("all")) m.put(Channel.CALL, v);
        if (ch.equals("sms") || ch.equals("all")) m.put(Channel.SMS, v);
      }
    }
    return out;
  }

  private static Map<Long, Set<String>> holds(Connection c, Long[] ids, Instant now)
      throws SQLException {
    Map<Long, Set<String>> out = new HashMap<>();
    String sql =
        "SELECT unit_id, kind FROM holds WHERE unit_id = ANY(?) AND starts_at <= ? AND (ends_at IS NULL OR ends_at > ?)";
    try (PreparedStatement ps = ps(c, sql, ids)) {
      ps.setTimestamp(2, Timestamp.from(now));
      ps.setTimestamp(3, Timestamp.from(now));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next())
          out.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getString(2));
      }
    }
    return out;
  }

  /**
   * The latest open promise, else the latest broken one not yet followed by a newer promise: {date,
   * status}.
   */
  private static Map<Long, Object[]> promises(Connection c, Long[] ids) throws SQLException {
    Map<Long, Object[]> out = new HashMap<>();
    String sql =
        "SELECT DISTINCT ON (unit_id) unit_id, promised_for, status FROM promises WHERE unit_id = ANY(?) AND status IN ('open', 'broken') "
            + "ORDER BY unit_id, created_at DESC, id DESC";
    try (PreparedStatement ps = ps(c, sql, ids);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next())
        out.put(rs.getLong(1), new Object[] {rs.getDate(2).toLocalDate(), rs.getString(3)});
    }
    return out;
  }

  private static Map<Long, LocalDate> instalments(Connection c, Long[] ids, LocalDate asOf)
      throws SQLException {
    Map<Long, LocalDate> out = new HashMap<>();
    String sql =
        "SELECT p.unit_id, min(i.due_date) FROM plans p JOIN plan_instalments i ON i.plan_id = p.id "
            + "WHERE p.unit_id = ANY(?) AND p.status = 'active' AND i.status = 'due' AND i.due_date >= ? GROUP BY p.unit_id";
    try (PreparedStatement ps = ps(c, sql, ids)) {
      ps.setDate(2, Date.valueOf(asOf));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.put(rs.getLong(1), rs.getDate(2).toLocalDate());
      }
    }
    return out;
  }

  /** The next charge falling due within the pre-due horizon: {due date, amount}. */
  private static Map<Long, Object[]> upcoming(Connection c, Long[] ids, LocalDate asOf)
      throws SQLException {
    Map<Long, Object[]> out = new HashMap<>();
    String sql =
        "SELECT DISTINCT ON (unit_id) unit_id, due_date, amount FROM charges WHERE unit_id = ANY(?) AND due_date > ? AND due_date <= ? "
            + "ORDER BY unit_id, due_date";
    try (PreparedStatement ps = ps(c, sql, ids)) {
      ps.setDate(2, Date.valueOf(asOf));
      ps.setDate(3, Date.valueOf(asOf.plusDays(PRE_DUE_DAYS)));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next())
          out.put(rs.getLong(1), new Object[] {rs.getDate(2).toLocalDate(), rs.getBigDecimal(3)});
      }
    }
    return out;
  }

  private static Map<Long, List<LocalDate>> payments(Connection c, Long[] ids) throws SQLException {
    Map<Long, List<LocalDate>> out = new HashMap<>();
    try (PreparedStatement ps =
            ps(
                c,
                "SELECT unit_id, paid_on FROM payments WHERE unit_id = ANY(?) ORDER BY paid_on",
                ids);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next())
        out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getDate(2).toLocalDate());
    }
    return out;
  }

  /** Units with an attorney on record (letters go to the attorney). */
  private static Set<Long> attorneys(Connection c, Long[] ids) throws SQLException {
    Set<Long> out = new HashSet<>();
    try (PreparedStatement ps =
            ps(
                c,
                "SELECT DISTINCT unit_id FROM attorneys WHERE unit_id = ANY(?) AND ended_at IS NULL",
                ids);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.add(rs.getLong(1));
    }
    return out;
  }

  private static Set<String> dnc(Connection c) throws SQLException {
    Set<String> out = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT e164 FROM do_not_call");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) out.add(rs.getString(1));
    }
    return out;
  }
}
