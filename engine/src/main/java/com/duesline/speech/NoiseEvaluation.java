package com.duesline.speech;

import com.duesline.telephony.audio.MuLaw;
import com.duesline.telephony.audio.Wav;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The noisy evaluation set of {@code speech/noise-eval.tsv}: a real human voice (Debian's {@code
 * asterisk-core-sounds-en-wav}, 8 kHz) composed into amounts, dates, unit digits and prompts, with
 * reference words written before any tuning. Each item can be heard clean or with white, pink or
 * babble noise at a given SNR, through the µ-law codec as on a call.
 */
public final class NoiseEvaluation {
  /** Where Debian installs the recordings. */
  public static final Path DEBIAN_SOUNDS = Path.of("/usr/share/asterisk/sounds/en_US_f_Allison");

  private static final String RESOURCE = "speech/noise-eval.tsv";

  /** Line silence either side of each utterance (as the far end of a call would send it). */
  static final int PAD = 2000;

  /**
   * One utterance: id, {@code tune}, {@code held}, {@code held2} or {@code held3}, kind (amount,
   * date, digits, prompt), 8 kHz speech, reference words.
   */
  public record Item(String id, String split, String kind, short[] speech, String reference) {
    /**
     * The grammar a question expecting this kind of answer would listen with, or null for open
     * speech.
     */
    public PhraseHints hints() {
      return switch (kind) {
        case "amount" -> PhraseHints.amounts();
        case "date" -> PhraseHints.dates();
        case "digits" -> PhraseHints.digits();
        default -> null;
      };
    }
  }

  /** A listening condition: no noise ({@code kind} null) or a noise kind at an SNR. */
  public record Condition(NoiseMixer.Kind kind, double snrDb) {
    public static final Condition CLEAN = new Condition(null, Double.POSITIVE_INFINITY);

    public String label() {
      return kind == null ? "clean" : kind.label() + " " + Math.round(snrDb) + " dB";
    }
  }

  /** Word errors over reference words. */
  public record Score(int errors, int words, int utterances) {
    public double wer() {
      return words == 0 ? 0 : errors / (double) words;
    }

    Score plus(Score o) {
      return new Score(errors + o.errors, words + o.words, utterances + o.utterances);
    }
  }

  private final List<Item> items;
  private final NoiseMixer mixer;

  private NoiseEvaluation(List<Item> items) {
    this.items = List.copyOf(items);
    // Babble is built from the set's own voice, every utterance end to end.
    int total = items.stream().mapToInt(i -> i.speech().length).sum();
    short[] all = new short[total];
    int pos = 0;
    for (Item i : items) {
      System.arraycopy(i.speech(), 0, all, pos, i.speech().length);
      pos += i.speech().length;
    }
    this.mixer = new NoiseMixer(all);
  }

  /**
   * Loads the set from {@code soundsDir}; a missing recording is named with the package to install.
   */
  public static NoiseEvaluation load(Path soundsDir) {
    List<Item> items = new ArrayList<>();
    try (InputStream in = NoiseEvaluation.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      int no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isBlank() || line.startsWith("#")) continue;
        String[] f = line.split("\t");
        if (f.length != 5)
          throw new IllegalStateException(
              RESOURCE + " line " + no + ": expected 5 tab-separated columns, found " + f.length);
        items.add(new Item(f[0], f[1], f[2], compose(soundsDir, f[3].split(" ")), f[4]));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new NoiseEvaluation(items);
  }

  private static short[] compose(Path dir, String[] files) throws IOException {
    List<short[]> parts = new ArrayList<>();
    int total = 0;
    for (String f : files) {
      Path p = dir.resolve(f + ".wav");
      if (!Files.isRegularFile(p)) {
        throw new IllegalStateException(
            p
                + " not found: the noise evaluation needs Debian's asterisk-core-sounds-en-wav "
                + "(apt-get install asterisk-core-sounds-en-wav) or --sounds DIR");
      }
      Wav.Audio a = Wav.read(p);
      if (a.sampleRate() != 8000)
        throw new IllegalStateException(p + ": expected 8 kHz, found " + a.sampleRate() + " Hz");
      parts.add(a.samples());
      total += a.samples().length;
    }
    short[] out = new short[total];
    int pos = 0;
    for (short[] s : parts) {
      System.arraycopy(s, 0, out, pos, s.length);
      pos += s.length;
    }
    return out;
  }

  public List<Item> items() {
    return items;
  }

  /**
   * The items of one split ({@code tune}, {@code held}, {@code held2}, {@code held3}) or all for
   * null.
   */
  public List<Item> split(String split) {
    return split == null ? items : items.stream().filter(i -> i.split().equals(split)).toList();
  }

  /**
   * At most {@code n} of {@code items}, spread evenly over the list (so every kind stays in), for a
   * quicker run.
   */
  public static List<Item> sample(List<Item> items, int n) {
    if (n <= 0 || n >= items.size()) return items;
    List<Item> out = new ArrayList<>();
    for (int k = 0; k < n; k++) out.add(items.get((int) ((long) k * items.size() / n)));
    return out;
  }

  /**
   * The item as the recognizer receives it over the phone: padded with line silence, noise mixed in
   * (seeded by the item and condition, so every run hears the same noise), then µ-law coded.
   */
  public short[] audio(Item item, Condition c) {
    return audio(item, c, PAD);
  }

  private short[] audio(Item item, Condition c, int pad) {
    short[] line;
    if (c.kind() == null) {
      line = new short[item.speech().length + 2 * pad];
      System.arraycopy(item.speech(), 0, line, pad, item.speech().length);
    } else {
      long seed = item.id().hashCode() * 31L + c.kind().ordinal() * 1000L + Math.round(c.snrDb());
      line = mixer.mix(item.speech(), pad, c.kind(), c.snrDb(), seed);
    }
    return MuLaw.decode(MuLaw.encode(line));
  }

  /**
   * The 16 kHz audio the recognizers hear: the item as {@link #audio} gives it, through {@code
   * cleanup}. With {@code leadMs} &gt; 0 the clean-up first hears that much more of the line before
   * it, as a call's chain hears the line while the question is asked (it runs on every frame of the
   * call), and the recognizers still get the usual {@link #PAD} before the speech (a call's VAD
   * pre-roll is 300 ms). {@code leadMs} 0: the chain starts cold with the padded item, as the first
   * rounds measured. The noise there is another stretch of the same seeded noise.
   */
  public short[] heard(Item item, Condition c, AudioCleaner.Settings cleanup, int leadMs) {
    if (leadMs < 0) throw new IllegalArgumentException("lead must be >= 0 ms, was " + leadMs);
    int lead = 8 * leadMs;
    if (lead <= PAD) return Transcriber.toRecognizer(audio(item, c), 8000, cleanup);
    short[] line = audio(item, c, lead);
    short[] cleaned = Transcriber.toRecognizer(line, 8000, cleanup);
    int from = 2 * (lead - PAD), to = 2 * (lead + item.speech().length + PAD);
    return java.util.Arrays.copyOfRange(cleaned, from, to);
  }

  /**
   * Whether the clean-up, having heard the line as {@link #heard} gives it up to the end of the
   * item's speech, judges the line noisy ({@link AudioCleaner#noisyLine}): what a call's read-back
   * of amounts and dates goes by.
   */
  public boolean judgedNoisy(Item item, Condition c, AudioCleaner.Settings cleanup, int leadMs) {
    if (!cleanup.active()) return false;
    int lead = Math.max(PAD, 8 * leadMs);
    short[] line = lead <= PAD ? audio(item, c) : audio(item, c, lead);
    short[] upToTheEnd = java.util.Arrays.copyOf(line, lead + item.speech().length);
    try (AudioCleaner cleaner = new AudioCleaner(cleanup, 8000)) {
      cleaner.processAll(upToTheEnd);
      return cleaner.noisyLine();
    }
  }

  /**
   * What one utterance was heard as: the open text and the chosen text (the grammar's when
   * preferred), with their word errors, and whether the clean-up judged the line noisy.
   */
  public record Heard(
      Item item,
      String open,
      int openErrors,
      String chosen,
      int chosenErrors,
      List<RecognizedWord> openWords,
      List<RecognizedWord> grammarWords,
      List<RecognizedWord> chosenWords,
      boolean noisyLine) {}

  /**
   * Open and grammar-preferred scores of one pass (prompts, which have no grammar, count the same
   * in both), and every utterance.
   */
  public record Scores(Score open, Score grammar, List<Heard> heard) {}

  /**
   * Scores {@code items} under a condition through {@code cleanup}: each item is decoded once
   * openly and, when its kind has a grammar and {@code grammar} is set, once more with it (the
   * call's choice between the two is {@link GrammarRecognizer#choose}), the chain having heard
   * {@code leadMs} of the line before ({@link #heard}). Items run on {@code workers}.
   */
  public Scores score(
      List<Item> items,
      Condition c,
      org.vosk.Model model,
      AudioCleaner.Settings cleanup,
      boolean grammar,
      int leadMs,
      SpeechWorkers workers) {
    List<CompletableFuture<Heard>> futures = new ArrayList<>();
    for (Item item : items) {
      futures.add(
          workers.submit(
              () -> {
                short[] pcm = heard(item, c, cleanup, leadMs);
                List<RecognizedWord> open = Transcriber.decode(model, null, pcm);
                PhraseHints hints = grammar ? item.hints() : null;
                List<RecognizedWord> constrained =
                    hints == null ? List.of() : Transcriber.decode(model, hints, pcm);
                List<RecognizedWord> chosen =
                    hints == null ? open : GrammarRecognizer.prefer(constrained, open, hints);
                String openText = VoskResults.text(open);
                String chosenText = VoskResults.text(chosen);
                return new Heard(
                    item,
                    openText,
                    WordErrorRate.errors(item.reference(), openText),
                    chosenText,
                    WordErrorRate.errors(item.reference(), chosenText),
                    open,
                    constrained,
                    chosen,
                    judgedNoisy(item, c, cleanup, leadMs));
              }));
    }
    Score open = new Score(0, 0, 0);
    Score chosen = new Score(0, 0, 0);
    List<Heard> heard = new ArrayList<>();
    for (CompletableFuture<Heard> f : futures) {
      Heard h = f.join();
      int words = WordErrorRate.length(h.item().reference());
      open = open.plus(new Score(h.openErrors(), words, 1));
      chosen = chosen.plus(new Score(h.chosenErrors(), words, 1));
      heard.add(h);
    }
    return new Scores(open, chosen, List.copyOf(heard));
  }
}
