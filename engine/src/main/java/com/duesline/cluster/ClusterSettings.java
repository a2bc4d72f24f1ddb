package com.duesline.cluster;

import com.duesline.config.ConfigException;
import com.duesline.config.DueslineConfig;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code cluster:} configuration of a node: its id, the address and port it binds (Hazelcast on
 * {@code port}, the clustered event bus on {@code port + 1}), the members it joins by TCP-IP, and
 * how long a silent member is kept.
 */
public record ClusterSettings(
    String nodeId, String host, int port, List<String> members, int heartbeatTimeoutSeconds) {
  public ClusterSettings {
    if (port < 1 || port > 65534)
      throw new ConfigException("cluster.port must be 1..65534, got " + port);
    if (members.isEmpty())
      throw new ConfigException("cluster.members: name at least one member (host:port)");
    for (String m : members) {
      if (!m.matches("[A-Za-z0-9.\\-\\[\\]:]+:\\d{1,5}"))
        throw new ConfigException("cluster.members: '" + m + "' is not host:port");
    }
    if (heartbeatTimeoutSeconds < 2)
      throw new ConfigException(
          "cluster.heartbeat-timeout-seconds must be at least 2, got " + heartbeatTimeoutSeconds);
  }

  /** From configuration; the node id defaults to {@code host:httpPort}. */
  public static ClusterSettings from(DueslineConfig config, int httpPort) {
    String host = config.get("cluster.host").trim();
    String id =
        config.optional("cluster.node-id").filter(s -> !s.isBlank()).orElse(host + ":" + httpPort);
    List<String> members =
        Arrays.stream(config.get("cluster.members").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    return new ClusterSettings(
        id,
        host,
        config.getInt("cluster.port"),
        members,
        config.getInt("cluster.heartbeat-timeout-seconds"));
  }
}
