package com.duesline.speech;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import org.vosk.Model;

/** Models shared by all speech tests in the JVM: loaded once, cache under target/. */
final class TestSpeech {
  static final Path CACHE = Path.of("target", "speech-cache").toAbsolutePath();
  static final SpeechSettings SETTINGS = withCache(SpeechSettings.defaults(), CACHE);
  static final SimpleMeterRegistry REGISTRY = new SimpleMeterRegistry();

  private TestSpeech() {}

  static SpeechSettings withCache(SpeechSettings s, Path cache) {
    return new SpeechSettings(
        s.workers(), s.voskModel(), cache, s.voice(), s.promptCacheBytes(), s.vad());
  }

  private static final class Holder {
    static final Synthesizer SYNTH = new Synthesizer("cmu-slt-hsmm", REGISTRY);
    static final Model MODEL = SpeechModels.vosk(SETTINGS);
    static final PromptCache PROMPTS = PromptCache.of(SETTINGS, SYNTH, REGISTRY);
  }

  static PromptCache prompts() {
    return Holder.PROMPTS;
  }

  static Synthesizer synthesizer() {
    return Holder.SYNTH;
  }

  static Model model() {
    return Holder.MODEL;
  }
}
