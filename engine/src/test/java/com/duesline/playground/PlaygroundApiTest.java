package com.duesline.playground;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.speech.AudioFormatKind;
import com.duesline.telephony.audio.MuLaw;
import com.duesline.telephony.audio.Wav;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The playground's HTTP API against a running engine with the real classifier, Vosk and MaryTTS.
 */
class PlaygroundApiTest {
  @TempDir static Path scratch;
  static PlaygroundFixture f;

  @BeforeAll
  static void up() throws Exception {
    f = new PlaygroundFixture(scratch);
  }

  @AfterAll
  static void down() {
    if (f != null) f.close();
  }

  private static JsonObject start(String track, String variant) throws Exception {
    JsonObject body =
        new JsonObject()
            .put("track", track)
            .put("lang", "en")
            .put("today", "2026-11-25")
            .put("seed", 7);
    if (variant != null) body.put("variant", variant);
    PlaygroundFixture.Reply r = f.post("/api/playground/sessions", body);
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    return r.json();
  }

  private static JsonObject say(String session, String text) throws Exception {
    PlaygroundFixture.Reply r =
        f.post("/api/playground/sessions/" + session + "/say", new JsonObject().put("text", text));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  private static List<String> strings(JsonArray a) {
    return a.stream().map(String::valueOf).toList();
  }

  @Test
  void tracksListTheirLanguagesVariantsAndTheSampleAccount() throws Exception {
    JsonObject c = f.get("/api/playground/tracks").json();
    JsonObject early =
        c.getJsonArray("tracks").stream()
            .map(JsonObject.class::cast)
            .filter(t -> t.getString("id").equals("early"))
            .findFirst()
            .orElseThrow();
    assertThat(early.getJsonObject("langs").fieldNames()).containsExactlyInAnyOrder("en", "zh");
    assertThat(strings(early.getJsonObject("langs").getJsonObject("en").getJsonArray("variants")))
        .containsExactly("A", "B");
    assertThat(c.getJsonObject("account").getString("first_name")).isEqualTo("Maria");
    assertThat(strings(c.getJsonArray("speech_langs"))).containsExactly("en");
  }

  @Test
  void chattingAPromiseReachesItsOutcomeWithMatchPathAndVariables() throws Exception {
    JsonObject s = start("early", "B");
    String id = s.getString("session");
    JsonObject opening = s.getJsonObject("turn");
    assertThat(opening.getString("node")).isEqualTo("confirm_identity");
    assertThat(strings(opening.getJsonArray("path"))).startsWith("greeting");

    JsonObject t1 = say(id, "yes this is maria");
    assertThat(t1.getString("node")).isEqualTo("ask_unit");
    JsonObject m1 = t1.getJsonObject("match");
    assertThat(m1.getString("intent")).isEqualTo("affirm");
    assertThat(m1.getDouble("score")).isGreaterThan(m1.getDouble("threshold"));
    assertThat(m1.getJsonArray("nearest")).isNotEmpty();
    assertThat(m1.getJsonArray("nearest").getJsonObject(0).getString("source"))
        .matches(".*\\.txt:\\d+");
    assertThat(m1.getJsonArray("votes").getJsonObject(0).getString("intent")).isEqualTo("affirm");

    PlaygroundFixture.Reply keyed =
        f.post("/api/playground/sessions/" + id + "/keys", new JsonObject().put("digits", "1203"));
    assertThat(keyed.status()).as(keyed.text()).isEqualTo(200);
    JsonObject t2 = keyed.json();
    assertThat(t2.getString("node")).isEqualTo("pay_ask");
    assertThat(strings(t2.getJsonArray("path_added"))).contains("verified", "pay_ask");
    // Variant B was asked for: the verified prompt speaks B's wording.
    JsonObject verifiedLine =
        t2.getJsonArray("lines").stream()
            .map(JsonObject.class::cast)
            .filter(l -> l.getString("node").equals("verified"))
            .findFirst()
            .orElseThrow();
    assertThat(verifiedLine.getString("variant")).isEqualTo("B");
    assertThat(verifiedLine.getString("text"))
        .contains("part of the community")
        .contains("$1,250.00");

    JsonObject t3 = say(id, "i'll pay it on friday");
    JsonObject m3 = t3.getJsonObject("match");
    assertThat(m3.getString("intent")).isEqualTo("promise_to_pay");
    assertThat(m3.getJsonObject("entities").getString("date")).isEqualTo("2026-11-27");
    assertThat(m3.getJsonArray("alternatives")).isNotNull();
    assertThat(t3.getString("node")).isEqualTo("promise_confirm");
    assertThat(t3.getBoolean("ended")).isTrue();
    JsonObject promiseDate =
        t3.getJsonArray("variables").stream()
            .map(JsonObject.class::cast)
            .filter(v -> v.getString("name").equals("promise_date"))
            .findFirst()
            .orElseThrow();
    assertThat(promiseDate.getString("value")).isEqualTo("2026-11-27");
    assertThat(promiseDate.getString("spoken")).isEqualTo("November 27, 2026");
    assertThat(promiseDate.getString("origin")).isEqualTo("changed");
    assertThat(t3.getJsonObject("outcome").getString("disposition")).isEqualTo("PTP");
    assertThat(t3.getJsonObject("outcome").getJsonObject("promise").getString("date"))
        .isEqualTo("2026-11-27");
    assertThat(strings(t3.getJsonArray("path")))
        .containsSubsequence(
            "greeting", "confirm_identity", "ask_unit", "verified", "pay_ask", "promise_confirm");

    // The call is over: another turn is refused, naming why.
    PlaygroundFixture.Reply after =
        f.post("/api/playground/sessions/" + id + "/say", new JsonObject().put("text", "hello"));
    assertThat(after.status()).isEqualTo(400);
    assertThat(after.json().getJsonArray("problems").getString(0))
        .contains("session: the call has ended");
    assertThat(f.get("/api/playground/sessions/" + id).json().getJsonArray("turns")).hasSize(4);
  }

  @Test
  void aBotLinePlaysAsEightKilohertzTelephoneAudio() throws Exception {
    String id = start("early", null).getString("session");
    PlaygroundFixture.Reply wav = f.get("/api/playground/sessions/" + id + "/lines/0.wav");
    assertThat(wav.status()).as(wav.text()).isEqualTo(200);
    assertThat(wav.type()).isEqualTo("audio/wav");
    Wav.Audio audio = Wav.parse(wav.body());
    assertThat(audio.sampleRate()).isEqualTo(8000);
    short[] pcm = audio.samples();
    assertThat(pcm.length / 8000.0).isGreaterThan(2.0);
    // Every sample went through G.711: it is exactly a µ-law code's value.
    byte[] reencoded = MuLaw.encode(pcm);
    assertThat(MuLaw.decode(reencoded)).isEqualTo(pcm);

    PlaygroundFixture.Reply missing = f.get("/api/playground/sessions/" + id + "/lines/99.wav");
    assertThat(missing.status()).isEqualTo(400);
    assertThat(missing.json().getJsonArray("problems").getString(0))
        .contains("line: this session has no bot line 99");
  }

  @Test
  void speakingASynthesizedSentenceGetsTheRightIntent() throws Exception {
    String id = start("early", null).getString("session");
    say(id, "yes this is maria");
    f.post("/api/playground/sessions/" + id + "/keys", new JsonObject().put("digits", "1203"));
    short[] speech16k =
        PlaygroundFixture.Models.PROMPTS
            .get("I already paid the fee.", "", AudioFormatKind.PCM16K)
            .pcm16();
    PlaygroundFixture.Reply r =
        f.postBytes(
            "/api/playground/sessions/" + id + "/audio",
            "audio/L16; rate=16000; channels=1",
            le(speech16k));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonObject turn = r.json();
    assertThat(turn.getJsonObject("caller").getString("kind")).isEqualTo("spoken");
    // Heard through the clean-up chain (very-high suppression at 16 kHz turns "paid the fee" into
    // "pay the see");
    // what matters here is that the spoken turn reaches the same understanding as a typed one.
    assertThat(turn.getJsonObject("caller").getString("text")).contains("already");
    assertThat(turn.getJsonObject("match").getString("intent")).isEqualTo("already_paid");
    assertThat(turn.getString("node")).isEqualTo("paid_ask");

    // The telephone rate too: 8 kHz audio (as the browser may send it) is upsampled for Vosk.
    short[] speech8k =
        MuLaw.decode(
            PlaygroundFixture.Models.PROMPTS
                .get("I paid it online last week.", "", AudioFormatKind.MULAW8K)
                .data());
    PlaygroundFixture.Reply r8 =
        f.postBytes(
            "/api/playground/sessions/" + id + "/audio?rate=8000",
            "application/octet-stream",
            le(speech8k));
    assertThat(r8.status()).as(r8.text()).isEqualTo(200);
    assertThat(r8.json().getJsonObject("caller").getJsonObject("asr").getInteger("rate"))
        .isEqualTo(8000);
    assertThat(r8.json().getString("node")).isEqualTo("paid_end");
  }

  @Test
  void aSpokenAnswerIsHeardAsALiveCallHearsIt() throws Exception {
    String id = start("early", null).getString("session");
    say(id, "yes this is maria");
    // The unit question verifies digits: the call listens with the digits grammar beside the open
    // recognizer.
    JsonObject unit = speak(id, "My unit is one two zero three.");
    JsonObject asr = unit.getJsonObject("caller").getJsonObject("asr");
    assertThat(strings(asr.getJsonArray("grammar")))
        .as(asr.encode())
        .contains("one", "two", "zero", "three");
    assertThat(asr.getInteger("rate")).isEqualTo(16000);
    assertThat(unit.getString("node")).as(unit.encode()).isEqualTo("pay_ask");

    // A pause longer than the call's voice activity waits splits the recording; the rest continues
    // the answer.
    short[] first =
        PlaygroundFixture.Models.PROMPTS.get("I can pay.", "", AudioFormatKind.PCM16K).pcm16();
    short[] rest =
        PlaygroundFixture.Models.PROMPTS
            .get("Two hundred dollars on Friday.", "", AudioFormatKind.PCM16K)
            .pcm16();
    short[] pausing = new short[first.length + 32000 + rest.length];
    System.arraycopy(first, 0, pausing, 0, first.length);
    System.arraycopy(rest, 0, pausing, first.length + 32000, rest.length);
    JsonObject promise = heard(id, pausing);
    JsonObject caller = promise.getJsonObject("caller");
    assertThat(caller.getJsonObject("asr").getInteger("utterances"))
        .as(caller.encode())
        .isEqualTo(2);
    assertThat(caller.getString("text"))
        .as(caller.encode())
        .startsWith("i can pay")
        .contains("friday");
    assertThat(promise.getJsonObject("match").getString("intent")).isEqualTo("promise_to_pay");
    assertThat(promise.getJsonObject("match").getJsonObject("entities").getString("date"))
        .isEqualTo("2026-11-27");
    assertThat(promise.getJsonObject("outcome").getString("disposition")).isEqualTo("PTP");
  }

  @Test
  void aPromiseSpokenOnANoisyLineIsReadBackBeforeItIsRecorded() throws Exception {
    String id = start("early", null).getString("session");
    say(id, "yes this is maria");
    say(id, "one two zero three");
    // A caller in the street: white noise 20 dB below the voice, from a second before it (the
    // clean-up judges the line from its own background). The same sentence said on a quiet line
    // is recorded as the promise at once (aSpokenAnswerIsHeardAsALiveCallHearsIt).
    short[] promise =
        PlaygroundFixture.Models.PROMPTS
            .get("I can pay two hundred dollars on Friday.", "", AudioFormatKind.PCM16K)
            .pcm16();
    short[] noisy =
        new com.duesline.speech.NoiseMixer(null)
            .mix(promise, 16000, com.duesline.speech.NoiseMixer.Kind.WHITE, 20, 11);
    JsonObject heard = heard(id, noisy);
    assertThat(heard.getJsonObject("match").getString("intent"))
        .as(heard.encode())
        .isEqualTo("promise_to_pay");
    assertThat(heard.getString("node")).as(heard.encode()).isEqualTo("promise_readback");
    // Heard sure, word for word: only the line's noise makes the bot ask before recording it.
    assertThat(heard.getJsonObject("caller").getJsonObject("asr").getDouble("confidence"))
        .isGreaterThan(0.9);
    assertThat(heard.getJsonObject("outcome").getString("disposition")).isNull();
  }

  private static JsonObject speak(String session, String sentence) throws Exception {
    return heard(
        session,
        PlaygroundFixture.Models.PROMPTS.get(sentence, "", AudioFormatKind.PCM16K).pcm16());
  }

  private static JsonObject heard(String session, short[] speech16k) throws Exception {
    PlaygroundFixture.Reply r =
        f.postBytes(
            "/api/playground/sessions/" + session + "/audio",
            "audio/L16; rate=16000; channels=1",
            le(speech16k));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    return r.json();
  }

  @Test
  void badInputIsRefusedWithTheProblemNamed() throws Exception {
    assertProblem(
        f.post("/api/playground/sessions", new JsonObject().put("track", "nope")),
        400,
        "track: no track 'nope'");
    assertProblem(
        f.post(
            "/api/playground/sessions", new JsonObject().put("track", "early").put("lang", "fr")),
        400,
        "lang: 'fr' is not a track language");
    assertProblem(
        f.post(
            "/api/playground/sessions", new JsonObject().put("track", "early").put("variant", "C")),
        400,
        "variant: track 'early' (en) has no variant 'C' (have: A, B)");
    assertProblem(
        f.post(
            "/api/playground/sessions",
            new JsonObject()
                .put("track", "early")
                .put("account", new JsonObject().put("amount_due", "lots"))),
        400,
        "account.amount_due: 'lots' is not an amount");
    assertProblem(
        f.post("/api/playground/sessions/feedface/say", new JsonObject().put("text", "hi")),
        404,
        "no playground session 'feedface'");

    String id = start("early", null).getString("session");
    String base = "/api/playground/sessions/" + id;
    assertProblem(f.post(base + "/say", new JsonObject().put("text", "   ")), 400, "text: empty");
    assertProblem(
        f.post(base + "/keys", new JsonObject().put("digits", "12a")),
        400,
        "digits: expected 1 to 20 keys");

    short[] speech =
        PlaygroundFixture.Models.PROMPTS
            .get("I already paid the fee.", "", AudioFormatKind.PCM16K)
            .pcm16();
    assertProblem(
        f.postBytes(base + "/audio?rate=16000", "audio/L16", Wav.pcm16(speech, 16000)),
        400,
        "audio: this is a WAV (RIFF) file");
    assertProblem(
        f.postBytes(base + "/audio?rate=44100", "audio/L16", le(speech)),
        400,
        "rate: 44100 Hz is not accepted");
    assertProblem(f.postBytes(base + "/audio", "audio/L16", le(speech)), 400, "rate: required");
    assertProblem(
        f.postBytes(base + "/audio?rate=8000", "audio/L16; rate=16000", le(speech)),
        400,
        "rate: the query says 8000 Hz but the content-type says 16000 Hz");
    assertProblem(
        f.postBytes(base + "/audio?rate=16000", "audio/webm", le(speech)),
        400,
        "content-type: expected audio/L16");
    byte[] odd = java.util.Arrays.copyOf(le(speech), le(speech).length - 1);
    assertProblem(
        f.postBytes(base + "/audio?rate=16000", "audio/L16", odd),
        400,
        "is not a whole number of 16-bit samples");
    assertProblem(
        f.postBytes(base + "/audio?rate=16000", "audio/L16", be(speech)),
        400,
        "does not look like 16-bit little-endian PCM");
    byte[] noise = new byte[32000];
    new Random(3).nextBytes(noise);
    assertProblem(
        f.postBytes(base + "/audio?rate=16000", "audio/L16", noise),
        400,
        "does not look like 16-bit little-endian PCM");
    assertProblem(
        f.postBytes(base + "/audio?rate=16000", "audio/L16", new byte[0]),
        400,
        "audio: the request body is empty");
    assertProblem(
        f.postBytes(base + "/audio?rate=16000", "audio/L16", new byte[32000]),
        400,
        "audio: no words recognised in 1.0 s");
    // Nothing refused above moved the conversation.
    assertThat(f.get(base).json().getJsonArray("turns")).hasSize(1);
  }

  @Test
  void chineseTracksChatByTextAndSayThatSpeechIsEnglishOnly() throws Exception {
    PlaygroundFixture.Reply r =
        f.post(
            "/api/playground/sessions",
            new JsonObject()
                .put("track", "early")
                .put("lang", "zh")
                .put("account", new JsonObject().put("first_name", "丽").put("last_name", "王"))
                .put("today", "2026-11-25"));
    assertThat(r.status()).as(r.text()).isEqualTo(201);
    String id = r.json().getString("session");
    JsonObject t = say(id, "嗯是我");
    assertThat(t.getString("node")).isEqualTo("ask_unit");
    assertThat(t.getJsonObject("match").getString("intent")).isEqualTo("affirm");
    short[] speech =
        PlaygroundFixture.Models.PROMPTS
            .get("I already paid the fee.", "", AudioFormatKind.PCM16K)
            .pcm16();
    assertProblem(
        f.postBytes(
            "/api/playground/sessions/" + id + "/audio?rate=16000", "audio/L16", le(speech)),
        400,
        "lang: no speech recognition for 'zh'");
    assertProblem(
        f.get("/api/playground/sessions/" + id + "/lines/0.wav"),
        400,
        "lang: no speech synthesis for 'zh'");
  }

  @Test
  void storiesOfATrackRunFromThePage() throws Exception {
    PlaygroundFixture.Reply r =
        f.post("/api/playground/stories", new JsonObject().put("track", "early").put("lang", "en"));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    JsonObject res = r.json();
    assertThat(res.getInteger("total")).isGreaterThan(3);
    assertThat(res.getInteger("failed")).as(res.encodePrettily()).isZero();
    JsonObject first =
        res.getJsonArray("stories").stream()
            .map(JsonObject.class::cast)
            .filter(x -> x.getString("file").equals("tracks/stories/en/early.yaml"))
            .findFirst()
            .orElseThrow();
    assertThat(first.getBoolean("passed")).isTrue();
    assertThat(first.getJsonArray("transcript")).isNotEmpty();
    assertProblem(
        f.post("/api/playground/stories", new JsonObject().put("track", "nope").put("lang", "en")),
        400,
        "track: no track 'nope'");
  }

  @Test
  void lintOfTheShippedTrackHasNoErrors() throws Exception {
    JsonObject lint = f.get("/api/playground/lint?track=early&lang=en").json();
    assertThat(lint.getInteger("errors")).as(lint.encodePrettily()).isZero();
    assertThat(strings(lint.getJsonArray("files")))
        .contains("tracks/en/early.yaml", "tracks/en/common.yaml", "tracks/stories/en/early.yaml");
  }

  @Test
  void lintAndStoriesSeeTheWritersEditsWithFileAndLine(@TempDir Path other) throws Exception {
    try (PlaygroundFixture edited = new PlaygroundFixture(other)) {
      // A story that now expects the wrong node fails with its file:line and the first difference.
      String storyFile = "tracks/stories/en/early.yaml";
      edited.edit(
          storyFile,
          "{caller: \"i'll pay it on friday\", node: promise_confirm",
          "{caller: \"i'll pay it on friday\", node: pay_ask");
      int storyLine = edited.lineOf(storyFile, "{caller: \"i'll pay it on friday\", node: pay_ask");
      JsonObject stories =
          edited
              .post(
                  "/api/playground/stories",
                  new JsonObject().put("track", "early").put("lang", "en"))
              .json();
      assertThat(stories.getInteger("failed")).as(stories.encodePrettily()).isEqualTo(1);
      JsonObject failed =
          stories.getJsonArray("stories").stream()
              .map(JsonObject.class::cast)
              .filter(x -> !x.getBoolean("passed"))
              .findFirst()
              .orElseThrow();
      assertThat(failed.getString("name")).isEqualTo("promises friday");
      assertThat(failed.getString("first_difference"))
          .startsWith(
              storyFile + ":" + storyLine + ": node: expected pay_ask, got promise_confirm");

      // A broken transition in the track: lint names the file and line.
      edited.edit(
          "tracks/en/early.yaml", "      deny: early_reason\n", "      deny: early_reasons\n");
      int line = edited.lineOf("tracks/en/early.yaml", "deny: early_reasons");
      JsonObject lint = edited.get("/api/playground/lint?track=early&lang=en").json();
      assertThat(lint.getInteger("errors")).isGreaterThan(0);
      JsonObject finding =
          lint.getJsonArray("findings").stream()
              .map(JsonObject.class::cast)
              .filter(p -> p.getString("message").contains("early_reasons"))
              .findFirst()
              .orElseThrow(() -> new AssertionError(lint.encodePrettily()));
      assertThat(finding.getString("file")).isEqualTo("tracks/en/early.yaml");
      // The linter points at the node holding the bad transition: pay_ask, which starts a few lines
      // above it.
      int node = edited.lineOf("tracks/en/early.yaml", "  pay_ask:");
      assertThat(finding.getInteger("line")).isBetween(node, line);
      assertThat(finding.getString("severity")).isEqualTo("error");
      assertThat(finding.getString("text"))
          .startsWith("tracks/en/early.yaml:" + finding.getInteger("line") + ":");
      // Other tracks' findings stay out of this track's list.
      assertThat(
              lint.getJsonArray("findings").stream()
                  .map(JsonObject.class::cast)
                  .map(p -> p.getString("file")))
          .allMatch(
              file ->
                  file.contains("early")
                      || file.endsWith("common.yaml")
                      || file.endsWith("catalogue.yaml"));

      // A new session re-reads the library: the broken edit is refused (and said so), the last good
      // version answers.
      PlaygroundFixture.Reply started =
          edited.post("/api/playground/sessions", new JsonObject().put("track", "early"));
      assertThat(started.status()).as(started.text()).isEqualTo(201);
      assertThat(started.json().getJsonArray("reload_refused").encode()).contains("early_reasons");
      assertThat(started.json().getJsonObject("turn").getString("node"))
          .isEqualTo("confirm_identity");
    }
  }

  @Test
  void aNewTrackDraftedInEnglishOnlyIsRefusedInChineseByName(@TempDir Path other) throws Exception {
    try (PlaygroundFixture drafted = new PlaygroundFixture(other)) {
      String early =
          java.nio.file.Files.readString(drafted.library.resolve("tracks/en/early.yaml"));
      java.nio.file.Files.writeString(
          drafted.library.resolve("tracks/en/trial.yaml"),
          early.replace("track: early", "track: trial"));
      PlaygroundFixture.Reply en =
          drafted.post(
              "/api/playground/sessions", new JsonObject().put("track", "trial").put("lang", "en"));
      assertThat(en.status()).as(en.text()).isEqualTo(201);
      assertThat(en.json().getString("file")).isEqualTo("tracks/en/trial.yaml");
      assertProblem(
          drafted.post(
              "/api/playground/sessions", new JsonObject().put("track", "trial").put("lang", "zh")),
          400,
          "lang: track 'trial' has no zh version (have: en)");
      // Lint of the draft says what is missing, at its file.
      JsonObject lint = drafted.get("/api/playground/lint?track=trial&lang=en").json();
      assertThat(lint.getJsonArray("findings").encode())
          .contains("exists only in en")
          .contains("tracks/en/trial.yaml");
    }
  }

  private static void assertProblem(PlaygroundFixture.Reply r, int status, String text) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.type()).contains("application/json");
    assertThat(r.json().getJsonArray("problems").encode()).contains(text);
  }

  static byte[] le(short[] samples) {
    ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
    b.asShortBuffer().put(samples);
    return b.array();
  }

  static byte[] be(short[] samples) {
    ByteBuffer b = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.BIG_ENDIAN);
    b.asShortBuffer().put(samples);
    return b.array();
  }
}
