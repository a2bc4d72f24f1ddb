package com.duesline.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * Membership and messaging for a node: Vert.x's Hazelcast cluster manager, joined by TCP-IP to the
 * configured members only (multicast and auto-detection off, so nodes never find strangers), with
 * short heartbeats so a dead member leaves the cluster in seconds. Nothing authoritative lives in
 * Hazelcast: every fact is in PostgreSQL, the cluster only routes and fans out.
 */
public final class ClusterMembership {
  private final ClusterSettings settings;
  private final HazelcastClusterManager manager;

  public ClusterMembership(ClusterSettings settings) {
    this.settings = settings;
    this.manager = new HazelcastClusterManager(hazelcast(settings));
  }

  /**
   * The Hazelcast configuration: Vert.x's own defaults (its maps and multimaps), then our network.
   */
  static Config hazelcast(ClusterSettings s) {
    Config config = ConfigUtil.loadConfig();
    config.setClusterName("duesline");
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty(
        "hazelcast.max.no.heartbeat.seconds", String.valueOf(s.heartbeatTimeoutSeconds()));
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "slf4j");
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config
        .getNetworkConfig()
        .setPort(s.port())
        .setPortAutoIncrement(false)
        .setPublicAddress(s.host() + ":" + s.port());
    config.getNetworkConfig().getInterfaces().setEnabled(false);
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    join.getTcpIpConfig().setEnabled(true).setMembers(s.members()).setConnectionTimeoutSeconds(2);
    return config;
  }

  public ClusterManager manager() {
    return manager;
  }

  /** Where this node's clustered event bus listens: the configured host, port + 1. */
  public EventBusOptions eventBus() {
    return new EventBusOptions()
        .setHost(settings.host())
        .setPort(settings.port() + 1)
        .setClusterPublicHost(settings.host())
        .setClusterPublicPort(settings.port() + 1);
  }

  public ClusterSettings settings() {
    return settings;
  }

  /** The Vert.x node ids of the members Hazelcast sees now (this one included). */
  public java.util.List<String> members() {
    return manager.isActive() ? manager.getNodes() : java.util.List.of();
  }

  /** This node's Vert.x node id in the cluster manager. */
  public String memberId() {
    return manager.isActive() ? manager.getNodeId() : null;
  }
}
