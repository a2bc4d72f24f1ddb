package com.duesline.store;

import com.duesline.config.DueslineConfig;
import com.duesline.config.Secrets;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store: an embedded PostgreSQL under {@code <store.data-dir>/pg} or an external one at {@code
 * store.db-url}, migrated by Flyway on open.
 *
 * <p>Blocking code (CLI, Flyway, COPY) uses {@link #dataSource()}; code on a Vert.x event loop uses
 * {@link #pool(Vertx)}. Closing the database closes its pools and, if this process started the
 * embedded server, stops it.
 */
public final class Database implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);

  /**
   * Where migrations live; capabilities own number bands (store V1..V19, campaign V20+,
   * conversation V30+).
   */
  public static final String MIGRATIONS = "classpath:db/migration";

  private final PgConnectOptions connectOptions;
  private final PGSimpleDataSource dataSource;
  private final int poolSize;
  private final AutoCloseable server;
  private final Map<Vertx, Pool> pools = new IdentityHashMap<>();

  /** Connections closed by their users, kept open for the next {@link #connection()}. */
  private final IdleConnections idle;

  private boolean closed;

  private Database(PgConnectOptions connectOptions, int poolSize, AutoCloseable server) {
    this.connectOptions = connectOptions;
    this.poolSize = poolSize;
    this.server = server;
    this.dataSource = new PGSimpleDataSource();
    dataSource.setServerNames(new String[] {connectOptions.getHost()});
    dataSource.setPortNumbers(new int[] {connectOptions.getPort()});
    dataSource.setDatabaseName(connectOptions.getDatabase());
    dataSource.setUser(connectOptions.getUser());
    if (connectOptions.getPassword() != null) dataSource.setPassword(connectOptions.getPassword());
    dataSource.setApplicationName("duesline");
    this.idle = new IdleConnections(dataSource, 8);
  }

  /**
   * Opens the store the configuration names: external when {@code store.db-url} is set (password
   * from {@code DUESLINE_DB_PASSWORD}), otherwise the embedded server under {@code store.data-dir}.
   */
  public static Database open(DueslineConfig config) {
    return open(config, Secrets.fromEnvironment());
  }

  /** As {@link #open(DueslineConfig)} with explicit secrets. */
  public static Database open(DueslineConfig config, Secrets secrets) {
    int poolSize = config.getInt("store.pool-size");
    var url = config.optional("store.db-url");
    if (url.isPresent()) {
      PgConnectOptions options = parseJdbcUrl(url.get());
      options.setUser(config.get("store.db-user"));
      secrets.get("DUESLINE_DB_PASSWORD").ifPresent(s -> options.setPassword(s.value()));
      return migrated(new Database(options, poolSize, null));
    }
    EmbeddedServer server = EmbeddedServer.startOrAttach(config.getPath("store.data-dir"));
    try {
      return migrated(new Database(server.connectOptions(), poolSize, server));
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  /**
   * A database at an already running server (tests, tools); migrated on open, closing it stops
   * nothing.
   */
  public static Database connect(
      String host, int port, String database, String user, String password, int poolSize) {
    PgConnectOptions options =
        new PgConnectOptions()
            .setHost(host)
            .setPort(port)
            .setDatabase(database)
            .setUser(user)
            .setPassword(password);
    return migrated(new Database(options, poolSize, null));
  }

  private static Database migrated(Database db) {
    try {
      Flyway.configure()
          .dataSource(db.dataSource)
          .locations(MIGRATIONS)
          // Capabilities own number bands and land in any order; a later low number must still
          // apply.
          .outOfOrder(true)
          .load()
          .migrate();
      return db;
    } catch (RuntimeException e) {
      db.close();
      throw new StoreException("cannot migrate " + db.describe() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses {@code jdbc:postgresql://host[:port]/db[?params]} into connect options; user and
   * password come from config/secrets.
   */
  static PgConnectOptions parseJdbcUrl(String jdbcUrl) {
    String url = jdbcUrl.trim();
    if (!url.startsWith("jdbc:postgresql://")) {
      throw new StoreException(
          "store.db-url must look like jdbc:postgresql://host:5432/db, got '" + url + "'");
    }
    String rest = url.substring("jdbc:postgresql://".length());
    int q = rest.indexOf('?');
    if (q >= 0) rest = rest.substring(0, q);
    int slash = rest.indexOf('/');
    if (slash < 0 || slash == rest.length() - 1) {
      throw new StoreException("store.db-url names no database: '" + url + "'");
    }
    String hostPort = rest.substring(0, slash);
    String db = rest.substring(slash + 1);
    String host = hostPort;
    int port = 5432;
    int colon = hostPort.lastIndexOf(':');
    if (colon > 0 && !hostPort.endsWith("]")) {
      host = hostPort.substring(0, colon);
      try {
        port = Integer.parseInt(hostPort.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new StoreException("store.db-url has a bad port: '" + url + "'");
      }
    }
    return new PgConnectOptions().setHost(host).setPort(port).setDatabase(db);
  }

  /** A non-pooled JDBC data source, for blocking work: Flyway, COPY, the CLI. */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * A JDBC connection in its initial state (auto-commit, read committed, read-write): one a caller
   * closed before, if any is idle, else a new one. Close it when done, as usual.
   */
  public Connection connection() throws SQLException {
    BlockingGuard.notOnEventLoop("JDBC");
    return idle.take();
  }

  /**
   * The reactive pool for {@code vertx}, created on first use (size {@code store.pool-size}) and
   * closed with this database.
   */
  public synchronized Pool pool(Vertx vertx) {
    Objects.requireNonNull(vertx, "vertx");
    if (closed) throw new IllegalStateException("database is closed");
    return pools.computeIfAbsent(
        vertx,
        v ->
            PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(poolSize))
                .connectingTo(new PgConnectOptions(connectOptions))
                .using(v)
                .build());
  }

  /**
   * Connection options (host, port, database, user) for tools that need them; includes the password
   * if any.
   */
  public PgConnectOptions connectOptions() {
    return new PgConnectOptions(connectOptions);
  }

  /** The JDBC URL of this database, without credentials, safe to print. */
  public String jdbcUrl() {
    return "jdbc:postgresql://"
        + connectOptions.getHost()
        + ":"
        + connectOptions.getPort()
        + "/"
        + connectOptions.getDatabase();
  }

  /** True when this process started the embedded server (it stops on close). */
  public boolean ownsServer() {
    return server instanceof EmbeddedServer e && e.owner();
  }

  private String describe() {
    return jdbcUrl();
  }

  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    idle.close();
    for (Pool pool : pools.values()) {
      pool.close();
    }
    pools.clear();
    if (server != null) {
      try {
        server.close();
      } catch (Exception e) {
        LOG.warn("stopping the embedded database failed: {}", e.getMessage());
      }
    }
  }
}
