package com.duesline.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.sql.DataSource;

/**
 * Keeps a few closed-by-the-caller JDBC connections open for the next {@link
 * Database#connection()}. Opening one starts a PostgreSQL backend: about 5 ms on an idle machine
 * and 45-60 ms on the shared 2-core one, several times per dashboard request. Not a pool: there is
 * no upper bound on connections in use and nobody ever waits (a caller holding one while taking
 * another cannot deadlock); only the idle ones are bounded. A connection comes back as a fresh one
 * would be: a transaction left open is rolled back, auto-commit on, read-write, read committed.
 */
final class IdleConnections implements AutoCloseable {
  private final DataSource source;
  private final int maxIdle;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  IdleConnections(DataSource source, int maxIdle) {
    this.source = source;
    this.maxIdle = maxIdle;
  }

  /** An idle connection, or a new one; closing it hands it back. */
  Connection take() throws SQLException {
    Connection real;
    while ((real = idle.pollFirst()) != null) {
      if (!real.isClosed()) return lend(real);
    }
    return lend(source.getConnection());
  }

  private Connection lend(Connection real) {
    boolean[] returned = {false};
    boolean[] isolationSet = {false};
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, m, args) -> {
              switch (m.getName()) {
                case "close" -> {
                  if (!returned[0]) {
                    returned[0] = true;
                    giveBack(real, isolationSet[0]);
                  }
                  return null;
                }
                case "isClosed" -> {
                  return returned[0] || real.isClosed();
                }
                case "equals" -> {
                  return proxy == args[0];
                }
                case "hashCode" -> {
                  return System.identityHashCode(proxy);
                }
                case "toString" -> {
                  return "reused " + real;
                }
                default -> {
                  if (returned[0]) throw new SQLException("the connection is closed");
                  if (m.getName().equals("setTransactionIsolation")) isolationSet[0] = true;
                }
              }
              try {
                return m.invoke(real, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private void giveBack(Connection real, boolean isolationSet) {
    try {
      if (closed || real.isClosed()) {
        real.close();
        return;
      }
      if (!real.getAutoCommit()) {
        real.rollback();
        real.setAutoCommit(true);
      }
      if (real.isReadOnly()) real.setReadOnly(false);
      if (isolationSet) real.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      real.clearWarnings();
      if (idle.size() < maxIdle && !closed) idle.addFirst(real);
      else real.close();
    } catch (SQLException e) {
      // A broken connection is not kept.
      try {
        real.close();
      } catch (SQLException ignored) {
        // already unusable
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    Connection c;
    while ((c = idle.pollFirst()) != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // the server may already be gone
      }
    }
  }
}
