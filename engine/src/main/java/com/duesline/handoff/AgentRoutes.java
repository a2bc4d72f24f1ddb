package com.duesline.handoff;

import com.duesline.app.Engine;
import com.duesline.cli.InputRejectedException;
import com.duesline.conversation.Outcome;
import com.duesline.live.LiveBoard;
import com.duesline.live.LiveStream;
import com.duesline.telephony.carrier.PhoneMask;
import com.duesline.web.JsonBody;
import com.duesline.web.Problems;
import com.duesline.web.StaticAssets;
import com.duesline.web.Users;
import com.duesline.web.Viewer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The agent console's API: an agent sets themselves free (with the address calls are transferred
 * to), sees waiting hand-offs pushed as they arrive, accepts one (the live call is transferred to
 * them by the carrier), and closes it with a disposition, notes and any promise or plan agreed.
 *
 * <pre>
 * GET  /agent                                 the console page
 * GET  /api/agent/state                       → {name, state, address, since}
 * POST /api/agent/state    {state, address?}  free | away | wrap_up
 * GET  /api/agent/stream                      server-sent events: snapshot, queue
 * GET  /api/agent/handoffs/:id                → the hand-off (full number only once it is yours)
 * POST /api/agent/handoffs/:id/accept         → 200 the hand-off | 409
 * POST /api/agent/handoffs/:id/wrap {disposition, notes?, promise?: {amount, date}, plan?: {months, monthly}}
 * </pre>
 */
public final class AgentRoutes {
  /** What an agent may record as the result of a call they took. */
  static final Set<String> DISPOSITIONS =
      Set.of("promise", "plan", "paid", "dispute", "callback", "refused", "wrong_number", "other");

  private final Engine engine;
  private final HandoffDesk desk;
  private final HandoffRecords records;
  private final Users users;
  private final LiveBoard board;

  private AgentRoutes(Engine engine, HandoffDesk desk, Users users, LiveBoard board) {
    this.engine = engine;
    this.desk = desk;
    this.records = new HandoffRecords(engine.database());
    this.users = users;
    this.board = board;
  }

  /** Mounts the page and the API. */
  public static void mount(Engine engine, HandoffDesk desk, Users users, LiveBoard board) {
    AgentRoutes r = new AgentRoutes(engine, desk, users, board);
    var router = engine.router();
    StaticAssets.page(router, "/agent", "agent.html");
    router.route("/api/agent/*").handler(BodyHandler.create().setBodyLimit(64 * 1024));
    router.get("/api/agent/state").handler(r::state);
    router.post("/api/agent/state").handler(r::setState);
    router
        .get("/api/agent/stream")
        .handler(
            ctx ->
                LiveStream.open(ctx, r.board::queue, ev -> "queue".equals(ev.getString("type"))));
    router.get("/api/agent/handoffs/:id").handler(r::details);
    router.post("/api/agent/handoffs/:id/accept").handler(r::accept);
    router.post("/api/agent/handoffs/:id/wrap").handler(r::wrap);
  }

  private void state(RoutingContext ctx) {
    String me = Viewer.of(ctx).name();
    ctx.json(
        desk.agent(me)
            .map(AgentRoutes::json)
            .orElse(new JsonObject().put("name", me).put("state", "signed_out")));
  }

  private void setState(RoutingContext ctx) {
    String me = Viewer.of(ctx).name();
    String state;
    String given;
    try {
      JsonObject b = JsonBody.object(ctx);
      state = Objects.requireNonNullElse(JsonBody.string(b, "state"), "");
      given = JsonBody.string(b, "address");
    } catch (InputRejectedException e) {
      Problems.send(ctx, 400, e.problems());
      return;
    }
    switch (state) {
      case "free" -> {
        if (given != null
            && !given.isBlank()
            && !given.matches("\\+[1-9][0-9]{6,14}|sip:[^\\s@]+@[^\\s]+")) {
          Problems.send(
              ctx,
              400,
              "address: expected an E.164 number (+15550100) or a sip: address, got '"
                  + JsonBody.shown(given)
                  + "'");
          return;
        }
        engine
            .blocking(
                () ->
                    given != null && !given.isBlank()
                        ? Optional.of(given.strip())
                        : users.address(me))
            .onComplete(
                ar -> {
                  Optional<String> address = ar.succeeded() ? ar.result() : Optional.empty();
                  if (address.isEmpty()) {
                    Problems.send(
                        ctx,
                        400,
                        "address: say where your calls go (a phone number or sip: address)");
                    return;
                  }
                  Optional<HandoffDesk.Agent> now = desk.agent(me);
                  if (now.isEmpty()
                      || !now.get().address().equals(address.get())
                      || now.get().state() == HandoffDesk.AgentState.AWAY) {
                    if (now.isPresent() && now.get().state() == HandoffDesk.AgentState.ON_CALL) {
                      Problems.send(
                          ctx, 409, "state: finish the call you have (wrap up) before going free");
                      return;
                    }
                    answer(ctx, desk.signIn(me, address.get()));
                  } else {
                    answer(ctx, desk.free(me));
                  }
                });
      }
      case "away" -> answer(ctx, desk.away(me));
      case "wrap_up" -> answer(ctx, desk.wrapUp(me));
      default ->
          Problems.send(
              ctx,
              400,
              "state: expected free, away or wrap_up, got '" + JsonBody.shown(state) + "'");
    }
  }

  private void details(RoutingContext ctx) {
    Viewer me = Viewer.of(ctx);
    Long id = id(ctx);
    if (id == null) return;
    engine
        .blocking(() -> records.details(id))
        .onComplete(
            ar -> {
              if (ar.failed() || ar.result().isEmpty()) {
                Problems.send(ctx, 404, "hand-off " + id + ": not found");
                return;
              }
              HandoffRecords.Details d = ar.result().get();
              boolean mine = me.name().equals(d.agent());
              boolean waiting = "waiting".equals(d.status());
              if (!mine && !waiting && !me.seesFullPhones()) {
                Problems.send(ctx, 403, "hand-off " + id + ": taken by another agent");
                return;
              }
              ctx.json(json(d, mine || me.seesFullPhones()));
            });
  }

  private void accept(RoutingContext ctx) {
    String me = Viewer.of(ctx).name();
    Long id = id(ctx);
    if (id == null) return;
    desk.take(id, me)
        .onComplete(
            taken -> {
              if (taken.failed()) {
                Problems.send(
                    ctx,
                    503,
                    "hand-off "
                        + id
                        + ": the desk cannot be reached ("
                        + taken.cause().getMessage()
                        + "); try again");
                return;
              }
              if (!taken.result()) {
                Problems.send(
                    ctx, 409, "hand-off " + id + ": no longer waiting, or you are not free");
                return;
              }
              // The node that owns the call now transfers it and marks the row assigned; the answer
              // says so already.
              engine
                  .blocking(() -> records.details(id))
                  .onComplete(
                      ar -> {
                        if (ar.failed() || ar.result().isEmpty())
                          Problems.send(ctx, 404, "hand-off " + id + ": not found");
                        else
                          ctx.json(
                              json(ar.result().get(), true)
                                  .put("status", "assigned")
                                  .put("agent", me));
                      });
            });
  }

  /** Answers with the agent's state once the desk has it (in a cluster: once the store has it). */
  private void answer(RoutingContext ctx, io.vertx.core.Future<Void> changed) {
    changed.onComplete(
        ar -> {
          if (ar.failed())
            Problems.send(
                ctx,
                503,
                "state: the desk cannot be reached (" + ar.cause().getMessage() + "); try again");
          else state(ctx);
        });
  }

  private void wrap(RoutingContext ctx) {
    String me = Viewer.of(ctx).name();
    Long id = id(ctx);
    if (id == null) return;
    List<String> problems = new ArrayList<>();
    JsonObject b;
    try {
      b = JsonBody.object(ctx);
    } catch (InputRejectedException e) {
      Problems.send(ctx, 400, e.problems());
      return;
    }
    String disposition = field(problems, "", () -> JsonBody.string(b, "disposition"));
    if (disposition == null || !DISPOSITIONS.contains(disposition))
      problems.add(
          "disposition: expected one of "
              + DISPOSITIONS.stream().sorted().toList()
              + ", got '"
              + JsonBody.shown(disposition)
              + "'");
    Outcome.PromiseToPay promise = null;
    Outcome.Plan plan = null;
    JsonObject p = field(problems, "", () -> JsonBody.object(b, "promise"));
    if (p != null) {
      BigDecimal amount = field(problems, "promise.", () -> JsonBody.amount(p, "amount"));
      LocalDate date = field(problems, "promise.", () -> JsonBody.date(p, "date"));
      if (p.getValue("amount") == null) problems.add("promise.amount: required");
      if (p.getValue("date") == null) problems.add("promise.date: required (YYYY-MM-DD)");
      else if (date != null && date.isBefore(LocalDate.now()))
        problems.add("promise.date: " + date + " is in the past");
      if (amount != null && date != null) promise = new Outcome.PromiseToPay(date, amount);
    }
    JsonObject pl = field(problems, "", () -> JsonBody.object(b, "plan"));
    if (pl != null) {
      // A whole JSON number: 1.5 months is not a plan, and "3" is text.
      Integer months =
          pl.getValue("months") instanceof Integer || pl.getValue("months") instanceof Long
              ? ((Number) pl.getValue("months")).intValue()
              : null;
      if (pl.getValue("months") instanceof Long l && (l < 1 || l > 36)) months = null;
      if (months == null || months < 1 || months > 36)
        problems.add(
            "plan.months: expected a whole number 1 to 36, got '"
                + JsonBody.shown(pl.getValue("months"))
                + "'");
      BigDecimal monthly = field(problems, "plan.", () -> JsonBody.amount(pl, "monthly"));
      if (pl.getValue("monthly") == null) problems.add("plan.monthly: required");
      if (months != null && months >= 1 && months <= 36 && monthly != null)
        plan = new Outcome.Plan(months, monthly);
    }
    if ("promise".equals(disposition) && p == null)
      problems.add("promise: required for the disposition 'promise'");
    if ("plan".equals(disposition) && pl == null)
      problems.add("plan: required for the disposition 'plan'");
    String notes =
        Objects.requireNonNullElse(field(problems, "", () -> JsonBody.string(b, "notes")), "");
    if (notes.length() > 4000) problems.add("notes: at most 4000 characters");
    if (!problems.isEmpty()) {
      Problems.send(ctx, 400, problems);
      return;
    }
    Outcome outcome = new Outcome(disposition, promise, plan, false, null, true, null);
    engine
        .blocking(() -> records.close(id, me, outcome, notes))
        .onComplete(
            ar -> {
              if (ar.failed()) {
                Problems.fail(ctx, ar.cause());
              } else if (!ar.result()) {
                Problems.send(ctx, 409, "hand-off " + id + ": not yours, or already closed");
              } else {
                answer(ctx, desk.free(me));
              }
            });
  }

  /**
   * A field read with {@link JsonBody}: its refusal joins the others (prefixed for a nested field),
   * so one answer lists every problem.
   */
  private static <T> T field(
      List<String> problems, String prefix, java.util.function.Supplier<T> read) {
    try {
      return read.get();
    } catch (InputRejectedException e) {
      e.problems().forEach(m -> problems.add(prefix + m));
      return null;
    }
  }

  private static JsonObject json(HandoffDesk.Agent a) {
    return new JsonObject()
        .put("name", a.name())
        .put("state", a.state().name().toLowerCase())
        .put("address", a.address())
        .put("since", a.since());
  }

  private static JsonObject json(HandoffRecords.Details d, boolean fullNumber) {
    return new JsonObject()
        .put("id", d.id())
        .put("attempt", d.attemptId())
        .put("unit", d.unit())
        .put("party", fullNumber ? d.party() : null)
        .put("phone", d.phone() == null ? null : fullNumber ? d.phone() : PhoneMask.mask(d.phone()))
        .put("reason", d.reason())
        .put("summary", d.summary())
        .put("transcript", d.transcript())
        .put("status", d.status())
        .put("agent", d.agent());
  }

  private static Long id(RoutingContext ctx) {
    try {
      return Long.parseLong(ctx.pathParam("id"));
    } catch (NumberFormatException e) {
      Problems.send(ctx, 400, "id: expected a number, got '" + ctx.pathParam("id") + "'");
      return null;
    }
  }
}
