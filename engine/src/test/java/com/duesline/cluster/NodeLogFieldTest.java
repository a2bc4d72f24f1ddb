package com.duesline.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The engine's own log configurations (text and JSON) load cleanly and name the cluster node on
 * every line once it is set, and nothing before.
 */
class NodeLogFieldTest {
  @Test
  void everyLineNamesTheNodeOnceItJoined() throws Exception {
    LoggerContext text = configured("logback.xml");
    assertThat(line(text)).contains("INFO  c.d.c.NodeLogFieldTest - hello").doesNotContain("[");
    NodeLogField.name(text, "node-7");
    assertThat(line(text)).contains("INFO  [node-7] c.d.c.NodeLogFieldTest - hello");

    LoggerContext json = configured("logback-json.xml");
    NodeLogField.name(json, "node-7");
    assertThat(line(json)).contains("\"node\"").contains("\"node-7\"");
  }

  private static LoggerContext configured(String resource) throws Exception {
    LoggerContext context = new LoggerContext();
    context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(NodeLogFieldTest.class.getClassLoader().getResource(resource));
    // A warning while configuring makes logback print its whole status at every start: there must
    // be none.
    assertThat(new ch.qos.logback.core.status.StatusUtil(context).getHighestLevel(0))
        .as(resource + " configures cleanly")
        .isLessThan(ch.qos.logback.core.status.Status.WARN);
    return context;
  }

  private static String line(LoggerContext context) {
    var logger = context.getLogger(NodeLogFieldTest.class);
    LoggingEvent event =
        new LoggingEvent(NodeLogFieldTest.class.getName(), logger, Level.INFO, "hello", null, null);
    @SuppressWarnings("unchecked")
    Encoder<ILoggingEvent> encoder =
        ((ConsoleAppender<ILoggingEvent>)
                context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("OUT"))
            .getEncoder();
    return new String(encoder.encode(event), StandardCharsets.UTF_8);
  }
}
