package com.duesline.cli;

import com.duesline.carrier.CarrierSettings;
import com.duesline.config.Secrets;
import com.duesline.telephony.local.LocalCarrier;
import com.duesline.telephony.local.LocalCarrierOptions;
import com.duesline.telephony.local.Persona;
import com.duesline.telephony.local.PersonaFormatException;
import com.duesline.telephony.local.PersonaLoader;
import com.duesline.telephony.local.ToneVoice;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code duesline carrier}: runs the local carrier on its own, for an engine started separately.
 */
@Command(
    name = "carrier",
    mixinStandardHelpOptions = true,
    description =
        "Run the local carrier (Twilio-compatible REST on loopback, simulated phones driven by personas) until interrupted.")
public final class CarrierCommand implements java.util.concurrent.Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--port",
      description = "Loopback port of the REST API (default carrier.local.port).")
  Integer port;

  @Option(
      names = "--engine-url",
      description =
          "The engine's public base URL, where inbound SMS go (default the configured public URL).")
  String engineUrl;

  @Option(
      names = "--personas",
      paramLabel = "DIR",
      description = "Directory of persona YAML files (default carrier.local.personas).")
  Path personas;

  @Option(
      names = "--ring-ms",
      description = "Length of one ring in ms (default carrier.local.ring-ms).")
  Integer ringMillis;

  @Override
  public Integer call() throws Exception {
    CarrierSettings settings =
        CarrierSettings.resolve(common.config(), Secrets.fromEnvironment(), System::getenv);
    Path dir = personas != null ? personas : settings.personasDir();
    if (!Files.isDirectory(dir))
      throw new InputRejectedException(List.of("--personas: " + dir + " is not a directory"));
    List<Persona> loaded;
    try {
      loaded = PersonaLoader.loadDirectory(dir);
    } catch (PersonaFormatException e) {
      throw new InputRejectedException(e.problems());
    }
    if (loaded.isEmpty())
      throw new InputRejectedException(
          List.of("--personas: " + dir + " holds no *.yaml persona files"));
    Vertx vertx = Vertx.vertx();
    // Until the engine's MaryTTS voice is wired in, personas speak tone bursts shaped like their
    // words.
    LocalCarrierOptions options =
        new LocalCarrierOptions(
            settings.twilio().accountSid(),
            settings.twilio().authToken(),
            port != null ? port : settings.localPort(),
            engineUrl != null ? engineUrl : settings.twilio().publicUrl(),
            ringMillis != null ? ringMillis : settings.ringMillis(),
            2500,
            loaded,
            new ToneVoice(300));
    LocalCarrier carrier =
        LocalCarrier.start(vertx, options)
            .toCompletionStage()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    System.out.println(
        "local carrier on "
            + carrier.apiBaseUrl()
            + " with "
            + loaded.size()
            + " personas; engine at "
            + options.engineUrl());
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  carrier.close().toCompletionStage().toCompletableFuture().join();
                  vertx.close();
                  stop.countDown();
                }));
    stop.await();
    return ExitCodes.OK;
  }
}
