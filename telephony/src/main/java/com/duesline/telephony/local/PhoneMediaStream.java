package com.duesline.telephony.local;

import com.duesline.telephony.audio.MuLaw;
import com.duesline.telephony.twilio.MediaStreamMessages;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The phone's end of one Media Streams WebSocket, as Twilio runs it: sends {@code connected} and
 * {@code start}, then one 160-byte µ-law frame every 20 ms in real time (the caller's speech, or
 * silence), and plays the engine's audio at the same pace, echoing each mark when playback reaches
 * it and all pending marks on {@code clear}.
 */
final class PhoneMediaStream {
  private static final Logger log = LoggerFactory.getLogger(PhoneMediaStream.class);
  static final int FRAME_BYTES = 160;
  private static final long FRAME_NANOS = 20_000_000L;
  private static final byte MULAW_SILENCE = (byte) 0xFF;

  /** What the stream reports to the persona. */
  interface Ear {
    /** A mark came back: {@code played} is false when a clear dropped the audio before it. */
    void onMark(String name, boolean played);

    /**
     * Called every frame with the name of the next pending mark and how long the current prompt has
     * played.
     */
    void onPlayback(String nextMark, long playedMillis);

    /** The stream ended. */
    void onStopped();

    /** The bot began a new reply while the caller still had words queued (a false cut-off). */
    default void onCutOff() {}
  }

  private sealed interface Queued permits Audio, MarkItem {}

  private record Audio(byte[] bytes, int[] offset) implements Queued {}

  private record MarkItem(String name) implements Queued {}

  /**
   * One queued utterance and where its words end: what follows {@code wordsEnd} is the voice's
   * trailing silence.
   */
  private record Utterance(byte[] bytes, int wordsEnd) {}

  /**
   * A 10 ms window above this (-45 dBFS RMS) is voice; MaryTTS and recordings end in near-silence
   * below it.
   */
  private static final double VOICE_RMS = 32768 * Math.pow(10, -45 / 20.0);

  private final String accountSid;
  private final String callSid;
  private final String streamSid = "MZ" + UUID.randomUUID().toString().replace("-", "");
  private final FrameTimings timings;
  private final Deque<Queued> playback = new ArrayDeque<>();
  private final Deque<Utterance> speech = new ArrayDeque<>();
  private int speechOffset;
  private long promptPlayedFrames;
  private Ear ear;
  private WebSocket socket;
  private long seq = 1;
  private long frameNo;
  private long startNanos;
  private long timerId = -1;
  private boolean stopped;
  private boolean reportedStop;
  private final Vertx vertx;
  private CallRecording recording;
  private final CallerTurns turns;

  /**
   * When the caller's last queued words went out (nanoTime), until the bot's next audio arrives;
   * -1: none pending.
   */
  private long speechEndNanos = -1;

  /** The bot's audio arrived since the caller's current speech began. */
  private boolean botSinceSpeech;

  /**
   * The engine's audio since its last mark: a prompt still arriving sentence by sentence, not a new
   * reply.
   */
  private boolean promptOpen;

  PhoneMediaStream(
      Vertx vertx, String accountSid, String callSid, FrameTimings timings, CallerTurns turns) {
    this.vertx = vertx;
    this.accountSid = accountSid;
    this.callSid = callSid;
    this.timings = timings;
    this.turns = turns;
  }

  String streamSid() {
    return streamSid;
  }

  /** Records both directions of every frame from now on. */
  synchronized void recordInto(CallRecording r) {
    recording = r;
  }

  /** Opens the socket with a signed upgrade and starts streaming. */
  Future<Void> open(
      WebSocketClient client,
      String url,
      String signature,
      Map<String, String> parameters,
      Ear ear) {
    this.ear = ear;
    WebSocketConnectOptions options =
        new WebSocketConnectOptions()
            .setAbsoluteURI(url)
            .addHeader("X-Twilio-Signature", signature);
    return client
        .connect(options)
        .map(
            ws -> {
              synchronized (this) {
                socket = ws;
                ws.textMessageHandler(this::onEngineMessage);
                ws.closeHandler(v -> stopped());
                ws.writeTextMessage(MediaStreamMessages.connected());
                ws.writeTextMessage(
                    MediaStreamMessages.start(seq++, accountSid, streamSid, callSid, parameters));
                startNanos = System.nanoTime();
                // Checked every 10 ms; each check sends every frame that is due, so timer slack
                // never loses frames.
                timerId = vertx.setPeriodic(10, id -> tick());
              }
              return null;
            });
  }

  /** Queues the caller's speech (µ-law) to go out in real time after anything already queued. */
  synchronized void speak(byte[] mulaw) {
    if (!wordsLeft()) botSinceSpeech = false;
    speech.add(new Utterance(mulaw, wordsEnd(mulaw)));
    turns.utterance();
  }

  /**
   * Whether words are still to be sent. The trailing silence of the last utterance is not words: a
   * reply that starts in it comes after the caller stopped speaking, and the turn's latency counts
   * from the words' end.
   */
  private boolean wordsLeft() {
    for (Utterance u : speech) {
      int sent = u == speech.peek() ? speechOffset : 0;
      if (sent < u.wordsEnd()) return true;
    }
    return false;
  }

  /** The byte after the last 10 ms window of voice in {@code mulaw}; 0 when it is all silence. */
  static int wordsEnd(byte[] mulaw) {
    int win = 80;
    for (int end = mulaw.length; end > 0; end -= win) {
      int from = Math.max(0, end - win);
      double sum = 0;
      for (int i = from; i < end; i++) {
        double v = MuLaw.decode(mulaw[i]);
        sum += v * v;
      }
      if (Math.sqrt(sum / (end - from)) >= VOICE_RMS) return end;
    }
    return 0;
  }

  /** True while the caller still has speech queued. */
  synchronized boolean speaking() {
    return !speech.isEmpty();
  }

  /** Sends one DTMF digit. */
  synchronized void press(String digit) {
    if (!stopped) socket.writeTextMessage(MediaStreamMessages.dtmf(seq++, streamSid, digit));
  }

  /** Ends the stream from the carrier's side: a {@code stop} message, then the socket closes. */
  void stop() {
    synchronized (this) {
      if (!stopped && socket != null) {
        socket.writeTextMessage(MediaStreamMessages.stop(seq++, accountSid, streamSid, callSid));
        socket.close();
      }
    }
    stopped();
  }

  private void stopped() {
    Ear e;
    synchronized (this) {
      if (reportedStop) return;
      reportedStop = true;
      stopped = true;
      if (timerId != -1) vertx.cancelTimer(timerId);
      timerId = -1;
      e = ear;
    }
    if (e != null) e.onStopped();
  }

  private void tick() {
    long now = System.nanoTime();
    String nextMark;
    long played;
    synchronized (this) {
      if (stopped) return;
      while (startNanos + frameNo * FRAME_NANOS <= now) {
        long due = startNanos + frameNo * FRAME_NANOS;
        frameNo++;
        byte[] heard = nextSpeechFrame();
        socket.writeTextMessage(
            MediaStreamMessages.inboundMedia(seq++, streamSid, frameNo, (frameNo - 1) * 20, heard));
        timings.record((System.nanoTime() - due) / 1000);
        byte[] sent = playOneFrame();
        if (recording != null) recording.frame(heard, sent);
      }
      nextMark = nextPendingMark();
      played = promptPlayedFrames * 20;
    }
    if (nextMark != null) ear.onPlayback(nextMark, played);
  }

  private byte[] nextSpeechFrame() {
    byte[] frame = new byte[FRAME_BYTES];
    int filled = 0;
    while (filled < FRAME_BYTES && !speech.isEmpty()) {
      Utterance head = speech.peek();
      int n = Math.min(FRAME_BYTES - filled, head.bytes().length - speechOffset);
      System.arraycopy(head.bytes(), speechOffset, frame, filled, n);
      boolean wordsEndHere = speechOffset < head.wordsEnd() && speechOffset + n >= head.wordsEnd();
      if (wordsEndHere && speech.size() == 1) {
        // The caller's words end here: the frame's start plus what of it was words.
        speechEndNanos =
            startNanos
                + (frameNo - 1) * FRAME_NANOS
                + (filled + head.wordsEnd() - speechOffset) * 125_000L;
      }
      filled += n;
      speechOffset += n;
      if (speechOffset == head.bytes().length) {
        speech.poll();
        speechOffset = 0;
      }
    }
    for (int i = filled; i < FRAME_BYTES; i++) frame[i] = MULAW_SILENCE;
    return frame;
  }

  /**
   * Plays 20 ms of the engine's audio, then echoes any marks that playback has now reached; returns
   * the audio played (silence-padded), or null when nothing was, and only while recording.
   */
  private byte[] playOneFrame() {
    int need = FRAME_BYTES;
    byte[] frame = recording == null ? null : new byte[FRAME_BYTES];
    while (!playback.isEmpty()) {
      Queued head = playback.peek();
      if (head instanceof MarkItem m) {
        playback.poll();
        promptPlayedFrames = 0;
        echoMark(m.name(), true);
        continue;
      }
      if (need == 0) break;
      Audio a = (Audio) head;
      int n = Math.min(need, a.bytes().length - a.offset()[0]);
      if (frame != null) System.arraycopy(a.bytes(), a.offset()[0], frame, FRAME_BYTES - need, n);
      a.offset()[0] += n;
      need -= n;
      if (a.offset()[0] == a.bytes().length) playback.poll();
    }
    if (need < FRAME_BYTES) promptPlayedFrames++;
    if (frame == null || need == FRAME_BYTES) return null;
    for (int i = FRAME_BYTES - need; i < FRAME_BYTES; i++) frame[i] = MULAW_SILENCE;
    return frame;
  }

  private String nextPendingMark() {
    for (Queued q : playback) if (q instanceof MarkItem m) return m.name();
    return null;
  }

  private void echoMark(String name, boolean played) {
    socket.writeTextMessage(MediaStreamMessages.mark(streamSid, name, seq++));
    Ear e = ear;
    vertx.runOnContext(v -> e.onMark(name, played));
  }

  private void onEngineMessage(String text) {
    JsonObject msg;
    try {
      msg = new JsonObject(text);
    } catch (RuntimeException e) {
      log.warn("engine sent a non-JSON Media Streams message on {}", streamSid);
      return;
    }
    synchronized (this) {
      switch (String.valueOf(msg.getValue("event"))) {
        case "media" -> {
          long now = System.nanoTime();
          // A cut-off is a new reply begun while the caller still had words to say; the next
          // sentence of a
          // prompt already begun (no mark since its audio) is the bot going on, not closing the
          // caller's turn.
          if (wordsLeft() && !botSinceSpeech && playback.isEmpty() && !promptOpen) {
            Ear e = ear;
            vertx.runOnContext(v -> e.onCutOff());
          }
          promptOpen = true;
          if (!wordsLeft() && speechEndNanos >= 0) turns.replied((now - speechEndNanos) / 1e6);
          speechEndNanos = -1;
          botSinceSpeech = true;
          JsonObject media = msg.getJsonObject("media");
          playback.add(
              new Audio(Base64.getDecoder().decode(media.getString("payload")), new int[] {0}));
        }
        case "mark" -> {
          promptOpen = false;
          playback.add(new MarkItem(msg.getJsonObject("mark").getString("name")));
        }
        case "clear" -> {
          // Twilio empties the buffer and sends back every mark that was still waiting in it.
          Deque<Queued> dropped = new ArrayDeque<>(playback);
          playback.clear();
          promptOpen = false;
          promptPlayedFrames = 0;
          for (Queued q : dropped) if (q instanceof MarkItem m) echoMark(m.name(), false);
        }
        default ->
            log.warn(
                "engine sent unknown Media Streams event '{}' on {}",
                msg.getValue("event"),
                streamSid);
      }
    }
  }
}
