package com.duesline.bench;

import com.duesline.call.Endpointing;
import com.duesline.cli.CommonOptions;
import com.duesline.config.DueslineConfig;
import com.duesline.intent.IntentMatch;
import com.duesline.intent.LuceneIntentClassifier;
import com.duesline.intent.MatchContext;
import com.duesline.speech.AudioFormatKind;
import com.duesline.speech.RecognizedWord;
import com.duesline.speech.SpeechModels;
import com.duesline.speech.SpeechSettings;
import com.duesline.speech.Synthesizer;
import com.duesline.speech.Transcriber;
import com.duesline.speech.Transcript;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.vosk.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `duesline bench endpointing`: how well the endpointing's reading of the words tells a caller who
 * paused mid-sentence from one who has finished, as the words come out of Vosk. Sentences that
 * trail off (a fresh set, {@code call/trailing-off.txt}) and the intents' held-out answers are
 * spoken by MaryTTS in several voices over µ-law, followed by a second of silence, decoded through
 * the call's clean-up chain, classified, and judged at an open question: a trailing-off sentence
 * should get the long wait, a whole answer should not. Also reports the confidence of the last word
 * in both groups, and what a rule "an unsure last word is no evidence of a sentence going on" would
 * trade at each threshold.
 */
@Command(
    name = "endpointing",
    description =
        "Which wait the endpointing gives sentences that trail off and whole answers, heard through MaryTTS and Vosk.",
    mixinStandardHelpOptions = true)
public final class EndpointingBench implements Callable<Integer> {
  /** Persona-like voices: MaryTTS effects on the one installed voice. */
  private static final List<String> VOICES =
      List.of(
          "",
          "F0Scale(f0Scale:0.8)+Rate(durScale:0.9)",
          "F0Scale(f0Scale:1.3)",
          "F0Scale(f0Scale:1.1)+Rate(durScale:1.2)");

  private static final double[] THRESHOLDS = {0.5, 0.6, 0.7, 0.8, 0.9};

  @Mixin CommonOptions common;

  @Option(
      names = "--fragments",
      description =
          "Sentences that trail off, one per line ('#' comments); default the bundled call/trailing-off.txt.")
  Path fragments;

  @Option(
      names = "--voices",
      defaultValue = "4",
      description = "How many of the four persona-like voices speak each sentence (default 4).")
  int voices;

  @Option(
      names = "--wholes",
      defaultValue = "0",
      description = "Speak only the first N whole answers (0: all of the held-out file).")
  int wholesLimit;

  @Option(
      names = "--threads",
      defaultValue = "2",
      description = "Decoding threads (default ${DEFAULT-VALUE}).")
  int threads;

  /** One sentence spoken in one voice, as heard and judged. */
  record Judged(
      String written, int voice, String heard, Endpointing.Wait judged, double lastConf) {}

  @Override
  public Integer call() throws Exception {
    if (voices < 1 || voices > VOICES.size())
      throw new IllegalArgumentException("--voices must be 1 to " + VOICES.size() + ": " + voices);
    DueslineConfig config = common.config();
    SpeechSettings settings = SpeechSettings.from(config);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Synthesizer synth = new Synthesizer(settings.voice(), registry);
    Model model = SpeechModels.vosk(settings);
    Transcriber transcriber = new Transcriber(model, settings.cleanup(), registry);
    LuceneIntentClassifier classifier = LuceneIntentClassifier.fromConfig(config);
    Endpointing endpointing = new Endpointing(Endpointing.Settings.from(config));

    List<String> trailing = readFragments();
    // A held-out answer whose written words already trail off is not a whole answer.
    List<String> wholes =
        classifier.library().heldOut("en").stream()
            .map(u -> u.text())
            .filter(
                t -> endpointing.judge(t, null, Endpointing.Question.NONE) != Endpointing.Wait.LONG)
            .limit(wholesLimit > 0 ? wholesLimit : Long.MAX_VALUE)
            .toList();

    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Judged> trailingJudged =
          judgeAll(trailing, synth, transcriber, classifier, endpointing, pool);
      List<Judged> wholeJudged =
          judgeAll(wholes, synth, transcriber, classifier, endpointing, pool);
      JsonObject out =
          new JsonObject()
              .put("voices", voices)
              .put("trailing_off", summary(trailingJudged))
              .put("whole_answers", summary(wholeJudged))
              .put("unsure_last_word_rule", tradeOff(trailingJudged, wholeJudged))
              .put(
                  "whole_answers_heard_unfinished",
                  new JsonArray(
                      wholeJudged.stream()
                          .filter(j -> j.judged() == Endpointing.Wait.LONG)
                          .map(
                              j ->
                                  new JsonObject()
                                      .put("written", j.written())
                                      .put("heard", j.heard())
                                      .put("last_conf", j.lastConf()))
                          .toList()));
      System.out.println(out.encodePrettily());
    } finally {
      pool.shutdownNow();
    }
    return 0;
  }

  private List<String> readFragments() throws IOException {
    List<String> lines;
    if (fragments != null) {
      lines = Files.readAllLines(fragments, StandardCharsets.UTF_8);
    } else {
      try (InputStream in = EndpointingBench.class.getResourceAsStream("/call/trailing-off.txt")) {
        if (in == null)
          throw new IllegalStateException("call/trailing-off.txt is not on the classpath");
        lines = Arrays.asList(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
      }
    }
    return lines.stream()
        .map(String::strip)
        .filter(l -> !l.isEmpty() && !l.startsWith("#"))
        .toList();
  }

  /**
   * Speaks every sentence in each voice (synthesis one at a time: MaryTTS renders a voice effect
   * alone), decodes and judges on {@code pool}.
   */
  private List<Judged> judgeAll(
      List<String> texts,
      Synthesizer synth,
      Transcriber transcriber,
      LuceneIntentClassifier classifier,
      Endpointing endpointing,
      ExecutorService pool)
      throws Exception {
    MatchContext open = MatchContext.open("en", LocalDate.now());
    List<Future<Judged>> futures = new ArrayList<>();
    for (String text : texts) {
      for (int v = 0; v < voices; v++) {
        short[] speech = synth.synthesize(text, VOICES.get(v), AudioFormatKind.MULAW8K).pcm16();
        // A second of silence after the voice, as a caller's pause: Vosk's endpoint rescoring runs.
        short[] audio = Arrays.copyOf(speech, speech.length + AudioFormatKind.MULAW8K.sampleRate());
        int voice = v;
        futures.add(
            pool.submit(
                () -> {
                  Transcript t =
                      transcriber.transcribe(audio, AudioFormatKind.MULAW8K.sampleRate());
                  IntentMatch guess =
                      t.text().isEmpty() ? null : classifier.classify(t.text(), open);
                  List<RecognizedWord> words = t.words();
                  double conf = words.isEmpty() ? 0 : words.get(words.size() - 1).conf();
                  return new Judged(
                      text,
                      voice,
                      t.text(),
                      endpointing.judge(t.text(), guess, Endpointing.Question.NONE),
                      conf);
                }));
      }
    }
    List<Judged> out = new ArrayList<>(futures.size());
    for (Future<Judged> f : futures) out.add(f.get());
    return out;
  }

  static JsonObject summary(List<Judged> judged) {
    JsonObject waits = new JsonObject();
    for (Endpointing.Wait w : Endpointing.Wait.values())
      waits.put(w.name().toLowerCase(), judged.stream().filter(j -> j.judged() == w).count());
    double[] conf =
        judged.stream()
            .filter(j -> j.judged() == Endpointing.Wait.LONG)
            .mapToDouble(Judged::lastConf)
            .sorted()
            .toArray();
    return new JsonObject()
        .put("decodes", judged.size())
        .put("waits", waits)
        .put("long_rate", round(conf.length / (double) Math.max(1, judged.size())))
        .put(
            "last_word_conf_when_long",
            new JsonObject()
                .put("min", conf.length == 0 ? null : conf[0])
                .put("p25", quantile(conf, 0.25))
                .put("median", quantile(conf, 0.5))
                .put("below_0.9", Arrays.stream(conf).filter(c -> c < 0.9).count()));
  }

  /**
   * For each threshold: the trailing-off decodes that would lose their long wait (a cut-off risk)
   * and the whole answers that would be spared it.
   */
  static JsonArray tradeOff(List<Judged> trailing, List<Judged> wholes) {
    JsonArray out = new JsonArray();
    for (double t : THRESHOLDS) {
      out.add(
          new JsonObject()
              .put("below_conf", t)
              .put("trailing_off_losing_long_wait", countLongBelow(trailing, t))
              .put("whole_answers_spared_long_wait", countLongBelow(wholes, t)));
    }
    return out;
  }

  private static long countLongBelow(List<Judged> judged, double t) {
    return judged.stream()
        .filter(j -> j.judged() == Endpointing.Wait.LONG && j.lastConf() < t)
        .count();
  }

  private static Double quantile(double[] sorted, double q) {
    if (sorted.length == 0) return null;
    return round(sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))]);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
