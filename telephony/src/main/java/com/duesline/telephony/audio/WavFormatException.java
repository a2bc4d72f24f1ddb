package com.duesline.telephony.audio;

import java.io.IOException;

/** A WAV file that cannot be read: the message names the format or defect found. */
public final class WavFormatException extends IOException {
  public WavFormatException(String message) {
    super(message);
  }
}
