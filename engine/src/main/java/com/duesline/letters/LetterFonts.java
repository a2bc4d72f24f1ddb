package com.duesline.letters;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.fontbox.ttf.CmapLookup;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The fonts of one letter, embedded as subsets: Liberation Sans (shipped inside PDFBox, so Latin
 * text needs nothing installed) and a font with Chinese glyphs (a file, by default Debian's
 * fonts-wqy-microhei), loaded only when the text needs it. Each character is set in the first font
 * that has a glyph for it; a character no font has is refused, so a letter never prints a blank
 * box. One instance per document.
 */
final class LetterFonts implements AutoCloseable {
  private static final String LIBERATION =
      "/org/apache/pdfbox/resources/ttf/LiberationSans-Regular.ttf";

  /** A font of the document with its glyph lookup. */
  record Face(PDFont font, CmapLookup cmap) {
    boolean has(int codePoint) {
      return cmap.getGlyphId(codePoint) != 0;
    }
  }

  /** A stretch of text set in one font. */
  record Run(String text, PDFont font) {}

  private final PDDocument doc;
  private final Path cjkFile;
  private final boolean cjkFirst;
  private final Face latin;
  private Face cjk;

  LetterFonts(PDDocument doc, Path cjkFile, boolean cjkFirst) {
    this.doc = doc;
    this.cjkFile = cjkFile;
    this.cjkFirst = cjkFirst;
    try {
      TrueTypeFont ttf = liberation();
      this.latin = new Face(PDType0Font.load(doc, ttf, true), ttf.getUnicodeCmapLookup());
      if (cjkFirst) cjk();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot load the letter fonts: " + e.getMessage(), e);
    }
  }

  private static TrueTypeFont liberationFont;

  /**
   * Liberation Sans, parsed once per process and shared like the CJK font ({@link LetterPdf}
   * renders one letter at a time).
   */
  private static synchronized TrueTypeFont liberation() throws IOException {
    if (liberationFont == null) {
      try (InputStream in = LetterFonts.class.getResourceAsStream(LIBERATION)) {
        if (in == null)
          throw new IllegalStateException(
              "Liberation Sans is missing from the PDFBox jar (" + LIBERATION + ")");
        liberationFont = new TTFParser().parse(new RandomAccessReadBuffer(in));
      }
    }
    return liberationFont;
  }

  private Face cjk() throws IOException {
    if (cjk != null) return cjk;
    if (cjkFile == null)
      throw new IllegalArgumentException(
          "the letter has Chinese text but no Chinese font is configured (letters.cjk-font)");
    TrueTypeFont ttf = CjkFontCache.get(cjkFile);
    cjk = new Face(PDType0Font.load(doc, ttf, true), ttf.getUnicodeCmapLookup());
    return cjk;
  }

  /** The font for Latin-only text such as amounts and dates. */
  PDFont plain() {
    try {
      return cjkFirst ? cjk().font() : latin.font();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Splits {@code text} into runs, each in the first font with glyphs for it; refuses a character
   * no font has.
   */
  List<Run> runs(String text) {
    List<Run> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    PDFont curFont = null;
    try {
      for (int i = 0; i < text.length(); ) {
        int cp = text.codePointAt(i);
        i += Character.charCount(cp);
        Face f = pick(cp);
        if (f == null) {
          throw new IllegalArgumentException(
              String.format(
                  "no glyph for U+%04X ('%s') in the letter fonts (Liberation Sans, %s)",
                  cp, new String(Character.toChars(cp)), cjkFile));
        }
        if (curFont != null && f.font() != curFont) {
          out.add(new Run(cur.toString(), curFont));
          cur.setLength(0);
        }
        curFont = f.font();
        cur.appendCodePoint(cp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (cur.length() > 0) out.add(new Run(cur.toString(), curFont));
    return out;
  }

  private Face pick(int cp) throws IOException {
    if (cjkFirst) {
      Face c = cjk();
      if (c.has(cp)) return c;
      return latin.has(cp) ? latin : null;
    }
    if (latin.has(cp)) return latin;
    // Chinese only where the text needs it (an owner's name in an English letter).
    Face c = cjkFile == null ? null : cjk();
    return c != null && c.has(cp) ? c : null;
  }

  /** Width of {@code text} at {@code size} points. */
  float width(String text, float size) {
    float w = 0;
    try {
      for (Run r : runs(text)) w += r.font().getStringWidth(r.text()) / 1000f * size;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w;
  }

  @Override
  public void close() {
    // The CJK font is parsed once per process and shared (CjkFontCache); Liberation belongs to the
    // document.
  }
}
