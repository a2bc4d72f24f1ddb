package com.duesline.telephony.twilio;

import com.duesline.telephony.carrier.CarrierListener;
import com.duesline.telephony.carrier.MediaFrame;
import com.duesline.telephony.carrier.MediaSession;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's side of one Media Streams WebSocket. Parses what Twilio sends; a message that cannot
 * be understood is logged and counted and the call goes on, because one bad frame must not end a
 * conversation. Refused (counted, reaching nothing): anything before {@code start} or after {@code
 * stop}, a frame with no audio or more than a second of it, a key that is not one DTMF digit, a
 * mark without a name.
 */
final class TwilioMediaSession implements MediaSession {
  private static final Logger log = LoggerFactory.getLogger(TwilioMediaSession.class);

  /**
   * One second of 8 kHz µ-law. Twilio sends 20 ms (160 bytes) a message; a longer one is not a
   * carrier's frame.
   */
  static final int MAX_FRAME_BYTES = 8000;

  private static final String DTMF_DIGITS = "0123456789*#ABCD";

  /**
   * A flood of bad messages is logged this many times, then once per thousand, so it cannot flood
   * the log.
   */
  private static final int LOGGED_IN_FULL = 10;

  private long malformedCount;
  private final ServerWebSocket socket;
  private final CarrierListener listener;
  private final TelephonyMetrics metrics;
  private String streamSid;
  private String callSid;
  private Map<String, String> customParameters = Map.of();
  private Consumer<MediaFrame> frameHandler = f -> {};
  private Consumer<String> markHandler = m -> {};
  private Consumer<String> dtmfHandler = d -> {};
  private Runnable stopHandler = () -> {};
  private boolean stopped;

  TwilioMediaSession(ServerWebSocket socket, CarrierListener listener, TelephonyMetrics metrics) {
    this.socket = socket;
    this.listener = listener;
    this.metrics = metrics;
    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(b -> malformed("binary message of " + b.length() + " bytes", null));
    socket.closeHandler(v -> fireStop());
    socket.exceptionHandler(
        e -> log.warn("media socket error on stream {}: {}", streamSid, e.toString()));
  }

  private void onText(String text) {
    JsonObject msg;
    try {
      msg = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      malformed("not a JSON object", e);
      return;
    }
    String event = msg.getValue("event") instanceof String s ? s : null;
    if (event == null) {
      malformed("no event field", null);
      return;
    }
    try {
      switch (event) {
        case "connected" -> {}
        case "start" -> onStart(msg);
        case "media" -> onMedia(msg);
        case "mark" -> requireLive(event).markHandler.accept(markName(msg));
        case "dtmf" -> requireLive(event).dtmfHandler.accept(digit(msg));
        case "stop" -> fireStop();
        default -> malformed("unknown event '" + event + "'", null);
      }
    } catch (RuntimeException e) {
      malformed("bad '" + event + "' message", e);
    }
  }

  private void onStart(JsonObject msg) {
    if (streamSid != null) throw new IllegalStateException("second start message");
    if (stopped) throw new IllegalStateException("start after stop");
    JsonObject start = msg.getJsonObject("start");
    String sid = start.getString("streamSid");
    String call = start.getString("callSid");
    if (sid == null || call == null)
      throw new IllegalArgumentException("start without streamSid/callSid");
    JsonObject format = start.getJsonObject("mediaFormat");
    if (format != null && !"audio/x-mulaw".equals(format.getString("encoding"))) {
      throw new IllegalArgumentException("unsupported encoding " + format.getString("encoding"));
    }
    Map<String, String> params = new LinkedHashMap<>();
    JsonObject custom = start.getJsonObject("customParameters");
    if (custom != null) custom.forEach(e -> params.put(e.getKey(), String.valueOf(e.getValue())));
    streamSid = sid;
    callSid = call;
    customParameters = Map.copyOf(params);
    listener.onMediaSession(this);
  }

  private void onMedia(JsonObject msg) {
    requireLive("media");
    JsonObject media = msg.getJsonObject("media");
    byte[] audio = Base64.getDecoder().decode(media.getString("payload"));
    if (audio.length == 0 || audio.length > MAX_FRAME_BYTES) {
      throw new IllegalArgumentException(
          "a frame of " + audio.length + " bytes (expected 1 to " + MAX_FRAME_BYTES + ")");
    }
    long chunk = Long.parseLong(media.getString("chunk", "0"));
    long timestamp = Long.parseLong(media.getString("timestamp", "0"));
    metrics.inboundFrame();
    frameHandler.accept(new MediaFrame(chunk, timestamp, audio));
  }

  /**
   * Media, keys and marks count only between start and stop: after stop the call is over for the
   * engine.
   */
  private TwilioMediaSession requireLive(String event) {
    if (streamSid == null) throw new IllegalStateException(event + " before start");
    if (stopped) throw new IllegalStateException(event + " after stop");
    return this;
  }

  private static String digit(JsonObject msg) {
    // getString would turn a number into text; Twilio sends the digit as a string, anything else is
    // not a key.
    String d = msg.getJsonObject("dtmf").getValue("digit") instanceof String s ? s : null;
    if (d == null || d.length() != 1 || DTMF_DIGITS.indexOf(d.charAt(0)) < 0)
      throw new IllegalArgumentException("not a DTMF digit");
    return d;
  }

  private static String markName(JsonObject msg) {
    String name = msg.getJsonObject("mark").getValue("name") instanceof String s ? s : null;
    if (name == null || name.isEmpty()) throw new IllegalArgumentException("a mark without a name");
    return name;
  }

  private void malformed(String what, Exception e) {
    metrics.malformedMediaFrame();
    long n = ++malformedCount;
    if (n <= LOGGED_IN_FULL || n % 1000 == 0) {
      log.warn(
          "malformed Media Streams message on stream {} ({} so far): {}{}",
          streamSid,
          n,
          what,
          e == null ? "" : " (" + e + ")");
    }
  }

  private void fireStop() {
    if (stopped) return;
    stopped = true;
    if (streamSid != null) stopHandler.run();
  }

  @Override
  public String streamSid() {
    return streamSid;
  }

  @Override
  public String callSid() {
    return callSid;
  }

  @Override
  public Map<String, String> customParameters() {
    return customParameters;
  }

  @Override
  public MediaSession onFrame(Consumer<MediaFrame> handler) {
    this.frameHandler = handler;
    return this;
  }

  @Override
  public MediaSession onMark(Consumer<String> handler) {
    this.markHandler = handler;
    return this;
  }

  @Override
  public MediaSession onDtmf(Consumer<String> handler) {
    this.dtmfHandler = handler;
    return this;
  }

  @Override
  public MediaSession onStop(Runnable handler) {
    this.stopHandler = handler;
    return this;
  }

  @Override
  public void sendAudio(byte[] mulaw) {
    if (!stopped) socket.writeTextMessage(MediaStreamMessages.media(streamSid, mulaw));
  }

  @Override
  public void sendMark(String name) {
    if (!stopped) socket.writeTextMessage(MediaStreamMessages.mark(streamSid, name, null));
  }

  @Override
  public void clear() {
    if (!stopped) socket.writeTextMessage(MediaStreamMessages.clear(streamSid));
  }

  @Override
  public void stop() {
    if (!socket.isClosed()) socket.close();
    fireStop();
  }
}
