package com.duesline.store;

import io.vertx.pgclient.PgConnectOptions;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL under {@code <data-dir>/pg}, shared safely between processes.
 *
 * <p>The first process to take the lock on {@code <data-dir>/pg.lock} starts the server and writes
 * its port to {@code <data-dir>/pg.port}; any other process (say {@code duesline accounts} while
 * {@code duesline demo} runs) attaches to that server instead of starting a second postmaster on
 * the same files. The OS releases the lock if the owner dies, so a crash never wedges the data dir.
 */
final class EmbeddedServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedServer.class);
  static final String DATABASE = "duesline";
  static final String USER = "postgres";
  private static final Duration ATTACH_WAIT = Duration.ofSeconds(60);

  private final EmbeddedPostgres postgres;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Path portFile;
  private final int port;

  private EmbeddedServer(
      EmbeddedPostgres postgres, FileChannel lockChannel, FileLock lock, Path portFile, int port) {
    this.postgres = postgres;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.portFile = portFile;
    this.port = port;
  }

  /** Starts the server under {@code dataDir}, or attaches to the one another process runs there. */
  static EmbeddedServer startOrAttach(Path dataDir) {
    Path dir = dataDir.toAbsolutePath().normalize();
    Path portFile = dir.resolve("pg.port");
    FileChannel channel = null;
    try {
      Files.createDirectories(dir);
      channel =
          FileChannel.open(
              dir.resolve("pg.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException sameJvm) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        return attach(portFile);
      }
      Files.deleteIfExists(portFile);
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(dir.resolve("pg"))
              .setCleanDataDirectory(false)
              .setLocaleConfig("encoding", "UTF8")
              .setLocaleConfig("locale", "C")
              .setPGStartupWait(Duration.ofSeconds(60))
              // This store keeps evidence between runs: undo zonky's test defaults (-F, i.e. fsync
              // off,
              // and synchronous_commit off); a later -c wins over -F.
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              // Bulk ledger imports write a lot of WAL in one transaction; fewer checkpoints, more
              // buffers.
              .setServerConfig("max_wal_size", "2GB")
              .setServerConfig("checkpoint_timeout", "15min")
              .setServerConfig("shared_buffers", "256MB")
              .setServerConfig("work_mem", "32MB")
              .setServerConfig("maintenance_work_mem", "256MB")
              .start();
      createDatabaseIfMissing(pg.getPort());
      Path tmp = portFile.resolveSibling("pg.port.tmp");
      Files.writeString(tmp, Integer.toString(pg.getPort()), StandardCharsets.US_ASCII);
      Files.move(
          tmp, portFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      LOG.info(
          "embedded PostgreSQL started on port {} with data in {}",
          pg.getPort(),
          dir.resolve("pg"));
      return new EmbeddedServer(pg, channel, lock, portFile, pg.getPort());
    } catch (IOException e) {
      closeQuietly(channel);
      throw new StoreException(
          "cannot start the embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Waits for the owner's port file and a server that answers on it. */
  private static EmbeddedServer attach(Path portFile) {
    long deadline = System.nanoTime() + ATTACH_WAIT.toNanos();
    String last = "no port file " + portFile + " yet";
    while (System.nanoTime() < deadline) {
      try {
        if (Files.exists(portFile)) {
          int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).trim());
          try (Connection c = DriverManager.getConnection(url(port, DATABASE), USER, "")) {
            LOG.info("attached to the embedded PostgreSQL another process runs on port {}", port);
            return new EmbeddedServer(null, null, null, portFile, port);
          }
        }
      } catch (IOException | NumberFormatException | SQLException e) {
        last = e.getMessage();
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new StoreException(
        "the embedded database in "
            + portFile.getParent()
            + " is locked by another process but does not answer ("
            + last
            + ")");
  }

  private static void createDatabaseIfMissing(int port) {
    try (Connection c = DriverManager.getConnection(url(port, "postgres"), USER, "");
        var check = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      check.setString(1, DATABASE);
      try (var rs = check.executeQuery()) {
        if (!rs.next()) {
          try (var st = c.createStatement()) {
            st.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8' TEMPLATE template0");
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException(
          "cannot create database " + DATABASE + " in the embedded server: " + e.getMessage(), e);
    }
  }

  static String url(int port, String database) {
    return "jdbc:postgresql://localhost:" + port + "/" + database;
  }

  PgConnectOptions connectOptions() {
    return new PgConnectOptions()
        .setHost("localhost")
        .setPort(port)
        .setDatabase(DATABASE)
        .setUser(USER)
        .setPassword("");
  }

  boolean owner() {
    return postgres != null;
  }

  @Override
  public void close() {
    if (postgres == null) return;
    try {
      Files.deleteIfExists(portFile);
      postgres.close();
      LOG.info("embedded PostgreSQL stopped");
    } catch (IOException e) {
      throw new StoreException("stopping the embedded PostgreSQL failed: " + e.getMessage(), e);
    } finally {
      try {
        lock.release();
      } catch (IOException ignored) {
        // The channel close below releases it anyway.
      }
      closeQuietly(lockChannel);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) return;
    try {
      channel.close();
    } catch (IOException ignored) {
      // Nothing left to release.
    }
  }
}
