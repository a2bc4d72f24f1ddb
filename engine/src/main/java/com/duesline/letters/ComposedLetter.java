package com.duesline.letters;

import com.duesline.scripts.LetterTemplate;
import java.util.List;

/**
 * A letter with every placeholder filled, ready to lay out: letterhead, date, recipient, title,
 * body blocks, the itemisation table and the pay link for the QR code.
 *
 * @param table rows of the itemisation (date, what, charged, paid, balance), first row the opening
 *     balance
 */
public record ComposedLetter(
    String lang,
    List<String> letterhead,
    String dateLine,
    List<String> recipientLines,
    String title,
    List<Block> body,
    List<String> tableHeader,
    List<List<String>> table,
    String payLink,
    String footer) {

  /** One body block with its text filled in. */
  public record Block(LetterTemplate.Kind kind, String text) {}

  /** All the words of the letter in reading order, for checks and the e-mail's plain text. */
  public String plainText() {
    StringBuilder sb = new StringBuilder();
    letterhead.forEach(l -> sb.append(l).append('\n'));
    sb.append(dateLine).append('\n');
    recipientLines.forEach(l -> sb.append(l).append('\n'));
    sb.append(title).append('\n');
    for (Block b : body) sb.append(b.text()).append('\n');
    return sb.toString();
  }
}
