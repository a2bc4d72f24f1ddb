package com.duesline.app;

import com.duesline.call.CallCoordinator.CallResult;
import com.duesline.campaign.CampaignService;
import com.duesline.campaign.ContactChannel;
import com.duesline.campaign.ContactRequest;
import com.duesline.campaign.ContactTask;
import com.duesline.campaign.TaskState;
import com.duesline.campaign.TaskStore;
import com.duesline.store.Database;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * One `duesline demo` run as a campaign: the bundled {@code demo} definition registered under a
 * fresh id, planned for the demo's slice only, dialed by the real dialer; it hears each account's
 * first call in full (for the demo's printout) and completes once every call that was due has
 * ended.
 */
final class DemoCampaign {
  /** The bundled definition every demo run registers (library/campaigns/demo.yaml). */
  static final String DEFINITION = "demo";

  private final String id;
  private final Map<String, ContactTask> planned;
  private final Set<String> awaited;
  private final Map<String, CallResult> results = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  private DemoCampaign(String id, Map<String, ContactTask> planned) {
    this.id = id;
    this.planned = planned;
    this.awaited =
        planned.entrySet().stream()
            .filter(e -> e.getValue() != null && e.getValue().state() == TaskState.DUE)
            .map(Map.Entry::getKey)
            .collect(Collectors.toUnmodifiableSet());
    if (awaited.isEmpty()) done.complete(null);
  }

  /**
   * Stops the last demo run's campaign (its retries would ring numbers this run has no simulated
   * caller on), registers and starts this run's, and plans {@code units}. Blocking JDBC.
   */
  static DemoCampaign start(Database db, Clock clock, List<String> units) {
    CampaignService campaigns = new CampaignService(db, clock);
    TaskStore tasks = campaigns.tasks();
    for (String running : tasks.running()) {
      if (isDemo(running)) campaigns.transition(running, "stop");
    }
    String id = DEFINITION;
    for (int n = 2; tasks.campaign(id).isPresent(); n++) id = DEFINITION + "-" + n;
    campaigns.create(id, DEFINITION);
    campaigns.transition(id, "start");
    return new DemoCampaign(id, campaigns.plan(id, units));
  }

  private static boolean isDemo(String campaignId) {
    return campaignId.equals(DEFINITION) || campaignId.matches(DEFINITION + "-\\d+");
  }

  String id() {
    return id;
  }

  /** Units with a call due now, which the demo waits for. */
  Set<String> awaited() {
    return awaited;
  }

  /** What the plan said about each unit that is not called now: when, or why not. */
  Map<String, String> notNow() {
    Map<String, String> out = new LinkedHashMap<>();
    planned.forEach(
        (unit, t) -> {
          if (awaited.contains(unit)) return;
          out.put(
              unit,
              t == null
                  ? "nothing to do (not in the campaign's ladder)"
                  : t.state() == TaskState.BLOCKED
                      ? "blocked " + t.blockedBy()
                      : "planned for " + t.notBefore());
        });
    return out;
  }

  /** The voice channel's listener: an account's first finished call. */
  void heard(ContactRequest request, CallResult call) {
    record(request, call);
  }

  /**
   * {@code voice}, with a contact that failed before it became a call (the dialer records a carrier
   * error) heard as failed.
   */
  ContactChannel around(ContactChannel voice) {
    return request ->
        voice
            .contact(request)
            .whenComplete(
                (result, error) -> {
                  if (error != null)
                    record(
                        request,
                        new CallResult(
                            -1,
                            "failed",
                            null,
                            com.duesline.conversation.Outcome.NONE,
                            List.of(),
                            false,
                            false));
                });
  }

  /** Only this campaign's calls count: the dialer also works any other running campaign. */
  private void record(ContactRequest request, CallResult call) {
    if (!id.equals(request.campaignId()) || results.putIfAbsent(request.unit(), call) != null)
      return;
    if (results.keySet().containsAll(awaited)) done.complete(null);
  }

  /** Completes once every call that was due has ended. */
  CompletableFuture<Void> done() {
    return done;
  }

  /** The first call to {@code unit}, or null when it was not called. */
  CallResult result(String unit) {
    return results.get(unit);
  }
}
