package com.duesline.letters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.duesline.config.DueslineConfig;
import com.duesline.policy.PolicyRules;
import com.duesline.scripts.LetterLibrary;
import com.duesline.scripts.LibraryLocation;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * Renders letters from the shipped templates without a database and reads them back as a
 * recipient's PDF reader would.
 */
class LetterPdfTest {
  static final LetterSettings SETTINGS = LetterSettings.from(DueslineConfig.load(null, k -> null));
  static final LetterComposer COMPOSER =
      new LetterComposer(
          LetterLibrary.load(LibraryLocation.shipped()),
          SETTINGS,
          lang -> PolicyRules.bundled().jurisdiction("zh".equals(lang) ? "CN" : "US").calendar());
  static final LetterPdf PDF = new LetterPdf(SETTINGS.requireCjkFont());

  static LetterFacts facts(String owner, String lang, Recipient to) {
    List<LineItem> items =
        List.of(
            new LineItem(
                LocalDate.of(2026, 5, 1), "service", "2026-05", new BigDecimal("486.75"), null),
            new LineItem(
                LocalDate.of(2026, 5, 20), "payment", null, null, new BigDecimal("100.00")),
            new LineItem(
                LocalDate.of(2026, 6, 1), "service", "2026-06", new BigDecimal("486.75"), null),
            new LineItem(
                LocalDate.of(2026, 6, 15), "late_fee", "2026-06", new BigDecimal("25.00"), null));
    return new LetterFacts(
        1,
        "B03-1204",
        7L,
        owner,
        lang,
        to,
        LocalDate.of(2026, 11, 30),
        LocalDate.of(2026, 5, 1),
        new BigDecimal("1200.00"),
        items,
        new BigDecimal("2098.50"),
        LocalDate.of(2026, 5, 1),
        213,
        7,
        "https://pay.example.com/u/B03-1204");
  }

  static String text(byte[] pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      return new PDFTextStripper().getText(doc);
    }
  }

  @Test
  void validationNoticeStatesOwnerUnitItemisedBalanceAndDisputeDeadline() throws Exception {
    Recipient owner =
        new Recipient(
            Recipient.Kind.OWNER, "Mary Smith", "Unit B03-1204\n100 Harbor View Drive", null);
    ComposedLetter letter =
        COMPOSER.compose("validation_notice", "en", facts("Mary Smith", "en", owner));
    byte[] pdf = PDF.render(letter);
    String text = text(pdf);
    assertThat(text).contains("Mary Smith", "B03-1204", "NOTICE OF DEBT");
    // Itemisation: opening balance, each charge and payment with a running balance, the total.
    assertThat(text)
        .contains(
            "As of May 1, 2026, you owed: $1,200.00",
            "+ $998.50",
            "– $100.00",
            "Total amount of the debt now: $2,098.50");
    assertThat(text)
        .contains("Management fee 2026-05", "Payment received", "Late fee 2026-06", "$2,098.50");
    // Dispute deadline: letter date + 35 days.
    assertThat(text).contains("by January 4, 2027 to dispute");
    assertThat(text).contains("https://pay.example.com/u/B03-1204");
    assertThat(PDF.render(letter))
        .as("same letter, same bytes (its hash means something)")
        .isEqualTo(pdf);
  }

  @Test
  void fontsAreEmbeddedAndTheQrCodeReadsBackAsThePayLink() throws Exception {
    Recipient owner = new Recipient(Recipient.Kind.OWNER, "Wang Li", "Unit B03-1204", null);
    byte[] pdf = PDF.render(COMPOSER.compose("formal_demand", "en", facts("王丽", "en", owner)));
    try (PDDocument doc = Loader.loadPDF(pdf)) {
      PDResources res = doc.getPage(0).getResources();
      int fonts = 0;
      for (var name : res.getFontNames()) {
        PDFont f = res.getFont(name);
        assertThat(f.isEmbedded()).as(f.getName()).isTrue();
        fonts++;
      }
      // Liberation Sans for the English text, the CJK font for the owner's Chinese name.
      assertThat(fonts).isEqualTo(2);
      String decoded = null;
      for (var name : res.getXObjectNames()) {
        if (res.getXObject(name) instanceof PDImageXObject img) {
          BufferedImage big = scale(img.getImage(), 8);
          decoded =
              new QRCodeReader()
                  .decode(new BinaryBitmap(new HybridBinarizer(luminance(big))))
                  .getText();
        }
      }
      assertThat(decoded).isEqualTo("https://pay.example.com/u/B03-1204");
      assertThat(new PDFTextStripper().getText(doc)).contains("王丽");
    }
  }

  @Test
  void chineseLettersAreLegibleWithNoMissingGlyphs() throws Exception {
    Recipient owner = new Recipient(Recipient.Kind.OWNER, "王丽", "B03-1204 单元", null);
    for (String id : List.of("催缴函", "formal_demand")) {
      byte[] pdf = PDF.render(COMPOSER.compose(id, "zh", facts("王丽", "zh", owner)));
      String text = text(pdf);
      assertThat(text)
          .contains("王丽", "B03-1204", "¥2,098.50", "物业服务费 2026-05", "缴款，谢谢", "滞纳金 2026-06");
      // Ten working days from Monday 2026-11-30: December 14.
      assertThat(text).contains("2026年12月14日");
      // No replacement characters or empty boxes: every character came back as itself.
      assertThat(text).doesNotContain("\uFFFD");
      assertThat(
              text.codePoints()
                  .filter(cp -> Character.UnicodeScript.of(cp) == Character.UnicodeScript.HAN)
                  .count())
          .isGreaterThan(80);
    }
    assertThat(
            text(PDF.render(COMPOSER.compose("催缴函", "zh", facts("王丽", "zh", owner))))
                .replace("\n", ""))
        .contains("物业费催缴函", "十个工作日内");
  }

  @Test
  void preLienNoticeTakesItsDaysFromTheStateTable() throws Exception {
    Recipient owner = new Recipient(Recipient.Kind.OWNER, "Mary Smith", "Unit B03-1204", null);
    String text =
        text(
            PDF.render(
                COMPOSER.compose("pre_lien_notice", "en", facts("Mary Smith", "en", owner))));
    assertThat(text)
        .contains("law of CA", "within 30 days of this notice, that is by December 30, 2026");
    LetterComposer texas = new LetterComposer(COMPOSER.library(), withState("TX"), l -> null);
    assertThat(
            text(
                PDF.render(
                    texas.compose("pre_lien_notice", "en", facts("Mary Smith", "en", owner)))))
        .contains("within 45 days");
    LetterComposer unknown = new LetterComposer(COMPOSER.library(), withState("WY"), l -> null);
    assertThatThrownBy(
            () -> unknown.compose("pre_lien_notice", "en", facts("Mary Smith", "en", owner)))
        .hasMessageContaining("no pre-lien days for state WY");
  }

  @Test
  void aCharacterNoFontHasIsRefusedNotPrintedAsABox() {
    Recipient owner =
        new Recipient(Recipient.Kind.OWNER, "Mary \uD83D\uDE00 Smith", "Unit B03-1204", null);
    assertThatThrownBy(
            () -> PDF.render(COMPOSER.compose("formal_demand", "en", facts("Mary", "en", owner))))
        .hasMessageContaining("no glyph for U+1F600");
    assertThatThrownBy(() -> COMPOSER.compose("no_such", "en", facts("Mary", "en", owner)))
        .hasMessageContaining("known: formal_demand, pre_lien_notice, validation_notice, 催缴函");
  }

  static LetterSettings withState(String state) {
    LetterSettings s = SETTINGS;
    return new LetterSettings(
        s.association(),
        s.associationZh(),
        s.address(),
        s.phone(),
        s.email(),
        s.propertyAddress(),
        state,
        s.disputeDays(),
        s.replyWorkingDays(),
        s.currencyEn(),
        s.currencyZh(),
        s.cjkFont());
  }

  private static RGBLuminanceSource luminance(BufferedImage img) {
    int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    return new RGBLuminanceSource(img.getWidth(), img.getHeight(), px);
  }

  private static BufferedImage scale(BufferedImage src, int k) {
    BufferedImage out =
        new BufferedImage(src.getWidth() * k, src.getHeight() * k, BufferedImage.TYPE_INT_RGB);
    var g = out.createGraphics();
    g.drawImage(src, 0, 0, src.getWidth() * k, src.getHeight() * k, null);
    g.dispose();
    return out;
  }
}
