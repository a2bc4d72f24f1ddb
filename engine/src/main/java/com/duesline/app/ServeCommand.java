package com.duesline.app;

import com.duesline.cli.CommonOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `duesline serve --port P`: runs the engine on the configured store until Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the engine until Ctrl-C (store stopped cleanly on exit).")
public final class ServeCommand implements Callable<Integer> {
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Option(names = "--port", description = "HTTP port (default http.port, 8080).")
  Integer port;

  @Option(
      names = "--no-dialer",
      description = "Serve the API and pages only: place no calls or messages.")
  boolean noDialer;

  @Option(
      names = "--cluster",
      description =
          "Join the cluster in cluster.members (Hazelcast, TCP-IP) as a node on one shared PostgreSQL (store.db-url or a shared --data-dir).")
  boolean cluster;

  @Option(
      names = "--carrier",
      description =
          "local (the in-process local carrier, default) or twilio (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, DUESLINE_PUBLIC_URL).")
  String carrier;

  @Override
  public Integer call() throws Exception {
    var config = common.config();
    if (carrier != null) {
      if (!carrier.equals("local") && !carrier.equals("twilio")) {
        throw new com.duesline.cli.InputRejectedException(
            "--carrier: expected local or twilio, got '" + carrier + "'");
      }
      config = config.with("carrier.kind", carrier);
    }
    // A carrier the engine cannot use is refused before the port opens (exit 2 with the reason),
    // rather
    // than serving pages with no webhooks a real carrier could reach.
    if (!noDialer)
      com.duesline.carrier.CarrierSettings.resolve(
          config, com.duesline.config.Secrets.fromEnvironment(), System::getenv);
    int httpPort = port != null ? port : config.getInt("http.port");
    Engine engine;
    if (cluster) {
      var settings = com.duesline.cluster.ClusterSettings.from(config, httpPort);
      config = config.with("cluster.node-id", settings.nodeId());
      com.duesline.cluster.NodeLogField.name(settings.nodeId());
      engine = Engine.createClustered(config, new com.duesline.cluster.ClusterMembership(settings));
      spec.commandLine()
          .getOut()
          .printf("node %s joined the cluster %s%n", settings.nodeId(), settings.members());
    } else {
      engine = Engine.create(config);
    }
    WebConsole console = WebConsole.beforeStart(engine);
    return EngineRunner.runUntilStopped(
        engine,
        httpPort,
        spec.commandLine().getOut(),
        false,
        started -> {
          if (noDialer) console.withoutCalls();
          else DialerStart.start(started, console, spec.commandLine().getOut());
        });
  }
}
