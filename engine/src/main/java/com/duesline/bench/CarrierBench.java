package com.duesline.bench;

import com.duesline.cli.CommonOptions;
import com.duesline.cli.ExitCodes;
import com.duesline.cli.InputRejectedException;
import com.duesline.telephony.carrier.AmdEvent;
import com.duesline.telephony.carrier.CallRequest;
import com.duesline.telephony.carrier.CallStatusEvent;
import com.duesline.telephony.carrier.CarrierListener;
import com.duesline.telephony.carrier.InboundSms;
import com.duesline.telephony.carrier.MediaSession;
import com.duesline.telephony.carrier.SmsStatusEvent;
import com.duesline.telephony.local.FrameTimings;
import com.duesline.telephony.local.LocalCarrier;
import com.duesline.telephony.local.LocalCarrierOptions;
import com.duesline.telephony.local.Persona;
import com.duesline.telephony.local.PersonaLoader;
import com.duesline.telephony.local.ToneVoice;
import com.duesline.telephony.twilio.TelephonyMetrics;
import com.duesline.telephony.twilio.TwilioCarrier;
import com.duesline.telephony.twilio.TwilioSettings;
import com.duesline.telephony.twilio.TwilioWebhooks;
import com.sun.management.OperatingSystemMXBean;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code duesline bench carrier}: N simultaneous calls through the production Twilio adapter and
 * the local carrier, with real-time 20 ms µ-law both ways: the personas speak (tone-burst voice)
 * and a stand-in bot plays a prompt with a question mark every few seconds. Reports how punctually
 * frames left, how many were late, the inbound frame rate the engine saw, mark round trips, and the
 * CPU the whole process used.
 */
@Command(
    name = "carrier",
    mixinStandardHelpOptions = true,
    description = "Simultaneous simulated calls with real-time audio through the local carrier.")
public final class CarrierBench implements java.util.concurrent.Callable<Integer> {
  private static final String ACCOUNT = "AC00000000000000000000000000000000";
  private static final String TOKEN = "bench-token";
  private static final String[] QUESTIONS = {"identity", "amount_due", "payment_date", "confirm"};

  @Mixin CommonOptions common;

  @Option(names = "--calls", description = "Simultaneous calls (default ${DEFAULT-VALUE}).")
  int calls = 50;

  @Option(
      names = "--seconds",
      description = "Measured seconds once every call is connected (default ${DEFAULT-VALUE}).")
  int seconds = 30;

  @Option(
      names = "--warmup",
      description =
          "Seconds run before measuring, so JIT compilation is not measured (default ${DEFAULT-VALUE}).")
  int warmup = 5;

  @Option(
      names = "--personas",
      paramLabel = "DIR",
      description = "Persona directory (default ${DEFAULT-VALUE}).")
  Path personas = Path.of("scripts-library", "library", "personas");

  @Override
  public Integer call() throws Exception {
    if (calls < 1 || calls > 500)
      throw new InputRejectedException("--calls must be 1..500, got " + calls);
    if (seconds < 1) throw new InputRejectedException("--seconds must be positive, got " + seconds);
    List<Persona> talkers =
        PersonaLoader.loadDirectory(personas).stream()
            .filter(p -> p.line() == Persona.Line.ANSWERS && p.hangUpAfterAsks() == 0)
            .toList();
    if (talkers.isEmpty())
      throw new InputRejectedException(
          "--personas: no persona in " + personas + " answers and keeps talking");

    Vertx vertx = Vertx.vertx();
    Router router = Router.router(vertx);
    HttpServer engine =
        await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    String publicUrl = "http://127.0.0.1:" + engine.actualPort();
    TwilioSettings settings = new TwilioSettings(ACCOUNT, TOKEN, publicUrl, 100);
    LocalCarrier local =
        await(
            LocalCarrier.start(
                vertx,
                new LocalCarrierOptions(
                    ACCOUNT, TOKEN, 0, publicUrl, 200, 800, talkers, new ToneVoice(300))));
    TelephonyMetrics metrics = new TelephonyMetrics(new SimpleMeterRegistry());
    TwilioCarrier carrier = new TwilioCarrier(vertx, local.restClient(), settings, metrics);
    Bot bot = new Bot(vertx, calls);
    new TwilioWebhooks(settings, bot, metrics, carrier).mount(router);

    List<Future<String>> placed = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      Persona p = talkers.get(i % talkers.size());
      placed.add(
          carrier.placeCall(
              new CallRequest(
                  p.number(), "+15550100000", "bench-" + i, 15, true, Optional.empty())));
    }
    List<String> sids = new ArrayList<>();
    for (Future<String> f : placed) sids.add(await(f));
    if (!bot.connected.await(60, TimeUnit.SECONDS))
      throw new IllegalStateException(
          "only " + (calls - bot.connected.getCount()) + " of " + calls + " calls connected");

    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
    local.frameTimings().reset();
    long frames0 = bot.framesIn.get();
    long cpu0 = os.getProcessCpuTime();
    long wall0 = System.nanoTime();
    Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
    long wall = System.nanoTime() - wall0;
    long cpu = os.getProcessCpuTime() - cpu0;
    long framesIn = bot.framesIn.get() - frames0;
    FrameTimings.Summary timing = local.frameTimings().summary();

    for (Future<Void> f : sids.stream().map(carrier::hangUp).toList()) await(f);
    double wallSeconds = wall / 1e9;
    JsonObject out =
        new JsonObject()
            .put("calls", calls)
            .put("seconds", Math.round(wallSeconds * 10) / 10.0)
            .put("warmup_seconds", warmup)
            .put("frames_sent", timing.frames())
            .put("frames_expected", (long) (calls * wallSeconds * 50))
            .put("frames_received_by_engine", framesIn)
            .put(
                "lateness_ms",
                new JsonObject()
                    .put("p50", timing.p50Micros() / 1000.0)
                    .put("p99", timing.p99Micros() / 1000.0)
                    .put("max", timing.maxMicros() / 1000.0))
            .put("late_frames", timing.lateFrames())
            .put(
                "late_frame_ratio",
                timing.frames() == 0 ? 0 : (double) timing.lateFrames() / timing.frames())
            .put("marks_returned", bot.marksBack.get())
            .put("persona_replies_heard_frames", bot.voicedFrames.get())
            .put("cpu_cores_used", Math.round(cpu / (double) wall * 1000) / 1000.0)
            .put(
                "cpu_ms_per_call_second", Math.round(cpu / 1e6 / calls / wallSeconds * 100) / 100.0)
            .put("available_cores", Runtime.getRuntime().availableProcessors())
            // Other work on the machine steals the cores the 20 ms clock needs; the figures mean
            // little without it.
            .put("system_load_average", os.getSystemLoadAverage());
    System.out.println(out.encode());
    await(local.close());
    await(vertx.close());
    return ExitCodes.OK;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
  }

  /**
   * The engine stand-in: every 3 s it plays a 2 s prompt ending in a question mark; it counts what
   * comes back.
   */
  private static final class Bot implements CarrierListener {
    final CountDownLatch connected;
    final AtomicLong framesIn = new AtomicLong();
    final AtomicLong voicedFrames = new AtomicLong();
    final AtomicLong marksBack = new AtomicLong();
    private final Vertx vertx;
    private final byte[] prompt =
        new ToneVoice(300).speakMulaw8k("this is a two second prompt ok", "");

    Bot(Vertx vertx, int calls) {
      this.vertx = vertx;
      this.connected = new CountDownLatch(calls);
    }

    @Override
    public void onMediaSession(MediaSession session) {
      int[] n = {0};
      session.onFrame(
          f -> {
            framesIn.incrementAndGet();
            if (f.mulaw()[0] != (byte) 0xFF || f.mulaw()[80] != (byte) 0xFF)
              voicedFrames.incrementAndGet();
          });
      session.onMark(m -> marksBack.incrementAndGet());
      long timer =
          vertx.setPeriodic(
              500,
              3000,
              id -> {
                // The bot streams its prompt in 20 ms frames, as a real TTS pipeline would.
                for (int off = 0; off < prompt.length; off += 160) {
                  session.sendAudio(
                      java.util.Arrays.copyOfRange(
                          prompt, off, Math.min(prompt.length, off + 160)));
                }
                session.sendMark("ask:" + QUESTIONS[n[0]++ % QUESTIONS.length]);
              });
      session.onStop(() -> vertx.cancelTimer(timer));
      connected.countDown();
    }

    @Override
    public void onCallStatus(CallStatusEvent event) {}

    @Override
    public void onAmd(AmdEvent event) {}

    @Override
    public void onInboundSms(InboundSms sms) {}

    @Override
    public void onSmsStatus(SmsStatusEvent event) {}
  }
}
