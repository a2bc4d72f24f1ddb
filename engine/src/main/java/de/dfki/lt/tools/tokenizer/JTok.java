package de.dfki.lt.tools.tokenizer;

import de.dfki.lt.tools.tokenizer.annotate.AnnotatedString;
import de.dfki.lt.tools.tokenizer.annotate.FastAnnotatedString;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * A small English tokeniser standing in for DFKI's JTok, which MaryTTS 5.2.1 needs at start-up but
 * which is not on Maven Central (see ARCHITECTURE.md, "MaryTTS on Maven Central").
 *
 * <p>It marks tokens under {@link #CLASS_ANNO} and sentence ends under {@link #BORDER_ANNO} ({@link
 * #S_BORDER}, or {@link #P_BORDER} after a blank line) on the first token of the next sentence,
 * which is where MaryTTS' tokeniser module looks for them. Numbers keep their separators
 * ("1,250.50", "10:30", "12/05/2026") so MaryTTS' own English preprocessing can expand them;
 * abbreviations and initials keep their period and do not end a sentence; words keep inner
 * apostrophes and hyphens ("don't", "twenty-five").
 */
public final class JTok {
  /** Key of token annotations; the value is the token class. */
  public static final String CLASS_ANNO = "class";

  /** Key of sentence/paragraph border annotations. */
  public static final String BORDER_ANNO = "border";

  /** Sentence border value (MaryTTS compares these by identity, so they are literals). */
  public static final String S_BORDER = "s";

  /** Paragraph border value. */
  public static final String P_BORDER = "p";

  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "ave", "rd", "blvd", "apt", "vs",
          "etc", "inc", "ltd", "corp", "dept", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
          "sep", "sept", "oct", "nov", "dec", "mon", "tue", "thu", "fri", "approx", "e.g", "i.e",
          "a.m", "p.m", "u.s");

  /** Accepts MaryTTS' configuration properties; this tokeniser needs none. */
  public JTok(Properties properties) {
    // Nothing to load: the rules are in code and fixed for English.
  }

  /** Tokenises {@code text}; {@code language} other than English is tokenised by the same rules. */
  public AnnotatedString tokenize(String text, String language) {
    FastAnnotatedString out = new FastAnnotatedString(text);
    int n = text.length();
    int i = 0;
    String pendingBorder = null;
    boolean afterStop = false;
    boolean anyToken = false;
    while (i < n) {
      if (Character.isWhitespace(text.charAt(i))) {
        if (anyToken && blankLineFollows(text, i)) pendingBorder = P_BORDER;
        else if (afterStop && pendingBorder == null) pendingBorder = S_BORDER;
        afterStop = false;
        while (i < n && Character.isWhitespace(text.charAt(i))) i++;
        continue;
      }
      int end = tokenEnd(text, i);
      String cls = classify(text, i, end);
      boolean closingQuote = cls.equals("PUNCT_CLOSE") && afterStop;
      // MaryTTS closes the running sentence when it meets a border on the token that starts the
      // next one.
      if (pendingBorder != null && !closingQuote) {
        out.annotate(BORDER_ANNO, pendingBorder, i, end);
        pendingBorder = null;
      }
      out.annotate(CLASS_ANNO, cls, i, end);
      anyToken = true;
      // A quote or bracket right after the full stop still belongs to the ending sentence.
      afterStop = cls.equals("PUNCT_END") || closingQuote;
      i = end;
    }
    return out;
  }

  private static int tokenEnd(String s, int start) {
    int n = s.length();
    char c = s.charAt(start);
    if (Character.isLetterOrDigit(c) || c == '$' || c == '£' || c == '€' || c == '¥') {
      int i = start + 1;
      while (i < n) {
        char d = s.charAt(i);
        if (Character.isLetterOrDigit(d)) {
          i++;
        } else if (isJoiner(d) && i + 1 < n && joins(s, i, d)) {
          i += 1;
        } else {
          break;
        }
      }
      // Abbreviations and initials keep their period: "Ms.", "J.", "a.m."
      if (i < n && s.charAt(i) == '.' && isAbbreviation(s.substring(start, i))) i++;
      return i;
    }
    // Runs of the same punctuation stay together ("...", "!!").
    int i = start + 1;
    while (i < n && s.charAt(i) == c && !Character.isLetterOrDigit(c)) i++;
    return i;
  }

  private static boolean isJoiner(char d) {
    return d == '\'' || d == '’' || d == '-' || d == '.' || d == ',' || d == ':' || d == '/';
  }

  /** Whether the joiner at {@code i} sits inside a word or number rather than ending it. */
  private static boolean joins(String s, int i, char d) {
    char before = s.charAt(i - 1);
    char after = s.charAt(i + 1);
    return switch (d) {
      case '\'', '’', '-' -> Character.isLetterOrDigit(before) && Character.isLetterOrDigit(after);
      case ',', ':', '/' -> Character.isDigit(before) && Character.isDigit(after);
      case '.' ->
          (Character.isDigit(before) && Character.isDigit(after))
              || (Character.isLetter(before)
                  && Character.isLetter(after)
                  && isDottedAbbreviation(s, i));
      default -> false;
    };
  }

  /** "e.g", "a.m", "U.S": single letters separated by dots. */
  private static boolean isDottedAbbreviation(String s, int dot) {
    boolean singleBefore = dot < 2 || !Character.isLetter(s.charAt(dot - 2));
    boolean singleAfter = dot + 2 >= s.length() || !Character.isLetter(s.charAt(dot + 2));
    return singleBefore && singleAfter;
  }

  private static boolean isAbbreviation(String word) {
    if (word.length() == 1 && Character.isUpperCase(word.charAt(0))) return true; // an initial
    return ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
  }

  private static String classify(String s, int start, int end) {
    char c = s.charAt(start);
    if (Character.isDigit(c) || ((c == '$' || c == '£' || c == '€' || c == '¥') && end > start + 1))
      return "NUMBER";
    if (Character.isLetter(c)) return s.charAt(end - 1) == '.' ? "ABBREVIATION" : "WORD";
    if (c == '.' || c == '!' || c == '?') return "PUNCT_END";
    if (c == '"' || c == '\'' || c == ')' || c == ']' || c == '”' || c == '’') return "PUNCT_CLOSE";
    return "PUNCT";
  }

  private static boolean blankLineFollows(String s, int end) {
    int newlines = 0;
    for (int i = end; i < s.length() && Character.isWhitespace(s.charAt(i)); i++) {
      if (s.charAt(i) == '\n') newlines++;
    }
    return newlines >= 2;
  }
}
