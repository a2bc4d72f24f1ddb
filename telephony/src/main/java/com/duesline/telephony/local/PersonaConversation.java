package com.duesline.telephony.local;

import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One persona on one live call: listens to the marks the bot's audio carries and answers each
 * question the way its YAML says, in synthesized audio, key presses, silence or a hang-up; talks
 * over prompts when it is a barge-in type.
 */
final class PersonaConversation implements PhoneMediaStream.Ear {
  private static final Logger log = LoggerFactory.getLogger(PersonaConversation.class);
  private final Vertx vertx;
  private final Persona persona;
  private final PersonaVoice voice;
  private final PhoneMediaStream stream;
  private final CallLog callLog;
  private final Runnable hangUp;

  /** What a mark follows (the engine's side-channel note, or the mark's name). */
  private final Function<String, MarkName> meaning;

  private final Map<String, Integer> asksByKind = new HashMap<>();
  private final Set<String> answeredEarly = new HashSet<>();
  private final Set<String> backchannelled = new HashSet<>();

  /**
   * {@code barge_in.at} naming statements: the persona backchannels over them (its {@value
   * #BACKCHANNEL} reply).
   */
  static final String STATEMENT = "statement";

  static final String BACKCHANNEL = "backchannel";
  private int asks;
  private boolean done;

  PersonaConversation(
      Vertx vertx,
      Persona persona,
      PersonaVoice voice,
      PhoneMediaStream stream,
      CallLog callLog,
      Runnable hangUp,
      Function<String, MarkName> meaning) {
    this.meaning = meaning;
    this.vertx = vertx;
    this.persona = persona;
    this.voice = voice;
    this.stream = stream;
    this.callLog = callLog;
    this.hangUp = hangUp;
  }

  /** The line is open: a human says hello, a voicemail plays its greeting. */
  void started() {
    if (!persona.greeting().isEmpty()) say(persona.greeting(), false);
  }

  @Override
  public void onMark(String name, boolean played) {
    callLog.add(played ? CallLog.Kind.HEARD_MARK : CallLog.Kind.CLEARED_MARK, name);
    if (done || !played || answeredEarly.remove(name)) return;
    MarkName mark = meaning.apply(name);
    switch (mark.phase()) {
      case "ask" -> answer(mark.kind());
      case "end" -> after(persona.pauseBeforeReplyMillis(), this::hangUpNow);
      default -> {}
    }
  }

  @Override
  public void onPlayback(String nextMark, long playedMillis) {
    if (done || nextMark == null || persona.bargeIn().isEmpty() || answeredEarly.contains(nextMark))
      return;
    Persona.BargeIn barge = persona.bargeIn().get();
    MarkName mark = meaning.apply(nextMark);
    if (mark.phase().equals("ask")
        && barge.at(mark.kind())
        && playedMillis >= barge.afterMillis()) {
      answeredEarly.add(nextMark);
      respond(mark.kind());
    } else if (mark.phase().equals("say")
        && barge.kinds().contains(STATEMENT)
        && playedMillis >= barge.afterMillis()
        && backchannelled.add(nextMark)) {
      // Listening noises over the bot's explanation: not an answer, and nothing the bot should stop
      // for.
      persona
          .replyTo(BACKCHANNEL, 0)
          .filter(r -> !r.say().isEmpty())
          .ifPresent(r -> say(r.say(), false));
    }
  }

  @Override
  public void onStopped() {
    done = true;
  }

  private void answer(String kind) {
    after(persona.pauseBeforeReplyMillis(), () -> respond(kind));
  }

  private void respond(String kind) {
    if (done) return;
    asks++;
    if (persona.hangUpAfterAsks() > 0 && asks > persona.hangUpAfterAsks()) {
      hangUpNow();
      return;
    }
    int n = asksByKind.merge(kind, 1, Integer::sum) - 1;
    persona
        .replyTo(kind, n)
        .ifPresent(
            reply -> {
              if (!reply.say().isEmpty()) say(reply.say(), reply.hangUp());
              if (!reply.dtmf().isEmpty())
                pressKeys(reply.dtmf(), 0, reply.hangUp() && reply.say().isEmpty());
              if (reply.hangUp() && reply.say().isEmpty() && reply.dtmf().isEmpty()) hangUpNow();
            });
  }

  private void say(String text, boolean thenHangUp) {
    // Synthesis is CPU work (MaryTTS in the engine), so it runs on a worker, never on the event
    // loop.
    vertx
        .executeBlocking(() -> audio(text), false)
        .onSuccess(
            audio -> {
              if (done) return;
              callLog.add(CallLog.Kind.SAID, text);
              stream.speak(audio);
              if (thenHangUp) hangUpWhenQuiet();
            })
        .onFailure(e -> log.warn("persona {} could not speak: {}", persona.id(), e.toString()));
  }

  /** The line's audio, with a pause of silence wherever it has one ("..."). */
  private byte[] audio(String text) {
    List<String> parts = Persona.segments(text);
    if (parts.size() <= 1) return voice.speakMulaw8k(text, persona.voiceEffects());
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] pause = new byte[Persona.PAUSE_MS * 8];
    java.util.Arrays.fill(pause, (byte) 0xFF);
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) out.writeBytes(pause);
      out.writeBytes(voice.speakMulaw8k(parts.get(i), persona.voiceEffects()));
    }
    return out.toByteArray();
  }

  private void pressKeys(String digits, int i, boolean thenHangUp) {
    if (done) return;
    if (i == digits.length()) {
      if (thenHangUp) hangUpNow();
      return;
    }
    String d = String.valueOf(digits.charAt(i));
    stream.press(d);
    callLog.add(CallLog.Kind.PRESSED, d);
    after(150, () -> pressKeys(digits, i + 1, thenHangUp));
  }

  private void hangUpWhenQuiet() {
    if (stream.speaking()) after(100, this::hangUpWhenQuiet);
    else hangUpNow();
  }

  private void hangUpNow() {
    if (done) return;
    done = true;
    hangUp.run();
  }

  private void after(long millis, Runnable r) {
    if (millis <= 0) vertx.runOnContext(v -> r.run());
    else vertx.setTimer(millis, id -> r.run());
  }
}
