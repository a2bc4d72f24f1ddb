package com.duesline.bench;

import com.duesline.cli.CommonOptions;
import com.duesline.config.DueslineConfig;
import com.duesline.intent.LabelledUtterance;
import com.duesline.intent.LuceneIntentClassifier;
import com.duesline.intent.MatchContext;
import com.duesline.speech.AudioFormatKind;
import com.duesline.speech.GrammarRecognizer;
import com.duesline.speech.NoiseMixer;
import com.duesline.speech.PhraseHints;
import com.duesline.speech.RecognizedWord;
import com.duesline.speech.SpeechModels;
import com.duesline.speech.SpeechSettings;
import com.duesline.speech.SpeechWorkers;
import com.duesline.speech.Synthesizer;
import com.duesline.speech.Transcriber;
import com.duesline.telephony.audio.MuLaw;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.vosk.Model;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * `duesline bench off-grammar`: what the choice between the open and the grammar decode ({@link
 * GrammarRecognizer#choose}) does to a caller who answers an amount, date, unit-number or yes/no
 * question with something else ("I already paid that", "who is this"). The intents' seen held-out
 * sentences that are neither answers nor promises are spoken by MaryTTS over µ-law, clean and with
 * noise, decoded openly and with each answer grammar, and counted: how many the choice takes as an
 * answer (the grammar's words or the open words as one), and how many lose the intent the open
 * words had.
 */
@Command(
    name = "off-grammar",
    description =
        "How often the grammar choice turns an objection said at an answer question into an answer.",
    mixinStandardHelpOptions = true)
public final class OffGrammarBench implements Callable<Integer> {
  /** Intents whose sentences may rightly be an answer (or are no objection to keep). */
  static final Set<String> ANSWERS =
      Set.of(
          "promise_to_pay",
          "request_installments",
          "request_callback",
          "affirm",
          "deny",
          "out_of_scope");

  /** The answer questions' grammars, by the kind of answer (yes/no: the identity question). */
  static final Map<String, PhraseHints> GRAMMARS =
      Map.of(
          "amount", PhraseHints.amounts(),
          "date", PhraseHints.dates(),
          "digits", PhraseHints.digits(),
          "yes_no", PhraseHints.yesNo());

  @Mixin CommonOptions common;

  @Option(
      names = "--sample",
      defaultValue = "150",
      description =
          "How many sentences, spread evenly over the set (0: all; default ${DEFAULT-VALUE}).")
  int sample;

  @Option(
      names = "--offset",
      defaultValue = "0",
      description =
          "Take the sentence this many after each one the sample picks: another sample, disjoint from"
              + " the default one while it is smaller than a fifth of the set (default ${DEFAULT-VALUE}).")
  int offset;

  @Option(
      names = "--snr",
      defaultValue = "15",
      description = "SNR in dB of the noisy conditions (default ${DEFAULT-VALUE}).")
  double snr;

  @Option(
      names = "--dump",
      description = "Write every decode's open and grammar words with confidences (JSON lines).")
  Path dump;

  /** One sentence heard under one condition with one answer grammar. */
  record Heard(
      String text,
      String gold,
      String condition,
      String grammar,
      List<RecognizedWord> open,
      List<RecognizedWord> constrained,
      GrammarRecognizer.Choice choice,
      String openIntent,
      String chosenIntent) {
    /** The choice took the caller's words as an answer in other words than the open ones. */
    boolean takenAsAnswer() {
      return choice.fromHints()
          && !RecognizedWord.text(choice.words()).equals(RecognizedWord.text(open));
    }

    /** The open words meant what the caller meant, the chosen ones no longer do. */
    boolean intentLost() {
      return gold.equals(openIntent) && !gold.equals(chosenIntent);
    }
  }

  @Override
  public Integer call() throws Exception {
    DueslineConfig config = common.config();
    SpeechSettings settings = SpeechSettings.from(config);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Synthesizer synth = new Synthesizer(settings.voice(), registry);
    Model model = SpeechModels.vosk(settings);
    LuceneIntentClassifier classifier = LuceneIntentClassifier.fromConfig(config);
    List<LabelledUtterance> sentences =
        objections(classifier.library().seenHeldOut("en"), sample, offset);
    MatchContext open = MatchContext.open("en", LocalDate.now());
    NoiseMixer mixer = new NoiseMixer(null);
    Map<String, NoiseMixer.Kind> conditions = new LinkedHashMap<>();
    conditions.put("clean", null);
    conditions.put("white " + Math.round(snr) + " dB", NoiseMixer.Kind.WHITE);
    conditions.put("pink " + Math.round(snr) + " dB", NoiseMixer.Kind.PINK);

    List<CompletableFuture<List<Heard>>> futures = new ArrayList<>();
    try (SpeechWorkers workers = new SpeechWorkers(settings)) {
      for (LabelledUtterance u : sentences) {
        short[] speech = synth.synthesize(u.text(), "", AudioFormatKind.MULAW8K).pcm16();
        String gold = u.gold().iterator().next();
        for (Map.Entry<String, NoiseMixer.Kind> c : conditions.entrySet()) {
          short[] line =
              c.getValue() == null
                  ? pad(speech, 2000)
                  : mixer.mix(speech, 2000, c.getValue(), snr, u.text().hashCode() * 31L);
          short[] phone = MuLaw.decode(MuLaw.encode(line));
          futures.add(
              workers.submit(
                  () ->
                      hear(u.text(), gold, c.getKey(), phone, model, settings, classifier, open)));
        }
      }
      List<Heard> heard = new ArrayList<>();
      for (CompletableFuture<List<Heard>> f : futures) heard.addAll(f.join());
      if (dump != null) write(heard, dump);
      System.out.println(summary(heard, sentences.size()).encodePrettily());
    }
    return 0;
  }

  /**
   * Sentences that are no answer to an amount, a date, a number or a yes/no question: {@code n}
   * spread evenly over them (all for 0), each moved {@code offset} on.
   */
  static List<LabelledUtterance> objections(List<LabelledUtterance> all, int n, int offset) {
    List<LabelledUtterance> kept =
        all.stream().filter(u -> u.gold().stream().noneMatch(ANSWERS::contains)).toList();
    if (n <= 0 || n >= kept.size()) return kept;
    List<LabelledUtterance> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++)
      out.add(kept.get((int) (((long) i * kept.size() / n + offset) % kept.size())));
    return out;
  }

  private static short[] pad(short[] speech, int samples) {
    short[] out = new short[speech.length + 2 * samples];
    System.arraycopy(speech, 0, out, samples, speech.length);
    return out;
  }

  private static List<Heard> hear(
      String text,
      String gold,
      String condition,
      short[] phone,
      Model model,
      SpeechSettings settings,
      LuceneIntentClassifier classifier,
      MatchContext context) {
    short[] pcm = Transcriber.toRecognizer(phone, 8000, settings.cleanup());
    List<RecognizedWord> open = Transcriber.decode(model, null, pcm);
    String openIntent = intent(classifier, RecognizedWord.text(open), context);
    List<Heard> out = new ArrayList<>();
    for (Map.Entry<String, PhraseHints> g : GRAMMARS.entrySet()) {
      List<RecognizedWord> constrained = Transcriber.decode(model, g.getValue(), pcm);
      GrammarRecognizer.Choice choice = GrammarRecognizer.choose(constrained, open, g.getValue());
      String chosenText = RecognizedWord.text(choice.words());
      String chosenIntent =
          chosenText.equals(RecognizedWord.text(open))
              ? openIntent
              : intent(classifier, chosenText, context);
      out.add(
          new Heard(
              text,
              gold,
              condition,
              g.getKey(),
              open,
              constrained,
              choice,
              openIntent,
              chosenIntent));
    }
    return out;
  }

  private static String intent(
      LuceneIntentClassifier classifier, String text, MatchContext context) {
    return text.isBlank() ? "out_of_scope" : classifier.classify(text, context).intent();
  }

  /** Per condition and grammar: decodes, taken as an answer, intent lost, and the lost ones. */
  static JsonObject summary(List<Heard> heard, int sentences) {
    JsonObject out = new JsonObject().put("sentences", sentences);
    Map<String, JsonObject> byCondition = new LinkedHashMap<>();
    for (Heard h : heard) {
      JsonObject c = byCondition.computeIfAbsent(h.condition(), k -> new JsonObject());
      JsonObject g =
          c.getJsonObject(h.grammar()) != null
              ? c.getJsonObject(h.grammar())
              : new JsonObject()
                  .put("decodes", 0)
                  .put("open_intent_right", 0)
                  .put("taken_as_answer", 0)
                  .put("intent_lost", 0)
                  .put("lost", new JsonArray());
      c.put(h.grammar(), g);
      g.put("decodes", g.getInteger("decodes") + 1);
      if (h.gold().equals(h.openIntent()))
        g.put("open_intent_right", g.getInteger("open_intent_right") + 1);
      if (h.takenAsAnswer()) g.put("taken_as_answer", g.getInteger("taken_as_answer") + 1);
      if (h.intentLost()) {
        g.put("intent_lost", g.getInteger("intent_lost") + 1);
        g.getJsonArray("lost")
            .add(
                h.text()
                    + " | "
                    + RecognizedWord.text(h.open())
                    + " → "
                    + RecognizedWord.text(h.choice().words()));
      }
    }
    byCondition.forEach(out::put);
    return out;
  }

  private static void write(List<Heard> heard, Path file) throws java.io.IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (Heard h : heard) {
        w.write(
            new JsonObject()
                .put("text", h.text())
                .put("gold", h.gold())
                .put("condition", h.condition())
                .put("grammar", h.grammar())
                .put("open", SpeechNoiseBench.words(h.open()))
                .put("constrained", SpeechNoiseBench.words(h.constrained()))
                .put("open_intent", h.openIntent())
                .put("chosen_intent", h.chosenIntent())
                .encode());
        w.newLine();
      }
    }
  }
}
