package com.duesline.intent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.util.BytesRef;

/**
 * Classifies the utterances of one language: BM25 search for the nearest examples, a vote of their
 * scores per intent, and a confidence that is the mean of the vote share and how much of the
 * utterance the best example of that intent explains (its coverage). Thread-safe; nothing is re-indexed per query.
 */
final class LanguageMatcher {
  /** Distinct words per field taken from one utterance: far more than any spoken turn, few enough for any input. */
  static final int MAX_TERMS = 48;
  private static final float CORRECTED_BOOST = 0.8f;
  private static final float ALT_BOOST = 0.5f;
  /** Distinct question phrase sets kept indexed; a talk-track library has far fewer questions than this. */
  private static final int PHRASE_CACHE_LIMIT = 512;

  final String lang;
  final LanguageAnalysis analysis;
  final ExampleIndex index;
  private final Set<String> catalogue;
  private final Set<String> alwaysHeard;
  private final int neighbours;
  private final Map<Map<String, List<String>>, ExampleIndex> phraseIndexes = new ConcurrentHashMap<>();

  /** An example near the utterance and its BM25 score. */
  record Neighbour(IntentExample example, double score) {}

  /** One intent's standing: confidence (0..1), its share of the neighbours' vote, and its best example's coverage of the utterance. */
  record Candidate(String intent, double score, double share, double coverage) {}

  /** Candidates best first, and the neighbours they came from. */
  record Decision(List<Candidate> ranked, List<Neighbour> neighbours) {}

  LanguageMatcher(IntentLibrary library, String lang, int neighbours) {
    this.lang = lang;
    IntentLibrary.LanguageData data = library.language(lang);
    this.analysis = LanguageAnalysis.forLanguage(data);
    this.index = ExampleIndex.build(data.examples(), analysis);
    this.catalogue = Set.copyOf(library.intentNames());
    Set<String> always = new HashSet<>();
    for (IntentDefinition d : library.intents()) if (d.alwaysHeard()) always.add(d.name());
    always.add(IntentClassifier.OUT_OF_SCOPE);
    this.alwaysHeard = Set.copyOf(always);
    this.neighbours = neighbours;
  }

  /**
   * Ranks intents for a cleaned utterance. {@code expected} (may be empty: no scoping) limits the
   * candidates to those intents plus the always-heard ones; {@code phrases} adds a question's own
   * examples; {@code excludeId} (or -1) leaves one indexed example out, for calibration.
   */
  Decision decide(String cleaned, Set<String> expected, Map<String, List<String>> phrases, int excludeId) {
    ExampleIndex corpus = phrases.isEmpty() ? index : phraseIndex(phrases);
    Map<String, Float> words = new LinkedHashMap<>();
    for (String w : analysis.terms(LanguageAnalysis.TEXT, cleaned, MAX_TERMS)) {
      if (corpus.docFreq(w) > 0 || !analysis.fuzzy) {
        words.merge(w, 1f, Math::max);
      } else {
        String near = Spelling.nearest(w, corpus.vocabulary);
        words.merge(near == null ? w : near, near == null ? 1f : CORRECTED_BOOST, Math::max);
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
      q.add(new BoostQuery(new TermQuery(new Term(LanguageAnalysis.ALT, a)), ALT_BOOST), Occur.SHOULD);
      clauses++;
    }
    if (clauses == 0) return new Decision(List.of(), List.of());
    q.setMinimumNumberShouldMatch(1);
    if (!expected.isEmpty()) {
      List<BytesRef> allowed = new ArrayList<>();
      for (String i : expected) allowed.add(new BytesRef(i));
      for (String i : alwaysHeard) allowed.add(new BytesRef(i));
      for (String i : phrases.keySet()) allowed.add(new BytesRef(i));
      q.add(new TermInSetQuery(ExampleIndex.INTENT, allowed), Occur.FILTER);
    }
    if (excludeId >= 0) q.add(new TermQuery(new Term(ExampleIndex.ID, Integer.toString(excludeId))), Occur.MUST_NOT);

    TopDocs top;
    try {
      top = corpus.searcher.search(q.build(), neighbours);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Neighbour> near = new ArrayList<>(top.scoreDocs.length);
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
    List<Candidate> ranked = new ArrayList<>(votes.size());
    for (var e : votes.entrySet()) {
      double share = total > 0 ? e.getValue()[0] / total : 0;
      double cover = e.getValue()[1];
      // Mean, not product: a clear vote for an intent whose examples word it differently still counts.
      ranked.add(new Candidate(e.getKey(), (share + cover) / 2, share, cover));
    }
    ranked.sort(Comparator.comparingDouble(Candidate::score).reversed());
    return new Decision(ranked, near);
  }

  /** Checks a question's phrases name catalogue intents; the set is indexed once and cached. */
  private ExampleIndex phraseIndex(Map<String, List<String>> phrases) {
    ExampleIndex cached = phraseIndexes.get(phrases);
    if (cached != null) return cached;
    List<IntentExample> extra = new ArrayList<>();
    for (var e : phrases.entrySet()) {
      if (!catalogue.contains(e.getKey())) {
        throw new IllegalArgumentException("question phrases name intent '" + e.getKey() + "', which is not in the catalogue");
      }
      for (String p : e.getValue()) {
        String text = UtteranceText.clean(p);
        if (!text.isEmpty()) extra.add(new IntentExample(e.getKey(), text, "question phrase"));
      }
    }
    if (phraseIndexes.size() >= PHRASE_CACHE_LIMIT) phraseIndexes.clear();
    return phraseIndexes.computeIfAbsent(phrases, k -> index.with(extra, analysis));
  }

  /** How many distinct question phrase sets are indexed right now. */
  int cachedPhraseSets() {
    return phraseIndexes.size();
  }

  /** BM25's inverse document frequency; a word no example has gets the highest weight, so unknown talk lowers coverage. */
  private static double idf(ExampleIndex corpus, String word) {
    int n = corpus.size();
    int df = corpus.docFreq(word);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * IDF-weighted Dice overlap of the utterance's terms and an example's terms over both fields, 0..1:
   * how much of what was said the example explains, and how much of the example was said.
   */
  private static double coverage(ExampleIndex corpus, List<String> docWords, Map<String, Double> queryIdf, double queryWeight) {
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
