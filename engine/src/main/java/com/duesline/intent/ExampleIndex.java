package com.duesline.intent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LogDocMergePolicy;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * Searchable examples: an in-memory Lucene index (or the catalogue's index joined with a question's
 * own phrases through a {@link MultiReader}, so term statistics span both) plus, by document id,
 * each example's intent, text, source, analysed words and sentence vector, kept in arrays so
 * scoring never loads stored fields.
 */
final class ExampleIndex {
  static final String INTENT = "intent";
  static final String ID = "id";

  /**
   * The example's cross-validation fold (its id modulo {@link #FOLDS}), so calibration can leave a
   * fold out with a filter.
   */
  static final String FOLD = "fold";

  /**
   * The example's sentence vector ({@link org.apache.lucene.document.KnnFloatVectorField}, dot
   * product of unit vectors = cosine).
   */
  static final String VECTOR = "vector";

  /** Folds of the k-fold cross-validation that calibrates abstention and fusion. */
  static final int FOLDS = 5;

  final IndexReader reader;
  final IndexSearcher searcher;
  final List<IntentExample> examples;
  final List<List<String>> words;

  /** Each example's unit sentence vector, by document id. */
  final float[][] vectors;

  /**
   * Indexed terms and their document frequency ({@code alt} terms carry {@link #ALT_MARK}), for
   * weights and spelling.
   */
  final Map<String, Integer> vocabulary;

  private ExampleIndex(
      IndexReader reader,
      List<IntentExample> examples,
      List<List<String>> words,
      float[][] vectors) {
    this.reader = reader;
    this.searcher = new IndexSearcher(reader);
    // Every query is different (one per utterance): caching filters would only cost memory and
    // locks.
    this.searcher.setQueryCache(null);
    this.examples = List.copyOf(examples);
    this.words = List.copyOf(words);
    this.vectors = vectors;
    this.vocabulary = readVocabulary(reader);
  }

  /** Indexes {@code examples} once, in memory. */
  static ExampleIndex build(
      List<IntentExample> examples, LanguageAnalysis analysis, float[][] vectors) {
    return new ExampleIndex(
        write(examples, analysis, 0, vectors), examples, analyse(examples, analysis), vectors);
  }

  /** This index joined with a question's own phrases (their ids follow this index's). */
  ExampleIndex with(List<IntentExample> extra, LanguageAnalysis analysis, float[][] extraVectors) {
    DirectoryReader extraReader = write(extra, analysis, examples.size(), extraVectors);
    float[][] allVectors = java.util.Arrays.copyOf(vectors, vectors.length + extraVectors.length);
    System.arraycopy(extraVectors, 0, allVectors, vectors.length, extraVectors.length);
    List<IntentExample> all = new ArrayList<>(examples);
    all.addAll(extra);
    List<List<String>> allWords = new ArrayList<>(words);
    allWords.addAll(analyse(extra, analysis));
    try {
      return new ExampleIndex(
          new MultiReader(new IndexReader[] {reader, extraReader}, false),
          all,
          allWords,
          allVectors);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int size() {
    return examples.size();
  }

  int docFreq(String word) {
    return vocabulary.getOrDefault(word, 0);
  }

  private static DirectoryReader write(
      List<IntentExample> examples, LanguageAnalysis analysis, int firstId, float[][] vectors) {
    ByteBuffersDirectory dir = new ByteBuffersDirectory();
    IndexWriterConfig config = new IndexWriterConfig(analysis.analyzer);
    // Log merging only joins neighbouring segments, so document ids keep the order examples were
    // added.
    config.setMergePolicy(new LogDocMergePolicy());
    try (IndexWriter writer = new IndexWriter(dir, config)) {
      int id = firstId;
      for (int i = 0; i < examples.size(); i++) {
        IntentExample ex = examples.get(i);
        Document doc = new Document();
        doc.add(new StringField(FOLD, Integer.toString(id % FOLDS), Field.Store.NO));
        doc.add(new KnnFloatVectorField(VECTOR, vectors[i], VectorSimilarityFunction.DOT_PRODUCT));
        doc.add(new StringField(ID, Integer.toString(id++), Field.Store.NO));
        doc.add(new StringField(INTENT, ex.intent(), Field.Store.NO));
        doc.add(new TextField(LanguageAnalysis.TEXT, ex.text(), Field.Store.NO));
        doc.add(new TextField(LanguageAnalysis.ALT, ex.text(), Field.Store.NO));
        writer.addDocument(doc);
      }
      // One segment keeps document ids in insertion order, so they index the arrays directly.
      writer.forceMerge(1);
      writer.commit();
      return DirectoryReader.open(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Marks a term of the {@code alt} field in {@link #words} and {@link #vocabulary}. */
  static final String ALT_MARK = "\u0001";

  private static List<List<String>> analyse(
      List<IntentExample> examples, LanguageAnalysis analysis) {
    List<List<String>> out = new ArrayList<>(examples.size());
    for (IntentExample ex : examples) {
      List<String> terms =
          new ArrayList<>(analysis.terms(LanguageAnalysis.TEXT, ex.text(), Integer.MAX_VALUE));
      for (String a : analysis.terms(LanguageAnalysis.ALT, ex.text(), Integer.MAX_VALUE))
        terms.add(ALT_MARK + a);
      out.add(List.copyOf(terms));
    }
    return out;
  }

  private static Map<String, Integer> readVocabulary(IndexReader reader) {
    Map<String, Integer> vocab = new HashMap<>();
    try {
      for (String field : new String[] {LanguageAnalysis.TEXT, LanguageAnalysis.ALT}) {
        Terms terms = MultiTerms.getTerms(reader, field);
        if (terms == null) continue;
        String mark = field.equals(LanguageAnalysis.ALT) ? ALT_MARK : "";
        TermsEnum it = terms.iterator();
        for (BytesRef t = it.next(); t != null; t = it.next())
          vocab.merge(mark + t.utf8ToString(), it.docFreq(), Integer::sum);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Map.copyOf(vocab);
  }
}
