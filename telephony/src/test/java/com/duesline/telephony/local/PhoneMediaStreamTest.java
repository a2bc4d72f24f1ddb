package com.duesline.telephony.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Where a caller's words end inside the audio the phone sends: the trailing silence of a voice is
 * not words.
 */
class PhoneMediaStreamTest {
  @Test
  void wordsEndAtTheLastVoicedWindowNotAtTheTrailingSilence() {
    byte[] word = new ToneVoice(300).speakMulaw8k("yes", "");
    byte[] withTail = Arrays.copyOf(word, word.length + 400 * 8);
    Arrays.fill(withTail, word.length, withTail.length, (byte) 0xFF);
    int end = PhoneMediaStream.wordsEnd(withTail);
    // The tone is 300 ms (its last few ms fade below the threshold); the 60 ms gap and 400 ms tail
    // are silence.
    assertThat(end).isBetween(280 * 8, 300 * 8);
  }

  @Test
  void silenceHasNoWords() {
    byte[] quiet = new byte[800];
    Arrays.fill(quiet, (byte) 0xFF);
    assertThat(PhoneMediaStream.wordsEnd(quiet)).isZero();
    assertThat(PhoneMediaStream.wordsEnd(new byte[0])).isZero();
  }
}
