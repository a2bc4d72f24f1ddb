package com.duesline.intent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Finds what speaks for each intent in one language's utterance, by words and by meaning: BM25
 * search for the nearest examples (a vote of their scores per intent, and how much of the utterance
 * the best example explains), and a k-nearest-neighbour search of the examples' sentence vectors in
 * the same Lucene index. {@link Fusion} turns that evidence into a ranking. Thread-safe; nothing is
 * re-indexed per query.
 */
final class LanguageMatcher {
  /**
   * Distinct words per field taken from one utterance: far more than any spoken turn, few enough
   * for any input.
   */
  static final int MAX_TERMS = 48;

  private static final float CORRECTED_BOOST = 0.8f;
  private static final float ALT_BOOST = 0.5f;

  /**
   * Distinct question phrase sets kept indexed; a talk-track library has far fewer questions than
   * this.
   */
  private static final int PHRASE_CACHE_LIMIT = 512;

  final String lang;
  final LanguageAnalysis analysis;
  final ExampleIndex index;
  private final Set<String> catalogue;
  private final Set<String> alwaysHeard;
  private final int neighbours;
  private final SentenceEncoder encoder;
  private final List<String> intents;

  /**
   * The linear read-out fitted on all examples, and one per cross-validation fold fitted without
   * that fold.
   */
  private final RidgeHead head;

  private final RidgeHead[] foldHeads;

  /** Intents the read-out adds as candidates even when neither search found them. */
  private static final int HEAD_CANDIDATES = 3;

  private final Map<Map<String, List<String>>, ExampleIndex> phraseIndexes =
      new ConcurrentHashMap<>();
  private final Map<String, Integer> surfaceWords;

  /** Examples semantically nearest the utterance: k nearest sentence vectors. */
  static final int SEMANTIC_NEIGHBOURS = 10;

  /**
   * Softness of the semantic vote: neighbours within a few hundredths of cosine of the nearest
   * weigh alike.
   */
  private static final double SEMANTIC_TEMPERATURE = 0.05;

  /** An example near the utterance and its score (BM25 for words, cosine for meaning). */
  record Neighbour(IntentExample example, double score) {}

  /**
   * What one intent has going for it: the lexical confidence (mean of its BM25 vote share and its
   * best example's coverage) with both parts, its best example's cosine, and its share of the
   * semantic neighbours' (softmax-weighted) vote. An intent missing from one list gets that list's
   * floor.
   */
  record Evidence(
      String intent,
      double lexical,
      double share,
      double coverage,
      double semantic,
      double semanticShare,
      double head) {}

  /** Every candidate's evidence, and the lexical and semantic neighbours it came from. */
  record Gathered(List<Evidence> evidence, List<Neighbour> lexical, List<Neighbour> semantic) {
    static final Gathered NONE = new Gathered(List.of(), List.of(), List.of());
  }

  LanguageMatcher(
      IntentLibrary library,
      String lang,
      int neighbours,
      SentenceEncoder encoder,
      Optional<Path> cacheDir) {
    this.lang = lang;
    IntentLibrary.LanguageData data = library.language(lang);
    this.analysis = LanguageAnalysis.forLanguage(data);
    this.encoder = encoder;
    float[][] vectors =
        ExampleVectors.of(
            encoder,
            analysis,
            data.examples().stream().map(IntentExample::text).toList(),
            cacheDir);
    this.index = ExampleIndex.build(data.examples(), analysis, vectors);
    this.surfaceWords = surfaceWords(data.examples());
    if (analysis.fuzzy)
      encoder
          .wholeWords(); // read the tokenizer's words at start-up, not on the first caller's turn
    List<String> labels = data.examples().stream().map(IntentExample::intent).toList();
    this.intents = List.copyOf(library.intentNames());
    float[][] headInputs = new float[vectors.length][];
    for (int i = 0; i < vectors.length; i++)
      headInputs[i] =
          TenseCues.withCues(vectors[i], TenseCues.of(lang, data.examples().get(i).text()));
    this.head = RidgeHead.fit(headInputs, labels, intents, i -> true);
    this.foldHeads = new RidgeHead[ExampleIndex.FOLDS];
    for (int f = 0; f < ExampleIndex.FOLDS; f++) {
      int fold = f;
      foldHeads[f] =
          RidgeHead.fit(headInputs, labels, intents, i -> i % ExampleIndex.FOLDS != fold);
    }
    this.catalogue = Set.copyOf(library.intentNames());
    Set<String> always = new HashSet<>();
    for (IntentDefinition d : library.intents()) if (d.alwaysHeard()) always.add(d.name());
    always.add(IntentClassifier.OUT_OF_SCOPE);
    this.alwaysHeard = Set.copyOf(always);
    this.neighbours = neighbours;
  }

  /** A text's sentence vector as written (remembered for recent texts). */
  float[] vector(String cleaned) {
    return encoder.embed(analysis.forEncoder(cleaned));
  }

  /**
   * The utterance's sentence vector, of its text with misspelt words corrected ({@link #spelled}).
   */
  float[] queryVector(String cleaned) {
    return vector(spelled(cleaned));
  }

  /**
   * The utterance with each misspelt word replaced by the examples' word one edit away ("talk to my
   * atorney" → "talk to my attorney"), so the sentence vector reads what the lexical side's
   * correction reads. Only words the examples never use and the encoder does not know whole are
   * touched (a real word the examples lack, such as "plumber", stays), and only at one edit: two
   * edits turn "unoccupied" into "occupied". en only.
   */
  String spelled(String cleaned) {
    if (!analysis.fuzzy) return cleaned;
    String lower = cleaned.toLowerCase(java.util.Locale.ROOT);
    java.util.regex.Matcher m = WORD.matcher(lower);
    StringBuilder out = null;
    int last = 0;
    while (m.find()) {
      String w = m.group();
      if (knowsWord(w)) continue;
      String near = Spelling.nearest(w, surfaceWords, 1);
      if (near == null) continue;
      if (out == null) out = new StringBuilder(lower.length() + 8);
      out.append(lower, last, m.start()).append(near);
      last = m.end();
    }
    return out == null ? cleaned : out.append(lower, last, lower.length()).toString();
  }

  /**
   * Whether a lowercase word is one the examples use or the encoder knows whole (so {@link
   * #spelled} leaves it).
   */
  boolean knowsWord(String word) {
    return surfaceWords.containsKey(word) || encoder.wholeWords().contains(word);
  }

  private static final java.util.regex.Pattern WORD = java.util.regex.Pattern.compile("[a-z]+");

  /**
   * How often each lowercase word occurs in the examples (en), the vocabulary {@link #spelled}
   * corrects towards.
   */
  private static Map<String, Integer> surfaceWords(List<IntentExample> examples) {
    Map<String, Integer> out = new java.util.HashMap<>();
    for (IntentExample ex : examples) {
      java.util.regex.Matcher m = WORD.matcher(ex.text().toLowerCase(java.util.Locale.ROOT));
      while (m.find()) out.merge(m.group(), 1, Integer::sum);
    }
    return Map.copyOf(out);
  }

  /**
   * Gathers every candidate intent's evidence for a cleaned utterance. {@code expected} (may be
   * empty: no scoping) limits the candidates to those intents plus the always-heard ones; {@code
   * phrases} adds a question's own examples; {@code excludeFold} (or -1) leaves one
   * cross-validation fold out, for calibration; {@code vector} is the utterance's sentence vector.
   */
  Gathered gather(
      String cleaned,
      float[] vector,
      Set<String> expected,
      Map<String, List<String>> phrases,
      int excludeFold) {
    ExampleIndex corpus = phrases.isEmpty() ? index : phraseIndex(phrases);
    Query scope = scope(expected, phrases, excludeFold);
    List<Neighbour> lexical = new ArrayList<>();
    Map<String, double[]> lex = lexical(corpus, cleaned, scope, lexical);
    List<Neighbour> semantic = semantic(corpus, vector, scope);
    if (lex.isEmpty() && semantic.isEmpty()) return Gathered.NONE;

    Map<String, double[]> sem = new LinkedHashMap<>();
    double floor = semantic.isEmpty() ? 0 : semantic.get(semantic.size() - 1).score();
    double top = semantic.isEmpty() ? 0 : semantic.get(0).score();
    double weights = 0;
    for (Neighbour n : semantic) {
      double w = Math.exp((n.score() - top) / SEMANTIC_TEMPERATURE);
      double[] v =
          sem.computeIfAbsent(
              n.example().intent(), k -> new double[] {Double.NEGATIVE_INFINITY, 0});
      v[0] = Math.max(v[0], n.score());
      v[1] += w;
      weights += w;
    }
    RidgeHead h = excludeFold >= 0 ? foldHeads[excludeFold] : head;
    double[] read = h.scores(TenseCues.withCues(vector, TenseCues.of(lang, cleaned)));
    Set<String> allowed = expected.isEmpty() ? null : allowed(expected, phrases);
    Set<String> candidates = new java.util.LinkedHashSet<>(lex.keySet());
    candidates.addAll(sem.keySet());
    Integer[] order = new Integer[read.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    java.util.Arrays.sort(order, (a, b) -> Double.compare(read[b], read[a]));
    int added = 0;
    for (int i = 0; i < order.length && added < HEAD_CANDIDATES; i++) {
      String intent = intents.get(order[i]);
      if (allowed != null && !allowed.contains(intent)) continue;
      candidates.add(intent);
      added++;
    }
    List<Evidence> out = new ArrayList<>(candidates.size());
    for (String intent : candidates) {
      double[] l = lex.getOrDefault(intent, new double[] {0, 0});
      double[] s = sem.get(intent);
      double share = l[0];
      double cover = l[1];
      out.add(
          new Evidence(
              intent,
              (share + cover) / 2,
              share,
              cover,
              s == null ? floor : s[0],
              s == null || weights == 0 ? 0 : s[1] / weights,
              read[intents.indexOf(intent)]));
    }
    return new Gathered(out, lexical, semantic);
  }

  /**
   * The intents a scoped question can hear: those expected, the always-heard ones, and its phrases'
   * intents.
   */
  private Set<String> allowed(Set<String> expected, Map<String, List<String>> phrases) {
    Set<String> out = new HashSet<>(expected);
    out.addAll(alwaysHeard);
    out.addAll(phrases.keySet());
    return out;
  }

  /** The filter for scoping and fold exclusion, or null when there is neither. */
  private Query scope(Set<String> expected, Map<String, List<String>> phrases, int excludeFold) {
    if (expected.isEmpty() && excludeFold < 0) return null;
    BooleanQuery.Builder f = new BooleanQuery.Builder();
    f.add(new MatchAllDocsQuery(), Occur.FILTER);
    if (!expected.isEmpty()) {
      List<BytesRef> terms = new ArrayList<>();
      for (String i : allowed(expected, phrases)) terms.add(new BytesRef(i));
      f.add(new TermInSetQuery(ExampleIndex.INTENT, terms), Occur.FILTER);
    }
    if (excludeFold >= 0)
      f.add(
          new TermQuery(new Term(ExampleIndex.FOLD, Integer.toString(excludeFold))),
          Occur.MUST_NOT);
    return f.build();
  }

  /**
   * The k nearest examples by cosine (Lucene's {@link KnnFloatVectorQuery}; its score is (1 +
   * cosine) / 2).
   */
  private List<Neighbour> semantic(ExampleIndex corpus, float[] vector, Query scope) {
    TopDocs top;
    try {
      top =
          corpus.searcher.search(
              new KnnFloatVectorQuery(ExampleIndex.VECTOR, vector, SEMANTIC_NEIGHBOURS, scope),
              SEMANTIC_NEIGHBOURS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Neighbour> out = new ArrayList<>(top.scoreDocs.length);
    for (ScoreDoc sd : top.scoreDocs)
      out.add(new Neighbour(corpus.examples.get(sd.doc), 2.0 * sd.score - 1));
    out.sort(Comparator.comparingDouble(Neighbour::score).reversed());
    return out;
  }

  /**
   * BM25 nearest examples (added to {@code near}) and, per intent, its vote share and best
   * coverage.
   */
  private Map<String, double[]> lexical(
      ExampleIndex corpus, String cleaned, Query scope, List<Neighbour> near) {
    Map<String, Float> words = new LinkedHashMap<>();
    for (String w : analysis.terms(LanguageAnalysis.TEXT, cleaned, MAX_TERMS)) {
      if (corpus.docFreq(w) > 0 || !analysis.fuzzy) {
        words.merge(w, 1f, Math::max);
      } else {
        String nearWord = Spelling.nearest(w, corpus.vocabulary);
        words.merge(
            nearWord == null ? w : nearWord, nearWord == null ? 1f : CORRECTED_BOOST, Math::max);
      }
    }
    List<String> alt = analysis.terms(LanguageAnalysis.ALT, cleaned, MAX_TERMS);
    BooleanQuery.Builder q = new BooleanQuery.Builder();
    int clauses = 0;
    for (var e : words.entrySet()) {
      if (corpus.docFreq(e.getKey()) == 0) continue;
      Query tq = new TermQuery(new Term(LanguageAnalysis.TEXT, e.getKey()));
      q.add(e.getValue() == 1f ? tq : new BoostQuery(tq, e.getValue()), Occur.SHOULD);
      clauses++;
    }
    for (String a : alt) {
      q.add(
          new BoostQuery(new TermQuery(new Term(LanguageAnalysis.ALT, a)), ALT_BOOST),
          Occur.SHOULD);
      clauses++;
    }
    if (clauses == 0) return Map.of();
    q.setMinimumNumberShouldMatch(1);
    if (scope != null) q.add(scope, Occur.FILTER);

    TopDocs top;
    try {
      top = corpus.searcher.search(q.build(), neighbours);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, double[]> votes = new LinkedHashMap<>();
    double total = 0;
    Map<String, Double> idf = new LinkedHashMap<>();
    double queryWeight = 0;
    for (String w : words.keySet()) {
      double v = idf(corpus, w);
      idf.put(w, v);
      queryWeight += v;
    }
    for (String a : alt) {
      double v = idf(corpus, ExampleIndex.ALT_MARK + a);
      idf.put(ExampleIndex.ALT_MARK + a, v);
      queryWeight += v;
    }
    for (ScoreDoc sd : top.scoreDocs) {
      IntentExample ex = corpus.examples.get(sd.doc);
      near.add(new Neighbour(ex, sd.score));
      double cover = coverage(corpus, corpus.words.get(sd.doc), idf, queryWeight);
      double[] v = votes.computeIfAbsent(ex.intent(), k -> new double[2]);
      v[0] += sd.score;
      v[1] = Math.max(v[1], cover);
      total += sd.score;
    }
    for (double[] v : votes.values()) v[0] = total > 0 ? v[0] / total : 0;
    return votes;
  }

  /** Checks a question's phrases name catalogue intents; the set is indexed once and cached. */
  private ExampleIndex phraseIndex(Map<String, List<String>> phrases) {
    ExampleIndex cached = phraseIndexes.get(phrases);
    if (cached != null) return cached;
    List<IntentExample> extra = new ArrayList<>();
    for (var e : phrases.entrySet()) {
      if (!catalogue.contains(e.getKey())) {
        throw new IllegalArgumentException(
            "question phrases name intent '" + e.getKey() + "', which is not in the catalogue");
      }
      for (String p : e.getValue()) {
        String text = UtteranceText.clean(p);
        if (!text.isEmpty()) extra.add(new IntentExample(e.getKey(), text, "question phrase"));
      }
    }
    if (phraseIndexes.size() >= PHRASE_CACHE_LIMIT) phraseIndexes.clear();
    return phraseIndexes.computeIfAbsent(
        phrases,
        k -> {
          float[][] vectors = new float[extra.size()][];
          for (int i = 0; i < extra.size(); i++) vectors[i] = vector(extra.get(i).text());
          return index.with(extra, analysis, vectors);
        });
  }

  /** How many distinct question phrase sets are indexed right now. */
  int cachedPhraseSets() {
    return phraseIndexes.size();
  }

  /**
   * BM25's inverse document frequency; a word no example has gets the highest weight, so unknown
   * talk lowers coverage.
   */
  private static double idf(ExampleIndex corpus, String word) {
    int n = corpus.size();
    int df = corpus.docFreq(word);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * IDF-weighted Dice overlap of the utterance's terms and an example's terms over both fields,
   * 0..1: how much of what was said the example explains, and how much of the example was said.
   */
  private static double coverage(
      ExampleIndex corpus,
      List<String> docWords,
      Map<String, Double> queryIdf,
      double queryWeight) {
    double shared = 0;
    double docWeight = 0;
    for (String w : docWords) {
      Double q = queryIdf.get(w);
      double v = q != null ? q : idf(corpus, w);
      docWeight += v;
      if (q != null) shared += v;
    }
    double denominator = queryWeight + docWeight;
    return denominator == 0 ? 0 : 2 * shared / denominator;
  }
}
