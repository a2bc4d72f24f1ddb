package com.duesline.intent;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallzhv15q.BgeSmallZhV15QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sentence encoder of one language running in process on ONNX Runtime (the model ships inside a
 * Maven artifact; nothing is downloaded): text → unit-length vector, so a dot product is the
 * cosine. Recent texts are remembered (a small LRU), so classifying the stable partial result of a
 * turn and then the identical final result embeds once. Thread-safe; one instance per language per
 * JVM.
 */
public final class SentenceEncoder {
  /** Recent texts remembered: a live call repeats its last few; bigger would only hold memory. */
  static final int RECENT = 256;

  private static final Map<String, SentenceEncoder> SHARED = new ConcurrentHashMap<>();

  private final String lang;
  private final String modelId;
  private final Supplier<EmbeddingModel> loader;
  private volatile EmbeddingModel model;
  private volatile Set<String> wholeWords;
  private final Map<String, float[]> recent =
      new LinkedHashMap<>(RECENT * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
          return size() > RECENT;
        }
      };

  private SentenceEncoder(String lang, String modelId, Supplier<EmbeddingModel> loader) {
    this.lang = lang;
    this.modelId = modelId;
    this.loader = loader;
  }

  /**
   * The shared encoder of a language: all-MiniLM-L6-v2 (quantized) for en, BGE-small-zh-v1.5
   * (quantized) for zh.
   */
  public static SentenceEncoder forLanguage(String lang) {
    return SHARED.computeIfAbsent(
        lang,
        l ->
            switch (l) {
              case "en" ->
                  new SentenceEncoder(
                      l,
                      "all-minilm-l6-v2-q@langchain4j-0.36.2",
                      AllMiniLmL6V2QuantizedEmbeddingModel::new);
              case "zh" ->
                  new SentenceEncoder(
                      l,
                      "bge-small-zh-v1.5-q@langchain4j-0.36.2",
                      BgeSmallZhV15QuantizedEmbeddingModel::new);
              default ->
                  throw new IntentLibraryException(
                      "language '" + l + "' has no sentence encoder (supported: en, zh)");
            });
  }

  /** Names the model and its version: part of the key of persisted example vectors. */
  public String modelId() {
    return modelId;
  }

  /** The language this encoder reads. */
  public String lang() {
    return lang;
  }

  /** The unit vector of {@code text}; a text seen recently costs a map look-up. */
  public float[] embed(String text) {
    synchronized (recent) {
      float[] v = recent.get(text);
      if (v != null) return v;
    }
    float[] v = embedUncached(text);
    synchronized (recent) {
      recent.put(text, v);
    }
    return v;
  }

  /** Always runs the model (for benchmarks and for indexing examples, which are embedded once). */
  public float[] embedUncached(String text) {
    float[] v = model().embed(text.isBlank() ? "." : text).content().vector();
    return normalised(v);
  }

  /**
   * Words the model's tokenizer knows whole (en: the word-piece vocabulary's whole-word entries,
   * read once from the tokenizer file inside the model artifact; zh: empty). A word outside it is
   * split into pieces that lose its meaning ("atorney" → at ##tor ##ney), so only such words are
   * worth correcting before embedding.
   */
  Set<String> wholeWords() {
    Set<String> w = wholeWords;
    if (w == null) {
      synchronized (this) {
        if (wholeWords == null) wholeWords = readWholeWords();
        w = wholeWords;
      }
    }
    return w;
  }

  private Set<String> readWholeWords() {
    if (!lang.equals("en")) return Set.of();
    String resource = "/all-minilm-l6-v2-q-tokenizer.json";
    try (InputStream in =
        AllMiniLmL6V2QuantizedEmbeddingModel.class.getResourceAsStream(resource)) {
      if (in == null)
        throw new IntentLibraryException(
            "the sentence encoder's tokenizer " + resource + " is missing from the classpath");
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int vocab = json.indexOf("\"vocab\"");
      if (vocab < 0)
        throw new IntentLibraryException(resource + ": no \"vocab\" in the tokenizer file");
      Set<String> out = new HashSet<>();
      Matcher m = WHOLE_WORD.matcher(json).region(vocab, json.length());
      while (m.find()) out.add(m.group(1));
      return Set.copyOf(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A vocabulary entry that is a whole lowercase word (pieces start with ##, which this excludes).
   */
  private static final Pattern WHOLE_WORD = Pattern.compile("\"([a-z]+)\":\\s*\\d+");

  /**
   * Whether the text's vector is among the recent ones (for tests of the partial-then-final path).
   */
  boolean remembers(String text) {
    synchronized (recent) {
      return recent.containsKey(text);
    }
  }

  private EmbeddingModel model() {
    EmbeddingModel m = model;
    if (m == null) {
      synchronized (this) {
        if (model == null) model = loader.get();
        m = model;
      }
    }
    return m;
  }

  private static float[] normalised(float[] v) {
    double sum = 0;
    for (float x : v) sum += x * x;
    double norm = Math.sqrt(sum);
    if (norm == 0) return v.clone();
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) out[i] = (float) (v[i] / norm);
    return out;
  }
}
