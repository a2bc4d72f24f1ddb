package com.duesline.telephony.carrier;

/** Masks phone numbers for logs: only the last four digits stay visible. */
public final class PhoneMask {
  private PhoneMask() {}

  /** {@code +15551234567} becomes {@code +*******4567}. */
  public static String mask(String number) {
    if (number == null) return "null";
    if (number.length() <= 4) return "****";
    StringBuilder b = new StringBuilder(number.length());
    for (int i = 0; i < number.length(); i++) {
      char c = number.charAt(i);
      b.append(i < number.length() - 4 && Character.isLetterOrDigit(c) ? '*' : c);
    }
    return b.toString();
  }
}
