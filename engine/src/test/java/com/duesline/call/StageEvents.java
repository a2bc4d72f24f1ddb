package com.duesline.call;

import com.duesline.call.CallEvent.Final;
import com.duesline.call.CallEvent.Heard;
import com.duesline.call.CallEvent.PromptAudio;
import com.duesline.call.CallEvent.Reply;
import com.duesline.conversation.BotTurn;
import com.duesline.conversation.Conversation;
import com.duesline.conversation.Spoken;
import com.duesline.intent.IntentMatch;
import com.duesline.scripts.LibraryLocation;
import com.duesline.scripts.TrackLibrary;
import com.duesline.speech.RecognitionEvent;
import com.duesline.speech.RecognizedWord;
import com.duesline.telephony.audio.MuLaw;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Small builders of call events and audio for the stage tests. */
final class StageEvents {
  private StageEvents() {}

  /** The shipped library of talk tracks. */
  static final TrackLibrary LIBRARY =
      TrackLibrary.load(LibraryLocation.resolve(Path.of("..", "scripts-library", "library")));

  static Heard heard(String text, String intent, long at) {
    RecognitionEvent r =
        new RecognitionEvent(
            RecognitionEvent.Kind.FINAL,
            text,
            List.of(new RecognizedWord(text, 0, 1, 1)),
            1.5,
            false);
    Final f = new Final(r, at - 500_000_000L, 500, 10, at);
    return new Heard(f, new IntentMatch(text, intent, 0.9, List.of(), Map.of()), 1, at);
  }

  /**
   * A conversation on the shipped early-arrears track for Maria Lopez of unit 1203, owing $1,250.00
   * since 15 October.
   */
  static Conversation earlyArrears() {
    return new Conversation(
        LIBRARY.track("early", "en"),
        LIBRARY.catalogue(),
        Map.of(
            "first_name",
            "Maria",
            "last_name",
            "Lopez",
            "company",
            "Harbor View",
            "callback_number",
            "555 0100",
            "unit_number",
            "1203",
            "amount_due",
            new BigDecimal("1250.00"),
            "due_date",
            LocalDate.of(2026, 10, 15),
            "days_overdue",
            41,
            "today",
            LocalDate.of(2026, 11, 25)),
        1);
  }

  static Heard nothing(long at) {
    RecognitionEvent r =
        new RecognitionEvent(RecognitionEvent.Kind.FINAL, "", List.of(), 1.5, false);
    return new Heard(new Final(r, at, 0, 10, at), null, 0, at);
  }

  static BotTurn turn(boolean ended, Spoken... spoken) {
    return new BotTurn("ask_amount", List.of(spoken), null, Map.of(), ended, null, "t", "1");
  }

  static Spoken prompt(String text, boolean interruptible) {
    return new Spoken("ask_amount", "p-" + text.length(), "a", text, interruptible, false);
  }

  static Reply reply(BotTurn turn, long at) {
    return new Reply(turn, null, "ask_amount", null, null, null, 0, at);
  }

  /** Audio for a turn, one piece per prompt: {@code seconds} of silence each. */
  static List<PromptAudio> audio(BotTurn turn, double seconds, long at) {
    Reply reply = reply(turn, at);
    List<PromptAudio> pieces = new java.util.ArrayList<>();
    for (int i = 0; i < turn.spoken().size(); i++) {
      pieces.add(
          new PromptAudio(
              reply,
              i,
              0,
              silence((int) (seconds * 1000)),
              true,
              i == turn.spoken().size() - 1,
              0,
              at));
    }
    if (pieces.isEmpty()) pieces.add(new PromptAudio(reply, 0, 0, new byte[0], true, true, 0, at));
    return pieces;
  }

  static byte[] silence(int ms) {
    byte[] b = new byte[ms * 8];
    java.util.Arrays.fill(b, MuLaw.encode((short) 0));
    return b;
  }

  /**
   * One 20 ms µ-law frame of a 200 Hz tone at about -12 dBFS (voice as far as the VAD can tell).
   */
  static byte[] voiceFrame(int frameNo) {
    byte[] b = new byte[160];
    for (int i = 0; i < 160; i++) {
      double t = (frameNo * 160 + i) / 8000.0;
      b[i] = MuLaw.encode((short) (8000 * Math.sin(2 * Math.PI * 200 * t)));
    }
    return b;
  }
}
