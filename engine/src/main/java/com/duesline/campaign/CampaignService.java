package com.duesline.campaign;

import com.duesline.cli.InputRejectedException;
import com.duesline.ledger.ArrearsQuery;
import com.duesline.policy.ContactPolicy;
import com.duesline.policy.DataProblems;
import com.duesline.policy.PolicyRules;
import com.duesline.store.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Campaign lifecycle and planning over the store: create (validated definition), start, pause,
 * resume, stop, plan (promises checked, every account planned, tasks written) and status.
 */
public final class CampaignService {
  private final TaskStore tasks;
  private final AccountStore accounts;
  private final ContactPolicy policy;
  private final CampaignLoader loader;
  private final Segmenter segmenter;
  private final Clock clock;
  private final Database db;

  /** The estate's answer rates (the best-time prior), re-read when older than this. */
  private static final java.time.Duration ANSWERS_TTL = java.time.Duration.ofMinutes(10);

  /** How far back the estate's answer rates look. */
  static final java.time.Duration ANSWERS_WINDOW = java.time.Duration.ofDays(90);

  private volatile AnswerModel answers;
  private volatile Instant answersAt = Instant.MIN;

  public CampaignService(Database db, Clock clock) {
    this.db = db;
    PolicyRules rules = PolicyRules.bundled();
    this.tasks = new TaskStore(db);
    this.accounts =
        new AccountStore(
            db,
            new ArrearsQuery(db, com.duesline.ledger.SegmentationRules.builtIn(), clock),
            PhoneJurisdictions.bundled());
    this.policy = new ContactPolicy(rules);
    this.loader = new CampaignLoader(TrackCatalog.bundled(), rules);
    this.segmenter = Segmenter.bundled();
    this.clock = clock;
  }

  public TaskStore tasks() {
    return tasks;
  }

  public AccountStore accounts() {
    return accounts;
  }

  public ContactPolicy policy() {
    return policy;
  }

  /**
   * Loads a definition: a file path if one exists there, else a bundled campaign id; refused with
   * every problem.
   */
  public CampaignDefinition definition(String ref) {
    try {
      Path p = Path.of(ref);
      if (Files.isRegularFile(p)) return loader.load(p);
      if (ref.contains("/") || ref.endsWith(".yaml") || !CampaignLoader.BUNDLED.contains(ref)) {
        throw new InputRejectedException(
            "DEFINITION: '"
                + ref
                + "' is neither a campaign file nor a bundled campaign ("
                + String.join(", ", CampaignLoader.BUNDLED)
                + ")");
      }
      return loader.bundled(ref);
    } catch (DataProblems e) {
      throw new InputRejectedException(e.problems());
    }
  }

  /** Validates and registers a campaign (status created). */
  public CampaignDefinition create(String ref) {
    return create(definition(ref).id(), ref);
  }

  /**
   * Validates and registers a definition under an id of its own (status created): the same
   * definition run again as a new campaign (each `duesline demo` run is one) keeps its figures
   * apart from the last.
   */
  public CampaignDefinition create(String id, String ref) {
    CampaignDefinition d = definition(ref);
    if (tasks.campaign(id).isPresent())
      throw new InputRejectedException("campaign '" + id + "' already exists");
    tasks.createCampaign(id, ref);
    return d;
  }

  /** The registered definition of a campaign. */
  public CampaignDefinition registered(String id) {
    String[] row =
        tasks
            .campaign(id)
            .orElseThrow(
                () -> new InputRejectedException("no campaign '" + id + "' (create it first)"));
    return definition(row[1]);
  }

  /** start/pause/resume/stop: refused when the campaign is not in a state it can move from. */
  public void transition(String id, String action) {
    registered(id);
    boolean ok =
        switch (action) {
          case "start" -> tasks.transition(id, "running", "created");
          case "pause" -> tasks.transition(id, "paused", "running");
          case "resume" -> tasks.transition(id, "running", "paused");
          case "stop" -> tasks.transition(id, "stopped", "created", "running", "paused");
          default -> throw new InputRejectedException("unknown action '" + action + "'");
        };
    if (!ok)
      throw new InputRejectedException(
          "campaign '" + id + "' cannot " + action + " from status " + tasks.campaign(id).get()[0]);
  }

  /** Plans every account for a campaign now; returns how many accounts have a task. */
  public int plan(String id) {
    CampaignDefinition d = registered(id);
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    // Promises are judged by one judge, PromiseLifecycle (payments), which then re-plans the broken
    // ones here.
    Planner planner = planner(d, now);
    int n = 0;
    for (AccountSnapshot a : accounts.all(id, now, today)) {
      ContactTask t = planner.plan(a, now);
      tasks.schedule(id, a.accountId(), t);
      if (t != null) n++;
    }
    return n;
  }

  /**
   * Plans only these accounts (units) for a campaign now, the others left alone; returns each
   * planned account's task (null: nothing to do for it now), in the order given.
   */
  public Map<String, ContactTask> plan(String id, List<String> units) {
    CampaignDefinition d = registered(id);
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    Planner planner = planner(d, now);
    Map<String, ContactTask> out = new java.util.LinkedHashMap<>();
    for (String unit : units) {
      ContactTask t =
          accounts.unit(unit, id, now, today).map(a -> planner.plan(a, now)).orElse(null);
      tasks.schedule(id, unit, t);
      out.put(unit, t);
    }
    return out;
  }

  /** Re-plans one account after an outcome, a payment or a refusal. */
  public void replan(String id, String unit) {
    CampaignDefinition d = registered(id);
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    accounts
        .unit(unit, id, now, today)
        .ifPresent(a -> tasks.schedule(id, unit, planner(d, now).plan(a, now)));
  }

  public Map<String, Long> status(String id) {
    registered(id);
    return tasks.status(id, clock.instant());
  }

  /** Every registered campaign's planner, for the dialer. */
  public Map<String, Planner> planners(List<String> ids) {
    Map<String, Planner> out = new java.util.HashMap<>();
    for (String id : ids) out.put(id, planner(registered(id), clock.instant()));
    return out;
  }

  /**
   * A planner with the estate's answer rates of the last 90 days (cached for 10 minutes) as every
   * account's best-time prior.
   */
  private Planner planner(CampaignDefinition d, Instant now) {
    if (answers == null || answersAt.isBefore(now.minus(ANSWERS_TTL))) {
      answers = AnswerModel.load(db, now.minus(ANSWERS_WINDOW));
      answersAt = now;
    }
    return new Planner(d, policy, segmenter, answers, 0L);
  }
}
