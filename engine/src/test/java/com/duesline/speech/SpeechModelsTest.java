package com.duesline.speech;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vosk.Recognizer;

class SpeechModelsTest {
  @Test
  void concurrentUnpacksOfTheBundledModelBothSucceedAndLeaveNoTemporaries(@TempDir Path root)
      throws Exception {
    Path aar = SpeechModels.locateAar();
    CompletableFuture<Path> a =
        CompletableFuture.supplyAsync(() -> SpeechModels.unpackBundled(aar, root));
    CompletableFuture<Path> b =
        CompletableFuture.supplyAsync(() -> SpeechModels.unpackBundled(aar, root));
    assertThat(a.get()).isEqualTo(b.get());
    assertThat(a.get().resolve("am/final.mdl")).isRegularFile();
    try (var entries = Files.list(root)) {
      assertThat(entries.map(p -> p.getFileName().toString()))
          .containsExactly(a.get().getFileName().toString());
    }
  }

  @Test
  void theBundledModelIsUnpackedWithDueslinesEndpointRulesAndEveryOtherOptionKept(
      @TempDir Path root) throws Exception {
    String conf =
        Files.readString(
            SpeechModels.unpackBundled(SpeechModels.locateAar(), root).resolve("conf/model.conf"));
    assertThat(conf.lines())
        .contains(
            "--endpoint.rule3.min-trailing-silence=0.5",
            "--endpoint.rule4.min-trailing-silence=0.5",
            "--endpoint.rule2.min-trailing-silence=0.5",
            "--beam=10.0")
        .doesNotContain("--endpoint.rule4.min-trailing-silence=1.0");
    assertThat(SpeechModels.endpointRules("--beam=10.0\n").lines())
        .containsExactly(
            "--beam=10.0",
            "--endpoint.rule3.min-trailing-silence=0.5",
            "--endpoint.rule4.min-trailing-silence=0.5");
  }

  @Test
  void voskEndsASentenceThatTrailsOffWithinHalfASecondOfSilenceNotTheModelsSecond()
      throws Exception {
    // "... and" cannot end a sentence by the language model, so only rules 3 and 4 end it: at 0.75
    // and 1.0 s of silence as the model ships, at 0.5 s as Duesline unpacks it.
    byte[] pcm =
        TestSpeech.prompts().get("I will pay the fees and", "", AudioFormatKind.PCM16K).data();
    short[] speech = new short[pcm.length / 2];
    ByteBuffer.wrap(pcm).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(speech);
    short[] silence = new short[320];
    try (Recognizer rec = new Recognizer(TestSpeech.model(), 16000)) {
      for (int off = 0; off + 320 <= speech.length; off += 320)
        rec.acceptWaveForm(Arrays.copyOfRange(speech, off, off + 320), 320);
      int endpointAfterMs = -1;
      for (int ms = 20; ms <= 1200 && endpointAfterMs < 0; ms += 20)
        if (rec.acceptWaveForm(silence, 320)) endpointAfterMs = ms;
      // The synthesized sentence ends on its own short silence, counted by Vosk too.
      assertThat(endpointAfterMs).isBetween(100, 700);
    }
  }

  @Test
  void aConfiguredModelDirectoryMustLookLikeOne(@TempDir Path dir) {
    SpeechSettings s = TestSpeech.SETTINGS;
    SpeechSettings bad =
        new SpeechSettings(
            s.workers(), Optional.of(dir), s.cacheDir(), s.voice(), s.promptCacheBytes(), s.vad());
    assertThatThrownBy(() -> SpeechModels.voskModelDir(bad))
        .hasMessageContaining("speech.vosk-model")
        .hasMessageContaining(dir.toString());
  }
}
