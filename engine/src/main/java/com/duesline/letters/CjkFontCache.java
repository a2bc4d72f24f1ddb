package com.duesline.letters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;

/**
 * Parses a CJK font file once per process: a Chinese font is megabytes, and parsing it for every
 * letter made a Chinese letter take seconds. The parsed font is shared by documents; PDFBox reads
 * it while subsetting, so {@link LetterPdf} renders one letter at a time in the process.
 */
final class CjkFontCache {
  private static final Map<Path, TrueTypeFont> FONTS = new ConcurrentHashMap<>();

  private CjkFontCache() {}

  static TrueTypeFont get(Path file) throws IOException {
    TrueTypeFont f = FONTS.get(file);
    if (f != null) return f;
    synchronized (FONTS) {
      f = FONTS.get(file);
      if (f == null) {
        f = parse(file);
        FONTS.put(file, f);
      }
      return f;
    }
  }

  private static TrueTypeFont parse(Path file) throws IOException {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".ttc") || name.endsWith(".otc")) {
      // The collection stays open: its first font reads from it.
      TrueTypeCollection collection = new TrueTypeCollection(file.toFile());
      List<TrueTypeFont> fonts = new ArrayList<>();
      collection.processAllFonts(fonts::add);
      if (fonts.isEmpty())
        throw new IllegalArgumentException("letters.cjk-font " + file + " holds no font");
      return fonts.get(0);
    }
    return new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
  }
}
