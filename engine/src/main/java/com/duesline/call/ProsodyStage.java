package com.duesline.call;

import com.duesline.call.CallEvent.Contour;
import com.duesline.call.CallEvent.SpeechAudio;
import com.duesline.call.CallEvent.SpeechPaused;
import com.duesline.call.CallEvent.SpeechStarted;
import com.duesline.speech.PitchContour;
import com.duesline.speech.PitchTracker;
import java.util.concurrent.Executor;

/**
 * Prosody: keeps the last {@value #KEEP_MS} ms of the utterance's audio and, when the voice pauses,
 * has the pitch contour of its last stretch measured on the speech pool ({@link PitchContour},
 * about a millisecond of arithmetic), then tells turn-taking ({@link Contour}): a continuation rise
 * before a comma's pause says more is coming.
 */
final class ProsodyStage implements CallStage {
  /** The audio kept: the stretch measured plus the pause so far and the tracker's window. */
  static final int KEEP_MS = 500;

  /** The stretch of voice before the pause whose contour counts. */
  static final int STRETCH_MS = 400;

  private final CallBus bus;
  private final Executor pool;
  private final double riseSemitones;
  // On the call's context: a ring of 8 kHz samples.
  private final short[] ring = new short[KEEP_MS * PitchTracker.RATE / 1000];
  private int written;

  /**
   * @param pool where the contour is measured (the speech pool's urgent lane: turn-taking waits for
   *     it)
   */
  ProsodyStage(CallBus bus, Executor pool, double riseSemitones) {
    this.bus = bus;
    this.pool = pool;
    this.riseSemitones = riseSemitones;
  }

  @Override
  public void on(CallEvent event) {
    if (riseSemitones <= 0) return;
    if (event instanceof SpeechStarted) {
      written = 0;
    } else if (event instanceof SpeechAudio a) {
      // The utterance's audio is 16 kHz, upsampled from the phone's 8 kHz: every other sample is
      // the phone's.
      short[] pcm = a.pcm();
      for (int i = 0; i < pcm.length; i += 2) ring[written++ % ring.length] = pcm[i];
    } else if (event instanceof SpeechPaused p) {
      int n = Math.min(written, ring.length);
      short[] tail = new short[n];
      for (int i = 0; i < n; i++) tail[i] = ring[(written - n + i) % ring.length];
      pool.execute(
          () ->
              bus.post(
                  new Contour(
                      PitchContour.ofTail(tail, n, STRETCH_MS, riseSemitones),
                      p.at(),
                      System.nanoTime())));
    }
  }
}
