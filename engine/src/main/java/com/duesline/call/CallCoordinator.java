package com.duesline.call;

import com.duesline.call.CallJournal.Party;
import com.duesline.conversation.BotTurn;
import com.duesline.conversation.Conversation;
import com.duesline.conversation.Outcome;
import com.duesline.conversation.PromptRenderer;
import com.duesline.conversation.Spoken;
import com.duesline.handoff.HandoffDesk;
import com.duesline.handoff.HandoffSummary;
import com.duesline.scripts.Catalogue;
import com.duesline.scripts.Track;
import com.duesline.scripts.TrackRepository;
import com.duesline.speech.AudioFormatKind;
import com.duesline.speech.Sentences;
import com.duesline.telephony.carrier.AmdEvent;
import com.duesline.telephony.carrier.CallRequest;
import com.duesline.telephony.carrier.CallStatusEvent;
import com.duesline.telephony.carrier.Carrier;
import com.duesline.telephony.carrier.CarrierListener;
import com.duesline.telephony.carrier.InboundSms;
import com.duesline.telephony.carrier.MediaSession;
import com.duesline.telephony.carrier.PhoneMask;
import com.duesline.telephony.carrier.RecordingEvent;
import com.duesline.telephony.carrier.SmsRequest;
import com.duesline.telephony.carrier.SmsStatusEvent;
import com.duesline.telephony.carrier.TransferTarget;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places AI calls and sees each one through: opens the attempt, pre-renders the opening while the
 * phone rings, runs a {@link LiveCall} when the media stream opens, records every turn and the
 * outcome, hands hard cases to the {@link HandoffDesk}, and completes the dial with the result.
 */
public final class CallCoordinator implements CarrierListener, CallObserver {
  private static final Logger LOG = LoggerFactory.getLogger(CallCoordinator.class);

  private final Vertx vertx;
  private final Carrier carrier;
  private final String carrierName;
  private final String callerId;
  private final CallServices services;
  private final CallJournal journal;
  private final HandoffDesk desk;
  private final Function<String, String> questionKind;
  private final String voicemailUrl;
  private final TrackRepository tracks;
  private final Map<String, Active> byCallSid = new ConcurrentHashMap<>();
  private final Map<String, Active> byTaskKey = new ConcurrentHashMap<>();
  private volatile CallWatcher watcher = CallWatcher.NONE;

  /**
   * Where messages' pay links come from; null keeps the configured {@code tracks.pay-link}
   * template.
   */
  private volatile com.duesline.payments.PayLinkIssuer payLinks;

  private volatile io.vertx.core.eventbus.MessageConsumer<io.vertx.core.json.JsonObject> payments;
  private final String callbackMessage;
  private final int callbackAfterMinutes;

  /** How many steps from the start a node may be for its prompts to be rendered at dial time. */
  private final int renderAheadSteps;

  /**
   * One call to place: who, which number, which track with which facts, on which local date.
   *
   * @param attemptId the attempt the dialer already opened, or null to open one here
   * @param recordEffects whether this coordinator stores the promise, opt-out and hold itself;
   *     false when the campaign dialer records them from the {@link CallResult} (one writer per
   *     fact)
   */
  public record DialRequest(
      Party who,
      String to,
      Track track,
      Catalogue catalogue,
      Map<String, Object> facts,
      LocalDate today,
      long seed,
      Long attemptId,
      boolean recordEffects) {}

  /** Who took a hand-off (if anyone) and whether the live call reached them. */
  private record Taken(Optional<HandoffDesk.Agent> agent, boolean transferred) {}

  /** How a placed call ended. */
  public record CallResult(
      long attemptId,
      String disposition,
      String amd,
      Outcome outcome,
      List<TurnRecord> transcript,
      boolean handoffTaken,
      boolean smsSent) {}

  /**
   * A call between placing and its result; touched from the event loop and the journal's serial
   * worker.
   */
  private static final class Active {
    final DialRequest request;
    final long attemptId;
    final SerialExecutor writes;
    final Promise<CallResult> result = Promise.promise();
    volatile String callSid;
    volatile String amd;
    volatile LiveCall live;

    /** The context the live call runs on: its methods are called there. */
    volatile io.vertx.core.Context context;

    volatile boolean handoffTaken;
    volatile Long handoffId;
    volatile boolean callerGone;
    volatile boolean smsSent;

    Active(DialRequest request, long attemptId, SerialExecutor writes) {
      this.request = request;
      this.attemptId = attemptId;
      this.writes = writes;
    }
  }

  public CallCoordinator(
      Vertx vertx,
      Carrier carrier,
      String carrierName,
      String callerId,
      CallServices services,
      CallJournal journal,
      HandoffDesk desk,
      Function<String, String> questionKind,
      String voicemailUrl,
      TrackRepository tracks,
      String callbackMessage,
      int callbackAfterMinutes,
      int renderAheadSteps) {
    this.renderAheadSteps = renderAheadSteps;
    this.tracks = tracks;
    this.callbackMessage = callbackMessage;
    this.callbackAfterMinutes = callbackAfterMinutes;
    this.vertx = vertx;
    this.carrier = carrier;
    this.carrierName = carrierName;
    this.callerId = callerId;
    this.services = services;
    this.journal = journal;
    this.desk = desk;
    this.questionKind = questionKind;
    this.voicemailUrl = voicemailUrl;
  }

  /** Who follows the calls live (the supervisor board); one at a time. */
  public void watch(CallWatcher watcher) {
    this.watcher = watcher == null ? CallWatcher.NONE : watcher;
  }

  /** Signed pay links for the follow-up SMS (and the SMS rungs that ask {@link #payLinks()}). */
  public void payLinks(com.duesline.payments.PayLinkIssuer issuer) {
    this.payLinks = issuer;
  }

  public com.duesline.payments.PayLinkIssuer payLinks() {
    return payLinks;
  }

  /**
   * From now on a payment applied for an account while a call to it is live is acknowledged in that
   * call ({@code template}, with {@code {last_payment_amount}}), through {@link LiveCall#notice};
   * only once the right party is verified, since it speaks of the debt.
   */
  public void acknowledgePayments(String template) {
    if (payments != null) payments.unregister();
    payments =
        vertx
            .eventBus()
            .<io.vertx.core.json.JsonObject>consumer(
                com.duesline.payments.PaymentNews.ADDRESS, m -> acknowledge(m.body(), template));
  }

  private void acknowledge(io.vertx.core.json.JsonObject paid, String template) {
    Long unitId = paid.getLong("unit_id");
    java.math.BigDecimal amount = new java.math.BigDecimal(paid.getString("amount"));
    for (Active a : byTaskKey.values()) {
      LiveCall live = a.live;
      io.vertx.core.Context context = a.context;
      if (unitId == null || a.request.who().unitId() != unitId || live == null || context == null)
        continue;
      context.runOnContext(
          v -> {
            if (!live.conversation().verified()) {
              LOG.info(
                  "attempt {}: a payment arrived before the right party was verified; not mentioned on the call",
                  a.attemptId);
              return;
            }
            live.notice(
                new PromptRenderer(a.request.catalogue(), a.request.track().lang())
                    .render(template, Map.of("last_payment_amount", amount))
                    .text());
          });
    }
  }

  /** Stops listening for payments and drops the prompts queued to render ahead. */
  public void close() {
    if (payments != null) payments.unregister();
    services.ahead().close();
  }

  /** Calls in progress (placed, not yet finished). */
  public int active() {
    return byTaskKey.size();
  }

  /** Places the call; the future completes when the call is over and its outcome stored. */
  public Future<CallResult> dial(DialRequest req) {
    return vertx
        .<Long>executeBlocking(
            () -> {
              long attemptId =
                  req.attemptId() != null
                      ? req.attemptId()
                      : journal.openAttempt(
                          req.who(), carrierName, req.track().id(), req.track().version(), null);
              prerenderOpening(req, String.valueOf(attemptId));
              return attemptId;
            },
            false)
        .compose(
            attemptId -> {
              Active a = new Active(req, attemptId, new SerialExecutor(services.speechPool()));
              String key = String.valueOf(attemptId);
              byTaskKey.put(key, a);
              CallRequest call =
                  new CallRequest(
                      req.to(),
                      callerId,
                      key,
                      25,
                      true,
                      Optional.of(voicemailUrl + "?attempt=" + key));
              return carrier
                  .placeCall(call)
                  .compose(
                      sid -> {
                        a.callSid = sid;
                        byCallSid.put(sid, a);
                        watcher.placed(attemptId, req);
                        CallStatusEvent early = earlyFinal.remove(sid);
                        if (early != null) onCallStatus(early);
                        a.writes.execute(
                            () -> {
                              // A node that lost its lease while asking the carrier must not run
                              // the call: another node owns the contact now.
                              if (!journal.placed(attemptId, sid)) {
                                LOG.warn(
                                    "attempt {}: placed after this node lost its claim; hanging up call {}",
                                    attemptId,
                                    sid);
                                carrier.hangUp(sid);
                              }
                            });
                        return a.result.future();
                      },
                      failure -> {
                        byTaskKey.remove(key);
                        services.ahead().forget(key);
                        LOG.warn(
                            "call to {} could not be placed: {}",
                            PhoneMask.mask(req.to()),
                            failure.getMessage());
                        return vertx.executeBlocking(
                            () -> {
                              if (req.recordEffects())
                                journal.closed(attemptId, "failed", failure.getMessage());
                              return new CallResult(
                                  attemptId, "failed", null, Outcome.NONE, List.of(), false, false);
                            },
                            false);
                      });
            });
  }

  /**
   * Renders the opening before the phone is answered, so the first words play the moment it is;
   * then queues the prompts this account's facts complete of the nodes up to {@code
   * calls.render-ahead-steps} from the start (identity, the debt statement and its question),
   * nearest node first, so those turns find their audio cached too. Farther nodes (the answers to
   * objections, the plans) are many and each call says few of them: their replies are rendered
   * while the caller's pause runs out ({@code RehearsalStage}) or when said. What the call has not
   * needed by its end is dropped.
   */
  private void prerenderOpening(DialRequest req, String owner) {
    if (!services.voice().synthesizes(req.track().lang())) return;
    BotTurn opening =
        new Conversation(req.track(), req.catalogue(), req.facts(), req.seed()).start();
    // Sentence by sentence, as the speaker asks for them (SpeakerStage); a sentence whose own
    // values are known is rendered even when another sentence of its prompt waits for the
    // caller's answer.
    for (Spoken s : opening.spoken()) {
      for (String sentence : Sentences.of(s.text()))
        services.prompts().get(sentence, "", AudioFormatKind.MULAW8K);
    }
    for (var s :
        SentencesAhead.of(req.track(), req.catalogue(), req.facts(), req.seed(), renderAheadSteps))
      services.ahead().ahead(owner, s.distance(), s.text());
  }

  /**
   * The limited-content voicemail for a call in progress (business, first name, call-back number;
   * never the debt).
   */
  public Optional<String> voicemailText(String attemptKey) {
    Active a = byTaskKey.get(attemptKey);
    if (a == null) return Optional.empty();
    DialRequest r = a.request;
    String template = tracks.library().voicemail(r.track().lang()).text("default");
    return Optional.of(
        new PromptRenderer(r.catalogue(), r.track().lang()).render(template, r.facts()).text());
  }

  // ---- carrier events ----

  /**
   * Final statuses of calls not yet known by their id: a busy or failing line can report before the
   * carrier's answer to "create call" reaches us; {@link #dial} replays it once the id is known.
   */
  private final Map<String, CallStatusEvent> earlyFinal =
      java.util.Collections.synchronizedMap(
          new java.util.LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CallStatusEvent> eldest) {
              return size() > 1000;
            }
          });

  @Override
  public void onCallStatus(CallStatusEvent event) {
    Active a = byCallSid.get(event.callSid());
    if (a == null) {
      if (event.status().isFinal()) earlyFinal.put(event.callSid(), event);
      return;
    }
    switch (event.status()) {
      case IN_PROGRESS -> {
        watcher.answered(a.attemptId, a.amd);
        a.writes.execute(() -> journal.answered(a.attemptId, null));
      }
      case BUSY, NO_ANSWER, FAILED, CANCELED, COMPLETED -> {
        if (a.handoffId != null && !a.handoffTaken) {
          a.callerGone = true;
          desk.withdraw(a.handoffId);
        }
        if (a.live == null) {
          String disposition =
              CallEnding.machine(a.amd) ? "voicemail" : event.status().name().toLowerCase();
          a.writes.execute(
              () -> {
                if (a.request.recordEffects()) journal.closed(a.attemptId, disposition, null);
                finish(a, disposition, Outcome.NONE, List.of());
              });
        }
      }
      default -> {}
    }
  }

  @Override
  public void onAmd(AmdEvent event) {
    Active a = byCallSid.get(event.callSid());
    if (a == null) return;
    a.amd = event.result().name().toLowerCase();
    a.writes.execute(() -> journal.answered(a.attemptId, a.amd));
  }

  @Override
  public void onInboundSms(InboundSms sms) {
    LOG.info("inbound SMS from {} ({})", PhoneMask.mask(sms.from()), sms.keyword());
  }

  @Override
  public void onSmsStatus(SmsStatusEvent event) {}

  /**
   * The recording arrives after the call has ended, so it is matched to its attempt by the call id
   * in the store; while the call's own writes are still queued (under load the call id may not be
   * stored yet) it goes in the same queue, after them.
   */
  /**
   * Hears each recording once it is stored with its call's attempt (QA transcribes a person's part
   * from it). Must not block.
   */
  public void afterRecording(java.util.function.Consumer<RecordingEvent> listener) {
    this.recorded = listener;
  }

  private volatile java.util.function.Consumer<RecordingEvent> recorded = event -> {};

  @Override
  public void onRecording(RecordingEvent event) {
    Runnable store =
        () -> {
          try {
            if (!journal.recording(
                event.callSid(), event.recordingSid(), event.url(), event.durationSeconds())) {
              LOG.warn(
                  "recording {} names call {}, which no attempt has",
                  event.recordingSid(),
                  event.callSid());
            } else {
              recorded.accept(event);
            }
          } catch (RuntimeException e) {
            LOG.warn("recording {} not stored: {}", event.recordingSid(), e.getMessage());
          }
        };
    Active a = byCallSid.get(event.callSid());
    if (a != null) a.writes.execute(store);
    else
      vertx.executeBlocking(
          () -> {
            store.run();
            return null;
          },
          false);
  }

  @Override
  public void onMediaSession(MediaSession session) {
    Active a = byTaskKey.get(session.customParameters().getOrDefault("taskId", ""));
    if (a == null) {
      LOG.warn("media stream {} names no call of ours; closing it", session.streamSid());
      session.stop();
      return;
    }
    DialRequest r = a.request;
    Conversation conversation = new Conversation(r.track(), r.catalogue(), r.facts(), r.seed());
    io.vertx.core.Context context = vertx.getOrCreateContext();
    LiveCall live =
        new LiveCall(
            session, carrier, conversation, services, this, r.today(), questionKind, context);
    a.context = context;
    a.live = live;
    live.start();
  }

  // ---- the supervisor's chair: listen in, take over ----

  /** The live call of an attempt in progress, once its media stream is open. */
  public Optional<LiveCall> live(long attemptId) {
    Active a = byTaskKey.get(String.valueOf(attemptId));
    return a == null || a.live == null ? Optional.empty() : Optional.of(a.live);
  }

  /**
   * A supervisor takes the call over: the transcript notes who and where to, the bot leaves the
   * call ({@link LiveCall#takeOver}) and the carrier transfers it to {@code address} (the
   * supervisor's or a chosen agent's). Fails when the call is not live. Call on the call's context
   * (the event loop).
   */
  public Future<Void> takeOver(long attemptId, String supervisor, String address) {
    Active a = byTaskKey.get(String.valueOf(attemptId));
    if (a == null || a.live == null || a.callSid == null)
      return Future.failedFuture(
          new java.util.NoSuchElementException("call: no live call " + attemptId));
    LiveCall call = a.live;
    a.handoffTaken = true;
    call.takeOver();
    // After the take-over the call's transcript is final: the note is its last turn.
    TurnRecord note =
        new TurnRecord(
            call.transcript().size() + 1,
            "agent",
            null,
            "[taken over by "
                + supervisor
                + ", transferred to "
                + address
                + "; the bot left the call]",
            null,
            0,
            Map.of(),
            null,
            null,
            null,
            null);
    onTurn(call, note);
    return carrier.transfer(a.callSid, new TransferTarget(address));
  }

  // ---- live call events ----

  @Override
  public void onTurn(LiveCall call, TurnRecord turn) {
    Active a = activeOf(call);
    if (a == null) return;
    watcher.turn(a.attemptId, turn);
    a.writes.execute(() -> journal.turn(a.attemptId, turn));
  }

  @Override
  public void onPartial(LiveCall call, String words) {
    Active a = activeOf(call);
    if (a != null) watcher.partial(a.attemptId, words);
  }

  @Override
  public void onHandoff(LiveCall call, String reason, List<TurnRecord> transcript) {
    Active a = activeOf(call);
    if (a == null) return;
    String summary = HandoffSummary.of(a.request, call.conversation().outcome(), transcript);
    // Agents and supervisors read the reason: what the caller last asked for says more than the
    // outcome's name.
    String why =
        transcript.stream()
            .filter(
                t ->
                    t.speaker().equals("caller")
                        && t.intent() != null
                        && !t.intent().equals("out_of_scope"))
            .reduce((first, second) -> second)
            .map(TurnRecord::intent)
            .orElse(reason == null ? "request_human" : reason);
    vertx
        .executeBlocking(
            () -> journal.handoff(a.attemptId, a.request.who(), why, summary, transcript), false)
        .compose(
            handoffId -> {
              a.handoffId = handoffId;
              return desk.offer(new HandoffDesk.Handoff(handoffId, a.attemptId, why, summary))
                  .compose(
                      agent -> {
                        if (agent.isEmpty()) return Future.succeededFuture(new Taken(agent, false));
                        a.handoffTaken = true;
                        // A caller who hung up just as the agent took the call becomes the agent's
                        // call-back.
                        return carrier
                            .transfer(call.callSid(), new TransferTarget(agent.get().address()))
                            .map(v -> new Taken(agent, true))
                            .recover(
                                e -> {
                                  LOG.info(
                                      "attempt {}: transfer to the agent failed ({}); the agent keeps it to call back",
                                      a.attemptId,
                                      e.getMessage());
                                  return Future.succeededFuture(new Taken(agent, false));
                                });
                      })
                  .onComplete(
                      ar -> {
                        Taken taken =
                            ar.succeeded() ? ar.result() : new Taken(Optional.empty(), false);
                        vertx.executeBlocking(
                            () -> {
                              journal.handoffResolved(
                                  handoffId,
                                  taken.agent().map(HandoffDesk.Agent::name).orElse(null));
                              return null;
                            },
                            false);
                        if (taken.transferred()) {
                          call.transferred();
                        } else if (taken.agent().isEmpty() && !a.callerGone) {
                          // Nobody was free in time: a person will call back; the caller is told so
                          // before the line closes.
                          vertx
                              .executeBlocking(
                                  () ->
                                      journal.callbackTask(
                                          a.attemptId,
                                          a.request.who(),
                                          a.request.to(),
                                          callbackAfterMinutes),
                                  false)
                              .onFailure(
                                  e ->
                                      LOG.warn(
                                          "attempt {}: the call-back task could not be stored: {}",
                                          a.attemptId,
                                          e.getMessage()));
                          call.sayLast(callbackMessage)
                              .onComplete(
                                  said ->
                                      carrier
                                          .hangUp(call.callSid())
                                          .onComplete(
                                              x ->
                                                  onEnded(
                                                      call,
                                                      call.conversation().outcome(),
                                                      EndReason.COMPLETED)));
                        } else {
                          carrier
                              .hangUp(call.callSid())
                              .onComplete(
                                  x ->
                                      onEnded(
                                          call,
                                          call.conversation().outcome(),
                                          EndReason.COMPLETED));
                        }
                      });
            })
        .onFailure(e -> LOG.warn("hand-off for attempt {} failed: {}", a.attemptId, e.toString()));
  }

  @Override
  public void onEnded(LiveCall call, Outcome outcome, EndReason reason) {
    Active a = activeOf(call);
    if (a == null) return;
    List<TurnRecord> transcript = call.transcript();
    String disposition =
        CallEnding.disposition(
            a.amd,
            call.conversation().ended(),
            call.conversation().verified(),
            reason,
            outcome.disposition());
    // A conversation's own end overridden by the machine verdict (tracks never end as a voicemail).
    if (call.conversation().ended()
        && disposition.equals("voicemail")
        && outcome.disposition() != null
        && !outcome.disposition().equals("voicemail"))
      LOG.info(
          "attempt {}: AMD reported {} and no one was verified: filed as {}, not {}{}",
          a.attemptId,
          a.amd,
          disposition,
          outcome.disposition(),
          outcome.optOut() || outcome.hold() != null
              ? " (its opt-out/hold stands: " + outcome.optOut() + "/" + outcome.hold() + ")"
              : "");
    Outcome stored =
        disposition.equals(outcome.disposition())
            ? outcome
            : new Outcome(
                disposition,
                outcome.promise(),
                outcome.plan(),
                outcome.optOut(),
                outcome.hold(),
                outcome.handoff(),
                outcome.complaint());
    a.writes.execute(
        () -> {
          journal.outcome(
              a.attemptId,
              a.request.who(),
              stored,
              transcript,
              a.request.recordEffects(),
              a.request.today());
          vertx.runOnContext(
              v ->
                  followUpSms(a, call, stored)
                      .onComplete(sms -> finish(a, disposition, stored, transcript)));
        });
  }

  /**
   * The text the track's outcome calls for: a promise or plan confirmation with the payment link.
   */
  private Future<Void> followUpSms(Active a, LiveCall call, Outcome outcome) {
    String template =
        outcome.plan() != null
            ? "plan_confirmation"
            : outcome.promise() != null ? "promise_confirmation" : null;
    if (template == null) return Future.succeededFuture();
    DialRequest r = a.request;
    Map<String, Object> values = new HashMap<>(r.facts());
    for (String v : List.of("promise_amount", "promise_date", "plan_months", "plan_monthly")) {
      Object value = call.conversation().variable(v);
      if (value != null) values.put(v, value);
    }
    com.duesline.payments.PayLinkIssuer links = payLinks;
    // A promise's link asks for the promised amount; a plan's for its first instalment (the
    // default).
    Object promised = outcome.plan() == null ? values.get("promise_amount") : null;
    Future<Void> link =
        links == null
            ? Future.succeededFuture()
            : vertx
                .<String>executeBlocking(
                    () ->
                        links.url(
                            r.who().unitId(),
                            promised == null
                                ? null
                                : new java.math.BigDecimal(String.valueOf(promised)),
                            template.replace("_confirmation", "")),
                    false)
                .map(
                    url -> {
                      values.put("pay_link", url);
                      return null;
                    });
    return link.compose(
            v ->
                carrier.sendSms(
                    new SmsRequest(
                        r.to(),
                        callerId,
                        new PromptRenderer(r.catalogue(), r.track().lang())
                            .render(tracks.library().sms(r.track().lang()).text(template), values)
                            .text(),
                        String.valueOf(a.attemptId))))
        .onSuccess(sid -> a.smsSent = true)
        .onFailure(
            e -> LOG.warn("follow-up SMS for attempt {} failed: {}", a.attemptId, e.getMessage()))
        .<Void>mapEmpty()
        .recover(e -> Future.succeededFuture());
  }

  private void finish(Active a, String disposition, Outcome outcome, List<TurnRecord> transcript) {
    byTaskKey.remove(String.valueOf(a.attemptId));
    services.ahead().forget(String.valueOf(a.attemptId));
    if (a.callSid != null) byCallSid.remove(a.callSid);
    if (a.callSid != null) watcher.ended(a.attemptId, disposition);
    a.result.tryComplete(
        new CallResult(
            a.attemptId, disposition, a.amd, outcome, transcript, a.handoffTaken, a.smsSent));
  }

  private Active activeOf(LiveCall call) {
    Active a = byCallSid.get(call.callSid());
    return a != null ? a : byTaskKey.get(call.parameters().getOrDefault("taskId", ""));
  }
}
