package com.duesline.letters;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.util.Map;

/**
 * A QR code for a link, one pixel per module, as ZXing encodes it (error correction M, quiet zone
 * of 2).
 */
final class QrCode {
  private QrCode() {}

  static BufferedImage of(String text) {
    try {
      BitMatrix m =
          new QRCodeWriter()
              .encode(
                  text,
                  BarcodeFormat.QR_CODE,
                  0,
                  0,
                  Map.of(
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN,
                      2,
                      EncodeHintType.CHARACTER_SET,
                      "UTF-8"));
      BufferedImage img =
          new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
      for (int y = 0; y < m.getHeight(); y++) {
        for (int x = 0; x < m.getWidth(); x++)
          img.setRGB(x, y, m.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
      }
      return img;
    } catch (WriterException e) {
      throw new IllegalArgumentException(
          "cannot make a QR code for the pay link: " + e.getMessage(), e);
    }
  }
}
