package com.duesline.app;

import com.duesline.call.CallRuntime;
import com.duesline.call.VoiceChannel;
import com.duesline.campaign.CampaignService;
import com.duesline.campaign.Dialer;
import com.duesline.campaign.DialerLimits;
import com.duesline.campaign.DialerLoop;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.scripts.LibraryLocation;
import com.duesline.telephony.local.PersonaLoader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Clock;

/**
 * Starts calling for `serve`: the live-call runtime on the configured carrier (the local carrier with
 * the library's personas, or Twilio), and the campaign dialer working running campaigns through it.
 */
final class DialerStart {
  private DialerStart() {}

  static void start(Engine engine, WebConsole console, PrintWriter out) throws Exception {
    var config = engine.config();
    boolean local = config.get("carrier.kind").equals("local");
    CallRuntime runtime = CallRuntime.start(engine,
        local ? PersonaLoader.loadDirectory(LibraryLocation.resolve(null).resolve("personas")) : null);
    console.withCalls(runtime);
    VoiceChannel channel = new VoiceChannel(engine.vertx(), runtime, runtime.carrier(), ArrearsQuery.fromConfig(engine.database(), config), config);
    Clock clock = Clock.systemUTC();
    Dialer dialer = new Dialer(new CampaignService(engine.database(), clock), channel, DialerLimits.from(config),
        () -> (int) runtime.desk().agents().stream().filter(a -> a.free()).count(),
        ManagementFactory.getRuntimeMXBean().getName(), clock, engine.blockingExecutor());
    DialerLoop.start(engine, dialer, 1000);
    out.printf("dialer running on the %s carrier; start a campaign with `duesline campaign start`%n", local ? "local" : "Twilio");
    out.flush();
  }
}
