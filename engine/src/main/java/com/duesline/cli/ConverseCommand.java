package com.duesline.cli;

import com.duesline.conversation.AccountVariables;
import com.duesline.conversation.BotTurn;
import com.duesline.conversation.CallerTurn;
import com.duesline.conversation.Conversation;
import com.duesline.conversation.Outcome;
import com.duesline.conversation.OutcomeJson;
import com.duesline.conversation.SharedClassifier;
import com.duesline.scripts.TrackLibrary;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code duesline converse}: a text conversation with a talk track. Caller turns on stdin (one per
 * line, empty = silence, "#123" = keys), one JSON line per bot turn, then the outcome.
 */
@Command(
    name = "converse",
    description =
        "Talk to a track in text: stdin lines are caller turns (empty line = silence, #digits = keypad); prints one JSON line per bot turn, then {\"outcome\": ...}.",
    mixinStandardHelpOptions = true)
public final class ConverseCommand implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(
      names = "--track",
      required = true,
      description = "Track id: pre_due, early, mid, late, promise_followup, plan_checkin.")
  String track;

  @Option(names = "--lang", defaultValue = "en", description = "en or zh (default en).")
  String lang;

  @Option(
      names = "--account-json",
      description =
          "A JSON file of the account's variables (first_name, amount_due, due_date, unit_number ...). Default: tracks/sample_account.json of the library.")
  Path accountJson;

  @Option(
      names = "--account",
      paramLabel = "UNIT",
      description =
          "A unit from the store (e.g. B03-1204); its balance, age and owner come from the ledger.")
  String accountUnit;

  @Option(names = "--library", description = "Library directory (default as for scripts lint).")
  Path libraryDir;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "Chooses the A/B variants (default 1).")
  long seed;

  @Option(names = "--today", description = "The caller's local date, yyyy-MM-dd (default: today).")
  LocalDate today;

  @Option(
      names = "--verbose",
      description =
          "Add prompt ids, variants, interruptible flags and the track version to each turn.")
  boolean verbose;

  @Override
  public Integer call() throws IOException {
    if (!TrackLibrary.LANGS.contains(lang))
      throw new InputRejectedException("--lang: '" + lang + "' is not supported (en, zh)");
    Path root = ScriptsCommand.library(libraryDir, common);
    TrackLibrary lib = TrackLibrary.load(root);
    if (!lib.tracks().containsKey(TrackLibrary.key(track, lang))) {
      List<String> problems = new ArrayList<>();
      problems.add(
          "--track: no track '"
              + track
              + "' in "
              + lang
              + " under "
              + root
              + " (have: "
              + String.join(", ", lib.tracks().keySet())
              + ")");
      lib.problems().forEach(p -> problems.add(p.toString()));
      throw new InputRejectedException(problems);
    }
    if (accountUnit != null && accountJson != null)
      throw new InputRejectedException("give either --account or --account-json, not both");
    LocalDate date = today != null ? today : LocalDate.now();
    Map<String, Object> facts;
    if (accountUnit != null) {
      facts = fromStore(accountUnit, date);
    } else {
      Path accountFile =
          accountJson != null ? accountJson : root.resolve("tracks").resolve("sample_account.json");
      facts = readAccount(accountFile, date);
    }
    Conversation c = new Conversation(lib.track(track, lang), lib.catalogue(), facts, seed);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    print(out, c.start());
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while (!c.ended() && (line = in.readLine()) != null) {
      String text = line.strip();
      CallerTurn turn;
      if (text.isEmpty()) turn = CallerTurn.silence();
      else if (text.matches("#[0-9*#]+")) turn = new CallerTurn.Keys(text.substring(1));
      else turn = new CallerTurn.Heard(SharedClassifier.get().classify(text, c.matchContext(date)));
      print(out, c.take(turn));
    }
    out.println(new JsonObject().put("outcome", outcomeJson(c.outcome())).encode());
    return ExitCodes.OK;
  }

  /**
   * The outcome exactly as the issue specifies it (the complaint ticket travels in the engine's
   * Outcome).
   */
  static JsonObject outcomeJson(Outcome o) {
    JsonObject j = OutcomeJson.of(o);
    j.remove("complaint");
    return j;
  }

  private void print(PrintStream out, BotTurn t) {
    JsonObject j =
        new JsonObject()
            .put("node", t.node())
            .put("say", t.say())
            .put("intent", t.intent())
            .put("entities", new JsonObject(Map.copyOf(t.entities())));
    if (verbose) {
      j.put(
          "prompts",
          new io.vertx.core.json.JsonArray(
              t.spoken().stream()
                  .map(
                      s ->
                          new JsonObject()
                              .put("node", s.node())
                              .put("prompt", s.promptId())
                              .put("variant", s.variant())
                              .put("interruptible", s.interruptible())
                              .put("fallback", s.fallbackUsed()))
                  .toList()));
      j.put("track_version", t.trackVersion());
    }
    out.println(j.encode());
  }

  private Map<String, Object> fromStore(String unit, LocalDate date) {
    var config = common.config();
    try (com.duesline.store.Database db = com.duesline.store.Database.open(config)) {
      var view =
          new com.duesline.ledger.ArrearsQuery(db)
              .unit(unit, date)
              .orElseThrow(
                  () ->
                      new InputRejectedException(
                          "--account: no unit '"
                              + unit
                              + "' in the store (see `duesline accounts`)"));
      return AccountVariables.fromLedger(view, config, lang);
    }
  }

  private static Map<String, Object> readAccount(Path file, LocalDate today) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputRejectedException(
          "--account-json: cannot read " + file + ": " + e.getMessage());
    }
    JsonObject json;
    try {
      json = new JsonObject(text);
    } catch (DecodeException e) {
      throw new InputRejectedException(file + ": not valid JSON: " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    Map<String, Object> facts = AccountVariables.fromJson(json, today, problems);
    if (!problems.isEmpty())
      throw new InputRejectedException(problems.stream().map(p -> file + ": " + p).toList());
    return facts;
  }
}
