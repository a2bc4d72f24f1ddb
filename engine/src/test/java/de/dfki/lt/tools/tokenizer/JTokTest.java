package de.dfki.lt.tools.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import de.dfki.lt.tools.tokenizer.annotate.AnnotatedString;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class JTokTest {
  /** Tokens as "text" or "text|border" when a border starts at that token. */
  private static List<String> tokens(String text) {
    AnnotatedString a = new JTok(new Properties()).tokenize(text, "en");
    List<String> out = new ArrayList<>();
    for (char c = a.setIndex(0);
        c != AnnotatedString.DONE;
        c = a.setIndex(a.getRunLimit(JTok.CLASS_ANNO))) {
      if (a.getAnnotation(JTok.CLASS_ANNO) == null) continue;
      String t = a.substring(a.getRunStart(JTok.CLASS_ANNO), a.getRunLimit(JTok.CLASS_ANNO));
      Object border = a.getAnnotation(JTok.BORDER_ANNO);
      out.add(border == null ? t : t + "|" + border);
    }
    return out;
  }

  @Test
  void splitsPunctuationButKeepsNumbersAbbreviationsAndContractions() {
    assertThat(
            tokens("Hello Ms. Chen, you owe 1,250.50 since 12/05/2026 at 10:30 a.m. Don't worry."))
        .containsExactly(
            "Hello",
            "Ms.",
            "Chen",
            ",",
            "you",
            "owe",
            "1,250.50",
            "since",
            "12/05/2026",
            "at",
            "10:30",
            "a.m.",
            "Don't",
            "worry",
            ".");
  }

  @Test
  void sentenceBordersSitOnTheFirstTokenOfTheNextSentence() {
    assertThat(tokens("Pay now. Thank you! \"Really?\" Yes.\n\nNew paragraph"))
        .containsExactly(
            "Pay",
            "now",
            ".",
            "Thank|s",
            "you",
            "!",
            "\"|s",
            "Really",
            "?",
            "\"",
            "Yes|s",
            ".",
            "New|p",
            "paragraph");
  }

  @Test
  void adjacentTokensAreSeparateRunsAndWhitespaceHasNoClass() {
    AnnotatedString a = new JTok(new Properties()).tokenize("ok, go", "en");
    a.setIndex(0);
    assertThat(a.getRunLimit(JTok.CLASS_ANNO)).isEqualTo(2);
    a.setIndex(2);
    assertThat(a.getRunStart(JTok.CLASS_ANNO)).isEqualTo(2);
    assertThat(a.getRunLimit(JTok.CLASS_ANNO)).isEqualTo(3);
    a.setIndex(3);
    assertThat(a.getAnnotation(JTok.CLASS_ANNO)).isNull();
  }
}
