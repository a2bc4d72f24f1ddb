package com.duesline.cluster;

import com.duesline.campaign.TaskStore;
import com.duesline.store.Database;
import com.duesline.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's registration and lease in PostgreSQL ({@code nodes}): it registers with a fresh
 * fencing epoch, renews its lease by heartbeat, and when a heartbeat finds the lease already run
 * out (the process was frozen, or cut off from the store) it takes a new epoch before doing
 * anything else, so every claim it made under the old one stays fenced. Blocking JDBC: call from a
 * worker.
 */
public final class NodeRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(NodeRegistry.class);
  private final Database db;
  private final String nodeId;
  private final String address;
  private final Duration lease;
  private final Clock clock;
  private long epoch;
  private Instant leaseUntil = Instant.EPOCH;

  public NodeRegistry(Database db, String nodeId, String address, Duration lease, Clock clock) {
    this.db = db;
    this.nodeId = nodeId;
    this.address = address;
    this.lease = lease;
    this.clock = clock;
  }

  /** One node of the cluster as the store sees it. */
  public record Member(
      String id,
      long epoch,
      String address,
      Instant heartbeatAt,
      Instant leaseUntil,
      boolean live) {}

  public String nodeId() {
    return nodeId;
  }

  public Duration lease() {
    return lease;
  }

  /**
   * The owner claims are made under now: this node with its current epoch. When the lease has run
   * out since the last heartbeat (a long pause), a heartbeat runs first and takes a new epoch.
   */
  public synchronized TaskStore.Owner owner() {
    if (epoch == 0 || !clock.instant().isBefore(leaseUntil)) heartbeat();
    return new TaskStore.Owner(nodeId, epoch);
  }

  /** Registers (or re-registers after a restart) with a new epoch; returns it. */
  public synchronized long register() {
    Instant now = clock.instant();
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                """
        INSERT INTO nodes(id, epoch, address, started_at, heartbeat_at, lease_until) VALUES (?, nextval('fencing_epoch'), ?, ?, ?, ?)
        ON CONFLICT (id) DO UPDATE SET epoch = EXCLUDED.epoch, address = EXCLUDED.address, started_at = EXCLUDED.started_at,
          heartbeat_at = EXCLUDED.heartbeat_at, lease_until = EXCLUDED.lease_until
        RETURNING epoch""")) {
      ps.setString(1, nodeId);
      ps.setString(2, address);
      ps.setTimestamp(3, Timestamp.from(now));
      ps.setTimestamp(4, Timestamp.from(now));
      ps.setTimestamp(5, Timestamp.from(now.plus(lease)));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        epoch = rs.getLong(1);
      }
      leaseUntil = now.plus(lease);
      TaskStore.audit(
          c,
          nodeId,
          "node.registered",
          "node",
          nodeId,
          new io.vertx.core.json.JsonObject().put("epoch", epoch).put("address", address).encode());
      LOG.info("node {} registered with fencing epoch {}", nodeId, epoch);
      return epoch;
    } catch (SQLException e) {
      throw new StoreException("cannot register node " + nodeId + ": " + e.getMessage(), e);
    }
  }

  /**
   * Renews the lease under the current epoch; when it had already run out, registers again with a
   * new epoch (claims under the old one cannot be written any more). Returns the epoch in force.
   */
  public synchronized long heartbeat() {
    if (epoch == 0) return register();
    Instant now = clock.instant();
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE nodes SET heartbeat_at = ?, lease_until = ? WHERE id = ? AND epoch = ? AND lease_until >= ?")) {
      ps.setTimestamp(1, Timestamp.from(now));
      ps.setTimestamp(2, Timestamp.from(now.plus(lease)));
      ps.setString(3, nodeId);
      ps.setLong(4, epoch);
      ps.setTimestamp(5, Timestamp.from(now));
      if (ps.executeUpdate() == 1) {
        leaseUntil = now.plus(lease);
        return epoch;
      }
    } catch (SQLException e) {
      throw new StoreException(
          "cannot renew the lease of node " + nodeId + ": " + e.getMessage(), e);
    }
    LOG.warn(
        "node {}: lease of epoch {} ran out before this heartbeat (frozen or cut off); its claims are fenced, taking a new epoch",
        nodeId,
        epoch);
    return register();
  }

  /** Every registered node, live or not (its lease still running at {@code now}). */
  public List<Member> members(Instant now) {
    List<Member> out = new ArrayList<>();
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, epoch, address, heartbeat_at, lease_until FROM nodes ORDER BY id")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Instant until = rs.getTimestamp(5).toInstant();
          out.add(
              new Member(
                  rs.getString(1),
                  rs.getLong(2),
                  rs.getString(3),
                  rs.getTimestamp(4).toInstant(),
                  until,
                  !until.isBefore(now)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot list nodes: " + e.getMessage(), e);
    }
  }
}
