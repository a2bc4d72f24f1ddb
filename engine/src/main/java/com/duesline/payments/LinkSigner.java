package com.duesline.payments;

import com.duesline.config.ConfigException;
import com.duesline.config.Secrets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs pay links with HMAC-SHA256 over what the link promises (id, unit, amount, expiry), so a
 * link whose URL or stored row was altered no longer opens. The key is {@code PAY_LINK_SECRET} (or
 * the file named by {@code PAY_LINK_SECRET_FILE}); without either, a random key is made once in the
 * data directory ({@code pay-link.key}, owner-only), so a demo's links survive a restart.
 */
public final class LinkSigner {
  private static final Logger LOG = LoggerFactory.getLogger(LinkSigner.class);

  /** 128 bits of the HMAC: plenty against forgery, short enough for an SMS. */
  private static final int SIGNATURE_BYTES = 16;

  private final byte[] key;

  public LinkSigner(byte[] key) {
    if (key.length < 16) throw new ConfigException("PAY_LINK_SECRET must be at least 16 bytes");
    this.key = key.clone();
  }

  /** The key from the environment or its file, else the one kept in {@code dataDir}. */
  public static LinkSigner from(Secrets secrets, Path dataDir) {
    var secret = secrets.get("PAY_LINK_SECRET");
    if (secret.isPresent())
      return new LinkSigner(secret.get().value().getBytes(StandardCharsets.UTF_8));
    Path file = dataDir.resolve("pay-link.key");
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(dataDir);
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
        try {
          Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system: the directory's own protection applies
        }
        LOG.info("no PAY_LINK_SECRET given: made a pay-link key in {}", file);
      }
      return new LinkSigner(Base64.getDecoder().decode(Files.readString(file).strip()));
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(
          "the pay-link key " + file + " cannot be read or made: " + e.getMessage());
    }
  }

  /** The URL-safe signature of a link's terms. */
  public String sign(String linkId, String unit, String amount, long expiresEpochSecond) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(mac(linkId + "|" + unit + "|" + amount + "|" + expiresEpochSecond));
  }

  /** Whether {@code signature} is the one for these terms (compared in constant time). */
  public boolean verifies(
      String signature, String linkId, String unit, String amount, long expiresEpochSecond) {
    byte[] given;
    try {
      given = Base64.getUrlDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(
        given, mac(linkId + "|" + unit + "|" + amount + "|" + expiresEpochSecond));
  }

  private byte[] mac(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return Arrays.copyOf(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)), SIGNATURE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
