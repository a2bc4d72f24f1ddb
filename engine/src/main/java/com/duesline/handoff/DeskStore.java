package com.duesline.handoff;

import com.duesline.handoff.HandoffDesk.Agent;
import com.duesline.handoff.HandoffDesk.AgentState;
import com.duesline.handoff.HandoffDesk.Handoff;
import com.duesline.store.Database;
import com.duesline.store.StoreException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The hand-off desk of a cluster as PostgreSQL holds it: agents' presence with leases ({@code
 * desk_agents}) and waiting hand-offs with the node that owns each call ({@code handoffs}).
 * PostgreSQL decides who takes a hand-off: {@link #take} moves one free agent and one waiting
 * hand-off together in one transaction, so no two agents get the same call and no agent gets two,
 * whichever nodes they ask. Blocking JDBC: call from a worker.
 */
public final class DeskStore {
  private final Database db;

  public DeskStore(Database db) {
    this.db = db;
  }

  /** A hand-off taken: by whom, and the node that owns its call (null when not yet published). */
  public record Taken(Agent agent, String ownerNode) {}

  /** A waiting hand-off as any node sees it: how long it has waited and which node owns it. */
  public record Waiting(Handoff handoff, long waitedMs, String ownerNode) {}

  /**
   * The desk across the cluster: waiting hand-offs of live nodes, agents whose presence is live.
   */
  public record View(List<Waiting> waiting, List<Agent> agents) {}

  /** Marks a waiting hand-off as owned by {@code node}: from then on every node offers it. */
  public void publish(long handoffId, String node, int priority) {
    update(
        "publish hand-off " + handoffId,
        "UPDATE handoffs SET node_id = ?, priority = ? WHERE id = ? AND status = 'waiting'",
        node,
        priority,
        handoffId);
  }

  /**
   * An agent's console reached {@code node}: they are {@code state} at {@code address}, renewed by
   * that node.
   */
  public void present(Agent a, String node, Duration lease) {
    update(
        "store agent " + a.name(),
        """
        INSERT INTO desk_agents (name, address, state, since, node_id, lease_until)
        VALUES (?, ?, ?, to_timestamp(? / 1000.0), ?, now() + ? * interval '1 millisecond')
        ON CONFLICT (name) DO UPDATE SET address = EXCLUDED.address, state = EXCLUDED.state, since = EXCLUDED.since,
          node_id = EXCLUDED.node_id, lease_until = EXCLUDED.lease_until,
          handoff_id = CASE WHEN EXCLUDED.state = 'on_call' THEN desk_agents.handoff_id END""",
        a.name(),
        a.address(),
        a.state().name().toLowerCase(Locale.ROOT),
        a.since(),
        node,
        lease.toMillis());
  }

  /** Renews the presence of every agent {@code node} serves. */
  public void renew(String node, Duration lease) {
    update(
        "renew agents of " + node,
        "UPDATE desk_agents SET lease_until = now() + ? * interval '1 millisecond' WHERE node_id = ?",
        lease.toMillis(),
        node);
  }

  /**
   * {@code agent} takes waiting hand-off {@code handoffId}: in one transaction the agent's row
   * (free, live) is locked and moved on call, and the hand-off assigned to them; either both happen
   * or neither.
   */
  public Optional<Taken> take(long handoffId, String agent) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        String address;
        // The agent's row first: a second take by the same agent waits here and then finds them on
        // call.
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT address FROM desk_agents WHERE name = ? AND state = 'free' AND lease_until >= now() FOR UPDATE")) {
          ps.setString(1, agent);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              c.rollback();
              return Optional.empty();
            }
            address = rs.getString(1);
          }
        }
        String owner;
        // Then the hand-off: a second agent's take waits on its row and then finds it no longer
        // waiting.
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE handoffs SET status = 'assigned', agent = ?, assigned_at = now() WHERE id = ? AND status = 'waiting' RETURNING node_id")) {
          ps.setString(1, agent);
          ps.setLong(2, handoffId);
          try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              c.rollback();
              return Optional.empty();
            }
            owner = rs.getString(1);
          }
        }
        long since;
        try (PreparedStatement ps =
            c.prepareStatement(
                "UPDATE desk_agents SET state = 'on_call', since = now(), handoff_id = ? WHERE name = ? RETURNING (extract(epoch FROM since) * 1000)::bigint")) {
          ps.setLong(1, handoffId);
          ps.setString(2, agent);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            since = rs.getLong(1);
          }
        }
        c.commit();
        return Optional.of(new Taken(new Agent(agent, address, AgentState.ON_CALL, since), owner));
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new StoreException(
          "cannot give hand-off " + handoffId + " to " + agent + ": " + e.getMessage(), e);
    }
  }

  /**
   * Nobody took the hand-off in time (or the caller left): it is abandoned unless an agent took it
   * first, in which case that agent is returned (they have it, and the owner transfers or they call
   * back).
   */
  public Optional<Agent> abandon(long handoffId) {
    if (update(
            "abandon hand-off " + handoffId,
            "UPDATE handoffs SET status = 'abandoned', closed_at = now() WHERE id = ? AND status = 'waiting'",
            handoffId)
        == 1) {
      return Optional.empty();
    }
    return takers(List.of(handoffId)).values().stream().findFirst();
  }

  /** Of the hand-offs {@code ids}, those an agent took, with the agent (for the owner's poll). */
  public Map<Long, Agent> takers(List<Long> ids) {
    Map<Long, Agent> out = new HashMap<>();
    if (ids.isEmpty()) return out;
    try (Connection c = db.connection();
        PreparedStatement ps =
            c.prepareStatement(
                """
        SELECT h.id, d.name, d.address, (extract(epoch FROM h.assigned_at) * 1000)::bigint
        FROM handoffs h JOIN desk_agents d ON d.name = h.agent
        WHERE h.id = ANY(?) AND h.status IN ('assigned', 'closed')""")) {
      Array array = c.createArrayOf("bigint", ids.toArray());
      ps.setArray(1, array);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next())
          out.put(
              rs.getLong(1),
              new Agent(rs.getString(2), rs.getString(3), AgentState.ON_CALL, rs.getLong(4)));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read who took hand-offs " + ids + ": " + e.getMessage(), e);
    }
  }

  /**
   * What every node's desk shows: hand-offs waiting on live nodes (younger than {@code maxWaitMs}:
   * older ones are a dead process's leftovers), and agents whose presence is live.
   */
  public View view(long maxWaitMs) {
    List<Waiting> waiting = new ArrayList<>();
    List<Agent> agents = new ArrayList<>();
    try (Connection c = db.connection()) {
      try (PreparedStatement ps =
          c.prepareStatement(
              """
          SELECT h.id, coalesce(h.attempt_id, 0), h.reason, h.summary, h.priority,
                 (extract(epoch FROM now() - h.created_at) * 1000)::bigint, h.node_id
          FROM handoffs h JOIN nodes n ON n.id = h.node_id
          WHERE h.status = 'waiting' AND n.lease_until >= now() AND h.created_at >= now() - ? * interval '1 millisecond'
          ORDER BY h.priority DESC, h.created_at""")) {
        ps.setLong(1, maxWaitMs + 5_000);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            waiting.add(
                new Waiting(
                    new Handoff(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5)),
                    Math.max(0, rs.getLong(6)),
                    rs.getString(7)));
          }
        }
      }
      try (PreparedStatement ps =
              c.prepareStatement(
                  """
          SELECT name, address, state, (extract(epoch FROM since) * 1000)::bigint FROM desk_agents
          WHERE lease_until >= now() ORDER BY name""");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          agents.add(
              new Agent(
                  rs.getString(1),
                  rs.getString(2),
                  AgentState.valueOf(rs.getString(3).toUpperCase(Locale.ROOT)),
                  rs.getLong(4)));
        }
      }
      return new View(waiting, agents);
    } catch (SQLException e) {
      throw new StoreException("cannot read the desk: " + e.getMessage(), e);
    }
  }

  private int update(String what, String sql, Object... args) {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new StoreException("cannot " + what + ": " + e.getMessage(), e);
    }
  }
}
