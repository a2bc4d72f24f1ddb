package com.duesline.telephony.twilio;

import io.vertx.core.json.JsonObject;
import java.util.Base64;
import java.util.Map;

/**
 * The JSON messages of Twilio's Media Streams WebSocket protocol, both directions. Twilio sends
 * numeric fields ({@code sequenceNumber}, {@code chunk}, {@code timestamp}) as strings; we do the
 * same.
 */
public final class MediaStreamMessages {
  private MediaStreamMessages() {}

  /** Outbound (to the carrier): audio to play. */
  public static String media(String streamSid, byte[] mulaw) {
    return new JsonObject()
        .put("event", "media")
        .put("streamSid", streamSid)
        .put("media", new JsonObject().put("payload", Base64.getEncoder().encodeToString(mulaw)))
        .encode();
  }

  /**
   * Outbound: a mark after the audio sent so far; inbound (from the carrier): the mark was played.
   */
  public static String mark(String streamSid, String name, Long sequenceNumber) {
    JsonObject o = new JsonObject().put("event", "mark");
    if (sequenceNumber != null) o.put("sequenceNumber", String.valueOf(sequenceNumber));
    return o.put("streamSid", streamSid).put("mark", new JsonObject().put("name", name)).encode();
  }

  /** Outbound: drop queued audio. */
  public static String clear(String streamSid) {
    return new JsonObject().put("event", "clear").put("streamSid", streamSid).encode();
  }

  /** Inbound: the first message on a new connection. */
  public static String connected() {
    return new JsonObject()
        .put("event", "connected")
        .put("protocol", "Call")
        .put("version", "1.0.0")
        .encode();
  }

  /** Inbound: stream metadata, µ-law 8 kHz mono, with the TwiML's custom parameters. */
  public static String start(
      long seq, String accountSid, String streamSid, String callSid, Map<String, String> custom) {
    JsonObject params = new JsonObject();
    custom.forEach(params::put);
    return new JsonObject()
        .put("event", "start")
        .put("sequenceNumber", String.valueOf(seq))
        .put(
            "start",
            new JsonObject()
                .put("accountSid", accountSid)
                .put("streamSid", streamSid)
                .put("callSid", callSid)
                .put("tracks", new io.vertx.core.json.JsonArray().add("inbound"))
                .put(
                    "mediaFormat",
                    new JsonObject()
                        .put("encoding", "audio/x-mulaw")
                        .put("sampleRate", 8000)
                        .put("channels", 1))
                .put("customParameters", params))
        .put("streamSid", streamSid)
        .encode();
  }

  /** Inbound: one frame of caller audio. */
  public static String inboundMedia(
      long seq, String streamSid, long chunk, long timestampMillis, byte[] mulaw) {
    return new JsonObject()
        .put("event", "media")
        .put("sequenceNumber", String.valueOf(seq))
        .put(
            "media",
            new JsonObject()
                .put("track", "inbound")
                .put("chunk", String.valueOf(chunk))
                .put("timestamp", String.valueOf(timestampMillis))
                .put("payload", Base64.getEncoder().encodeToString(mulaw)))
        .put("streamSid", streamSid)
        .encode();
  }

  /** Inbound: a key press. */
  public static String dtmf(long seq, String streamSid, String digit) {
    return new JsonObject()
        .put("event", "dtmf")
        .put("streamSid", streamSid)
        .put("sequenceNumber", String.valueOf(seq))
        .put("dtmf", new JsonObject().put("track", "inbound_track").put("digit", digit))
        .encode();
  }

  /** Inbound: the stream ended. */
  public static String stop(long seq, String accountSid, String streamSid, String callSid) {
    return new JsonObject()
        .put("event", "stop")
        .put("sequenceNumber", String.valueOf(seq))
        .put("streamSid", streamSid)
        .put("stop", new JsonObject().put("accountSid", accountSid).put("callSid", callSid))
        .encode();
  }
}
