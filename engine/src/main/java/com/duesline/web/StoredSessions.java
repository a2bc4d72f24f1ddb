package com.duesline.web;

import com.duesline.store.Database;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.prng.VertxContextPRNG;
import io.vertx.ext.web.Session;
import io.vertx.ext.web.sstore.SessionStore;
import io.vertx.ext.web.sstore.impl.SharedDataSessionImpl;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Sign-in sessions in PostgreSQL ({@code web_sessions}), so a restarted engine or another node of a
 * cluster knows who is signed in. Rows are keyed by the SHA-256 of the session id (a stolen table
 * yields no cookie); the session's data is Vert.x's own serialised form. JDBC runs on worker
 * threads.
 */
public final class StoredSessions implements SessionStore {
  private final Database db;

  /**
   * Sessions whose write is still on its way to the store, by id: the browser's next request may
   * come before it lands (the response leaves as the write starts), and this node must know its own
   * writes. Everything else is read from the store, so a sign-out on any node counts everywhere.
   */
  private final java.util.Map<String, Session> writing =
      new java.util.concurrent.ConcurrentHashMap<>();

  private Vertx vertx;
  private VertxContextPRNG random;

  public StoredSessions(Database db) {
    this.db = db;
  }

  @Override
  public SessionStore init(Vertx vertx, JsonObject options) {
    this.vertx = vertx;
    this.random = VertxContextPRNG.current(vertx);
    return this;
  }

  @Override
  public long retryTimeout() {
    return 0;
  }

  @Override
  public Session createSession(long timeout) {
    return createSession(timeout, DEFAULT_SESSIONID_LENGTH);
  }

  @Override
  public Session createSession(long timeout, int length) {
    return new SharedDataSessionImpl(random, timeout, length);
  }

  @Override
  public Future<Session> get(String id) {
    Session inFlight = writing.get(id);
    if (inFlight != null) return Future.succeededFuture(inFlight);
    return vertx.executeBlocking(
        () -> {
          try (Connection c = db.connection();
              PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT data FROM web_sessions WHERE id = ? AND expires_at > ?")) {
            ps.setString(1, key(id));
            ps.setTimestamp(2, Timestamp.from(Instant.now()));
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) return null;
              SharedDataSessionImpl s = new SharedDataSessionImpl(random);
              s.readFromBuffer(0, Buffer.buffer(rs.getBytes(1)));
              return s;
            }
          }
        },
        false);
  }

  @Override
  public Future<Void> delete(String id) {
    writing.remove(id);
    return update("DELETE FROM web_sessions WHERE id = ?", key(id));
  }

  @Override
  public Future<Void> put(Session session) {
    SharedDataSessionImpl s = (SharedDataSessionImpl) session;
    Buffer data = Buffer.buffer();
    s.writeToBuffer(data);
    Instant expires = Instant.now().plusMillis(s.timeout());
    writing.put(s.id(), s);
    return vertx
        .<Void>executeBlocking(
            () -> {
              try (Connection c = db.connection()) {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        """
            INSERT INTO web_sessions(id, data, expires_at, updated_at) VALUES (?, ?, ?, now())
            ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, expires_at = EXCLUDED.expires_at, updated_at = now()""")) {
                  ps.setString(1, key(s.id()));
                  ps.setBytes(2, data.getBytes());
                  ps.setTimestamp(3, Timestamp.from(expires));
                  ps.executeUpdate();
                }
                // Expired sessions go as new ones are stored: nothing else has to sweep them.
                try (PreparedStatement ps =
                    c.prepareStatement("DELETE FROM web_sessions WHERE expires_at < ?")) {
                  ps.setTimestamp(1, Timestamp.from(Instant.now()));
                  ps.executeUpdate();
                }
                return null;
              }
            },
            false)
        .onComplete(r -> writing.remove(s.id(), s));
  }

  @Override
  public Future<Void> clear() {
    return update("DELETE FROM web_sessions");
  }

  @Override
  public Future<Integer> size() {
    return vertx.executeBlocking(
        () -> {
          try (Connection c = db.connection();
              PreparedStatement ps =
                  c.prepareStatement("SELECT count(*) FROM web_sessions WHERE expires_at > now()");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
          }
        },
        false);
  }

  @Override
  public void close() {}

  private Future<Void> update(String sql, String... args) {
    return vertx.executeBlocking(
        () -> {
          try (Connection c = db.connection();
              PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) ps.setString(i + 1, args[i]);
            ps.executeUpdate();
            return null;
          } catch (SQLException e) {
            throw new IllegalStateException("sessions: " + e.getMessage(), e);
          }
        },
        false);
  }

  private static String key(String sessionId) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(sessionId.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
