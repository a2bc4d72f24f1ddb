package com.duesline.call;

import com.duesline.store.Database;
import com.duesline.store.StoreException;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Carrier webhooks as PostgreSQL keeps them in a cluster ({@code carrier_events}): stored once
 * under a key a retry shares, with the node that owns the call, and claimed once by the node that
 * handles them. Blocking JDBC: call from a worker.
 */
public final class CarrierEventStore {
  private final Database db;

  public CarrierEventStore(Database db) {
    this.db = db;
  }

  /** A webhook stored for the first time, and the node that owns its call (null: not known yet). */
  public record Stored(long id, String owner) {}

  /** A stored webhook: its kind and what it said. */
  public record Event(long id, String kind, JsonObject payload) {}

  /**
   * Stores a webhook unless one with the same key is stored already (then empty: a carrier's retry,
   * or the same event reaching another node). A call's event is owned by the node of the attempt
   * with its call id (a call no dialer claim placed, with no node on its attempt, by the node that
   * received the event: its webhooks point at the node that placed it); an event without a call
   * ({@code callSid} null) by the node that received it. Until an attempt names the call, the owner
   * is not known (null).
   */
  public Optional<Stored> record(
      String key, String kind, String callSid, JsonObject payload, String node) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                """
        INSERT INTO carrier_events (event_key, kind, call_sid, owner_node, payload, received_by)
        VALUES (?, ?, ?, CASE WHEN ?::text IS NULL THEN ?
                              ELSE (SELECT coalesce(node_id, ?) FROM attempts WHERE carrier_call_id = ? ORDER BY id DESC LIMIT 1) END,
                ?::jsonb, ?)
        ON CONFLICT (event_key) DO NOTHING
        RETURNING id, owner_node""")) {
      ps.setString(1, key);
      ps.setString(2, kind);
      ps.setString(3, callSid);
      ps.setString(4, callSid);
      ps.setString(5, node);
      ps.setString(6, node);
      ps.setString(7, callSid);
      ps.setString(8, payload.encode());
      ps.setString(9, node);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Stored(rs.getLong(1), rs.getString(2)))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot store carrier event " + key + ": " + e.getMessage(), e);
    }
  }

  /**
   * {@code node} takes the event to handle it; empty when it was handled already (by this node or
   * another).
   */
  public Optional<Event> claim(long id, String node) {
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                "UPDATE carrier_events SET handled_by = ?, handled_at = now() WHERE id = ? AND handled_at IS NULL RETURNING kind, payload::text")) {
      ps.setString(1, node);
      ps.setLong(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Event(id, rs.getString(1), new JsonObject(rs.getString(2))))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot claim carrier event " + id + ": " + e.getMessage(), e);
    }
  }

  /**
   * Events {@code node} owns that nobody handled after {@code graceMs}: their message was lost, or
   * the owner's attempt stored the call id only after the webhook arrived. Events older than an
   * hour are left: their calls were settled with the carrier by then.
   */
  public List<Long> unhandled(String node, long graceMs) {
    List<Long> out = new ArrayList<>();
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                """
        SELECT e.id FROM carrier_events e
        WHERE e.handled_at IS NULL AND e.received_at < now() - ? * interval '1 millisecond' AND e.received_at > now() - interval '1 hour'
          AND coalesce(e.owner_node, (SELECT coalesce(a.node_id, e.received_by) FROM attempts a WHERE a.carrier_call_id = e.call_sid ORDER BY a.id DESC LIMIT 1)) = ?
        ORDER BY e.id LIMIT 200""")) {
      ps.setLong(1, graceMs);
      ps.setString(2, node);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) out.add(rs.getLong(1));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException(
          "cannot list unhandled carrier events of " + node + ": " + e.getMessage(), e);
    }
  }
}
