package com.duesline.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test fixture: one real embedded PostgreSQL per test JVM (started on first use, stopped at exit),
 * and {@link #fresh()} for a brand-new migrated database per call, so test classes never see each
 * other's rows.
 *
 * <p>Migrations run once into a template database; each {@code fresh()} is a cheap {@code CREATE
 * DATABASE ... TEMPLATE} copy of it (Flyway then finds nothing to do).
 */
public final class TestDatabase {
  private static final String TEMPLATE = "duesline_template";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static EmbeddedPostgres server;

  private TestDatabase() {}

  /** A new, empty, fully migrated database; close it when done (the server keeps running). */
  public static Database fresh() {
    int port = server().getPort();
    String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    synchronized (TestDatabase.class) {
      execute(port, "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
    }
    return Database.connect("localhost", port, name, "postgres", "", 4);
  }

  /** The port of the shared server, for tests that need to connect by hand. */
  public static int port() {
    return server().getPort();
  }

  private static synchronized EmbeddedPostgres server() {
    if (server == null) {
      try {
        server =
            EmbeddedPostgres.builder()
                .setLocaleConfig("encoding", "UTF8")
                .setLocaleConfig("locale", "C")
                // Test data is thrown away: trade durability for speed.
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the test PostgreSQL", e);
      }
      execute(
          server.getPort(), "CREATE DATABASE " + TEMPLATE + " ENCODING 'UTF8' TEMPLATE template0");
      // Migrating through Database closes every connection, so the template can be copied
      // afterwards.
      Database.connect("localhost", server.getPort(), TEMPLATE, "postgres", "", 1).close();
    }
    return server;
  }

  private static void execute(int port, String sql) {
    try (Connection c =
            DriverManager.getConnection(EmbeddedServer.url(port, "postgres"), "postgres", "");
        var st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  /** The rows {@code sql} returns, each as its columns joined by '|' (null as "null"). */
  public static java.util.List<String> rows(Database db, String sql) throws SQLException {
    java.util.List<String> out = new java.util.ArrayList<>();
    try (Connection c = db.connection();
        var st = c.createStatement();
        var rs = st.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) sb.append(i > 1 ? "|" : "").append(rs.getString(i));
        out.add(sb.toString());
      }
    }
    return out;
  }
}
