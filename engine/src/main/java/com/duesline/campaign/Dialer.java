package com.duesline.campaign;

import com.duesline.policy.PolicyDecision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces contacts: claims due tasks within the calls-per-second budget and the channel cap, leaves
 * tasks for people alone when no agent is free, asks the policy again with fresh facts right before
 * each contact (balance, holds, opt-outs, caps), records the attempt before the carrier is asked,
 * and re-plans the account when the outcome arrives. Blocking (JDBC): run {@link #tick()} on a
 * worker thread, never on an event loop.
 */
public final class Dialer {
  private static final Logger LOG = LoggerFactory.getLogger(Dialer.class);

  private final CampaignService campaigns;
  private final ContactChannel channel;
  private final DialerLimits limits;
  private final IntSupplier freeAgents;
  private final java.util.function.Supplier<TaskStore.Owner> owner;
  private final LostContacts lost;
  private final AtomicInteger recovered = new AtomicInteger();
  private final Clock clock;
  private static final java.util.concurrent.Executor OUTCOME_THREADS =
      java.util.concurrent.Executors.newCachedThreadPool(
          new java.util.concurrent.ThreadFactory() {
            private final AtomicInteger n = new AtomicInteger();

            @Override
            public Thread newThread(Runnable r) {
              Thread t = new Thread(r, "duesline-dialer-outcome-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            }
          });
  private final java.util.concurrent.Executor outcomes;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger humansInFlight = new AtomicInteger();
  private double tokens;

  /** How many live nodes share the carrier's calls-per-second limit (one, alone). */
  private volatile IntSupplier sharing = () -> 1;

  private Instant lastTick;

  /**
   * As below, recording outcomes on the dialer's own named threads ({@code
   * duesline-dialer-outcome-N}).
   */
  public Dialer(
      CampaignService campaigns,
      ContactChannel channel,
      DialerLimits limits,
      IntSupplier freeAgents,
      String node,
      Clock clock) {
    this(campaigns, channel, limits, freeAgents, node, clock, OUTCOME_THREADS);
  }

  /**
   * {@code outcomes} runs the JDBC that records each contact's outcome and re-plans the account: a
   * contact completes on whatever thread finished it (an event loop, for a call), which must not
   * block.
   */
  public Dialer(
      CampaignService campaigns,
      ContactChannel channel,
      DialerLimits limits,
      IntSupplier freeAgents,
      String node,
      Clock clock,
      java.util.concurrent.Executor outcomes) {
    this(
        campaigns,
        channel,
        limits,
        freeAgents,
        () -> new TaskStore.Owner(node, 0),
        LostContacts.UNASKED,
        clock,
        outcomes);
  }

  /**
   * A dialer of a cluster node: claims are made under {@code owner} (the node and its lease's
   * fencing epoch, asked afresh each tick), and contacts other nodes lost mid-way are settled
   * through {@code lost} (the carrier) before anything is redialed.
   */
  public Dialer(
      CampaignService campaigns,
      ContactChannel channel,
      DialerLimits limits,
      IntSupplier freeAgents,
      java.util.function.Supplier<TaskStore.Owner> owner,
      LostContacts lost,
      Clock clock,
      java.util.concurrent.Executor outcomes) {
    this.outcomes = outcomes;
    this.campaigns = campaigns;
    this.channel = channel;
    this.limits = limits;
    this.freeAgents = freeAgents;
    this.owner = owner;
    this.lost = lost;
    this.clock = clock;
  }

  /**
   * In a cluster: the carrier's calls-per-second limit is the account's, shared equally by the
   * {@code liveNodes} (asked each tick), so the nodes together keep it however many there are.
   */
  public void shareCps(IntSupplier liveNodes) {
    this.sharing = liveNodes;
  }

  /** Contacts lost by other nodes that this dialer took over and settled. */
  public int recovered() {
    return recovered.get();
  }

  /**
   * Runs {@code work} (JDBC) where it may block: handed to {@link #outcomes} when the contact
   * completed on an event loop (a call does), else right here (a worker, or a test's thread, which
   * then sees the outcome recorded when completing the contact returns).
   */
  private void offEventLoop(Runnable work) {
    if (io.vertx.core.Context.isOnEventLoopThread()) outcomes.execute(work);
    else work.run();
  }

  public int inFlight() {
    return inFlight.get();
  }

  /**
   * One pacing step: renews this node's claims, releases lost claims not yet begun, takes over and
   * settles lost contacts in progress, then starts as many contacts as the budget allows. Returns
   * how many started.
   */
  public synchronized int tick() {
    TaskStore.Owner me = owner.get();
    Instant now = clock.instant();
    TaskStore store = campaigns.tasks();
    store.renew(me, now, limits.lease());
    store.releaseExpired(now);
    for (TaskStore.Lost l : store.takeOverExpired(me, now, limits.lease(), 20)) settle(l);
    // Token bucket: this node's share of the CPS in tokens per second, at most one second's worth
    // (or one call) saved up.
    double cps = limits.cps() / Math.max(1, sharing.getAsInt());
    double elapsed =
        lastTick == null
            ? 1.0
            : Math.max(0, (now.toEpochMilli() - lastTick.toEpochMilli()) / 1000.0);
    lastTick = now;
    tokens = Math.min(Math.max(1, cps), tokens + elapsed * cps);
    Map<String, Planner> planners = null;
    int started = 0;
    while (tokens >= 1 && inFlight.get() < limits.channels()) {
      // A tick slowed down this much (a starved or frozen process) starts nothing more: a claim
      // made now
      // might run out before its call is placed.
      if (Duration.between(now, clock.instant()).compareTo(limits.lease().dividedBy(2)) > 0) break;
      // A call predicted to need a person is started only when an agent is free for it.
      boolean humans = freeAgents.getAsInt() > humansInFlight.get();
      var claimed = store.claim(me, now, limits.lease(), humans);
      if (claimed.isEmpty()) break;
      TaskStore.Claimed t = claimed.get();
      if (planners == null) planners = campaigns.planners(store.running());
      Planner planner = planners.get(t.campaignId());
      LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
      var fresh = campaigns.accounts().unit(t.unit(), t.campaignId(), now, today);
      RungChannel rc =
          switch (t.channel()) {
            case "sms" -> RungChannel.SMS;
            case "letter" -> RungChannel.LETTER;
            default -> "human".equals(t.handler()) ? RungChannel.HUMAN_CALL : RungChannel.AI_CALL;
          };
      if (fresh.isEmpty() || planner == null) {
        store.refuse(t, java.util.List.of(com.duesline.policy.ReasonCode.NO_PHONE), now);
        continue;
      }
      // The moment of contact: the policy decides again on fresh facts (balance re-checked here).
      PolicyDecision d =
          campaigns
              .policy()
              .decide(fresh.get().subject(), rc.policyChannel(), now, planner.campaign().limits());
      if (!d.allowed()) {
        store.refuse(t, d.reasons(), now);
        campaigns.tasks().schedule(t.campaignId(), t.unit(), planner.plan(fresh.get(), now));
        continue;
      }
      // Fenced on the clock as it is now, not as the tick began.
      long attempt = store.begin(t, me.node(), clock.instant());
      if (attempt < 0) continue;
      tokens -= 1;
      started++;
      inFlight.incrementAndGet();
      boolean human = rc == RungChannel.HUMAN_CALL;
      if (human) humansInFlight.incrementAndGet();
      ContactRequest req =
          new ContactRequest(
              t.id(),
              attempt,
              t.campaignId(),
              t.unit(),
              t.partyId() == null ? 0 : t.partyId(),
              t.e164(),
              t.language(),
              rc,
              t.track(),
              t.variant());
      Planner p = planner;
      channel
          .contact(req)
          .whenComplete(
              (result, error) ->
                  offEventLoop(
                      () -> {
                        try {
                          ContactResult r =
                              error != null
                                  ? new ContactResult(
                                      Outcome.CARRIER_ERROR,
                                      null,
                                      null,
                                      null,
                                      String.valueOf(error.getMessage()))
                                  : result;
                          Instant end = clock.instant();
                          if (!store.finish(t, attempt, r, end)) {
                            LOG.warn(
                                "task {}: the outcome ({}) was not recorded: this node no longer holds the claim (lease lost; another node settled it)",
                                t.id(),
                                r.disposition().code());
                            return;
                          }
                          campaigns
                              .accounts()
                              .unit(
                                  t.unit(),
                                  t.campaignId(),
                                  end,
                                  LocalDate.ofInstant(end, ZoneOffset.UTC))
                              .ifPresent(
                                  a -> store.schedule(t.campaignId(), t.unit(), p.plan(a, end)));
                        } catch (RuntimeException e) {
                          // The lease will expire and release the task; the attempt row already
                          // exists, so nothing is doubled.
                          LOG.error(
                              "recording the outcome of task {} failed: {}",
                              t.id(),
                              e.getMessage());
                        } finally {
                          inFlight.decrementAndGet();
                          if (human) humansInFlight.decrementAndGet();
                        }
                      }));
    }
    return started;
  }

  /**
   * Settles a contact another node lost: asks {@link #lost} what happened, records it under this
   * node's claim, re-plans the account.
   */
  private void settle(TaskStore.Lost l) {
    inFlight.incrementAndGet();
    TaskStore.Claimed t = l.task();
    lost.resolve(l)
        .whenComplete(
            (result, error) ->
                offEventLoop(
                    () -> {
                      try {
                        if (error != null) {
                          // Unknown is not an answer: the claim is left to run out, and a node asks
                          // again then.
                          LOG.warn(
                              "task {}: the lost contact could not be settled ({}); asking again after the lease",
                              t.id(),
                              error.getMessage());
                          return;
                        }
                        Instant end = clock.instant();
                        if (store().finish(t, l.attemptId(), result, end)) {
                          recovered.incrementAndGet();
                          LOG.info(
                              "task {}: contact lost by its node settled as {}",
                              t.id(),
                              result.disposition().code());
                          var planners = campaigns.planners(store().running());
                          Planner p = planners.get(t.campaignId());
                          if (p != null)
                            campaigns
                                .accounts()
                                .unit(
                                    t.unit(),
                                    t.campaignId(),
                                    end,
                                    LocalDate.ofInstant(end, ZoneOffset.UTC))
                                .ifPresent(
                                    a ->
                                        store().schedule(t.campaignId(), t.unit(), p.plan(a, end)));
                        }
                      } catch (RuntimeException e) {
                        LOG.error(
                            "settling the lost contact of task {} failed: {}",
                            t.id(),
                            e.getMessage());
                      } finally {
                        inFlight.decrementAndGet();
                      }
                    }));
  }

  private TaskStore store() {
    return campaigns.tasks();
  }
}
