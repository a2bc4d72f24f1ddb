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
 * The engine's side of one Media Streams WebSocket. Parses what Twilio sends; a message that cannot be
 * understood is logged and counted and the call goes on, because one bad frame must not end a conversation.
 */
final class TwilioMediaSession implements MediaSession {
  private static final Logger log = LoggerFactory.getLogger(TwilioMediaSession.class);
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
    socket.exceptionHandler(e -> log.warn("media socket error on stream {}: {}", streamSid, e.toString()));
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
        case "mark" -> requireStarted(event).markHandler.accept(msg.getJsonObject("mark").getString("name"));
        case "dtmf" -> requireStarted(event).dtmfHandler.accept(msg.getJsonObject("dtmf").getString("digit"));
        case "stop" -> fireStop();
        default -> malformed("unknown event '" + event + "'", null);
      }
    } catch (RuntimeException e) {
      malformed("bad '" + event + "' message", e);
    }
  }

  private void onStart(JsonObject msg) {
    if (streamSid != null) throw new IllegalStateException("second start message");
    JsonObject start = msg.getJsonObject("start");
    String sid = start.getString("streamSid");
    String call = start.getString("callSid");
    if (sid == null || call == null) throw new IllegalArgumentException("start without streamSid/callSid");
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
    requireStarted("media");
    JsonObject media = msg.getJsonObject("media");
    byte[] audio = Base64.getDecoder().decode(media.getString("payload"));
    long chunk = Long.parseLong(media.getString("chunk", "0"));
    long timestamp = Long.parseLong(media.getString("timestamp", "0"));
    metrics.inboundFrame();
    frameHandler.accept(new MediaFrame(chunk, timestamp, audio));
  }

  private TwilioMediaSession requireStarted(String event) {
    if (streamSid == null) throw new IllegalStateException(event + " before start");
    return this;
  }

  private void malformed(String what, Exception e) {
    metrics.malformedMediaFrame();
    log.warn("malformed Media Streams message on stream {}: {}{}", streamSid, what, e == null ? "" : " (" + e + ")");
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
