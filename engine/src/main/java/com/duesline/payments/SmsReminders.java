package com.duesline.payments;

import com.duesline.config.DueslineConfig;
import com.duesline.conversation.AccountVariables;
import com.duesline.conversation.PromptRenderer;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.scripts.TrackRepository;
import com.duesline.telephony.carrier.Carrier;
import com.duesline.telephony.carrier.PhoneMask;
import com.duesline.telephony.carrier.SmsRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends reminders as SMS through the carrier: the library's {@code promise_reminder} or {@code
 * instalment_reminder} template in the party's language, with a fresh pay link for the amount due.
 */
public final class SmsReminders implements ReminderSender {
  private static final Logger LOG = LoggerFactory.getLogger(SmsReminders.class);
  private final Carrier carrier;
  private final TrackRepository tracks;
  private final PayLinks links;
  private final ArrearsQuery accounts;
  private final DueslineConfig config;

  public SmsReminders(
      Carrier carrier,
      TrackRepository tracks,
      PayLinks links,
      ArrearsQuery accounts,
      DueslineConfig config) {
    this.carrier = carrier;
    this.tracks = tracks;
    this.links = links;
    this.accounts = accounts;
    this.config = config;
  }

  @Override
  public boolean send(Reminder r) {
    String lang = "zh".equals(r.language()) ? "zh" : "en";
    var account = accounts.unit(r.unit());
    if (account.isEmpty()) return false;
    Map<String, Object> facts =
        new HashMap<>(AccountVariables.fromLedger(account.get(), config, lang));
    boolean promise = r.kind().equals("promise");
    if (promise) {
      facts.put("promise_amount", r.amount());
      facts.put("promise_date", r.due());
    } else {
      facts.put("plan_monthly", r.amount());
      facts.put("due_date", r.due());
    }
    facts.put("pay_link", links.issue(r.unit(), r.amount(), r.kind()).url());
    var library = tracks.library();
    String body =
        new PromptRenderer(library.catalogue(), lang)
            .render(
                library.sms(lang).text(promise ? "promise_reminder" : "instalment_reminder"), facts)
            .text();
    try {
      carrier
          .sendSms(
              new SmsRequest(
                  r.e164(), config.get("carrier.caller-id"), body, "reminder-" + r.ref()))
          .toCompletionStage()
          .toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      LOG.warn(
          "reminder to {} for {} not sent: {}", PhoneMask.mask(r.e164()), r.unit(), e.getMessage());
      return false;
    }
  }
}
