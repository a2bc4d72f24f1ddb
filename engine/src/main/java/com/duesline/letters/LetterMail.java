package com.duesline.letters;

import com.duesline.config.DueslineConfig;
import com.duesline.config.Secrets;
import jakarta.activation.DataHandler;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

/**
 * Sends a letter by e-mail over SMTP (Jakarta Mail, Angus implementation): a short plain-text cover
 * note and the PDF attached. The password comes only from {@code DUESLINE_SMTP_PASSWORD} or its
 * {@code _FILE}. Blocking: call it on a worker.
 */
public final class LetterMail {
  private final Session session;
  private final String from;

  LetterMail(Session session, String from) {
    this.session = session;
    this.from = from;
  }

  /**
   * The configured sender, or empty when {@code letters.smtp.host} is blank (every letter is then
   * printed).
   */
  public static Optional<LetterMail> from(DueslineConfig config, Secrets secrets) {
    Optional<String> host = config.optional("letters.smtp.host");
    if (host.isEmpty()) return Optional.empty();
    Properties p = new Properties();
    p.put("mail.smtp.host", host.get());
    p.put("mail.smtp.port", String.valueOf(config.getInt("letters.smtp.port")));
    p.put("mail.smtp.starttls.enable", String.valueOf(config.getBoolean("letters.smtp.starttls")));
    p.put(
        "mail.smtp.starttls.required", String.valueOf(config.getBoolean("letters.smtp.starttls")));
    p.put("mail.smtp.connectiontimeout", "10000");
    p.put("mail.smtp.timeout", "30000");
    Optional<String> user = config.optional("letters.smtp.user");
    Authenticator auth = null;
    if (user.isPresent()) {
      Secrets.Secret password =
          secrets
              .get("DUESLINE_SMTP_PASSWORD")
              .orElseThrow(
                  () ->
                      new com.duesline.config.ConfigException(
                          "letters.smtp.user is set but DUESLINE_SMTP_PASSWORD (or DUESLINE_SMTP_PASSWORD_FILE) is not"));
      p.put("mail.smtp.auth", "true");
      auth =
          new Authenticator() {
            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
              return new PasswordAuthentication(user.get(), password.value());
            }
          };
    }
    return Optional.of(
        new LetterMail(Session.getInstance(p, auth), config.get("letters.smtp.from")));
  }

  /** Sends the letter to {@code to}; returns the message's Message-ID. */
  public String send(String to, String subject, String note, RenderedLetter letter) {
    try {
      MimeMessage m = new MimeMessage(session);
      m.setFrom(new InternetAddress(from));
      m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
      m.setSubject(subject, StandardCharsets.UTF_8.name());
      MimeBodyPart text = new MimeBodyPart();
      text.setText(note, StandardCharsets.UTF_8.name());
      MimeBodyPart pdf = new MimeBodyPart();
      pdf.setDataHandler(new DataHandler(new ByteArrayDataSource(letter.pdf(), "application/pdf")));
      pdf.setFileName(letter.fileName());
      m.setContent(new MimeMultipart(text, pdf));
      m.saveChanges();
      Transport.send(m);
      return m.getMessageID();
    } catch (MessagingException e) {
      throw new IllegalStateException("e-mailing the letter failed: " + e.getMessage(), e);
    }
  }
}
