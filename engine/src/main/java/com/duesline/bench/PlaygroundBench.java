package com.duesline.bench;

import com.duesline.app.Engine;
import com.duesline.call.CallRuntime;
import com.duesline.call.DemoCalls;
import com.duesline.cli.CommonOptions;
import com.duesline.playground.PlaygroundRoutes;
import com.duesline.speech.AudioFormatKind;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `duesline bench playground`: the script playground as its page uses it, over HTTP against an
 * in-process engine built like `serve` builds it: session start, a typed turn (explain + turn), a
 * spoken turn (Vosk + the same), and a bot line's telephone WAV from the prompt cache.
 */
@Command(
    name = "playground",
    description =
        "Script playground request latency over HTTP: start, typed turn, spoken turn, line playback (p50/p90).",
    mixinStandardHelpOptions = true)
public final class PlaygroundBench implements Callable<Integer> {
  private static final List<String> SPOKEN =
      List.of("I already paid the fee.", "I lost my job last month.", "The fee is too high.");

  @Mixin CommonOptions common;

  @Option(
      names = "--sessions",
      defaultValue = "60",
      description =
          "Sessions chatted through (default ${DEFAULT-VALUE}); the first 10 are warm-up.")
  int sessions;

  @Option(
      names = "--spoken",
      defaultValue = "12",
      description = "Spoken turns (default ${DEFAULT-VALUE}).")
  int spoken;

  private final HttpClient http = HttpClient.newHttpClient();
  private String base;

  @Override
  public Integer call() throws Exception {
    Path dir = Files.createTempDirectory("duesline-bench-playground");
    var config = common.config().with("store.data-dir", dir.toString());
    try (Engine engine = Engine.create(config)) {
      int port =
          engine.start(0).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      base = "http://127.0.0.1:" + port + "/api/playground";
      try (CallRuntime runtime = CallRuntime.start(engine, List.of())) {
        PlaygroundRoutes.mount(engine, runtime);
        List<Double> starts = new ArrayList<>();
        List<Double> typed = new ArrayList<>();
        List<Double> firstWav = new ArrayList<>();
        List<Double> cachedWav = new ArrayList<>();
        int warm = Math.min(10, sessions / 2);
        for (int i = 0; i < sessions; i++) {
          boolean timed = i >= warm;
          long t = System.nanoTime();
          String id =
              json(
                      "POST",
                      "/sessions",
                      new JsonObject()
                          .put("track", "early")
                          .put("today", "2026-11-25")
                          .put("seed", i)
                          .put("account", new JsonObject().put("first_name", "Bench" + i)))
                  .getString("session");
          if (timed) starts.add(ms(t));
          t = System.nanoTime();
          json(
              "POST",
              "/sessions/" + id + "/say",
              new JsonObject().put("text", "yes this is bench"));
          if (timed) typed.add(ms(t));
          json("POST", "/sessions/" + id + "/keys", new JsonObject().put("digits", "1203"));
          t = System.nanoTime();
          json(
              "POST",
              "/sessions/" + id + "/say",
              new JsonObject().put("text", "i'll pay it on friday"));
          if (timed) typed.add(ms(t));
          // Line 1 names the caller ("May I speak with Bench7"), so its first fetch is a fresh
          // synthesis.
          t = System.nanoTime();
          wav("/sessions/" + id + "/lines/1.wav");
          if (timed) firstWav.add(ms(t));
          t = System.nanoTime();
          wav("/sessions/" + id + "/lines/1.wav");
          if (timed) cachedWav.add(ms(t));
        }
        List<short[]> speech =
            SPOKEN.stream()
                .map(s -> runtime.prompts().get(s, "", AudioFormatKind.PCM16K).pcm16())
                .toList();
        List<Double> heard = new ArrayList<>();
        List<Double> rtf = new ArrayList<>();
        for (int i = 0; i < spoken + 2; i++) {
          String id =
              json(
                      "POST",
                      "/sessions",
                      new JsonObject().put("track", "early").put("today", "2026-11-25"))
                  .getString("session");
          json(
              "POST",
              "/sessions/" + id + "/say",
              new JsonObject().put("text", "yes this is maria"));
          json("POST", "/sessions/" + id + "/keys", new JsonObject().put("digits", "1203"));
          short[] pcm = speech.get(i % speech.size());
          long t = System.nanoTime();
          HttpResponse<String> r =
              http.send(
                  HttpRequest.newBuilder(URI.create(base + "/sessions/" + id + "/audio?rate=16000"))
                      .header("content-type", "audio/L16; rate=16000")
                      .POST(HttpRequest.BodyPublishers.ofByteArray(le(pcm)))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          double took = ms(t);
          if (r.statusCode() != 200)
            throw new IllegalStateException("audio turn failed: " + r.body());
          if (i >= 2) {
            heard.add(took);
            rtf.add(took / 1000 / (pcm.length / 16000.0));
          }
        }
        System.out.println(
            new JsonObject()
                .put("sessions_timed", starts.size())
                .put("start_ms", stats(starts))
                .put("typed_turn_ms", stats(typed))
                .put("spoken_turn_ms", stats(heard))
                .put("spoken_turn_real_time_factor", stats(rtf))
                .put("line_wav_first_ms", stats(firstWav))
                .put("line_wav_cached_ms", stats(cachedWav))
                .put("spoken_over_typed_p50", round(median(heard) / median(typed)))
                .put("first_over_cached_wav_p50", round(median(firstWav) / median(cachedWav)))
                .encodePrettily());
      }
    }
    return 0;
  }

  private JsonObject json(String method, String path, JsonObject body) throws Exception {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path))
                .header("content-type", "application/json")
                .method(
                    method,
                    HttpRequest.BodyPublishers.ofString(body.encode(), StandardCharsets.UTF_8))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2)
      throw new IllegalStateException(
          method + " " + path + " answered " + r.statusCode() + ": " + r.body());
    return new JsonObject(r.body());
  }

  private void wav(String path) throws Exception {
    HttpResponse<byte[]> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + path)).GET().build(),
            HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200)
      throw new IllegalStateException("GET " + path + " answered " + r.statusCode());
  }

  private static byte[] le(short[] samples) {
    ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.asShortBuffer().put(samples);
    return b.array();
  }

  private static double ms(long t0) {
    return (System.nanoTime() - t0) / 1e6;
  }

  private static double median(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    Collections.sort(s);
    return DemoCalls.percentile(s, 0.5);
  }

  private static JsonObject stats(List<Double> v) {
    List<Double> s = new ArrayList<>(v);
    Collections.sort(s);
    return new JsonObject()
        .put("p50", round(DemoCalls.percentile(s, 0.5)))
        .put("p90", round(DemoCalls.percentile(s, 0.9)))
        .put("n", s.size());
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
