package com.duesline.cluster;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.slf4j.LoggerFactory;

/**
 * The node id on every log line of a cluster node, so the logs of several nodes read as one: {@code
 * %node} in the text pattern prints {@code [node-1] } (nothing outside a cluster), and the JSON
 * encoder carries it among the logger context's properties ({@code context.properties.node}). Set
 * once, when the node joins.
 */
public final class NodeLogField extends ClassicConverter {
  private static final String KEY = "node";

  /** Names this process's node in its logs from now on. */
  public static void name(String node) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) name(context, node);
  }

  static void name(LoggerContext context, String node) {
    context.putProperty(KEY, node);
  }

  @Override
  public String convert(ILoggingEvent event) {
    String node =
        event.getLoggerContextVO() == null
            ? null
            : event.getLoggerContextVO().getPropertyMap().get(KEY);
    return node == null ? "" : "[" + node + "] ";
  }
}
