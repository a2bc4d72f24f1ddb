package com.duesline.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.duesline.config.DueslineConfig;
import com.duesline.config.Secrets;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  @Test
  void freshDatabasesAreMigratedAndIsolated() throws Exception {
    try (Database a = TestDatabase.fresh();
        Database b = TestDatabase.fresh()) {
      try (Connection c = a.connection();
          var st = c.createStatement()) {
        st.execute("INSERT INTO units(unit_code) VALUES ('A-101')");
      }
      assertThat(count(a, "units")).isEqualTo(1);
      assertThat(count(b, "units")).isZero();
      for (String table :
          new String[] {
            "parties",
            "phones",
            "charges",
            "payments",
            "contact_tasks",
            "attempts",
            "turns",
            "promises",
            "plans",
            "plan_instalments",
            "consents",
            "holds",
            "handoffs",
            "audit_log"
          }) {
        assertThat(count(b, table)).as(table).isZero();
      }
    }
  }

  @Test
  void aReusedConnectionStartsCleanAndAClosedOneRefusesWork() throws Exception {
    try (Database db = TestDatabase.fresh()) {
      long backend;
      Connection first = db.connection();
      try (var st = first.createStatement();
          var rs = st.executeQuery("SELECT pg_backend_pid()")) {
        rs.next();
        backend = rs.getLong(1);
      }
      first.setAutoCommit(false);
      first.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      try (var st = first.createStatement()) {
        st.execute("INSERT INTO units(unit_code) VALUES ('LEFT-OPEN')");
      }
      first.close();
      assertThat(first.isClosed()).isTrue();
      assertThatThrownBy(first::createStatement).isInstanceOf(SQLException.class);
      try (Connection readOnly = db.connection()) {
        readOnly.setReadOnly(true);
      }
      try (Connection again = db.connection();
          var st = again.createStatement();
          var rs =
              st.executeQuery(
                  "SELECT pg_backend_pid(), current_setting('transaction_isolation'), current_setting('transaction_read_only')")) {
        rs.next();
        // The same backend, reused, as a new connection would be; the uncommitted insert is gone.
        assertThat(rs.getLong(1)).isEqualTo(backend);
        assertThat(rs.getString(2)).isEqualTo("read committed");
        assertThat(rs.getString(3)).isEqualTo("off");
        assertThat(again.getAutoCommit()).isTrue();
      }
      assertThat(count(db, "units")).isZero();
      // Two at once are two connections: nobody waits for another's.
      try (Connection a = db.connection();
          Connection b = db.connection()) {
        assertThat(a).isNotSameAs(b);
      }
    }
  }

  @Test
  void auditLogRefusesUpdateDeleteAndTruncate() throws Exception {
    try (Database db = TestDatabase.fresh();
        Connection c = db.connection();
        var st = c.createStatement()) {
      st.execute(
          "INSERT INTO audit_log(actor, action, entity, entity_id) VALUES ('test', 'ledger.import', 'unit', 'A-101')");
      assertThatThrownBy(() -> st.execute("UPDATE audit_log SET action = 'forged'"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only")
          .hasMessageContaining("UPDATE");
      assertThatThrownBy(() -> st.execute("DELETE FROM audit_log"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only")
          .hasMessageContaining("DELETE");
      assertThatThrownBy(() -> st.execute("TRUNCATE audit_log"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("append-only")
          .hasMessageContaining("TRUNCATE");
      try (var rs = st.executeQuery("SELECT action FROM audit_log")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("ledger.import");
      }
    }
  }

  @Test
  void reactivePoolQueriesTheSameDatabase() throws Exception {
    Vertx vertx = Vertx.vertx();
    try (Database db = TestDatabase.fresh()) {
      try (Connection c = db.connection();
          var st = c.createStatement()) {
        st.execute("INSERT INTO units(unit_code, commercial) VALUES ('S-1', true)");
      }
      Row row =
          db.pool(vertx)
              .query("SELECT unit_code, commercial FROM units")
              .execute()
              .toCompletionStage()
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS)
              .iterator()
              .next();
      assertThat(row.getString("unit_code")).isEqualTo("S-1");
      assertThat(row.getBoolean("commercial")).isTrue();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void embeddedStorePersistsAcrossRunsAndASecondOpenAttaches(@TempDir Path dir) throws Exception {
    DueslineConfig config =
        DueslineConfig.load(null, k -> null).with("store.data-dir", dir.toString());
    Secrets none = new Secrets(Map.<String, String>of()::get);
    try (Database owner = Database.open(config, none)) {
      assertThat(owner.ownsServer()).isTrue();
      try (Connection c = owner.connection();
          var st = c.createStatement()) {
        st.execute("INSERT INTO units(unit_code) VALUES ('P-1')");
      }
      assertThat(Files.readString(dir.resolve("pg.port")).trim())
          .isEqualTo(Integer.toString(owner.connectOptions().getPort()));
      try (Database second = Database.open(config, none)) {
        assertThat(second.ownsServer()).isFalse();
        assertThat(count(second, "units")).isEqualTo(1);
      }
      assertThat(count(owner, "units"))
          .as("closing an attached store leaves the server up")
          .isEqualTo(1);
    }
    assertThat(dir.resolve("pg.port")).doesNotExist();
    try (Database again = Database.open(config, none)) {
      assertThat(again.ownsServer()).isTrue();
      assertThat(count(again, "units")).as("rows survive a restart").isEqualTo(1);
    }
  }

  @Test
  void badExternalUrlIsNamed() {
    assertThatThrownBy(() -> Database.parseJdbcUrl("postgres://x/y"))
        .hasMessageContaining("jdbc:postgresql://");
    assertThat(Database.parseJdbcUrl("jdbc:postgresql://db.example:6543/dues?ssl=true").getPort())
        .isEqualTo(6543);
    assertThat(Database.parseJdbcUrl("jdbc:postgresql://db.example/dues").getDatabase())
        .isEqualTo("dues");
  }

  private static long count(Database db, String table) throws SQLException {
    try (Connection c = db.connection();
        var st = c.createStatement();
        var rs = st.executeQuery("SELECT count(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
