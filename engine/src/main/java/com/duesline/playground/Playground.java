package com.duesline.playground;

import com.duesline.call.CallEvent.Heard;
import com.duesline.call.UtteranceHearing;
import com.duesline.cli.InputRejectedException;
import com.duesline.conversation.AccountVariables;
import com.duesline.conversation.BotTurn;
import com.duesline.conversation.CallerTurn;
import com.duesline.conversation.Conversation;
import com.duesline.conversation.OutcomeJson;
import com.duesline.conversation.PromptRenderer;
import com.duesline.conversation.Spoken;
import com.duesline.conversation.StoryRunner;
import com.duesline.intent.Explanation;
import com.duesline.intent.IntentMatch;
import com.duesline.intent.LuceneIntentClassifier;
import com.duesline.scripts.Catalogue;
import com.duesline.scripts.Linter;
import com.duesline.scripts.Node;
import com.duesline.scripts.Problem;
import com.duesline.scripts.Prompt;
import com.duesline.scripts.Story;
import com.duesline.scripts.StoryFile;
import com.duesline.scripts.Track;
import com.duesline.scripts.TrackLibrary;
import com.duesline.scripts.TrackRepository;
import com.duesline.scripts.Variant;
import com.duesline.speech.AudioFormatKind;
import com.duesline.speech.PromptCache;
import com.duesline.telephony.audio.MuLaw;
import com.duesline.telephony.audio.Wav;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The script playground's work, behind {@link PlaygroundRoutes}: a script writer chats with a talk
 * track as the caller (typed, keyed, silent, or spoken and recognised by Vosk), sees why each
 * answer was matched (the {@code intents explain} view), hears any bot line as the phone line
 * carries it, lints the track and runs its conversation tests. Every method is blocking
 * (classification, Vosk, MaryTTS, file reads): call it from a worker, never an event loop.
 */
public final class Playground {
  /**
   * Languages the speech models hear and speak: the Maven Central Vosk model and MaryTTS voice are
   * English.
   */
  public static final Set<String> SPEECH_LANGS = Set.of("en");

  /** A caller turn longer than this is not a turn (the classifier reads only so much). */
  static final int MAX_TEXT = 1000;

  /** Nearest indexed examples shown per turn. */
  static final int NEAREST = 8;

  /** Runner-up intents shown per turn (the vote table). */
  static final int VOTES = 6;

  private static final SecureRandom SEEDS = new SecureRandom();

  private final LuceneIntentClassifier classifier;
  private final TrackRepository tracks;
  private final PromptCache prompts;
  private final UtteranceHearing hearing;
  private final PlaygroundSessions sessions;

  /**
   * @param classifier the engine's intent matcher (the Lucene one: the playground shows its
   *     explanation)
   * @param tracks the served tracks; lint and tests read the files under its library root afresh
   * @param prompts the prompt cache the live calls speak from
   * @param hearing how a live call hears an answer (the spoken turns go through it)
   */
  public Playground(
      LuceneIntentClassifier classifier,
      TrackRepository tracks,
      PromptCache prompts,
      UtteranceHearing hearing,
      PlaygroundSessions sessions) {
    this.classifier = Objects.requireNonNull(classifier);
    this.tracks = Objects.requireNonNull(tracks);
    this.prompts = Objects.requireNonNull(prompts);
    this.hearing = Objects.requireNonNull(hearing);
    this.sessions = Objects.requireNonNull(sessions);
  }

  public PlaygroundSessions sessions() {
    return sessions;
  }

  /**
   * What the page offers: every track with its languages and A/B variants, and the sample account.
   */
  public JsonObject catalogue() {
    TrackLibrary lib = tracks.library();
    Map<String, JsonObject> byId = new TreeMap<>();
    for (Track t : lib.tracks().values()) {
      JsonObject entry =
          byId.computeIfAbsent(
              t.id(), id -> new JsonObject().put("id", id).put("langs", new JsonObject()));
      entry
          .getJsonObject("langs")
          .put(
              t.lang(),
              new JsonObject()
                  .put("file", t.file())
                  .put("version", t.version())
                  .put("variants", new JsonArray(List.copyOf(variants(t)))));
    }
    return new JsonObject()
        .put("tracks", new JsonArray(List.copyOf(byId.values())))
        .put("langs", new JsonArray(TrackLibrary.LANGS))
        .put("speech_langs", new JsonArray(List.copyOf(new TreeSet<>(SPEECH_LANGS))))
        .put("account", sampleAccount())
        .put("idle_minutes", sessions.idle().toMinutes());
  }

  /**
   * Starts a session: {@code {"track", "lang"?, "variant"?, "account"?, "today"?, "seed"?}}. The
   * account's fields overlay the library's sample account ({@code null} removes one); the library
   * is re-read first, so the writer's last saved edit is what answers (an edit that does not lint
   * is refused, and the response lists why).
   */
  public JsonObject start(JsonObject body) {
    List<String> problems = new ArrayList<>();
    String trackId = string(body, "track", problems);
    String lang = body.containsKey("lang") ? string(body, "lang", problems) : "en";
    if (!problems.isEmpty()) throw new InputRejectedException(problems);
    TrackRepository.Reload reload = tracks.refresh();
    TrackLibrary lib = tracks.library();
    Track track = track(lib, trackId, lang);
    String variant =
        body.getValue("variant") == null ? null : String.valueOf(body.getValue("variant")).strip();
    if (variant != null && variant.isEmpty()) variant = null;
    Set<String> variants = variants(track);
    if (variant != null && !variants.contains(variant)) {
      problems.add(
          "variant: track '"
              + trackId
              + "' ("
              + lang
              + ") has no variant '"
              + variant
              + "'"
              + (variants.isEmpty()
                  ? " (it has no A/B prompts)"
                  : " (have: " + String.join(", ", variants) + ")"));
    }
    JsonObject accountJson = sampleAccount();
    Object given = body.getValue("account");
    if (given != null && !(given instanceof JsonObject))
      problems.add("account: expected an object of variables, got " + given);
    else if (given != null)
      ((JsonObject) given).forEach(e -> accountJson.put(e.getKey(), e.getValue()));
    LocalDate today = null;
    Object todayValue =
        body.getValue("today") != null ? body.getValue("today") : accountJson.getValue("today");
    if (todayValue != null) {
      try {
        today = LocalDate.parse(String.valueOf(todayValue));
      } catch (DateTimeParseException e) {
        problems.add("today: '" + todayValue + "' is not a date (yyyy-MM-dd)");
      }
    }
    if (today == null) today = LocalDate.now();
    // Within 2^53 so the page's JavaScript numbers carry it exactly (a writer may replay a draw
    // with it).
    long seed = SEEDS.nextLong() & ((1L << 53) - 1);
    if (body.getValue("seed") != null) {
      try {
        seed = Long.parseLong(String.valueOf(body.getValue("seed")));
      } catch (NumberFormatException e) {
        problems.add("seed: '" + body.getValue("seed") + "' is not a whole number");
      }
    }
    List<String> accountProblems = new ArrayList<>();
    accountJson.put("today", today.toString());
    Map<String, Object> facts = AccountVariables.fromJson(accountJson, today, accountProblems);
    accountProblems.forEach(
        p -> problems.add("account." + p.replaceFirst("^field '([^']+)': ", "$1: ")));
    for (String name : facts.keySet()) {
      if (!lib.catalogue().variables().containsKey(name)) {
        problems.add(
            "account."
                + name
                + ": not a variable in tracks/catalogue.yaml (declare it there first)");
      }
    }
    if (!problems.isEmpty()) throw new InputRejectedException(problems);
    final LocalDate date = today;
    final long callSeed = seed;
    final String chosen = variant;
    PlaygroundSession s =
        sessions.add(
            id -> new PlaygroundSession(id, track, lib.catalogue(), chosen, facts, date, callSeed));
    JsonObject view;
    synchronized (s) {
      BotTurn first = s.conversation().start();
      view = turn(s, new JsonObject().put("kind", "start"), first, null, 0);
    }
    JsonArray refused = new JsonArray();
    reload.refused().stream()
        .filter(p -> concerns(p, track))
        .forEach(p -> refused.add(problemJson(p)));
    return new JsonObject()
        .put("session", s.id())
        .put("track", track.id())
        .put("lang", track.lang())
        .put("version", track.version())
        .put("file", track.file())
        .put("variant", chosen)
        .put("seed", callSeed)
        .put("today", date.toString())
        .put("idle_minutes", sessions.idle().toMinutes())
        .put("reload_refused", refused)
        .put("turn", view);
  }

  /** The session's turns so far. */
  public JsonObject state(String id) {
    PlaygroundSession s = sessions.get(id);
    synchronized (s) {
      return new JsonObject()
          .put("session", s.id())
          .put("track", s.track().id())
          .put("lang", s.track().lang())
          .put("variant", s.variant())
          .put("today", s.today().toString())
          .put("ended", s.conversation().ended())
          .put("turns", new JsonArray(new ArrayList<>(s.turns())));
    }
  }

  /** Ends a session now. */
  public boolean close(String id) {
    return sessions.remove(id);
  }

  /** A typed caller turn: classified with its explanation, then taken by the conversation. */
  public JsonObject say(String id, String text) {
    return heard(id, text, new JsonObject().put("kind", "typed").put("text", text));
  }

  /** Keypad digits ({@code 0-9 * #}). */
  public JsonObject keys(String id, String digits) {
    if (digits == null || !digits.matches("[0-9*#]{1,20}")) {
      throw new InputRejectedException(
          "digits: expected 1 to 20 keys of 0-9 * #, got '" + (digits == null ? "" : digits) + "'");
    }
    PlaygroundSession s = sessions.get(id);
    synchronized (s) {
      open(s);
      int from = s.conversation().path().size();
      BotTurn t = s.conversation().take(new CallerTurn.Keys(digits));
      return turn(s, new JsonObject().put("kind", "keys").put("text", digits), t, null, from);
    }
  }

  /** The caller says nothing (the silence timeout passed). */
  public JsonObject silence(String id) {
    PlaygroundSession s = sessions.get(id);
    synchronized (s) {
      open(s);
      int from = s.conversation().path().size();
      BotTurn t = s.conversation().take(CallerTurn.silence());
      return turn(s, new JsonObject().put("kind", "silence"), t, null, from);
    }
  }

  /**
   * Spoken audio, heard as a live call hears it at the open question (the phone line, voice
   * activity, recognition with the question's grammar, understanding: {@link UtteranceHearing}) and
   * taken as that call would take it; the explanation shows why the words matched.
   */
  public JsonObject hear(String id, PcmAudio audio) {
    PlaygroundSession s = sessions.get(id);
    String lang = s.track().lang();
    if (!hearing.hears(lang)) {
      throw new InputRejectedException(
          "lang: no speech recognition for '"
              + lang
              + "': no recognizer is installed for it (speech.models."
              + lang
              + "); type or use keys instead");
    }
    synchronized (s) {
      open(s);
      Conversation c = s.conversation();
      UtteranceHearing.Answer answer =
          heardIn(s, audio)
              .orElseThrow(
                  () ->
                      new InputRejectedException(
                          String.format(
                              Locale.ROOT,
                              "audio: no words recognised in %.1f s of audio at %d Hz (peak %.1f dBFS); speak closer to the microphone, or type",
                              audio.seconds(),
                              audio.rate(),
                              audio.peakDbfs())));
      Heard h = answer.heard();
      JsonObject caller =
          new JsonObject()
              .put("kind", "spoken")
              .put("text", h.text())
              .put("asr", asrJson(h, answer, audio));
      Explanation why = classifier.explain(h.text(), c.matchContext(s.today()), NEAREST);
      if (!why.match().intent().equals(h.match().intent())) why = withMatch(why, h.match());
      int from = c.path().size();
      BotTurn t = c.take(answer.turn());
      return turn(s, caller, t, why, from);
    }
  }

  private Optional<UtteranceHearing.Answer> heardIn(PlaygroundSession s, PcmAudio audio) {
    try {
      return hearing.hear(s.conversation(), s.today(), audio.samples(), audio.rate());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while hearing the audio", e);
    }
  }

  /**
   * What recognition made of the audio: words with times and confidence, the grammar listened with,
   * whether it was trusted.
   */
  private JsonObject asrJson(Heard h, UtteranceHearing.Answer answer, PcmAudio audio) {
    var result = h.spoken().result();
    JsonArray words = new JsonArray();
    result
        .words()
        .forEach(
            w ->
                words.add(
                    new JsonObject()
                        .put("word", w.word())
                        .put("start", w.start())
                        .put("end", w.end())
                        .put("conf", w.conf())));
    return new JsonObject()
        .put("text", h.text())
        .put("words", words)
        .put("audio_s", Math.round(audio.seconds() * 1000) / 1000.0)
        .put("rate", audio.rate())
        .put("grammar", answer.hints() == null ? null : new JsonArray(answer.hints().phrases()))
        .put("from_grammar", result.fromHints())
        .put("utterances", answer.utterances())
        .put("confidence", round(result.confidence()))
        .put("asr_ms", round(h.spoken().asrMs()));
  }

  /**
   * The explanation of the words, with the match the call's understanding made of them (e.g. not
   * understood when poorly heard).
   */
  private static Explanation withMatch(Explanation why, IntentMatch match) {
    return new Explanation(
        match,
        why.threshold(),
        why.endingThreshold(),
        why.fusion(),
        why.words(),
        why.votes(),
        why.nearest(),
        why.semanticNearest());
  }

  /**
   * Bot line {@code index} of the session as the caller hears it: MaryTTS → 8 kHz G.711 µ-law →
   * decoded, as a PCM WAV.
   */
  public byte[] lineWav(String id, int index) {
    PlaygroundSession s = sessions.get(id);
    Spoken line = s.line(index);
    if (line == null)
      throw new InputRejectedException("line: this session has no bot line " + index);
    speechAvailable(s.track().lang(), "speech synthesis");
    return telephoneWav(line.text());
  }

  /**
   * Any text as the caller hears it (8 kHz, through the µ-law codec and back), as a 16-bit PCM WAV.
   */
  public byte[] telephoneWav(String text) {
    byte[] mulaw = prompts.get(text, "", AudioFormatKind.MULAW8K).data();
    return Wav.pcm16(MuLaw.decode(mulaw), AudioFormatKind.MULAW8K.sampleRate());
  }

  /**
   * Lint findings (file:line:column) for the track's files as they are on disk now, its includes,
   * the catalogue and its stories.
   */
  public JsonObject lint(String trackId, String lang) {
    Path root = root();
    TrackLibrary fresh = TrackLibrary.load(root);
    Set<String> files = trackFiles(fresh, trackId, lang);
    List<Problem> storyProblems = new ArrayList<>();
    List<Story> stories = storiesOf(StoryFile.loadAll(root, storyProblems), trackId, lang);
    stories.forEach(st -> files.add(st.file()));
    List<Problem> all = new ArrayList<>(Linter.lint(fresh));
    all.addAll(storyProblems);
    all.addAll(Linter.lintStories(fresh, stories));
    JsonArray findings = new JsonArray();
    int errors = 0;
    int warnings = 0;
    for (Problem p : new LinkedHashSet<>(all)) {
      if (!files.contains(p.file()) && !p.file().endsWith("catalogue.yaml")) continue;
      findings.add(problemJson(p));
      if (p.severity() == Problem.Severity.ERROR) errors++;
      else warnings++;
    }
    return new JsonObject()
        .put("track", trackId)
        .put("lang", lang)
        .put("files", new JsonArray(List.copyOf(files)))
        .put("errors", errors)
        .put("warnings", warnings)
        .put("findings", findings);
  }

  /**
   * Runs the track's conversation tests (stories) from the files on disk with the real classifier;
   * the first difference per story.
   */
  public JsonObject stories(String trackId, String lang) {
    Path root = root();
    TrackLibrary fresh = TrackLibrary.load(root);
    trackFiles(fresh, trackId, lang);
    List<Problem> problems = new ArrayList<>();
    List<Story> stories = storiesOf(StoryFile.loadAll(root, problems), trackId, lang);
    StoryRunner runner = new StoryRunner(fresh, classifier);
    JsonArray results = new JsonArray();
    int passed = 0;
    for (Story st : stories) {
      StoryRunner.Result r = runner.run(st);
      if (r.passed()) passed++;
      results.add(
          new JsonObject()
              .put("name", st.name())
              .put("file", st.file())
              .put("line", st.line())
              .put("passed", r.passed())
              .put("first_difference", r.diffs().isEmpty() ? null : r.diffs().get(0))
              .put("differences", new JsonArray(r.diffs()))
              .put("transcript", new JsonArray(r.transcript())));
    }
    JsonArray fileProblems = new JsonArray();
    String storyDir = "tracks/stories/" + lang + "/";
    problems.stream()
        .filter(p -> p.file().replace('\\', '/').startsWith(storyDir))
        .forEach(p -> fileProblems.add(problemJson(p)));
    return new JsonObject()
        .put("track", trackId)
        .put("lang", lang)
        .put("total", stories.size())
        .put("passed", passed)
        .put("failed", stories.size() - passed)
        .put("stories", results)
        .put("file_problems", fileProblems);
  }

  // ---- helpers ----

  private JsonObject heard(String id, String text, JsonObject caller) {
    if (text == null || text.isBlank()) {
      throw new InputRejectedException(
          "text: empty; type what the caller says (silence and keys have their own buttons)");
    }
    if (text.length() > MAX_TEXT)
      throw new InputRejectedException(
          "text: " + text.length() + " characters; a caller turn is at most " + MAX_TEXT);
    PlaygroundSession s = sessions.get(id);
    synchronized (s) {
      open(s);
      Conversation c = s.conversation();
      Explanation why = classifier.explain(text.strip(), c.matchContext(s.today()), NEAREST);
      int from = c.path().size();
      BotTurn t = c.take(new CallerTurn.Heard(why.match()));
      return turn(s, caller, t, why, from);
    }
  }

  private static void open(PlaygroundSession s) {
    if (s.conversation().ended()) {
      throw new InputRejectedException(
          "session: the call has ended at node '"
              + s.conversation().currentNode()
              + "'; start a new session");
    }
  }

  private static void speechAvailable(String lang, String what) {
    if (!SPEECH_LANGS.contains(lang)) {
      throw new InputRejectedException(
          "lang: no "
              + what
              + " for '"
              + lang
              + "': the installed speech models are English only ("
              + String.join(", ", SPEECH_LANGS)
              + "); type instead");
    }
  }

  /**
   * The view of one turn: what the caller did, the lines, the match and its explanation, the path,
   * the variables, the outcome.
   */
  private JsonObject turn(
      PlaygroundSession s, JsonObject caller, BotTurn t, Explanation why, int pathFrom) {
    int first = s.addLines(t.spoken());
    JsonArray lines = new JsonArray();
    for (int i = 0; i < t.spoken().size(); i++) {
      Spoken sp = t.spoken().get(i);
      lines.add(
          new JsonObject()
              .put("index", first + i)
              .put("node", sp.node())
              .put("prompt", sp.promptId())
              .put("variant", sp.variant())
              .put("ab", hasVariants(s.track(), sp))
              .put("text", sp.text())
              .put("interruptible", sp.interruptible())
              .put("fallback", sp.fallbackUsed()));
    }
    List<String> path = s.conversation().path();
    JsonObject view =
        new JsonObject()
            .put("n", s.turns().size())
            .put("caller", caller)
            .put("lines", lines)
            .put("node", t.node())
            .put("ended", t.ended())
            .put("intent", t.intent())
            .put("entities", new JsonObject(new TreeMap<String, Object>(t.entities())))
            .put("match", why == null ? null : explanation(why))
            .put("path", new JsonArray(path))
            .put(
                "path_added",
                new JsonArray(path.subList(Math.min(pathFrom, path.size()), path.size())))
            .put("variables", variables(s))
            .put("outcome", OutcomeJson.of(t.outcome()))
            .put("track_version", t.trackVersion());
    s.addTurn(view);
    return view;
  }

  private static JsonObject explanation(Explanation why) {
    var m = why.match();
    JsonArray alternatives = new JsonArray();
    m.alternatives()
        .forEach(
            a ->
                alternatives.add(
                    new JsonObject().put("intent", a.intent()).put("score", round(a.score()))));
    JsonArray votes = new JsonArray();
    why.votes().stream()
        .limit(VOTES)
        .forEach(
            v ->
                votes.add(
                    new JsonObject()
                        .put("intent", v.intent())
                        .put("score", round(v.score()))
                        .put("share", round(v.share()))
                        .put("coverage", round(v.coverage()))));
    JsonArray nearest = new JsonArray();
    why.nearest()
        .forEach(
            n ->
                nearest.add(
                    new JsonObject()
                        .put("intent", n.intent())
                        .put("text", n.text())
                        .put("source", n.source())
                        .put("score", round(n.score()))));
    return new JsonObject()
        .put("text", m.text())
        .put("intent", m.intent())
        .put("score", round(m.score()))
        .put("threshold", round(why.threshold()))
        .put("alternatives", alternatives)
        .put("entities", new JsonObject(new TreeMap<String, Object>(m.entities())))
        .put("words", new JsonArray(why.words()))
        .put("votes", votes)
        .put("nearest", nearest);
  }

  /**
   * Every variable with a value: as stored, as spoken, and whether it came with the account or the
   * call filled it.
   */
  private static JsonArray variables(PlaygroundSession s) {
    Catalogue cat = s.catalogue();
    PromptRenderer renderer = new PromptRenderer(cat, s.track().lang());
    JsonArray out = new JsonArray();
    for (String name : new TreeSet<>(cat.variables().keySet())) {
      Object v = s.conversation().variable(name);
      if (v == null) continue;
      String spoken;
      try {
        spoken = renderer.format(name, v);
      } catch (RuntimeException e) {
        spoken = String.valueOf(v);
      }
      Object initial = s.account().get(name);
      String origin =
          initial == null
              ? "filled"
              : String.valueOf(initial).equals(String.valueOf(v)) ? "account" : "changed";
      out.add(
          new JsonObject()
              .put("name", name)
              .put("value", String.valueOf(v))
              .put("spoken", spoken)
              .put("kind", cat.variables().get(name).name().toLowerCase(Locale.ROOT))
              .put("debt", cat.debtVariables().contains(name))
              .put("origin", origin));
    }
    return out;
  }

  private Track track(TrackLibrary lib, String trackId, String lang) {
    if (!TrackLibrary.LANGS.contains(lang)) {
      throw new InputRejectedException(
          "lang: '"
              + lang
              + "' is not a track language ("
              + String.join(", ", TrackLibrary.LANGS)
              + ")");
    }
    Track t = lib.tracks().get(TrackLibrary.key(trackId, lang));
    if (t != null) return t;
    List<String> otherLangs =
        lib.tracks().values().stream()
            .filter(x -> x.id().equals(trackId))
            .map(Track::lang)
            .sorted()
            .toList();
    if (!otherLangs.isEmpty()) {
      throw new InputRejectedException(
          "lang: track '"
              + trackId
              + "' has no "
              + lang
              + " version (have: "
              + String.join(", ", otherLangs)
              + ")");
    }
    Set<String> ids = new TreeSet<>();
    lib.tracks().values().forEach(x -> ids.add(x.id()));
    throw new InputRejectedException(
        "track: no track '" + trackId + "' in the library (have: " + String.join(", ", ids) + ")");
  }

  /**
   * The files a track is made of, from the served version and the one on disk; refuses a track
   * neither knows.
   */
  private Set<String> trackFiles(TrackLibrary fresh, String trackId, String lang) {
    if (trackId == null || trackId.isBlank()) throw new InputRejectedException("track: required");
    if (lang == null || !TrackLibrary.LANGS.contains(lang)) {
      throw new InputRejectedException(
          "lang: '"
              + lang
              + "' is not a track language ("
              + String.join(", ", TrackLibrary.LANGS)
              + ")");
    }
    Set<String> files = new LinkedHashSet<>();
    String expected = "tracks/" + lang + "/" + trackId + ".yaml";
    Track served = tracks.library().tracks().get(TrackLibrary.key(trackId, lang));
    Track onDisk = fresh.tracks().get(TrackLibrary.key(trackId, lang));
    for (Track t : new Track[] {served, onDisk}) {
      if (t == null) continue;
      files.add(t.file());
      files.addAll(t.includes());
    }
    if (files.isEmpty()) {
      if (Files.isRegularFile(root().resolve(expected))) files.add(expected);
      else track(tracks.library(), trackId, lang); // throws, naming what exists
    }
    return files;
  }

  private static List<Story> storiesOf(List<Story> all, String trackId, String lang) {
    return all.stream().filter(st -> st.track().equals(trackId) && st.lang().equals(lang)).toList();
  }

  private static boolean concerns(Problem p, Track t) {
    return p.file().equals(t.file())
        || t.includes().contains(p.file())
        || p.file().endsWith("catalogue.yaml");
  }

  private static JsonObject problemJson(Problem p) {
    return new JsonObject()
        .put("severity", p.severity().name().toLowerCase(Locale.ROOT))
        .put("file", p.file())
        .put("line", p.line())
        .put("column", p.column())
        .put("message", p.message())
        .put("text", p.toString());
  }

  /** The library directory the served tracks come from. */
  public Path root() {
    return tracks.library().root();
  }

  private JsonObject sampleAccount() {
    Path file = root().resolve("tracks").resolve("sample_account.json");
    try {
      return new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | DecodeException e) {
      // The sample is a convenience: without it the writer fills in the account by hand.
      return new JsonObject();
    }
  }

  /** Whether the prompt a line came from has more than one wording (an A/B test). */
  private static boolean hasVariants(Track t, Spoken sp) {
    Node n = t.nodes().get(sp.node());
    if (n == null) return false;
    List<Prompt> ps = new ArrayList<>(n.prompts());
    if (n.reprompt() != null) ps.add(n.reprompt());
    return ps.stream().anyMatch(p -> p.id().equals(sp.promptId()) && p.variants().size() > 1);
  }

  /** The names of a track's A/B variants (prompts with more than one wording). */
  static Set<String> variants(Track t) {
    Set<String> names = new TreeSet<>();
    for (Node n : t.nodes().values()) {
      List<Prompt> ps = new ArrayList<>(n.prompts());
      if (n.reprompt() != null) ps.add(n.reprompt());
      for (Prompt p : ps) {
        if (p.variants().size() > 1) p.variants().stream().map(Variant::name).forEach(names::add);
      }
    }
    return names;
  }

  private static String string(JsonObject body, String field, List<String> problems) {
    Object v = body.getValue(field);
    if (v == null || String.valueOf(v).isBlank()) {
      problems.add(field + ": required");
      return null;
    }
    if (!(v instanceof String s)) {
      problems.add(field + ": expected text, got " + v);
      return null;
    }
    return s.strip();
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
