package com.duesline.qa;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.app.Engine;
import com.duesline.call.CallJournal;
import com.duesline.call.CallObserver.TurnRecord;
import com.duesline.config.DueslineConfig;
import com.duesline.ledger.LedgerImporter;
import com.duesline.speech.AudioFormatKind;
import com.duesline.speech.SpeechModels;
import com.duesline.speech.SpeechSettings;
import com.duesline.speech.SpeechWorkers;
import com.duesline.speech.Synthesizer;
import com.duesline.speech.Transcriber;
import com.duesline.store.Database;
import com.duesline.store.TestDatabase;
import com.duesline.telephony.audio.MuLaw;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A human agent's part of a handed-off call, heard from the call's recording: a dual-channel
 * recording made of real MaryTTS speech (the bot's greeting, then, after the hand-off, an agent who
 * threatens the caller with the police, and the caller's answer) is transcribed by the real Vosk
 * model on a speech pool. The call's live transcript was clean; its verdict from the recording
 * fails on the agent's threat.
 */
class RecordingQaTest {
  private static final int RATE = 8000;

  /** Where the agent joins, in seconds from the answer (the recording's start). */
  private static final double JOINED = 7.0;

  @Test
  void anAgentsThreatInTheRecordingFailsTheCall(@TempDir Path tmp) throws Exception {
    Path ledger = tmp.resolve("estate.csv");
    Files.writeString(ledger, CallQaTest.LEDGER);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    SpeechSettings d = SpeechSettings.defaults();
    SpeechSettings speech =
        new SpeechSettings(
            d.workers(),
            d.voskModel(),
            Path.of("target", "speech-cache").toAbsolutePath(),
            d.voice(),
            d.promptCacheBytes(),
            d.vad());
    try (Database db = TestDatabase.fresh();
        Engine engine = Engine.create(DueslineConfig.load(null, k -> null), db);
        SpeechWorkers workers = new SpeechWorkers(1)) {
      new LedgerImporter(db).importFile(ledger);
      // A recording of real synthesized speech: our channel has the bot, then the agent; theirs the
      // caller.
      Synthesizer mary = new Synthesizer("cmu-slt-hsmm", registry);
      short[] ours = new short[RATE * 24];
      short[] theirs = new short[RATE * 24];
      place(
          ours,
          0.3,
          mary,
          "Hello, this is the automated assistant of Harbor View. This call is recorded.");
      place(theirs, 5.0, mary, "I want to talk to a person.");
      double agentEnds =
          place(
              ours,
              JOINED + 0.5,
              mary,
              "Hi, this is Tom from the office. If you do not pay today the police will arrest you.");
      place(theirs, agentEnds + 1.2, mary, "Okay. I will pay on Friday.");
      Path wav = tmp.resolve("RE-test.wav");
      Files.write(wav, stereo(theirs, ours));

      // The live call as the journal stored it: clean up to the hand-off, then an agent took it.
      CallJournal journal = new CallJournal(db);
      long unitId =
          Long.parseLong(CallQaTest.row(db, "SELECT id FROM units WHERE unit_code = 'R1'"));
      long partyId =
          Long.parseLong(CallQaTest.row(db, "SELECT id FROM parties WHERE unit_id = " + unitId));
      long phoneId =
          Long.parseLong(CallQaTest.row(db, "SELECT id FROM phones WHERE party_id = " + partyId));
      CallJournal.Party party = new CallJournal.Party(unitId, partyId, phoneId, null);
      long attempt = journal.openAttempt(party, "local", "early", "1", "A");
      journal.placed(attempt, "CA-handed-off");
      journal.answered(attempt, "human");
      List<TurnRecord> turns = new ArrayList<>();
      String[] said = {
        "bot|Hello, this is the automated assistant of Harbor View. This call is recorded.",
        "bot|May I speak with Maria Lopez?",
        "caller|yes",
        "bot|This is an attempt to collect a debt. You owe $100.00 for January.",
        "caller|I want to talk to a person.",
        "bot|Of course, I am connecting you with a colleague now."
      };
      for (String t : said) {
        String[] p = t.split("\\|", 2);
        TurnRecord r =
            new TurnRecord(
                turns.size() + 1, p[0], "n", p[1], null, 0, Map.of(), null, null, null, null);
        turns.add(r);
        journal.turn(attempt, r);
      }
      long handoff = journal.handoff(attempt, party, "asked for a person", "wants a person", turns);
      journal.handoffResolved(handoff, "tom");
      journal.closed(attempt, "HANDOFF", null);
      // The recording starts at the answer: the agent joined JOINED seconds into it.
      exec(
          db,
          "UPDATE attempts SET answered_at = (SELECT assigned_at FROM handoffs WHERE id = "
              + handoff
              + ") - interval '"
              + (long) (JOINED * 1000)
              + " milliseconds' WHERE id = "
              + attempt);
      assertThat(journal.recording("CA-handed-off", "RE-test", wav.toString(), 24)).isTrue();

      QaStore store = new QaStore(db);
      CallQa qa = new CallQa(engine, new QaChecker(QaRules.bundled(), null), store);
      JsonObject live = get(qa.check(attempt)).orElseThrow();
      assertThat(live.getBoolean("passed")).as("the bot's part alone is clean: %s", live).isTrue();

      RecordingQa recordings =
          new RecordingQa(
              engine,
              new Transcriber(SpeechModels.vosk(speech), registry),
              workers,
              url -> engine.vertx().fileSystem().readFile(url),
              qa,
              store);
      JsonObject verdict = get(recordings.recorded("CA-handed-off")).orElseThrow();
      String heard =
          CallQaTest.row(
              db,
              "SELECT string_agg(speaker || ': ' || transcript, ' / ' ORDER BY seq) FROM turns WHERE attempt_id = "
                  + attempt
                  + " AND state = 'recording'");
      assertThat(verdict.getBoolean("passed"))
          .as("verdict %s; heard from the recording: %s", verdict, heard)
          .isFalse();
      assertThat(verdict.getString("source")).isEqualTo("recording");
      assertThat(verdict.getString("unit")).isEqualTo("R1");
      JsonObject threat =
          verdict.getJsonArray("findings").stream()
              .map(JsonObject.class::cast)
              .filter(f -> f.getString("rule").equals("threat"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(verdict + " / " + heard));
      assertThat(threat.getString("severity")).isEqualTo("critical");
      assertThat(threat.getInteger("turn"))
          .as("a turn after the live ones")
          .isGreaterThanOrEqualTo(said.length);
      assertThat(
              CallQaTest.row(
                  db,
                  "SELECT speaker FROM turns WHERE attempt_id = "
                      + attempt
                      + " AND seq = "
                      + (threat.getInteger("turn") + 1)))
          .isEqualTo("agent");
      // Only what was said after the agent joined is transcribed: the greeting and the request are
      // not heard twice.
      assertThat(heard)
          .contains("agent: ")
          .contains("caller: ")
          .doesNotContain("automated")
          .doesNotContain("person");
      assertThat(
              CallQaTest.row(
                  db,
                  "SELECT source || '|' || passed FROM qa_results WHERE attempt_id = " + attempt))
          .isEqualTo("recording|false");

      // Heard again (a repeated callback): the same turns, not doubled. The live transcript's late
      // verdict does not replace it.
      String count = CallQaTest.row(db, "SELECT count(*) FROM turns WHERE attempt_id = " + attempt);
      get(recordings.recorded("CA-handed-off"));
      assertThat(CallQaTest.row(db, "SELECT count(*) FROM turns WHERE attempt_id = " + attempt))
          .isEqualTo(count);
      assertThat(get(qa.check(attempt))).isEmpty();
      assertThat(CallQaTest.row(db, "SELECT source FROM qa_results WHERE attempt_id = " + attempt))
          .isEqualTo("recording");

      // A call no person joined: nothing to transcribe, the live verdict stands.
      long botOnly = journal.openAttempt(party, "local", "early", "1", "A");
      journal.placed(botOnly, "CA-bot-only");
      journal.answered(botOnly, "human");
      journal.closed(botOnly, "completed", null);
      journal.recording("CA-bot-only", "RE-bot", wav.toString(), 24);
      assertThat(get(recordings.recorded("CA-bot-only"))).isEmpty();
    }
  }

  private static <T> T get(io.vertx.core.Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  /**
   * Writes MaryTTS speech of {@code text} (8 kHz) into {@code track} at {@code atSeconds}; returns
   * where it ends.
   */
  private static double place(short[] track, double atSeconds, Synthesizer mary, String text) {
    byte[] mulaw = mary.synthesize(text, "", AudioFormatKind.MULAW8K).data();
    int from = (int) (atSeconds * RATE);
    for (int i = 0; i < mulaw.length && from + i < track.length; i++)
      track[from + i] = MuLaw.decode(mulaw[i]);
    return atSeconds + mulaw.length / (double) RATE;
  }

  /**
   * A two-channel PCM16 WAV: the callee first, our side second (the carriers' dual-channel layout).
   */
  private static byte[] stereo(short[] first, short[] second) {
    ByteBuffer b = ByteBuffer.allocate(44 + first.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.put("RIFF".getBytes(StandardCharsets.US_ASCII))
        .putInt(36 + first.length * 4)
        .put("WAVE".getBytes(StandardCharsets.US_ASCII));
    b.put("fmt ".getBytes(StandardCharsets.US_ASCII))
        .putInt(16)
        .putShort((short) 1)
        .putShort((short) 2)
        .putInt(RATE)
        .putInt(RATE * 4)
        .putShort((short) 4)
        .putShort((short) 16);
    b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(first.length * 4);
    for (int i = 0; i < first.length; i++) b.putShort(first[i]).putShort(second[i]);
    return b.array();
  }

  private static void exec(Database db, String sql) throws Exception {
    try (var c = db.connection();
        var st = c.createStatement()) {
      st.executeUpdate(sql);
    }
  }
}
