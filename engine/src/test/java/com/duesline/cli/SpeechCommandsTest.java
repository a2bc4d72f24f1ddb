package com.duesline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.telephony.audio.MuLaw;
import com.duesline.telephony.audio.Wav;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpeechCommandsTest {
  static Path config;

  record Result(int code, String out, String err) {}

  @BeforeAll
  static void config(@TempDir Path dir) throws Exception {
    config = dir.resolve("speech.yaml");
    Files.writeString(
        config,
        "speech:\n  cache-dir: \"" + Path.of("target", "speech-cache").toAbsolutePath() + "\"\n");
  }

  static Result run(String... args) {
    return runWith(config, args);
  }

  static synchronized Result runWith(Path configFile, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true));
      System.setErr(new PrintStream(e, true));
      String[] all = Arrays.copyOf(args, args.length + 2);
      all[args.length] = "--config";
      all[args.length + 1] = configFile.toString();
      int code = Duesline.run(all);
      return new Result(code, o.toString(), e.toString());
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void ttsThenAsrRoundTripsThroughAPhoneWav(@TempDir Path dir) throws Exception {
    Path wav = dir.resolve("hello.wav");
    Result tts =
        run(
            "tts",
            "Hello, this is Lakeview Property Services.",
            "-o",
            wav.toString(),
            "--format",
            "mulaw8k");
    assertThat(tts.code()).as(tts.err()).isZero();
    assertThat(Wav.read(wav).describe()).isEqualTo("G.711 µ-law, 8000 Hz, mono");
    Result asr = run("asr", wav.toString());
    assertThat(asr.code()).as(asr.err()).isZero();
    JsonObject json =
        new JsonObject(
            asr.out().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
    assertThat(json.getString("text")).contains("property services");
    assertThat(json.getJsonArray("words").getJsonObject(0).fieldNames())
        .contains("word", "start", "end", "conf");
    assertThat(json.getDouble("audio_s")).isGreaterThan(1.5);
    assertThat(json.getDouble("rtf")).isGreaterThan(0);

    Result stream = run("asr", "--stream", wav.toString());
    assertThat(stream.code()).as(stream.err()).isZero();
    assertThat(stream.out()).contains("\"type\":\"partial\"").contains("\"type\":\"final\"");
  }

  @Test
  void badInputIsRejectedWithTheFormatNamed(@TempDir Path dir) throws Exception {
    Path empty = Files.write(dir.resolve("empty.wav"), new byte[0]);
    Result r = run("asr", empty.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err()).contains("empty.wav").contains("empty file");

    byte[] good = Wav.pcm16(new short[1600], 16000);
    Path truncated = Files.write(dir.resolve("truncated.wav"), Arrays.copyOf(good, 30));
    r = run("asr", truncated.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err()).contains("truncated header");

    byte[] alaw = Wav.pcm16(new short[1600], 8000);
    ByteBuffer.wrap(alaw)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putShort(20, (short) 6)
        .putShort(34, (short) 8);
    Path alawFile = Files.write(dir.resolve("alaw.wav"), alaw);
    r = run("asr", alawFile.toString());
    assertThat(r.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err()).contains("G.711 A-law").contains("format tag 6");

    r = run("tts", "Hi.", "-o", dir.resolve("x.wav").toString(), "--format", "mp3");
    assertThat(r.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(r.err()).contains("mp3").contains("mulaw8k");
  }

  @Test
  void warmTakesEitherAFileOrTheTracks(@TempDir Path dir) throws Exception {
    Result neither = run("tts", "warm");
    assertThat(neither.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(neither.err()).contains("either --file F or --tracks");
    Path prompts = Files.writeString(dir.resolve("p.txt"), "Goodbye.\n");
    Result both = run("tts", "warm", "--tracks", "--file", prompts.toString());
    assertThat(both.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(both.err()).contains("either --file F or --tracks");
  }

  @Test
  void warmRendersEachPromptOnceThenFindsItCached(@TempDir Path dir) throws Exception {
    Path prompts =
        Files.writeString(
            dir.resolve("prompts.txt"),
            "# fixed lines\nThis call may be recorded for quality.\n\nPlease hold while I check your balance.\n");
    Path warmConfig =
        Files.writeString(
            dir.resolve("warm.yaml"), "speech:\n  cache-dir: \"" + dir.resolve("cache") + "\"\n");
    Result first =
        runWith(
            warmConfig, "tts", "warm", "--file", prompts.toString(), "--format", "mulaw8k,pcm16k");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.out())
        .contains("warmed 4 prompt renderings")
        .contains("4 synthesized, 0 already cached");
    try (var files = Files.list(dir.resolve("cache").resolve("prompts"))) {
      assertThat(files.count()).isEqualTo(4);
    }
    Result second =
        runWith(
            warmConfig, "tts", "warm", "--file", prompts.toString(), "--format", "mulaw8k,pcm16k");
    assertThat(second.out()).contains("0 synthesized, 4 already cached");
    // The cache the live calls open from the same settings finds the warmed prompts (it once looked
    // in prompts/prompts/).
    com.duesline.speech.SpeechSettings settings =
        com.duesline.speech.SpeechSettings.from(
            com.duesline.config.DueslineConfig.load(warmConfig, k -> null));
    var registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    com.duesline.speech.PromptCache live =
        com.duesline.speech.PromptCache.of(
            settings, new com.duesline.speech.Synthesizer(settings.voice(), registry), registry);
    assertThat(live.directory()).isEqualTo(dir.resolve("cache").resolve("prompts"));
    assertThat(
            live.isOnDisk(
                "This call may be recorded for quality.",
                "",
                com.duesline.speech.AudioFormatKind.MULAW8K))
        .isTrue();
  }

  @Test
  void silenceOnlyGivesEmptyTextAndNoError(@TempDir Path dir) throws Exception {
    byte[] silence = new byte[8000 * 2];
    Arrays.fill(silence, MuLaw.encode((short) 0));
    Path file = Files.write(dir.resolve("silence.wav"), Wav.mulaw(silence, 8000));
    Result r = run("asr", file.toString());
    assertThat(r.code()).as(r.err()).isZero();
    JsonObject json =
        new JsonObject(
            r.out().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
    assertThat(json.getString("text")).isEmpty();
    assertThat(json.getJsonArray("words")).isEmpty();
    Result s = run("asr", "--stream", file.toString());
    assertThat(s.code()).isZero();
    assertThat(s.out()).doesNotContain("\"final\"").contains("\"end\"");
  }
}
