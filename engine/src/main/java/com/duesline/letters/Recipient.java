package com.duesline.letters;

/**
 * Who a letter goes to and how: the owner, or the attorney on record instead of them; by e-mail
 * when the recipient consented to e-delivery and has an address, else on paper.
 *
 * @param email the e-mail address letters may be sent to (consent recorded), or null: print
 */
public record Recipient(Kind kind, String name, String postalAddress, String email) {
  /** The owner themselves, or their attorney. */
  public enum Kind {
    OWNER,
    ATTORNEY
  }

  public boolean byEmail() {
    return email != null;
  }

  public String kindId() {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
