package com.duesline.call;

import com.duesline.call.CallCoordinator.CallResult;
import com.duesline.call.CallCoordinator.DialRequest;
import com.duesline.call.CallJournal.Party;
import com.duesline.campaign.ContactChannel;
import com.duesline.campaign.ContactRequest;
import com.duesline.campaign.ContactResult;
import com.duesline.campaign.RungChannel;
import com.duesline.config.DueslineConfig;
import com.duesline.conversation.AccountVariables;
import com.duesline.conversation.PromptRenderer;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.telephony.carrier.Carrier;
import com.duesline.telephony.carrier.SmsRequest;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * The campaign dialer's way to people: an AI call through the {@link CallCoordinator} (the live
 * voice runtime) or a templated SMS through the carrier, reported back as the campaign's {@link
 * ContactResult}.
 */
public final class VoiceChannel implements ContactChannel {
  private final Vertx vertx;
  private final CallRuntime runtime;
  private final Carrier carrier;
  private final ArrearsQuery accounts;
  private final DueslineConfig config;
  private final BiConsumer<ContactRequest, CallResult> calls;

  public VoiceChannel(
      Vertx vertx,
      CallRuntime runtime,
      Carrier carrier,
      ArrearsQuery accounts,
      DueslineConfig config) {
    this(vertx, runtime, carrier, accounts, config, (request, call) -> {});
  }

  /**
   * As above; {@code calls} also hears each finished call in full (transcript, latencies), as the
   * demo prints them.
   */
  public VoiceChannel(
      Vertx vertx,
      CallRuntime runtime,
      Carrier carrier,
      ArrearsQuery accounts,
      DueslineConfig config,
      BiConsumer<ContactRequest, CallResult> calls) {
    this.calls = calls;
    this.vertx = vertx;
    this.runtime = runtime;
    this.carrier = carrier;
    this.accounts = accounts;
    this.config = config;
  }

  @Override
  public CompletionStage<ContactResult> contact(ContactRequest r) {
    String lang = "zh".equals(r.language()) ? "zh" : "en";
    if (r.channel() != RungChannel.SMS && !runtime.speaks(lang)) {
      // MaryTTS on Maven Central speaks English only: other languages need a recorded voice with
      // clips.
      return Future.<ContactResult>failedFuture(
              "no voice for "
                  + lang
                  + " calls: record one (docs/talk-tracks.md, \"Recording a voice\") "
                  + "or run `duesline voices stand-in --lang "
                  + lang
                  + "`, and name it in speech.recorded-voices")
          .toCompletionStage();
    }
    Future<ContactResult> result =
        vertx
            .executeBlocking(
                () ->
                    accounts
                        .unit(r.unit())
                        .orElseThrow(
                            () ->
                                new IllegalStateException(
                                    "unit " + r.unit() + " is not in the ledger")),
                false)
            .compose(
                a -> {
                  Map<String, Object> facts =
                      new HashMap<>(AccountVariables.fromLedger(a, config, lang));
                  var links = runtime.coordinator().payLinks();
                  if (r.channel() == RungChannel.SMS && links != null) {
                    // The SMS carries a fresh signed link for what is due now (JDBC: off the event
                    // loop).
                    return vertx
                        .executeBlocking(
                            () -> links.url(a.unitId(), null, "sms " + r.track()), false)
                        .compose(
                            url -> {
                              facts.put("pay_link", url);
                              return sms(r, lang, facts);
                            });
                  }
                  if (r.channel() == RungChannel.SMS) return sms(r, lang, facts);
                  DialRequest req =
                      new DialRequest(
                          new Party(a.unitId(), r.partyId(), a.phoneId(), r.taskId()),
                          r.e164(),
                          runtime.tracks().track(r.track(), lang),
                          runtime.tracks().library().catalogue(),
                          facts,
                          a.asOf(),
                          r.attemptId(),
                          r.attemptId(),
                          false);
                  return runtime
                      .coordinator()
                      .dial(req)
                      .onSuccess(call -> calls.accept(r, call))
                      .map(VoiceChannel::toResult);
                });
    return result.toCompletionStage();
  }

  private Future<ContactResult> sms(ContactRequest r, String lang, Map<String, Object> facts) {
    String template = runtime.tracks().library().sms(lang).text(r.track());
    String body =
        new PromptRenderer(runtime.tracks().library().catalogue(), lang)
            .render(template, facts)
            .text();
    return carrier
        .sendSms(
            new SmsRequest(
                r.e164(), config.get("carrier.caller-id"), body, String.valueOf(r.taskId())))
        .map(
            sid ->
                new ContactResult(
                    com.duesline.campaign.Outcome.DELIVERED, sid, null, null, "sms " + r.track()));
  }

  /**
   * The campaign outcome a finished call amounts to; the words behind opt-outs and holds go along
   * as evidence.
   */
  static ContactResult toResult(CallResult c) {
    return CallEnding.of(c.attemptId(), c.disposition(), c.outcome(), c.transcript(), null);
  }
}
