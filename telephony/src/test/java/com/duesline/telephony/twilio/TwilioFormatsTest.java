package com.duesline.telephony.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.telephony.carrier.TransferTarget;
import com.duesline.telephony.local.TwimlProgram;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Checks our TwiML and Media Streams JSON against Twilio's documented formats
 * (twilio.com/docs/voice/twiml/stream and /docs/voice/media-streams/websocket-messages): element
 * and attribute names, field names and JSON types (Twilio sends sequenceNumber, chunk and timestamp
 * as strings, sampleRate and channels as numbers). Both the adapter's side and the local carrier's
 * side are checked, so neither can drift.
 */
class TwilioFormatsTest {
  private final TwilioSettings settings =
      new TwilioSettings(
          "AC0000000000000000000000000000000a", "t", "https://duesline.example.com", 1);
  private final TwimlDocuments twiml = new TwimlDocuments(settings);

  private static Element parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
        .getDocumentElement();
  }

  private static Element only(Element parent, String tag) {
    var nodes = parent.getElementsByTagName(tag);
    assertThat(nodes.getLength()).as("<%s> under <%s>", tag, parent.getTagName()).isEqualTo(1);
    return (Element) nodes.item(0);
  }

  @Test
  void connectStreamTwimlIsABidirectionalStreamWithTheTaskParameter() throws Exception {
    Element response = parse(twiml.connectStream("task-42"));
    assertThat(response.getTagName()).isEqualTo("Response");
    Element stream = only(only(response, "Connect"), "Stream");
    assertThat(stream.getAttribute("url")).isEqualTo("wss://duesline.example.com/twilio/media");
    Element param = only(stream, "Parameter");
    assertThat(param.getAttribute("name")).isEqualTo("taskId");
    assertThat(param.getAttribute("value")).isEqualTo("task-42");
    assertThat(TwimlProgram.parse(twiml.connectStream("task-42")).verbs())
        .containsExactly(
            new TwimlProgram.ConnectStream(
                "wss://duesline.example.com/twilio/media", Map.of("taskId", "task-42")));
  }

  @Test
  void voicemailPlaysThenHangsUp() throws Exception {
    Element response = parse(twiml.voicemail("https://cdn.example/vm.wav"));
    assertThat(only(response, "Play").getTextContent()).isEqualTo("https://cdn.example/vm.wav");
    only(response, "Hangup");
    assertThat(response.getFirstChild().getNodeName()).isEqualTo("Play");
  }

  @Test
  void transferDialsANumberOrASipAddress() throws Exception {
    assertThat(
            only(only(parse(twiml.transfer(new TransferTarget("+15550109999"))), "Dial"), "Number")
                .getTextContent())
        .isEqualTo("+15550109999");
    assertThat(
            only(
                    only(parse(twiml.transfer(new TransferTarget("sip:a@pbx.example"))), "Dial"),
                    "Sip")
                .getTextContent())
        .isEqualTo("sip:a@pbx.example");
  }

  @Test
  void outboundMessagesHaveTwiliosFields() {
    JsonObject media = new JsonObject(MediaStreamMessages.media("MZ1", new byte[] {1, 2, 3}));
    assertThat(media.fieldNames()).containsExactlyInAnyOrder("event", "streamSid", "media");
    assertThat(media.getString("event")).isEqualTo("media");
    assertThat(media.getJsonObject("media").fieldNames()).containsExactly("payload");
    assertThat(Base64.getDecoder().decode(media.getJsonObject("media").getString("payload")))
        .containsExactly(1, 2, 3);

    JsonObject mark = new JsonObject(MediaStreamMessages.mark("MZ1", "ask:identity", null));
    assertThat(mark.fieldNames()).containsExactlyInAnyOrder("event", "streamSid", "mark");
    assertThat(mark.getJsonObject("mark").getString("name")).isEqualTo("ask:identity");

    JsonObject clear = new JsonObject(MediaStreamMessages.clear("MZ1"));
    assertThat(clear.fieldNames()).containsExactlyInAnyOrder("event", "streamSid");
    assertThat(clear.getString("event")).isEqualTo("clear");
  }

  @Test
  void inboundMessagesHaveTwiliosFieldsAndTypes() {
    JsonObject connected = new JsonObject(MediaStreamMessages.connected());
    assertThat(connected.getMap())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("event", "connected", "protocol", "Call", "version", "1.0.0"));

    JsonObject start =
        new JsonObject(MediaStreamMessages.start(1, "AC1", "MZ1", "CA1", Map.of("taskId", "t")));
    assertThat(start.fieldNames())
        .containsExactlyInAnyOrder("event", "sequenceNumber", "start", "streamSid");
    assertThat(start.getValue("sequenceNumber")).isInstanceOf(String.class);
    JsonObject s = start.getJsonObject("start");
    assertThat(s.fieldNames())
        .contains(
            "accountSid", "streamSid", "callSid", "tracks", "mediaFormat", "customParameters");
    assertThat(s.getJsonArray("tracks").getList()).containsExactly("inbound");
    JsonObject format = s.getJsonObject("mediaFormat");
    assertThat(format.getString("encoding")).isEqualTo("audio/x-mulaw");
    assertThat(format.getValue("sampleRate")).isEqualTo(8000);
    assertThat(format.getValue("channels")).isEqualTo(1);
    assertThat(s.getJsonObject("customParameters").getString("taskId")).isEqualTo("t");

    JsonObject media =
        new JsonObject(MediaStreamMessages.inboundMedia(3, "MZ1", 2, 20, new byte[160]));
    assertThat(media.fieldNames())
        .containsExactlyInAnyOrder("event", "sequenceNumber", "media", "streamSid");
    JsonObject m = media.getJsonObject("media");
    assertThat(m.fieldNames()).containsExactlyInAnyOrder("track", "chunk", "timestamp", "payload");
    assertThat(m.getValue("chunk")).isEqualTo("2");
    assertThat(m.getValue("timestamp")).isEqualTo("20");
    assertThat(Base64.getDecoder().decode(m.getString("payload"))).hasSize(160);

    JsonObject dtmf = new JsonObject(MediaStreamMessages.dtmf(4, "MZ1", "#"));
    assertThat(dtmf.fieldNames())
        .containsExactlyInAnyOrder("event", "streamSid", "sequenceNumber", "dtmf");
    assertThat(dtmf.getJsonObject("dtmf").getMap())
        .containsExactlyInAnyOrderEntriesOf(Map.of("track", "inbound_track", "digit", "#"));

    JsonObject markBack = new JsonObject(MediaStreamMessages.mark("MZ1", "ask:x", 5L));
    assertThat(markBack.fieldNames())
        .containsExactlyInAnyOrder("event", "sequenceNumber", "streamSid", "mark");

    JsonObject stop = new JsonObject(MediaStreamMessages.stop(6, "AC1", "MZ1", "CA1"));
    assertThat(stop.fieldNames())
        .containsExactlyInAnyOrder("event", "sequenceNumber", "streamSid", "stop");
    assertThat(stop.getJsonObject("stop").getMap())
        .containsExactlyInAnyOrderEntriesOf(Map.of("accountSid", "AC1", "callSid", "CA1"));
  }
}
