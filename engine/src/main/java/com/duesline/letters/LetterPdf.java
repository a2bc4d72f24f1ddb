package com.duesline.letters;

import com.duesline.scripts.LetterTemplate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;

/**
 * Lays a {@link ComposedLetter} out on pages with PDFBox: letterhead, date, recipient, title,
 * wrapped paragraphs (Latin text breaks at spaces, Chinese between characters), the itemisation as
 * a ruled table, the pay link beside its QR code, and a footer with the unit and page number. US
 * Letter for English, A4 for Chinese. Fonts are embedded subsets; the output is the same bytes for
 * the same letter.
 */
public final class LetterPdf {
  private static final float MARGIN = 60;
  private static final float BODY = 10.5f;
  private static final float LEADING = 1.45f;

  private final Path cjkFont;

  /**
   * @param cjkFont the font with Chinese glyphs, or null when none is installed (then Chinese text
   *     is refused)
   */
  public LetterPdf(Path cjkFont) {
    this.cjkFont = cjkFont;
  }

  /** One letter at a time in the process: the shared parsed fonts are read while subsetting. */
  public byte[] render(ComposedLetter letter) {
    synchronized (LetterPdf.class) {
      return layOut(letter);
    }
  }

  private byte[] layOut(ComposedLetter letter) {
    boolean zh = letter.lang().equals("zh");
    try (PDDocument doc = new PDDocument();
        LetterFonts fonts = new LetterFonts(doc, cjkFont, zh)) {
      // A fixed date and no random ids: the same letter gives the same bytes, so its hash means
      // something.
      PDDocumentInformation info = doc.getDocumentInformation();
      info.setTitle(letter.title());
      info.setProducer("Duesline letters");
      Calendar epoch = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
      epoch.setTimeInMillis(0);
      info.setCreationDate(epoch);
      Writer w = new Writer(doc, fonts, zh ? PDRectangle.A4 : PDRectangle.LETTER, letter.footer());
      w.lines(letter.letterhead(), 13f, 9.5f);
      w.rule();
      w.gap(6);
      w.paragraph(letter.dateLine(), BODY);
      w.gap(6);
      for (String l : letter.recipientLines()) w.paragraph(l, BODY);
      w.gap(14);
      w.centred(letter.title(), 15f);
      w.gap(10);
      for (ComposedLetter.Block b : letter.body()) {
        switch (b.kind()) {
          case HEADING -> {
            w.gap(4);
            w.paragraph(b.text(), 11.5f);
          }
          case TEXT, SIGNATURE -> {
            if (b.kind() == LetterTemplate.Kind.SIGNATURE) w.gap(8);
            for (String line : b.text().split("\n", -1)) w.paragraph(line, BODY);
          }
          case ITEMISATION -> {
            w.paragraph(b.text(), 11f);
            w.table(letter.tableHeader(), letter.table());
          }
          case PAY -> w.pay(b.text(), letter.payLink());
        }
        w.gap(6);
      }
      w.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      doc.setDocumentId(0L);
      doc.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the letter PDF: " + e.getMessage(), e);
    }
  }

  /** Keeps the pen position and starts a new page when one is full. */
  private static final class Writer {
    private final PDDocument doc;
    private final LetterFonts fonts;
    private final PDRectangle size;
    private final String footer;
    private final List<PDPage> pages = new ArrayList<>();
    private PDPageContentStream cs;
    private float y;

    Writer(PDDocument doc, LetterFonts fonts, PDRectangle size, String footer) throws IOException {
      this.doc = doc;
      this.fonts = fonts;
      this.size = size;
      this.footer = footer;
      newPage();
    }

    private float width() {
      return size.getWidth() - 2 * MARGIN;
    }

    private void newPage() throws IOException {
      if (cs != null) cs.close();
      PDPage page = new PDPage(size);
      doc.addPage(page);
      pages.add(page);
      cs = new PDPageContentStream(doc, page);
      y = size.getHeight() - MARGIN;
    }

    private void room(float h) throws IOException {
      if (y - h < MARGIN + 20) newPage();
    }

    void gap(float h) {
      y -= h;
    }

    void lines(List<String> lines, float first, float rest) throws IOException {
      for (int i = 0; i < lines.size(); i++) paragraph(lines.get(i), i == 0 ? first : rest);
    }

    void rule() throws IOException {
      y -= 4;
      cs.setLineWidth(0.6f);
      cs.moveTo(MARGIN, y);
      cs.lineTo(size.getWidth() - MARGIN, y);
      cs.stroke();
      y -= 6;
    }

    void centred(String text, float pt) throws IOException {
      room(pt * LEADING);
      y -= pt * LEADING;
      show(text, (size.getWidth() - fonts.width(text, pt)) / 2, y, pt);
    }

    void paragraph(String text, float pt) throws IOException {
      paragraph(text, pt, MARGIN, width());
    }

    void paragraph(String text, float pt, float x, float maxWidth) throws IOException {
      List<String> wrapped = wrap(text, pt, maxWidth);
      if (wrapped.isEmpty()) wrapped = List.of("");
      for (String line : wrapped) {
        room(pt * LEADING);
        y -= pt * LEADING;
        show(line, x, y, pt);
      }
    }

    private void show(String text, float x, float baseline, float pt) throws IOException {
      if (text.isEmpty()) return;
      cs.beginText();
      cs.newLineAtOffset(x, baseline);
      for (LetterFonts.Run r : fonts.runs(text)) {
        cs.setFont(r.font(), pt);
        cs.showText(r.text());
      }
      cs.endText();
    }

    /** Greedy line breaking: at spaces in Latin text, between any two Chinese characters. */
    List<String> wrap(String text, float pt, float maxWidth) {
      List<String> tokens = tokens(text);
      List<String> out = new ArrayList<>();
      StringBuilder line = new StringBuilder();
      for (String t : tokens) {
        String candidate = line + t;
        if (line.length() > 0 && fonts.width(candidate.stripTrailing(), pt) > maxWidth) {
          out.add(line.toString().stripTrailing());
          line.setLength(0);
          if (t.isBlank()) continue;
        }
        line.append(t);
      }
      if (line.length() > 0) out.add(line.toString().stripTrailing());
      return out;
    }

    private static List<String> tokens(String text) {
      List<String> out = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        i += Character.charCount(cp);
        boolean wide =
            Character.isIdeographic(cp)
                || Character.UnicodeBlock.of(cp)
                    == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || Character.UnicodeBlock.of(cp)
                    == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
        if (wide || cp == ' ') {
          // Chinese punctuation stays with the character before it.
          boolean punct = wide && !Character.isIdeographic(cp);
          if (punct && !out.isEmpty() && cur.length() == 0) {
            out.set(out.size() - 1, out.get(out.size() - 1) + new String(Character.toChars(cp)));
            continue;
          }
          if (cur.length() > 0) out.add(cur.toString());
          cur.setLength(0);
          out.add(new String(Character.toChars(cp)));
        } else {
          cur.appendCodePoint(cp);
        }
      }
      if (cur.length() > 0) out.add(cur.toString());
      // A space belongs to the word before it, so a line never starts with one.
      List<String> merged = new ArrayList<>();
      for (String t : out) {
        if (t.equals(" ") && !merged.isEmpty())
          merged.set(merged.size() - 1, merged.get(merged.size() - 1) + " ");
        else merged.add(t);
      }
      return merged;
    }

    void table(List<String> header, List<List<String>> rows) throws IOException {
      float w = width();
      float[] cols = {0.19f, 0.33f, 0.16f, 0.16f, 0.16f};
      float pt = 9.5f;
      float rowH = pt * 1.8f;
      y -= 4;
      List<List<String>> all = new ArrayList<>();
      all.add(header);
      all.addAll(rows);
      for (int r = 0; r < all.size(); r++) {
        room(rowH);
        float top = y;
        y -= rowH;
        float x = MARGIN;
        for (int c = 0; c < cols.length; c++) {
          float cw = cols[c] * w;
          String cell = c < all.get(r).size() ? all.get(r).get(c) : "";
          // A description too long for its column is shortened visibly, never run into the amounts.
          while (cell.length() > 1 && fonts.width(cell, pt) > cw - 6)
            cell = cell.substring(0, cell.length() - 2) + "…";
          float tx = c >= 2 ? x + cw - 3 - fonts.width(cell, pt) : x + 3;
          show(cell, tx, y + rowH * 0.32f, pt);
          x += cw;
        }
        cs.setLineWidth(r == 0 || r == all.size() - 1 ? 0.8f : 0.3f);
        cs.moveTo(MARGIN, y);
        cs.lineTo(MARGIN + w, y);
        cs.stroke();
        if (r == 0) {
          cs.setLineWidth(0.8f);
          cs.moveTo(MARGIN, top);
          cs.lineTo(MARGIN + w, top);
          cs.stroke();
        }
      }
      y -= 4;
    }

    void pay(String text, String link) throws IOException {
      float qr = 84;
      room(qr + 8);
      float top = y;
      PDImageXObject img = LosslessFactory.createFromImage(doc, QrCode.of(link));
      cs.drawImage(img, MARGIN, top - qr, qr, qr);
      float x = MARGIN + qr + 12;
      float tw = width() - qr - 12;
      y = top - 4;
      paragraph(text, BODY, x, tw);
      if (!text.contains(link)) paragraph(link, BODY, x, tw);
      y = Math.min(y, top - qr) - 4;
    }

    void finish() throws IOException {
      cs.close();
      int n = pages.size();
      for (int i = 0; i < n; i++) {
        try (PDPageContentStream f =
            new PDPageContentStream(
                doc, pages.get(i), PDPageContentStream.AppendMode.APPEND, true)) {
          cs = f;
          String text = footer + "  ·  " + (i + 1) + " / " + n;
          show(text, MARGIN, MARGIN - 24, 8f);
        }
      }
    }
  }
}
