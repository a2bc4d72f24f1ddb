package com.duesline.intent;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.AnalyzerWrapper;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.core.FlattenGraphFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.pattern.PatternReplaceCharFilter;
import org.apache.lucene.analysis.shingle.ShingleFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * How one language turns an utterance into index terms. Two fields: {@code text} (words: stemmed,
 * stop words and fillers removed, synonyms folded for en; SmartChineseAnalyzer words for zh) and
 * {@code alt} (word bigrams for en, so "not paid" differs from "paid"; character uni+bigrams for
 * zh, so a segmentation the dictionary gets wrong still matches).
 */
final class LanguageAnalysis {
  static final String TEXT = "text";
  static final String ALT = "alt";
  private static final Pattern APOSTROPHES = Pattern.compile("['\u2019`]");

  /**
   * Spaces between Han characters: Vosk writes "我 已经 交 过 了", other recognisers "我已经交过了"; both must
   * match alike.
   */
  private static final Pattern HAN_SPACES = Pattern.compile("(?<=\\p{IsHan})\\s+(?=\\p{IsHan})");

  final String lang;
  final Analyzer analyzer;

  /** Whether unknown words are corrected to the nearest indexed word (en: ASR misspellings). */
  final boolean fuzzy;

  private LanguageAnalysis(String lang, Analyzer text, Analyzer alt, boolean fuzzy) {
    this.lang = lang;
    this.analyzer = new PerFieldAnalyzerWrapper(text, Map.of(ALT, alt));
    this.fuzzy = fuzzy;
  }

  static LanguageAnalysis forLanguage(IntentLibrary.LanguageData data) {
    return switch (data.lang()) {
      case "en" -> english(data);
      case "zh" -> chinese(data);
      default ->
          throw new IntentLibraryException(
              "language '" + data.lang() + "' has no analyser (supported: en, zh)");
    };
  }

  /**
   * The text as the sentence encoder reads it: lowercase, and (zh) no spaces between Han
   * characters, so Vosk's spaced words read as written text.
   */
  String forEncoder(String cleaned) {
    return HAN_SPACES.matcher(cleaned.toLowerCase(java.util.Locale.ROOT)).replaceAll("");
  }

  /**
   * The distinct terms of {@code text} in {@code field}, at most {@code max}, in order of
   * appearance.
   */
  List<String> terms(String field, String text, int max) {
    Set<String> out = new LinkedHashSet<>();
    try (TokenStream ts = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken() && out.size() < max) {
        if (term.length() > 0) out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ArrayList<>(out);
  }

  private static LanguageAnalysis english(IntentLibrary.LanguageData data) {
    SynonymMap synonyms =
        data.synonyms().map(t -> parseSynonyms(t, data.synonymsSource())).orElse(null);
    CharArraySet stop = new CharArraySet(data.stopwords(), true);
    Analyzer text = new EnglishAnalyzerChain(synonyms, stop, false);
    Analyzer alt = new EnglishAnalyzerChain(synonyms, stop, true);
    return new LanguageAnalysis("en", text, alt, true);
  }

  private static LanguageAnalysis chinese(IntentLibrary.LanguageData data) {
    SmartChineseAnalyzer smart = new SmartChineseAnalyzer(new CharArraySet(data.stopwords(), true));
    Analyzer text =
        new AnalyzerWrapper(smart.getReuseStrategy()) {
          @Override
          protected Analyzer getWrappedAnalyzer(String fieldName) {
            return smart;
          }

          @Override
          protected Reader wrapReader(String fieldName, Reader reader) {
            return new PatternReplaceCharFilter(HAN_SPACES, "", reader);
          }
        };
    Analyzer alt =
        new Analyzer() {
          @Override
          protected Reader initReader(String fieldName, Reader reader) {
            return new PatternReplaceCharFilter(HAN_SPACES, "", reader);
          }

          @Override
          protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream ts = new LowerCaseFilter(source);
            ts =
                new CJKBigramFilter(
                    ts,
                    CJKBigramFilter.HAN
                        | CJKBigramFilter.HIRAGANA
                        | CJKBigramFilter.KATAKANA
                        | CJKBigramFilter.HANGUL,
                    true);
            return new TokenStreamComponents(source, ts);
          }
        };
    return new LanguageAnalysis("zh", text, alt, false);
  }

  private static SynonymMap parseSynonyms(String content, String where) {
    Analyzer plain =
        new Analyzer() {
          @Override
          protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, new LowerCaseFilter(source));
          }

          @Override
          protected Reader initReader(String fieldName, Reader reader) {
            return new PatternReplaceCharFilter(APOSTROPHES, "", reader);
          }
        };
    SolrSynonymParser parser = new SolrSynonymParser(true, true, plain);
    try {
      parser.parse(new StringReader(content));
      return parser.build();
    } catch (ParseException e) {
      throw new IntentLibraryException(
          where
              + ":"
              + e.getErrorOffset()
              + ": bad synonym rule: "
              + e.getMessage()
              + (e.getCause() != null ? " (" + e.getCause().getMessage() + ")" : ""));
    } catch (IOException | IllegalArgumentException e) {
      throw new IntentLibraryException(where + ": bad synonym rule: " + e.getMessage());
    }
  }

  /**
   * English: apostrophes dropped (ASR writes "dont" and "don't"), lowercase, synonyms, then stop
   * words and stems or bigrams.
   */
  private static final class EnglishAnalyzerChain extends Analyzer {
    private final SynonymMap synonyms;
    private final CharArraySet stop;
    private final boolean bigrams;

    EnglishAnalyzerChain(SynonymMap synonyms, CharArraySet stop, boolean bigrams) {
      this.synonyms = synonyms;
      this.stop = stop;
      this.bigrams = bigrams;
    }

    @Override
    protected Reader initReader(String fieldName, Reader reader) {
      return new PatternReplaceCharFilter(APOSTROPHES, "", reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer source = new StandardTokenizer();
      TokenStream ts = new LowerCaseFilter(source);
      if (synonyms != null) ts = new FlattenGraphFilter(new SynonymGraphFilter(ts, synonyms, true));
      if (bigrams) {
        // Stop words stay in bigrams: "not me" and "no thanks" carry meaning the unigram field
        // drops.
        ts = new PorterStemFilter(ts);
        ShingleFilter shingles = new ShingleFilter(ts, 2, 2);
        shingles.setOutputUnigrams(false);
        return new TokenStreamComponents(source, shingles);
      }
      ts = new StopFilter(ts, stop);
      ts = new PorterStemFilter(ts);
      return new TokenStreamComponents(source, ts);
    }
  }
}
