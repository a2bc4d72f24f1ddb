package com.duesline.bench;

import com.duesline.speech.AudioCleaner;
import com.duesline.speech.NoiseEvaluation;
import com.duesline.speech.NoiseEvaluation.Condition;
import com.duesline.speech.NoiseEvaluation.Item;
import com.duesline.speech.NoiseEvaluation.Score;
import com.duesline.speech.NoiseMixer;
import com.duesline.speech.SpeechWorkers;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.vosk.Model;

/**
 * The noise part of {@code bench speech}: word error rate on the real-voice evaluation set, clean
 * and with white, pink and babble noise at each SNR, per clean-up chain, with open recognition and
 * with the expected answer's grammar; and what the clean-up costs per stream in CPU.
 */
final class SpeechNoiseBench {
  private SpeechNoiseBench() {}

  /** The parts of the set the bench can score, by split name, with the label it prints. */
  static final java.util.Map<String, String> PARTS =
      java.util.Map.of(
          "tune", "tune", "held", "held out", "held2", "held out 2", "held3", "held out 3");

  /**
   * Prints the table, one pair of columns (open, grammar) per part in {@code parts}: the tune part
   * and the held-out parts are reported apart (held out: only ever reported, never tuned on).
   */
  static void run(
      Model model,
      NoiseEvaluation set,
      List<AudioCleaner.Settings> chains,
      List<NoiseMixer.Kind> kinds,
      List<Double> snrs,
      boolean clean,
      boolean grammar,
      List<String> parts,
      int sample,
      int leadMs,
      boolean misses,
      java.nio.file.Path dump,
      SpeechWorkers workers) {
    List<Condition> conditions = new ArrayList<>();
    if (clean) conditions.add(Condition.CLEAN);
    for (double snr : snrs) {
      for (NoiseMixer.Kind k : kinds) conditions.add(new Condition(k, snr));
    }
    List<List<Item>> items = new ArrayList<>();
    List<String> counts = new ArrayList<>();
    StringBuilder header =
        new StringBuilder(String.format("| %-14s | %-16s |", "condition", "chain"));
    for (String part : parts) {
      List<Item> p = NoiseEvaluation.sample(set.split(part), sample);
      items.add(p);
      counts.add(
          String.format(
              "%s %d utterances, %d reference words",
              PARTS.get(part),
              p.size(),
              p.stream()
                  .mapToInt(i -> com.duesline.speech.WordErrorRate.length(i.reference()))
                  .sum()));
      header.append(
          String.format(
              " %-17s | %-17s |", "open, " + PARTS.get(part), "grammar, " + PARTS.get(part)));
    }
    System.out.printf(
        "noise evaluation: %d of %d utterances of a real human voice (Asterisk core sounds, 8 kHz, µ-law): %s%n",
        items.stream().mapToInt(List::size).sum(), set.items().size(), String.join("; ", counts));
    if (leadMs > 0)
      System.out.printf(
          "the chain hears %d ms of the line before each utterance (as on a call); the recognizers get the last 250 ms of it%n",
          leadMs);
    System.out.println(
        "WER = word errors / reference words. open: free recognition; grammar: amounts, dates and digits heard with"
            + " the expected answer's grammar beside the open recognizer, chosen by GrammarRecognizer.choose (prompts stay open).");
    System.out.println(header);
    System.out.println("|---|---|" + "---|---|".repeat(parts.size()));
    List<String> missLines = new ArrayList<>();
    List<String> kindLines = new ArrayList<>();
    if (dump != null) {
      try {
        java.nio.file.Files.deleteIfExists(dump);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(
            "cannot write --dump " + dump + ": " + e.getMessage(), e);
      }
    }
    for (Condition c : conditions) {
      for (AudioCleaner.Settings chain : chains) {
        StringBuilder row =
            new StringBuilder(String.format("| %-14s | %-16s |", c.label(), chain.label()));
        for (int k = 0; k < parts.size(); k++) {
          NoiseEvaluation.Scores t =
              set.score(items.get(k), c, model, chain, grammar, leadMs, workers);
          row.append(
              String.format(" %-17s | %-17s |", fmt(t.open()), grammar ? fmt(t.grammar()) : "-"));
          if (misses) missLines.addAll(misses(c, chain, t));
          kindLines.add(byKind(c, chain, PARTS.get(parts.get(k)), t));
          if (dump != null) append(dump, dump(c, chain, t));
        }
        System.out.println(row);
      }
    }
    System.out.println(
        "by kind (chosen result: the grammar's when preferred), WER (errors/words); answers: amounts, dates and digits together, and how many of them give the value a call records (the amount, the date, the digits) as the reference does, and of the amounts and dates, on how many the clean-up judged the line noisy, how many a call would read back (a word below the read-back bar, or any on a noisy line) and how many it would record wrong without asking:");
    kindLines.forEach(System.out::println);
    if (misses) {
      System.out.println(
          "misses (condition, chain, id, split, errors open/chosen: reference | open | chosen):");
      missLines.forEach(System.out::println);
    }
    for (AudioCleaner.Settings chain : chains) {
      if (chain.active()) cost(set, chain);
    }
  }

  /** The chosen result's word error per item kind (amount, date, digits, prompt) of one pass. */
  private static String byKind(
      Condition c, AudioCleaner.Settings chain, String part, NoiseEvaluation.Scores s) {
    java.util.Map<String, int[]> kinds = new java.util.TreeMap<>();
    for (NoiseEvaluation.Heard h : s.heard()) {
      int[] k = kinds.computeIfAbsent(h.item().kind(), x -> new int[2]);
      k[0] += h.chosenErrors();
      k[1] += com.duesline.speech.WordErrorRate.length(h.item().reference());
    }
    StringBuilder sb =
        new StringBuilder(
            String.format("  %-14s | %-20s | %-8s |", c.label(), chain.label(), part));
    kinds.forEach(
        (kind, k) ->
            sb.append(
                String.format(
                    " %s %.3f (%d/%d)", kind, k[1] == 0 ? 0 : k[0] / (double) k[1], k[0], k[1])));
    int errors = 0, words = 0, answers = 0, right = 0, promised = 0, recordedWrong = 0;
    int readBacks = 0, noisy = 0;
    for (NoiseEvaluation.Heard h : s.heard()) {
      if (h.item().hints() == null) continue;
      errors += h.chosenErrors();
      words += com.duesline.speech.WordErrorRate.length(h.item().reference());
      answers++;
      if (valueRight(h)) right++;
      if (!h.item().kind().equals("digits")) {
        promised++;
        if (recordedWrong(h)) recordedWrong++;
        if (readBack(h)) readBacks++;
        if (h.noisyLine()) noisy++;
      }
    }
    if (answers > 0)
      sb.append(
          String.format(
              " | answers %.3f (%d/%d), value right %d/%d; amounts and dates: line judged noisy %d, read back %d, recorded wrong unasked %d (of %d)",
              errors / (double) words,
              errors,
              words,
              right,
              answers,
              noisy,
              readBacks,
              recordedWrong,
              promised));
    return sb.toString();
  }

  /** Whether the chosen words give the value the reference does. */
  static boolean valueRight(NoiseEvaluation.Heard h) {
    String want = answerValue(h.item().kind(), h.item().reference());
    return want != null && want.equals(answerValue(h.item().kind(), h.chosen()));
  }

  /**
   * Whether a call would read an amount or date back before recording it: a word carrying it came
   * back below the read-back bar, or the line was judged noisy ({@link
   * com.duesline.speech.UnsureWords#readBackBelow}, as a call decides).
   */
  static boolean readBack(NoiseEvaluation.Heard h) {
    String kind = h.item().kind();
    return com.duesline.speech.UnsureWords.entities(
            h.chosenWords(), com.duesline.speech.UnsureWords.readBackBelow(h.noisyLine()))
        .contains(kind);
  }

  /**
   * Whether a call would record a wrong amount or date without asking: the words give a value, not
   * the reference's, and it is not read back (words with no value record nothing: the track asks
   * again; a wrong unit number only fails verification, so digits never count).
   */
  static boolean recordedWrong(NoiseEvaluation.Heard h) {
    String kind = h.item().kind();
    if (!kind.equals("amount") && !kind.equals("date")) return false;
    String got = answerValue(kind, h.chosen());
    return got != null && !valueRight(h) && !readBack(h);
  }

  private static final com.duesline.intent.EntityExtractor ENTITIES =
      new com.duesline.intent.EntityExtractor();

  /** A fixed day, so a reference and its decode resolve "may seventh" to the same date. */
  private static final java.time.LocalDate TODAY = java.time.LocalDate.of(2026, 12, 3);

  /**
   * What a call would record from an answer's words: the amount, the date or the digits, as the
   * conversation reads them (null when the words hold none). A weekday lost before a right date
   * costs word errors but not the promise.
   */
  static String answerValue(String kind, String words) {
    return switch (kind) {
      case "amount" -> ENTITIES.extract(words, "en", TODAY).get("amount");
      case "date" -> ENTITIES.extract(words, "en", TODAY).get("date");
      case "digits" -> {
        String d = com.duesline.conversation.Conversation.digitsIn(words);
        yield d.isEmpty() ? null : d;
      }
      default -> null;
    };
  }

  /**
   * One JSON line per utterance: what both decoders heard, word by word with confidences (to study
   * choice rules offline).
   */
  private static List<String> dump(
      Condition c, AudioCleaner.Settings chain, NoiseEvaluation.Scores s) {
    List<String> out = new ArrayList<>();
    for (NoiseEvaluation.Heard h : s.heard()) {
      out.add(
          new io.vertx.core.json.JsonObject()
              .put("condition", c.label())
              .put("chain", chain.label())
              .put("id", h.item().id())
              .put("split", h.item().split())
              .put("kind", h.item().kind())
              .put("reference", h.item().reference())
              .put("open", words(h.openWords()))
              .put("grammar", words(h.grammarWords()))
              .encode());
    }
    return out;
  }

  /** Appends after each pass, so a long run's finished passes can be read while it goes on. */
  private static void append(java.nio.file.Path dump, List<String> lines) {
    try {
      java.nio.file.Files.write(
          dump,
          lines,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.APPEND);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(
          "cannot write --dump " + dump + ": " + e.getMessage(), e);
    }
  }

  /** Words as the dumps write them: {@code [{"w","c","s","e"}]} (word, confidence, start, end). */
  static io.vertx.core.json.JsonArray words(List<com.duesline.speech.RecognizedWord> words) {
    io.vertx.core.json.JsonArray a = new io.vertx.core.json.JsonArray();
    for (var w : words)
      a.add(
          new io.vertx.core.json.JsonObject()
              .put("w", w.word())
              .put("c", w.conf())
              .put("s", w.start())
              .put("e", w.end()));
    return a;
  }

  /** One line per utterance with an error, open or chosen. */
  private static List<String> misses(
      Condition c, AudioCleaner.Settings chain, NoiseEvaluation.Scores s) {
    List<String> out = new ArrayList<>();
    for (NoiseEvaluation.Heard h : s.heard()) {
      if (h.openErrors() == 0 && h.chosenErrors() == 0) continue;
      out.add(
          String.format(
              "  %s | %s | %s %s %d/%d: %s | %s | %s",
              c.label(),
              chain.label(),
              h.item().id(),
              h.item().split(),
              h.openErrors(),
              h.chosenErrors(),
              h.item().reference(),
              h.open(),
              h.chosen()));
    }
    return out;
  }

  private static String fmt(Score s) {
    return String.format("%.3f (%d/%d)", s.wer(), s.errors(), s.words());
  }

  /**
   * CPU time of the clean-up per second of audio on one stream in 20 ms frames = cores per stream.
   */
  private static void cost(NoiseEvaluation set, AudioCleaner.Settings chain) {
    Condition c = new Condition(NoiseMixer.Kind.PINK, 15);
    List<short[]> audio = set.items().stream().map(i -> set.audio(i, c)).toList();
    int total = audio.stream().mapToInt(a -> a.length).sum();
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    short[] out = new short[160 + 80];
    double[] cores = new double[5];
    for (int round = -2; round < cores.length; round++) { // two warm-up rounds for the JIT
      long c0 = cpu.getCurrentThreadCpuTime();
      for (short[] a : audio) {
        try (AudioCleaner cleaner = new AudioCleaner(chain, 8000)) {
          for (int off = 0; off + 160 <= a.length; off += 160) cleaner.process(a, off, 160, out, 0);
        }
      }
      if (round >= 0) cores[round] = (cpu.getCurrentThreadCpuTime() - c0) / 1e9 / (total / 8000.0);
    }
    System.out.printf(
        "clean-up %s: %.4f cores per stream (CPU-s per audio-s, median of %d runs over %.0f s of 8 kHz audio in 20 ms frames)%n",
        chain.label(), SpeechBench.median(cores), cores.length, total / 8000.0);
  }
}
