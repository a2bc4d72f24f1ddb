package com.duesline.scripts;

import java.util.List;

/**
 * One letter template ({@code letters/<lang>/<id>.yaml}): a title and an ordered body of blocks,
 * each a text with {@code {placeholders}} from {@code letters/fields.yaml}.
 */
public record LetterTemplate(
    String id, String lang, String file, String title, int titleLine, List<Block> body) {
  public LetterTemplate {
    body = List.copyOf(body);
  }

  /**
   * What a block is: a heading, a paragraph, the itemisation table, the pay link with its QR code,
   * or the closing lines.
   */
  public enum Kind {
    HEADING,
    TEXT,
    ITEMISATION,
    PAY,
    SIGNATURE
  }

  /** One block of the body and the line it is written on. */
  public record Block(Kind kind, String text, int line) {}
}
