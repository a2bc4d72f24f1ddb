package com.duesline.dashboard;

import com.duesline.ledger.AccountView;
import com.duesline.ledger.AgingBucket;
import com.duesline.ledger.AgingReport;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.store.Database;
import com.duesline.store.StoreException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger's aging report (the ledger's own {@link AgingReport}, not re-derived) with the
 * accounts behind it, most overdue first, for the supervisor to open one. Blocking JDBC: call it on
 * a worker.
 */
public final class AgingBoard {
  private final Database db;
  private final ArrearsQuery arrears;

  /**
   * What one whole-ledger view yields: the report and the accounts in arrears, most overdue first.
   */
  private record Derived(List<AccountView> views, JsonObject report, List<AccountView> owing) {}

  private volatile Derived derived;

  public AgingBoard(Database db, ArrearsQuery arrears) {
    this.db = db;
    this.arrears = arrears;
  }

  /**
   * The report as of {@code asOf} and up to {@code limit} accounts in arrears (only those in {@code
   * bucket} when it is not null), ordered by days past due then balance, largest first.
   */
  public JsonObject report(LocalDate asOf, AgingBucket bucket, int limit, boolean fullPhones) {
    List<AccountView> views = arrears.all(asOf);
    // The cached query returns the same list while the ledger is unchanged: so are the report and
    // the order.
    Derived d = derived;
    if (d == null || d.views() != views) {
      d =
          new Derived(
              views,
              AgingReport.of(views).toJson(),
              views.stream()
                  .filter(AccountView::inArrears)
                  .sorted(
                      Comparator.comparingInt(AccountView::daysPastDue)
                          .reversed()
                          .thenComparing(AccountView::balance, Comparator.reverseOrder())
                          .thenComparing(AccountView::unit))
                  .toList());
      derived = d;
    }
    JsonObject out = d.report().copy();
    List<AccountView> owing =
        bucket == null ? d.owing() : d.owing().stream().filter(v -> v.bucket() == bucket).toList();
    List<AccountView> listed = owing.subList(0, Math.min(limit, owing.size()));
    Map<Long, String> full =
        fullPhones
            ? phones(
                listed.stream()
                    .map(AccountView::phoneId)
                    .filter(java.util.Objects::nonNull)
                    .toList())
            : Map.of();
    JsonArray accounts = new JsonArray();
    for (AccountView v : listed) {
      JsonObject a =
          new JsonObject()
              .put("unit", v.unit())
              .put("party", v.party())
              .put("phone", fullPhones && v.phoneId() != null ? full.get(v.phoneId()) : v.phone())
              .put("commercial", v.commercial())
              .put("balance", v.balance())
              .put("days_past_due", v.daysPastDue())
              .put("bucket", v.bucket().label())
              .put("class", v.behaviourClass().name())
              .put("grade", v.grade().name().equals("NONE") ? null : v.grade().name())
              .put("unpaid_periods", v.unpaidPeriods())
              .put(
                  "last_payment_on",
                  v.lastPaymentOn() == null ? null : v.lastPaymentOn().toString());
      accounts.add(a);
    }
    return out.put("bucket", bucket == null ? null : bucket.label())
        .put("accounts_in_arrears", owing.size())
        .put("listed", accounts.size())
        .put("accounts", accounts)
        .put("phones_masked", !fullPhones);
  }

  /** The bucket named {@code label} ({@code 31-60}); null when it names none. */
  public static AgingBucket bucket(String label) {
    for (AgingBucket b : AgingBucket.values()) if (b.label().equals(label)) return b;
    return null;
  }

  /**
   * The full numbers of the listed accounts' phones only (every phone of a 100,000-unit estate per
   * request was most of this view).
   */
  private Map<Long, String> phones(List<Long> ids) {
    Map<Long, String> out = new HashMap<>();
    if (ids.isEmpty()) return out;
    try (Connection c = db.connection()) {
      Rows.query(
          c,
          "SELECT id, e164 FROM phones WHERE id = ANY(?)",
          rs -> out.put(rs.getLong(1), rs.getString(2)),
          c.createArrayOf("bigint", ids.toArray()));
    } catch (SQLException e) {
      throw new StoreException("cannot read phones: " + e.getMessage(), e);
    }
    return out;
  }
}
