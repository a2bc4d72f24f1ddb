package com.duesline.conversation;

import com.duesline.intent.IntentMatch;
import com.duesline.intent.MatchContext;
import com.duesline.scripts.Branch;
import com.duesline.scripts.Catalogue;
import com.duesline.scripts.Catalogue.VariableKind;
import com.duesline.scripts.Node;
import com.duesline.scripts.NodeType;
import com.duesline.scripts.OutcomeSpec;
import com.duesline.scripts.Prompt;
import com.duesline.scripts.Track;
import com.duesline.scripts.Variant;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One conversation running one talk track: a caller turn in, a bot turn out. Plain Java with no I/O
 * (classification, audio and storage belong to the caller), so the voice runtime and the text
 * {@code converse} command drive the same state machine. Not thread-safe: one per call.
 */
public final class Conversation {
  private static final Logger log = LoggerFactory.getLogger(Conversation.class);

  /** A guard against a track that loops through say/branch nodes without ever asking. */
  private static final int MAX_STEPS_PER_TURN = 64;

  private final Track track;
  private final Catalogue catalogue;
  private final String lang;
  private final PromptRenderer renderer;

  /** Not final: {@link #restore} puts back the generator as it stood at the checkpoint. */
  private final long seed;

  private final Map<String, Object> vars = new HashMap<>();
  private final Map<String, String> variantByPrompt = new HashMap<>();
  private final Map<String, Integer> misses = new HashMap<>();

  /** Every node entered, in order (say, set, branch and ask nodes alike). */
  private final List<String> path = new ArrayList<>();

  /**
   * When set, a prompt with a variant of this name always speaks it (the script playground trying
   * one wording).
   */
  private String preferredVariant;

  /** How often each objection was answered at each question (question/intent → count). */
  private final Map<String, Integer> objections = new HashMap<>();

  /**
   * An objection is answered this many times at one question; the next time the question's fallback
   * closes the call.
   */
  private static final int MAX_SAME_OBJECTION = 2;

  /**
   * Set (to "yes") when a captured amount or date was heard with low confidence; tracks branch on
   * it and clear it.
   */
  public static final String READBACK = "readback";

  private String current;
  private String returnTo;
  private boolean ended;
  private boolean started;
  private String lastCallerText;

  private String disposition;
  private boolean promiseMade;
  private boolean planMade;
  private boolean optOut;
  private String hold;
  private boolean handoff;
  private String complaint;

  /**
   * @param facts the account's variables (first_name, amount_due as BigDecimal or text, due_date as
   *     LocalDate or ISO text ...)
   * @param seed decides the A/B variants; the same seed gives the same variants
   */
  public Conversation(Track track, Catalogue catalogue, Map<String, ?> facts, long seed) {
    this.track = track;
    this.catalogue = catalogue;
    this.lang = track.lang();
    this.renderer = new PromptRenderer(catalogue, lang);
    this.seed = seed;
    facts.forEach(
        (k, v) -> {
          if (v != null) vars.put(k, v);
        });
  }

  public Track track() {
    return track;
  }

  public boolean ended() {
    return ended;
  }

  /** Whether {@link #start} has opened the call (before it, the caller's hello is no turn). */
  public boolean started() {
    return started;
  }

  /** The node the conversation rests on (the open question, or the end node). */
  public String currentNode() {
    return current;
  }

  /**
   * Whether the right party has been verified on this call (a node marked {@code verifies} was
   * reached).
   */
  public boolean verified() {
    for (String id : path) {
      Node n = track.nodes().get(id);
      if (n != null && n.verifies()) return true;
    }
    return false;
  }

  /** The intent catalogue the track answers from. */
  public Catalogue catalogue() {
    return catalogue;
  }

  /** Every variable with a value now, copied (a recorded voice reads them on another thread). */
  public Map<String, Object> variables() {
    return Map.copyOf(vars);
  }

  /** A variable's current value (account fact or captured), or null. */
  public Object variable(String name) {
    return vars.get(name);
  }

  /**
   * Everything a caller turn can change, as it stood before one: {@link #restore} takes the turn
   * back.
   */
  public record Checkpoint(
      Map<String, Object> vars,
      Map<String, String> variantByPrompt,
      Map<String, Integer> misses,
      int pathLength,
      Map<String, Integer> objections,
      String current,
      String returnTo,
      boolean ended,
      String lastCallerText,
      String disposition,
      boolean promiseMade,
      boolean planMade,
      boolean optOut,
      String hold,
      boolean handoff,
      String complaint) {}

  /**
   * The state now, to take a turn back later (a caller who was not finished: see the live call's
   * continuation).
   */
  public Checkpoint checkpoint() {
    return new Checkpoint(
        new HashMap<>(vars),
        new HashMap<>(variantByPrompt),
        new HashMap<>(misses),
        path.size(),
        new HashMap<>(objections),
        current,
        returnTo,
        ended,
        lastCallerText,
        disposition,
        promiseMade,
        planMade,
        optOut,
        hold,
        handoff,
        complaint);
  }

  /** Puts the conversation back as it was at {@code c}: the turns taken since never happened. */
  public void restore(Checkpoint c) {
    vars.clear();
    vars.putAll(c.vars());
    variantByPrompt.clear();
    variantByPrompt.putAll(c.variantByPrompt());
    misses.clear();
    misses.putAll(c.misses());
    path.subList(c.pathLength(), path.size()).clear();
    objections.clear();
    objections.putAll(c.objections());
    current = c.current();
    returnTo = c.returnTo();
    ended = c.ended();
    lastCallerText = c.lastCallerText();
    disposition = c.disposition();
    promiseMade = c.promiseMade();
    planMade = c.planMade();
    optOut = c.optOut();
    hold = c.hold();
    handoff = c.handoff();
    complaint = c.complaint();
  }

  /** Opens the call: runs from the start node to the first question. */
  public BotTurn start() {
    if (started) throw new IllegalStateException("conversation already started");
    started = true;
    List<Spoken> spoken = new ArrayList<>();
    walk(track.start(), spoken);
    return turn(spoken, null, Map.of());
  }

  /**
   * What the classifier should know about the question now open: its own example phrases, and the
   * intents it answers. A question that answers the whole catalogue (every lint-clean one) passes
   * no scope, so a caller can always say "stop calling" or "I have a lawyer".
   */
  public MatchContext matchContext(LocalDate today) {
    Node n = track.nodes().get(current);
    if (n == null || n.type() != NodeType.ASK) return MatchContext.open(lang, today);
    java.util.Set<String> answered = new java.util.HashSet<>(track.transitions(n).keySet());
    answered.retainAll(catalogue.intents());
    java.util.Set<String> expected =
        answered.containsAll(catalogue.answerableIntents()) ? java.util.Set.of() : answered;
    return new MatchContext(lang, today, expected, n.phrases());
  }

  private boolean hasEntry(Node ask) {
    return track.keysAt(ask).keySet().stream().anyMatch(Track.KEY_ENTRIES::containsKey);
  }

  /**
   * The caller's date (the {@code today} variable) for keyed dates; null when the account gave none
   * (no clock here).
   */
  private LocalDate today() {
    Object t = vars.get("today");
    if (t instanceof LocalDate d) return d;
    try {
      return t == null ? null : LocalDate.parse(String.valueOf(t).trim());
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  /** Takes one caller turn and returns what the bot says next. */
  public BotTurn take(CallerTurn in) {
    if (!started) throw new IllegalStateException("call start() first");
    if (ended) throw new IllegalStateException("conversation has ended");
    Node ask = track.node(current);
    List<Spoken> spoken = new ArrayList<>();
    String intent;
    Map<String, String> entities = new LinkedHashMap<>();
    java.util.Set<String> unsure =
        in instanceof CallerTurn.Heard h ? h.unsure() : java.util.Set.of();
    if (in instanceof CallerTurn.Silence) {
      miss(ask, spoken);
      return turn(spoken, null, entities);
    } else if (in instanceof CallerTurn.Keys k) {
      lastCallerText = "[keys " + k.digits() + "]";
      // '#' ends a typed entry: "9#" at a months question is nine months, a lone 9 (after a pause)
      // is "stop calling".
      boolean typed = k.digits().endsWith("#");
      String digits = k.digits().replace("#", "");
      // A single key with a meaning here (9 = stop, 0 = a person) is that answer, not a unit
      // number.
      boolean keyAnswer = digits.length() == 1 && track.keysAt(ask).containsKey(digits);
      if (ask.verify() != null && !keyAnswer && !digits.isEmpty()) {
        verify(ask, digits, spoken);
        return turn(spoken, null, Map.of("digits", digits));
      }
      intent = keyAnswer && !(typed && hasEntry(ask)) ? track.keysAt(ask).get(digits) : null;
      if (intent == null) {
        // Digits typed as an answer (a date, a number of months) where the question offers a keypad
        // entry.
        for (var e : track.keysAt(ask).entrySet()) {
          String entity = Track.KEY_ENTRIES.get(e.getKey());
          var value =
              entity == null
                  ? java.util.Optional.<String>empty()
                  : KeyEntry.read(entity, digits, today());
          if (value.isPresent()) {
            entities.put(entity, value.get());
            intent = e.getValue();
            break;
          }
        }
      }
    } else {
      IntentMatch m = ((CallerTurn.Heard) in).match();
      lastCallerText = m.text();
      entities.putAll(m.entities());
      String digits = digitsIn(m.text());
      if (ask.verify() != null && !digits.isEmpty()) {
        verify(ask, digits, spoken);
        return turn(spoken, m.intent(), Map.of("digits", digits));
      }
      intent = m.intent();
    }
    Map<String, String> transitions = track.transitions(ask);
    String target = intent == null ? null : transitions.get(intent);
    if (target == null) {
      miss(ask, spoken);
      return turn(spoken, intent, entities);
    }
    if (!ask.on().containsKey(intent)
        && !target.equals(Track.REPEAT)
        && objections.merge(ask.id() + "/" + intent, 1, Integer::sum) > MAX_SAME_OBJECTION) {
      // The same objection answered twice already at this question: a third answer would loop;
      // close politely.
      walk(ask.fallback(), spoken);
      return turn(spoken, intent, entities);
    }
    capture(ask, intent, entities, unsure);
    if (target.equals(Track.REPEAT)) {
      speak(ask, spoken);
      return turn(spoken, intent, entities);
    }
    if (target.equals(Track.RETURN)) {
      target = returnTo != null ? returnTo : current;
    } else if (!ask.on().containsKey(intent)) {
      // An answer from the shared handler set interrupts this question; @return comes back to it.
      returnTo = current;
    }
    walk(target, spoken);
    return turn(spoken, intent, entities);
  }

  /** No usable answer: reprompt up to the question's limit, then take its fallback. */
  private void miss(Node ask, List<Spoken> spoken) {
    int n = misses.merge(ask.id(), 1, Integer::sum);
    if (n > ask.maxReprompts()) {
      walk(ask.fallback(), spoken);
    } else if (ask.reprompt() != null) {
      say(ask, ask.reprompt(), spoken);
    } else {
      speak(ask, spoken);
    }
  }

  private void verify(Node ask, String digits, List<Spoken> spoken) {
    Object expected = vars.get(ask.verify());
    String want = expected == null ? "" : digitsIn(String.valueOf(expected));
    // The whole unit code's digits, or at least its room number (the last 3+ digits): callers say
    // "1203" for unit B02-1203. Extra digits said before it ("building 2, 1203") are tolerated.
    boolean ok =
        !want.isEmpty()
            && (digits.endsWith(want) || (digits.length() >= 3 && want.endsWith(digits)));
    walk(ask.on().get(ok ? "verified" : "failed"), spoken);
  }

  /**
   * Stores the entities the question captures. A money or date value whose words were heard unsure
   * sets {@value #READBACK} so the track can read it back before recording it as a promise.
   */
  private void capture(
      Node ask, String intent, Map<String, String> entities, java.util.Set<String> unsure) {
    Map<String, String> captures = track.capturesFor(ask, intent);
    for (var c : captures.entrySet()) {
      String raw = entities.get(c.getKey());
      if (raw == null || raw.isBlank()) continue;
      try {
        Object value =
            switch (catalogue.variables().getOrDefault(c.getValue(), VariableKind.TEXT)) {
              case MONEY -> new BigDecimal(raw.trim());
              case DATE -> LocalDate.parse(raw.trim());
              case NUMBER -> Integer.parseInt(raw.trim());
              case TEXT -> raw;
            };
        vars.put(c.getValue(), value);
        if (unsure.contains(c.getKey())
            && (value instanceof BigDecimal || value instanceof LocalDate))
          vars.put(READBACK, "yes");
      } catch (RuntimeException e) {
        log.warn(
            "track {} node {}: entity {}='{}' is not a valid {} and was not captured",
            track.id(),
            ask.id(),
            c.getKey(),
            raw,
            c.getValue());
      }
    }
    if (captures.containsValue("plan_months")) derive();
  }

  /**
   * A set value "{name}" copies that variable (or clears it when it has none); anything else is
   * taken as written.
   */
  private void assign(String name, String value) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("^\\{([a-z_][a-z0-9_]*)}$").matcher(value.trim());
    Object v = m.matches() ? vars.get(m.group(1)) : value;
    if (v == null) vars.remove(name);
    else vars.put(name, v);
  }

  /**
   * The monthly instalment follows from the balance and the number of months, rounded up to the
   * cent. When the account carries the plan rules' offer ({@code plan_max_months}, {@code
   * plan_down_payment}), a longer plan than allowed is cut to the longest ({@code plan_capped} says
   * so, for the track to tell the caller), the down payment comes off first, and {@code
   * plan_first_due} is a month from today.
   */
  private void derive() {
    Object months = vars.get("plan_months");
    Object due = vars.get("amount_due");
    if (months == null || due == null || String.valueOf(months).isBlank()) return;
    try {
      int n = Integer.parseInt(String.valueOf(months).trim());
      Object max = vars.get("plan_max_months");
      if (max != null && !String.valueOf(max).isBlank()) {
        int longest = Integer.parseInt(String.valueOf(max).trim());
        if (n > longest && longest > 0) {
          n = longest;
          vars.put("plan_months", n);
          vars.put("plan_capped", "yes");
        }
      }
      Object down = vars.get("plan_down_payment");
      BigDecimal first =
          down == null || String.valueOf(down).isBlank()
              ? BigDecimal.ZERO
              : new BigDecimal(String.valueOf(down).trim());
      BigDecimal rest = new BigDecimal(String.valueOf(due).trim()).subtract(first);
      if (n > 0) vars.put("plan_monthly", rest.divide(BigDecimal.valueOf(n), 2, RoundingMode.UP));
      Object today = vars.get("today");
      if (first.signum() > 0 && today != null)
        vars.put("plan_first_due", ((LocalDate) asDate(today)).plusMonths(1));
    } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
      log.warn("track {}: plan_months '{}' is not a number", track.id(), months);
    }
  }

  /**
   * Enters {@code target} and keeps going through non-waiting nodes until a question or the end.
   */
  private void walk(String target, List<Spoken> spoken) {
    for (int step = 0; step < MAX_STEPS_PER_TURN; step++) {
      if (target.equals(Track.RETURN)) target = returnTo != null ? returnTo : track.start();
      if (target.equals(Track.REPEAT)) target = current;
      Node n = track.node(target);
      current = n.id();
      path.add(n.id());
      misses.remove(n.id());
      if (n.id().equals(returnTo) && n.type() == NodeType.ASK) returnTo = null;
      n.set().forEach(this::assign);
      if (n.set().containsKey("plan_months")) derive();
      record(n.outcome());
      switch (n.type()) {
        case SAY, SET -> {
          speak(n, spoken);
          target = n.next();
        }
        case BRANCH -> target = branch(n);
        case ASK -> {
          speak(n, spoken);
          return;
        }
        case END, HANDOFF -> {
          speak(n, spoken);
          if (n.type() == NodeType.HANDOFF) {
            handoff = true;
            if (disposition == null) disposition = "HANDOFF";
          }
          ended = true;
          return;
        }
      }
    }
    log.error(
        "track {}/{} loops without a question from node {}; ending the call",
        track.id(),
        lang,
        current);
    disposition = disposition == null ? "NO_RESPONSE" : disposition;
    ended = true;
  }

  private String branch(Node n) {
    for (Branch b : n.branches()) {
      Object v = vars.get(b.variable());
      boolean has = v != null && !String.valueOf(v).isBlank();
      boolean hit =
          b.equals() != null
              ? (has && String.valueOf(v).equals(b.equals())) == b.present()
              : has == b.present();
      if (hit) return b.target();
    }
    return n.otherwise();
  }

  private void record(OutcomeSpec o) {
    if (o.disposition() != null) disposition = o.disposition();
    if (o.promise()) promiseMade = true;
    if (o.plan()) planMade = true;
    if (o.optOut() != null) optOut = o.optOut();
    if (o.hold() != null) hold = o.hold();
    if (o.handoff()) handoff = true;
    if (o.complaint() && lastCallerText != null) complaint = lastCallerText;
  }

  private void speak(Node n, List<Spoken> spoken) {
    for (Prompt p : n.prompts()) say(n, p, spoken);
  }

  private void say(Node n, Prompt p, List<Spoken> spoken) {
    Variant v = choose(p);
    PromptRenderer.Rendered r = renderer.render(v.text(), vars);
    if (r.text() != null) {
      spoken.add(new Spoken(n.id(), p.id(), v.name(), r.text(), p.interruptible(), false));
      return;
    }
    String fallback =
        p.fallback() != null ? p.fallback() : catalogue.safeFallback().getOrDefault(lang, "");
    log.warn(
        "track {}/{} prompt {}: no value for {}; spoke the fallback sentence",
        track.id(),
        lang,
        p.id(),
        r.missing());
    spoken.add(new Spoken(n.id(), p.id(), v.name(), fallback, p.interruptible(), true));
  }

  /**
   * Picks a prompt's variant by its weights once per conversation, so a caller hears one wording
   * throughout.
   */
  private Variant choose(Prompt p) {
    if (p.variants().size() == 1) return p.variants().get(0);
    if (preferredVariant != null) {
      for (Variant v : p.variants()) {
        if (v.name().equals(preferredVariant)) {
          variantByPrompt.put(p.id(), v.name());
          return v;
        }
      }
    }
    String name = variantByPrompt.computeIfAbsent(p.id(), id -> drawn(p, seed).name());
    return p.variants().stream()
        .filter(v -> v.name().equals(name))
        .findFirst()
        .orElse(p.variants().get(0));
  }

  /**
   * The variant of {@code p} that a conversation with {@code seed} speaks, drawn by the variants'
   * weights from the seed and the prompt's id alone: not from the order prompts come in, so the
   * call's own wording is known before the call (rendering ahead renders only it) and a turn taken
   * back draws nothing twice.
   */
  public static Variant drawn(Prompt p, long seed) {
    if (p.variants().size() == 1) return p.variants().get(0);
    int total = p.variants().stream().mapToInt(Variant::weight).sum();
    int pick = new java.util.SplittableRandom(seed * 31 + p.id().hashCode()).nextInt(total);
    for (Variant v : p.variants()) {
      pick -= v.weight();
      if (pick < 0) return v;
    }
    return p.variants().get(0);
  }

  /**
   * Speaks the variant named {@code name} wherever a prompt has one (others still draw by weight),
   * so a script writer can hear one wording; null restores the weighted draw. Call before {@link
   * #start()}.
   */
  public void preferVariant(String name) {
    this.preferredVariant = name;
  }

  /** The nodes entered so far, in order, including say/set/branch nodes that wait for nothing. */
  public List<String> path() {
    return List.copyOf(path);
  }

  /** The variants this conversation has drawn so far, prompt id → variant name. */
  public Map<String, String> variants() {
    return Map.copyOf(variantByPrompt);
  }

  public Outcome outcome() {
    Outcome.PromiseToPay promise = null;
    if (promiseMade) {
      Object amount = vars.getOrDefault("promise_amount", vars.get("amount_due"));
      promise =
          new Outcome.PromiseToPay(
              (LocalDate) asDate(vars.get("promise_date")),
              amount == null
                  ? null
                  : new BigDecimal(String.valueOf(amount)).setScale(2, RoundingMode.HALF_UP));
    }
    Outcome.Plan plan = null;
    if (planMade && vars.get("plan_months") != null) {
      Object monthly = vars.get("plan_monthly");
      Object down = vars.get("plan_down_payment");
      plan =
          new Outcome.Plan(
              Integer.parseInt(String.valueOf(vars.get("plan_months"))),
              monthly == null ? null : new BigDecimal(String.valueOf(monthly)),
              down == null || String.valueOf(down).isBlank()
                  ? null
                  : new BigDecimal(String.valueOf(down).trim()));
    }
    return new Outcome(
        disposition,
        promise,
        plan,
        optOut,
        hold,
        handoff,
        complaint == null ? null : new Outcome.Complaint(complaint));
  }

  private static Object asDate(Object v) {
    if (v == null || v instanceof LocalDate) return v;
    return LocalDate.parse(String.valueOf(v));
  }

  private BotTurn turn(List<Spoken> spoken, String intent, Map<String, String> entities) {
    return new BotTurn(
        current, spoken, intent, entities, ended, outcome(), track.id(), track.version());
  }

  /**
   * The digits in an answer: numerals, Chinese digits (一二零三 → 1203), and English number words as
   * ASR writes them ("one two zero three", "twelve oh three": {@link
   * com.duesline.intent.EnglishNumbers#readOutDigits}).
   */
  public static String digitsIn(String text) {
    StringBuilder sb = new StringBuilder();
    List<String> english = new ArrayList<>();
    for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[\\s,.-]+")) {
      if (word.chars().allMatch(Character::isLetter) && word.chars().allMatch(c -> c < 128)) {
        english.add(word);
        continue;
      }
      sb.append(com.duesline.intent.EnglishNumbers.readOutDigits(english));
      english.clear();
      for (char c : word.toCharArray()) {
        if (c >= '0' && c <= '9') sb.append(c);
        else {
          int i = "零一二三四五六七八九".indexOf(c);
          if (i >= 0) sb.append((char) ('0' + i));
          else if (c == '〇' || c == '洞') sb.append('0');
          else if (c == '幺') sb.append('1');
        }
      }
    }
    sb.append(com.duesline.intent.EnglishNumbers.readOutDigits(english));
    return sb.toString();
  }
}
