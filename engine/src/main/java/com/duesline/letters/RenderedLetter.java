package com.duesline.letters;

import java.time.LocalDate;

/**
 * A written letter: its facts, the template and language used, the PDF and the PDF's SHA-256 (hex).
 */
public record RenderedLetter(
    String template,
    String lang,
    LetterFacts facts,
    LocalDate disputeDeadline,
    byte[] pdf,
    String sha256) {
  /** A file name for it: unit, template and date, safe on any file system. */
  public String fileName() {
    String t = template.matches("[A-Za-z0-9_-]+") ? template : "letter";
    return (facts.unit() + "-" + t + "-" + facts.letterDate()).replaceAll("[^A-Za-z0-9._-]", "_")
        + ".pdf";
  }
}
