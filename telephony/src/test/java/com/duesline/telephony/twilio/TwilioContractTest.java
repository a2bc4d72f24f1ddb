package com.duesline.telephony.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import com.duesline.telephony.carrier.AmdResult;
import com.duesline.telephony.carrier.CallRequest;
import com.duesline.telephony.carrier.CallStatus;
import com.duesline.telephony.carrier.CallStatusEvent;
import com.duesline.telephony.carrier.MediaFrame;
import com.duesline.telephony.carrier.SmsKeyword;
import com.duesline.telephony.carrier.SmsRequest;
import com.duesline.telephony.carrier.SmsStatus;
import com.duesline.telephony.carrier.TransferTarget;
import com.duesline.telephony.local.CallLog;
import com.duesline.telephony.local.ToneVoice;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production Twilio adapter, driven through the real Twilio SDK against the local carrier:
 * every request, callback and WebSocket message crosses real HTTP on loopback, signed with the auth
 * token.
 */
class TwilioContractTest {
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static Harness h;

  @BeforeAll
  static void start() throws Exception {
    h = Harness.get();
  }

  private static <T> T get(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private String place(String personaId, String task, boolean amd, Optional<String> voicemail)
      throws Exception {
    return get(
        h.carrier.placeCall(
            new CallRequest(
                h.persona(personaId).number(), Harness.CALLER_ID, task, 15, amd, voicemail)));
  }

  private List<CallStatus> statusesOf(String sid) {
    return h.listener.statuses.all().stream()
        .filter(e -> e.callSid().equals(sid))
        .map(CallStatusEvent::status)
        .toList();
  }

  private CallStatusEvent awaitStatus(String sid, CallStatus status) throws InterruptedException {
    return h.listener.statuses.await(e -> e.callSid().equals(sid) && e.status() == status, WAIT);
  }

  private RecordingListener.Session awaitSession(String sid) throws InterruptedException {
    return h.listener.sessions.await(s -> sid.equals(s.media().callSid()), WAIT);
  }

  private Awaitable<CallLog.Entry> watch(String sid) {
    Awaitable<CallLog.Entry> entries = new Awaitable<>();
    CallLog log = h.local.callLog(sid).orElseThrow();
    log.watch(entries::add);
    log.entries().forEach(entries::add);
    return entries;
  }

  private static boolean silent(MediaFrame f) {
    for (byte b : f.mulaw()) if (b != (byte) 0xFF) return false;
    return true;
  }

  @Test
  void humanAnswersAndMediaFlowsBothWaysWithMarksAndClear() throws Exception {
    String sid = place("promise-date-amount", "task-human-1", true, Optional.empty());
    Awaitable<CallLog.Entry> log = watch(sid);

    awaitStatus(sid, CallStatus.IN_PROGRESS);
    assertThat(statusesOf(sid))
        .containsExactly(CallStatus.QUEUED, CallStatus.RINGING, CallStatus.IN_PROGRESS);
    assertThat(h.listener.amd.await(a -> a.callSid().equals(sid), WAIT).result())
        .isEqualTo(AmdResult.HUMAN);

    RecordingListener.Session s = awaitSession(sid);
    assertThat(s.media().customParameters())
        .containsEntry(TwilioPaths.TASK_PARAMETER, "task-human-1");
    assertThat(s.media().streamSid()).startsWith("MZ");
    MediaFrame fifth = s.frames().await(f -> f.chunk() == 5, WAIT);
    assertThat(fifth.mulaw()).hasSize(160);
    assertThat(fifth.timestampMillis()).isEqualTo(80);
    // The persona's greeting ("hello?") arrives as audio, not silence.
    s.frames().await(f -> !silent(f), WAIT);
    log.await(e -> e.kind() == CallLog.Kind.SAID && e.detail().equals("hello?"), WAIT);

    // One second of bot audio then a question mark: the mark comes back only once it has been
    // played.
    byte[] second = new ToneVoice(1000).speakMulaw8k("question", "");
    long t0 = System.nanoTime();
    s.media().sendAudio(second);
    s.media().sendMark("ask:identity");
    s.marks().await("ask:identity"::equals, WAIT);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(second.length / 8 - 60);
    log.await(e -> e.kind() == CallLog.Kind.HEARD_MARK && e.detail().equals("ask:identity"), WAIT);
    log.await(
        e -> e.kind() == CallLog.Kind.SAID && e.detail().equals("yes this is linda speaking"),
        WAIT);

    // Barge-in: five seconds queued, then clear: the pending mark returns at once, reported as not
    // played.
    byte[] five = new ToneVoice(5000).speakMulaw8k("disclosure", "");
    long t1 = System.nanoTime();
    s.media().sendAudio(five);
    s.media().sendMark("say:disclosure");
    s.media().clear();
    s.marks().await("say:disclosure"::equals, WAIT);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1)).isLessThan(2000);
    log.await(
        e -> e.kind() == CallLog.Kind.CLEARED_MARK && e.detail().equals("say:disclosure"), WAIT);

    get(h.carrier.hangUp(sid));
    CallStatusEvent done = awaitStatus(sid, CallStatus.COMPLETED);
    assertThat(done.durationSeconds()).isGreaterThanOrEqualTo(1);
    s.stops().await(x -> true, WAIT);
    assertThat(statusesOf(sid))
        .containsExactly(
            CallStatus.QUEUED, CallStatus.RINGING, CallStatus.IN_PROGRESS, CallStatus.COMPLETED);
  }

  @Test
  void aReplyOverTheCallersWordsIsACutOffAndOneAfterThemIsTimedFromTheirEnd() throws Exception {
    String sid = place("promise-date-amount", "task-turns", false, Optional.empty());
    RecordingListener.Session s = awaitSession(sid);
    Awaitable<CallLog.Entry> log = watch(sid);
    log.await(e -> e.kind() == CallLog.Kind.SAID && e.detail().equals("hello?"), WAIT);
    var turns = h.local.callerTurns();

    // A question; the answer is 900 ms of words. The bot replies only once 200 ms of silence
    // followed them.
    s.media().sendAudio(new ToneVoice(300).speakMulaw8k("who", ""));
    s.media().sendMark("ask:identity");
    log.await(
        e -> e.kind() == CallLog.Kind.SAID && e.detail().equals("yes this is linda speaking"),
        WAIT);
    int cut = turns.cut();
    int replies = turns.replyMs().size();
    List<MediaFrame> before = s.frames().all();
    long said = before.isEmpty() ? 0 : before.get(before.size() - 1).timestampMillis();
    long[] lastVoice = {-1};
    s.frames()
        .await(
            f -> {
              if (f.timestampMillis() <= said) return false;
              if (!silent(f)) lastVoice[0] = f.timestampMillis();
              return silent(f) && lastVoice[0] >= 0 && f.timestampMillis() - lastVoice[0] >= 200;
            },
            WAIT);
    s.media().sendAudio(new ToneVoice(300).speakMulaw8k("thanks", ""));
    awaitTrue(() -> turns.replyMs().size() == replies + 1);
    assertThat(turns.replyMs().get(replies))
        .as("ms from the words' end to the reply")
        .isBetween(150.0, 5000.0);
    assertThat(turns.cut()).isEqualTo(cut);

    // The next answer is 2.9 s of words: a reply while they play cuts the caller off, and says who.
    s.media().sendMark("ask:amount_due");
    log.await(
        e -> e.kind() == CallLog.Kind.SAID && e.detail().startsWith("oh right I forgot"), WAIT);
    // (The first "who" may have cut off the greeting: count this call's cut-offs from here.)
    CallLog calls = h.local.callLog(sid).orElseThrow();
    int logged = calls.details(CallLog.Kind.CUT_OFF).size();
    s.media().sendAudio(new ToneVoice(300).speakMulaw8k("so", ""));
    awaitTrue(() -> calls.details(CallLog.Kind.CUT_OFF).size() == logged + 1);
    assertThat(calls.details(CallLog.Kind.CUT_OFF)).last().isEqualTo("promise-date-amount");
    assertThat(turns.cut()).isEqualTo(cut + 1);
    assertThat(turns.cutByPersona()).containsKey("promise-date-amount");
    get(h.carrier.hangUp(sid));
    awaitStatus(sid, CallStatus.COMPLETED);
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline)
        throw new AssertionError("condition not met within " + WAIT);
      Thread.sleep(10);
    }
  }

  @Test
  void machineGetsTheVoicemailAfterTheBeep() throws Exception {
    String vm = "http://127.0.0.1:1/voicemail/task-vm-1.wav";
    String sid = place("voicemail", "task-vm-1", true, Optional.of(vm));
    Awaitable<CallLog.Entry> log = watch(sid);
    assertThat(h.listener.amd.await(a -> a.callSid().equals(sid), WAIT).result())
        .isEqualTo(AmdResult.MACHINE_END_BEEP);
    log.await(e -> e.kind() == CallLog.Kind.PLAYED && e.detail().equals(vm), WAIT);
    awaitStatus(sid, CallStatus.COMPLETED);
    // The greeting played before the beep, and the message was played only after AMD's verdict.
    List<CallLog.Kind> kinds =
        h.local.callLog(sid).orElseThrow().entries().stream().map(CallLog.Entry::kind).toList();
    assertThat(kinds.indexOf(CallLog.Kind.AMD)).isLessThan(kinds.indexOf(CallLog.Kind.PLAYED));
    assertThat(h.local.callLog(sid).orElseThrow().details(CallLog.Kind.SAID))
        .contains("hi, you've reached tom, leave a message after the tone");
  }

  @Test
  void busyAndNoAnswerEndWithTheirStatus() throws Exception {
    String busy = place("busy", "task-busy", true, Optional.empty());
    String none = place("no-answer", "task-none", true, Optional.empty());
    awaitStatus(busy, CallStatus.BUSY);
    awaitStatus(none, CallStatus.NO_ANSWER);
    // Each callback is its own HTTP request (as with Twilio, which does not promise their order
    // either): ringing
    // and the final status can arrive either way round when they are sent close together.
    assertThat(statusesOf(busy))
        .containsExactlyInAnyOrder(CallStatus.QUEUED, CallStatus.RINGING, CallStatus.BUSY);
    assertThat(statusesOf(none))
        .containsExactlyInAnyOrder(CallStatus.QUEUED, CallStatus.RINGING, CallStatus.NO_ANSWER);
  }

  @Test
  void dtmfPersonaPressesKeysForAQuestion() throws Exception {
    String sid = place("dtmf-presser", "task-dtmf", false, Optional.empty());
    RecordingListener.Session s = awaitSession(sid);
    s.media().sendAudio(new ToneVoice(200).speakMulaw8k("when", ""));
    s.media().sendMark("ask:payment_date");
    s.dtmf().await("#"::equals, WAIT);
    assertThat(s.dtmf().all()).containsExactly("1", "2", "0", "4", "#");
    get(h.carrier.hangUp(sid));
    awaitStatus(sid, CallStatus.COMPLETED);
  }

  @Test
  void transferHandsTheLiveCallToAnAgent() throws Exception {
    String sid = place("request-human", "task-transfer", false, Optional.empty());
    RecordingListener.Session s = awaitSession(sid);
    Awaitable<CallLog.Entry> log = watch(sid);
    get(h.carrier.transfer(sid, new TransferTarget("sip:agent7@pbx.example.com")));
    s.stops().await(x -> true, WAIT);
    log.await(
        e -> e.kind() == CallLog.Kind.DIALED && e.detail().equals("sip:agent7@pbx.example.com"),
        WAIT);
    awaitStatus(sid, CallStatus.COMPLETED);
  }

  @Test
  void bargeInPersonaTalksOverTheQuestionAndTheEngineClears() throws Exception {
    String sid = place("fee-level", "task-barge", false, Optional.empty());
    RecordingListener.Session s = awaitSession(sid);
    Awaitable<CallLog.Entry> log = watch(sid);
    log.await(e -> e.kind() == CallLog.Kind.SAID && e.detail().equals("hello"), WAIT);
    // A five-second amount prompt: this persona starts talking 900 ms into it, while the mark is
    // still pending.
    s.media().sendAudio(new ToneVoice(5000).speakMulaw8k("amount", ""));
    s.media().sendMark("ask:amount_due");
    log.await(
        e -> e.kind() == CallLog.Kind.SAID && e.detail().startsWith("the fee is way too high"),
        WAIT);
    assertThat(s.marks().all()).doesNotContain("ask:amount_due");
    // The engine hears the caller over its prompt and clears: the mark comes back, logged as
    // cleared, not heard.
    s.frames().await(f -> !silent(f) && f.timestampMillis() > 1000, WAIT);
    s.media().clear();
    s.marks().await("ask:amount_due"::equals, WAIT);
    log.await(
        e -> e.kind() == CallLog.Kind.CLEARED_MARK && e.detail().equals("ask:amount_due"), WAIT);
    assertThat(h.local.callLog(sid).orElseThrow().details(CallLog.Kind.HEARD_MARK))
        .doesNotContain("ask:amount_due");
    get(h.carrier.hangUp(sid));
    awaitStatus(sid, CallStatus.COMPLETED);
  }

  @Test
  void smsOutIsDeliveredAndPersonasTextBack() throws Exception {
    String to = h.persona("stop-contact").number();
    String sid =
        get(
            h.carrier.sendSms(
                new SmsRequest(
                    to,
                    Harness.CALLER_ID,
                    "Your fee of $200 is due. Pay at https://pay.example/x",
                    "task-sms-1")));
    assertThat(sid).startsWith("SM");
    h.listener.smsStatuses.await(
        e -> e.messageSid().equals(sid) && e.status() == SmsStatus.DELIVERED, WAIT);
    assertThat(
            h.listener.smsStatuses.all().stream()
                .filter(e -> e.messageSid().equals(sid))
                .map(e -> e.status()))
        .containsExactly(SmsStatus.SENT, SmsStatus.DELIVERED);
    assertThat(h.local.messagesTo(to)).anyMatch(m -> m.body().startsWith("Your fee of $200"));
    var reply = h.listener.inboundSms.await(m -> m.from().equals(to), WAIT);
    assertThat(reply.body()).isEqualTo("STOP");
    assertThat(reply.keyword()).isEqualTo(SmsKeyword.OPT_OUT);
    assertThat(reply.to()).isEqualTo(Harness.CALLER_ID);
  }

  @Test
  void smsToAnUnknownNumberIsUndelivered() throws Exception {
    String sid =
        get(
            h.carrier.sendSms(
                new SmsRequest("+15550299999", Harness.CALLER_ID, "hello", "task-sms-2")));
    var e =
        h.listener.smsStatuses.await(
            x -> x.messageSid().equals(sid) && x.status() == SmsStatus.UNDELIVERED, WAIT);
    assertThat(e.errorCode()).isEqualTo("30003");
  }

  @Test
  void inboundKeywordsAreClassified() throws Exception {
    String from = h.persona("promise-date-amount").number();
    String start = get(h.local.textFromPhone(from, Harness.CALLER_ID, "Start"));
    String help = get(h.local.textFromPhone(from, Harness.CALLER_ID, "HELP"));
    String free =
        get(h.local.textFromPhone(from, Harness.CALLER_ID, "please stop calling at dinner time"));
    String unsubscribe = get(h.local.textFromPhone(from, Harness.CALLER_ID, " unsubscribe. "));
    assertThat(h.listener.inboundSms.await(m -> m.messageSid().equals(start), WAIT).keyword())
        .isEqualTo(SmsKeyword.OPT_IN);
    assertThat(h.listener.inboundSms.await(m -> m.messageSid().equals(help), WAIT).keyword())
        .isEqualTo(SmsKeyword.HELP);
    assertThat(h.listener.inboundSms.await(m -> m.messageSid().equals(free), WAIT).keyword())
        .isEqualTo(SmsKeyword.NONE);
    assertThat(h.listener.inboundSms.await(m -> m.messageSid().equals(unsubscribe), WAIT).keyword())
        .isEqualTo(SmsKeyword.OPT_OUT);
  }

  @Test
  void wrongCredentialsAreRefusedByTheLocalApiLikeTwilio() {
    var bad =
        new com.twilio.http.TwilioRestClient.Builder(Harness.ACCOUNT, "wrong-token")
            .httpClient(new com.duesline.telephony.local.LocalApiHttpClient(h.local.apiBaseUrl()))
            .build();
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                com.twilio.rest.api.v2010.account.Call.creator(
                        new com.twilio.type.PhoneNumber("+15550200001"),
                        new com.twilio.type.PhoneNumber(Harness.CALLER_ID),
                        java.net.URI.create("http://x/"))
                    .create(bad))
        .isInstanceOf(com.twilio.exception.ApiException.class)
        .hasMessageContaining("Authenticate");
  }
}
