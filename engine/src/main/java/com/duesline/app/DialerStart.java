package com.duesline.app;

import com.duesline.call.CallRuntime;
import com.duesline.call.CarrierRecovery;
import com.duesline.call.VoiceChannel;
import com.duesline.campaign.CampaignService;
import com.duesline.campaign.ContactChannel;
import com.duesline.campaign.Dialer;
import com.duesline.campaign.DialerLimits;
import com.duesline.campaign.DialerLoop;
import com.duesline.cluster.ClusterHealth;
import com.duesline.cluster.NodeRegistry;
import com.duesline.config.Secrets;
import com.duesline.handoff.DeskStore;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.letters.ChannelRouter;
import com.duesline.letters.LetterChannel;
import com.duesline.letters.LetterMail;
import com.duesline.letters.LetterStore;
import com.duesline.letters.LetterWriter;
import com.duesline.scripts.LibraryLocation;
import com.duesline.telephony.local.PersonaLoader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Clock;

/**
 * Starts calling for `serve`: the live-call runtime on the configured carrier (the local carrier
 * with the library's personas, or Twilio), and the campaign dialer working running campaigns
 * through it (letter rungs through the letter channel).
 */
final class DialerStart {
  private DialerStart() {}

  static void start(Engine engine, WebConsole console, PrintWriter out) throws Exception {
    var config = engine.config();
    boolean local = config.get("carrier.kind").equals("local");
    CallRuntime runtime =
        CallRuntime.start(
            engine,
            local
                ? PersonaLoader.loadDirectory(LibraryLocation.resolve(null).resolve("personas"))
                : null);
    console.withCalls(runtime);
    dial(
        engine,
        console,
        runtime,
        new VoiceChannel(
            engine.vertx(),
            runtime,
            runtime.carrier(),
            ArrearsQuery.fromConfig(engine.database(), config),
            config),
        Clock.systemUTC());
    out.printf(
        "dialer running on the %s carrier; start a campaign with `duesline campaign start`%n",
        local ? "local" : "Twilio");
    out.flush();
  }

  /** A running dialer and the loop that ticks it. */
  record Dialing(Dialer dialer, DialerLoop loop) {}

  /**
   * The campaign dialer working every running campaign, ticking each second: calls and SMS through
   * {@code voice}, letter rungs through the letter channel, paced by {@link DialerLimits#from}
   * (what the campaign board reports). `serve` and `demo` both dial through here.
   */
  static Dialing dial(
      Engine engine, WebConsole console, CallRuntime runtime, ContactChannel voice, Clock clock) {
    var config = engine.config();
    // Letter rungs are written, e-mailed or queued for print, never dialed.
    LetterChannel letters =
        new LetterChannel(
            LetterWriter.from(engine.database(), config, console.payments().letterLinks()),
            new LetterStore(engine.database()),
            LetterMail.from(config, Secrets.fromEnvironment()),
            work ->
                engine.blocking(
                    () -> {
                      work.run();
                      return null;
                    }),
            clock);
    DialerLimits limits = DialerLimits.from(config);
    // Every engine is a node with a lease, alone or in a cluster: its claims carry its fencing
    // epoch, and
    // contacts a lost node left in progress are settled with the carrier before anything is
    // redialed.
    String nodeId =
        engine
            .cluster()
            .map(c -> c.settings().nodeId())
            .orElse(ManagementFactory.getRuntimeMXBean().getName());
    NodeRegistry nodes =
        new NodeRegistry(
            engine.database(), nodeId, "http://127.0.0.1:" + engine.port(), limits.lease(), clock);
    nodes.register();
    java.util.function.IntSupplier liveNodes = ClusterHealth.start(engine, nodes);
    // In a cluster the hand-off desk is shared through PostgreSQL: an agent on any node is offered
    // this
    // node's hand-offs, and this node transfers the calls it owns to whoever took them.
    if (engine.cluster().isPresent())
      runtime.desk().share(new DeskStore(engine.database()), nodeId, limits.lease());
    Dialer dialer =
        new Dialer(
            new CampaignService(engine.database(), clock),
            new ChannelRouter(letters, voice),
            limits,
            () -> (int) runtime.desk().agents().stream().filter(a -> a.free()).count(),
            nodes::owner,
            new CarrierRecovery(runtime.carrier()),
            clock,
            engine.blockingExecutor());
    // The carrier's calls-per-second limit is the account's: the live nodes of a cluster share it.
    if (engine.cluster().isPresent()) dialer.shareCps(liveNodes);
    return new Dialing(dialer, DialerLoop.start(engine, dialer, 1000));
  }
}
