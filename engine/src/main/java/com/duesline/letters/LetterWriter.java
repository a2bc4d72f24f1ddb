package com.duesline.letters;

import com.duesline.config.DueslineConfig;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.policy.PolicyRules;
import com.duesline.scripts.LetterLibrary;
import com.duesline.scripts.LibraryLocation;
import com.duesline.scripts.Problem;
import com.duesline.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.HexFormat;

/**
 * Writes one letter: reads the account's facts, fills the template and renders the PDF, with its
 * SHA-256. The one way letters are made, for the CLI, the campaign rung and the dashboard preview.
 */
public final class LetterWriter {
  private final LetterFactsReader facts;
  private final LetterComposer composer;
  private final LetterPdf pdf;

  public LetterWriter(LetterFactsReader facts, LetterComposer composer, LetterPdf pdf) {
    this.facts = facts;
    this.composer = composer;
    this.pdf = pdf;
  }

  /**
   * Wired from configuration: the library's letters (refused with file:line problems if they do not
   * lint), the ledger and the signed pay links ({@code Payments.letterLinks()}).
   */
  public static LetterWriter from(
      Database db, DueslineConfig config, com.duesline.payments.PayLinkIssuer payLinks) {
    LetterSettings settings = LetterSettings.from(config);
    Path root =
        LibraryLocation.resolve(config.optional("tracks.library-dir").map(Path::of).orElse(null));
    LetterLibrary library = LetterLibrary.load(root);
    if (library.hasErrors()) {
      throw new IllegalStateException(
          "the letter templates have problems (run `duesline scripts lint`):\n  "
              + String.join("\n  ", library.problems().stream().map(Problem::toString).toList()));
    }
    PolicyRules rules = PolicyRules.bundled();
    LetterComposer composer =
        new LetterComposer(
            library,
            settings,
            lang -> rules.jurisdiction("zh".equals(lang) ? "CN" : "US").calendar());
    Path font = Files.isReadable(settings.cjkFont()) ? settings.cjkFont() : null;
    return new LetterWriter(
        new LetterFactsReader(db, ArrearsQuery.fromConfig(db, config), payLinks, settings),
        composer,
        new LetterPdf(font));
  }

  public LetterComposer composer() {
    return composer;
  }

  /**
   * The letter {@code template} for {@code unit} as of {@code asOf}, in {@code lang} (null: the
   * party's language).
   */
  public RenderedLetter write(String unit, String template, String lang, LocalDate asOf) {
    LetterFacts f = facts.read(unit, asOf);
    return write(f, template, lang == null ? f.language() : lang);
  }

  /** The letter for facts already read. */
  public RenderedLetter write(LetterFacts f, String template, String lang) {
    ComposedLetter letter = composer.compose(template, lang, f);
    byte[] bytes = pdf.render(letter);
    return new RenderedLetter(
        template, letter.lang(), f, composer.disputeDeadline(f), bytes, sha256(bytes));
  }

  /** Facts only, for the rung's recipient decision before anything is rendered. */
  public LetterFacts facts(String unit, LocalDate asOf) {
    return facts.read(unit, asOf);
  }

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
