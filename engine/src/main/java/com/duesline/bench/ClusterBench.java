package com.duesline.bench;

import com.duesline.carrier.CarrierSettings;
import com.duesline.cli.CommonOptions;
import com.duesline.cli.InputRejectedException;
import com.duesline.config.DueslineConfig;
import com.duesline.config.Secrets;
import com.duesline.ledger.LedgerImporter;
import com.duesline.store.Database;
import com.duesline.telephony.carrier.CallState;
import com.duesline.telephony.local.LocalCarrier;
import com.duesline.telephony.local.LocalCarrierOptions;
import com.duesline.telephony.local.PersonaLoader;
import com.duesline.telephony.local.ToneVoice;
import com.duesline.telephony.twilio.TelephonyMetrics;
import com.duesline.telephony.twilio.TwilioCarrier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code duesline bench cluster}: N engine JVMs ({@code serve --cluster}) on one PostgreSQL and one
 * local carrier run a campaign of C short calls; K nodes are killed ({@code kill -9}) mid-call and
 * P frozen ({@code SIGSTOP}) past their lease, then resumed. Prints one JSON object: what
 * completed, what was lost (a contact with no final outcome), what was doubled (a call the carrier
 * placed that no attempt accounts for, two attempts naming one call, or two final outcomes for one
 * attempt), and how many lost calls survivors settled with the carrier.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description =
        "Engine nodes on one PostgreSQL and one local carrier: kill -9 and SIGSTOP mid-call, count lost and doubled contacts.")
public final class ClusterBench implements Callable<Integer> {
  @Mixin CommonOptions common;

  @Option(names = "--nodes", description = "Engine JVMs (default ${DEFAULT-VALUE}).")
  int nodes = 3;

  @Option(
      names = "--contacts",
      description = "Contacts in the campaign, one short call each (default ${DEFAULT-VALUE}).")
  int contacts = 60;

  @Option(
      names = "--kill",
      description =
          "Nodes killed with kill -9 while they have a call in progress (default ${DEFAULT-VALUE}).")
  int kill = 1;

  @Option(
      names = "--pause",
      description =
          "Nodes frozen with SIGSTOP past their lease while they have a call in progress, then resumed (default ${DEFAULT-VALUE}).")
  int pause = 1;

  @Option(names = "--lease-seconds", description = "The dialer's lease (default ${DEFAULT-VALUE}).")
  int leaseSeconds = 8;

  @Option(
      names = "--channels",
      description = "Concurrent calls per node (default ${DEFAULT-VALUE}).")
  int channels = 6;

  @Option(
      names = "--timeout-seconds",
      description = "Give up waiting for the campaign after this long (default ${DEFAULT-VALUE}).")
  int timeoutSeconds = 900;

  @Option(
      names = "--node-heap",
      description = "Heap of each engine JVM (default ${DEFAULT-VALUE}).")
  String nodeHeap = "768m";

  @Override
  public Integer call() throws Exception {
    if (nodes < 1 || contacts < 1 || kill < 0 || pause < 0)
      throw new InputRejectedException(
          "--nodes and --contacts must be at least 1, --kill and --pause at least 0");
    if (kill + pause >= nodes)
      throw new InputRejectedException(
          "--kill "
              + kill
              + " plus --pause "
              + pause
              + " must leave at least one of --nodes "
              + nodes
              + " running throughout");
    DueslineConfig config = common.config();
    // One speech cache for every node (the Vosk model unpacked, example vectors, rendered prompts),
    // as configured.
    Path speechCache = com.duesline.speech.SpeechSettings.from(config).cacheDir().toAbsolutePath();
    JsonObject result =
        run(
            new Settings(
                nodes,
                contacts,
                kill,
                pause,
                leaseSeconds,
                channels,
                timeoutSeconds,
                nodeHeap,
                speechCache),
            System.err);
    System.out.println(result.encode());
    return result.getLong("lost") == 0 && result.getLong("doubled") == 0 ? 0 : 1;
  }

  /** One run's shape. */
  public record Settings(
      int nodes,
      int contacts,
      int kill,
      int pause,
      int leaseSeconds,
      int channels,
      int timeoutSeconds,
      String nodeHeap,
      Path speechCache) {}

  /** A started engine JVM. */
  private record Node(String id, int httpPort, Process process, Path log) {}

  /** Runs the bench; progress goes to {@code log}; returns the figures. */
  public static JsonObject run(Settings s, PrintStream log) throws Exception {
    Path work = Files.createTempDirectory("duesline-cluster-bench");
    log.println("cluster bench: work directory " + work);
    DueslineConfig config =
        DueslineConfig.load(null, k -> null)
            .with("store.data-dir", work.resolve("store").toString());
    Vertx vertx = Vertx.vertx();
    List<Node> started = new ArrayList<>();
    long t0 = System.nanoTime();
    try (Database db = Database.open(config)) {
      List<String> numbers = seed(db, work, s.contacts());
      var carrierSettings =
          CarrierSettings.resolve(config, Secrets.fromEnvironment(), k -> null).twilio();
      LocalCarrier carrier =
          LocalCarrier.start(
                  vertx,
                  new LocalCarrierOptions(
                      carrierSettings.accountSid(),
                      carrierSettings.authToken(),
                      0,
                      "http://127.0.0.1:9",
                      300,
                      1200,
                      PersonaLoader.loadDirectory(personas(work, numbers)),
                      new ToneVoice(300),
                      work.resolve("recordings")))
              .toCompletionStage()
              .toCompletableFuture()
              .get(60, TimeUnit.SECONDS);
      TwilioCarrier asker =
          new TwilioCarrier(
              vertx,
              carrier.restClient(),
              carrier.twilioSettings(100),
              new TelephonyMetrics(new SimpleMeterRegistry()));

      int base = 20000 + (int) (ProcessHandle.current().pid() % 2000) * 10;
      StringBuilder members = new StringBuilder();
      for (int i = 0; i < s.nodes(); i++)
        members.append(i == 0 ? "" : ",").append("127.0.0.1:").append(base + 2 * i);
      for (int i = 0; i < s.nodes(); i++) {
        started.add(
            startNode(
                s,
                work,
                i,
                base + 2 * i,
                base + 1000 + i,
                members.toString(),
                carrier.apiBaseUrl()));
      }
      for (Node n : started)
        awaitHealthy(n, Duration.ofSeconds(Math.max(240, s.timeoutSeconds() / 2)), log);
      log.printf(
          "cluster bench: %d nodes up after %.0f s; campaign of %d calls starts%n",
          s.nodes(), seconds(t0), s.contacts());
      Instant campaignStart = Instant.now();
      exec(db, "UPDATE campaigns SET status = 'running' WHERE id = 'bench'");

      // Faults: each victim is chosen while it has a call answered and in progress.
      List<Node> survivors = new ArrayList<>(started);
      int killed = 0;
      int paused = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(s.timeoutSeconds());
      while ((killed < s.kill() || paused < s.pause()) && System.nanoTime() < deadline) {
        Node victim = nodeMidCall(db, survivors);
        if (victim == null) {
          if (openTasks(db) == 0) break;
          Thread.sleep(300);
          continue;
        }
        survivors.remove(victim);
        if (killed < s.kill()) {
          victim.process().destroyForcibly();
          killed++;
          log.printf(
              "cluster bench: kill -9 %s (pid %d) mid-call at %.0f s%n",
              victim.id(), victim.process().pid(), seconds(t0));
        } else {
          signal("STOP", victim.process());
          paused++;
          log.printf(
              "cluster bench: SIGSTOP %s (pid %d) mid-call at %.0f s; resumed after %d s%n",
              victim.id(), victim.process().pid(), seconds(t0), s.leaseSeconds() + 5);
          Thread.sleep(TimeUnit.SECONDS.toMillis(s.leaseSeconds() + 5));
          signal("CONT", victim.process());
        }
      }
      while (openTasks(db) > 0 && System.nanoTime() < deadline) Thread.sleep(500);
      double wall = Duration.between(campaignStart, Instant.now()).toMillis() / 1000.0;

      JsonObject out =
          figures(db, asker, numbers, campaignStart)
              .put("nodes", s.nodes())
              .put("contacts", s.contacts())
              .put("killed", killed)
              .put("paused", paused)
              .put("wall_s", Math.round(wall * 10) / 10.0);
      JsonObject ordered = new JsonObject();
      for (String k :
          List.of(
              "nodes",
              "contacts",
              "completed",
              "lost",
              "doubled",
              "killed",
              "paused",
              "recovered_calls",
              "wall_s")) ordered.put(k, out.getValue(k));
      ordered.put("detail", out.getJsonObject("detail"));
      carrier.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      return ordered;
    } finally {
      for (Node n : started) {
        signal("CONT", n.process());
        n.process().destroy();
      }
      for (Node n : started) {
        if (!n.process().waitFor(20, TimeUnit.SECONDS))
          n.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
      log.println("cluster bench: node logs in " + work);
    }
  }

  /** The figures, read from the store and the carrier. */
  private static JsonObject figures(
      Database db, TwilioCarrier carrier, List<String> numbers, Instant since) throws Exception {
    long completed =
        count(
            db,
            """
        SELECT count(*) FROM contact_tasks t WHERE t.id IN (SELECT task_id FROM bench_tasks) AND t.status IN ('done', 'failed')
          AND EXISTS (SELECT 1 FROM attempts a WHERE a.task_id = t.id)
          AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.task_id = t.id AND (a.disposition IS NULL OR a.ended_at IS NULL))""");
    long refused =
        count(
            db,
            "SELECT count(*) FROM contact_tasks t WHERE t.id IN (SELECT task_id FROM bench_tasks) AND t.status IN ('refused', 'cancelled')");
    // Doubles: a call at the carrier no attempt accounts for, two attempts naming one call, two
    // final outcomes for one attempt.
    long unaccounted = 0;
    for (String number : numbers) {
      List<CallState> calls =
          carrier
              .callsTo(number, since.minusSeconds(5))
              .toCompletionStage()
              .toCompletableFuture()
              .get(30, TimeUnit.SECONDS);
      long attempts =
          count(
              db,
              "SELECT count(*) FROM attempts a JOIN phones ph ON ph.id = a.phone_id WHERE ph.e164 = '"
                  + number
                  + "'");
      unaccounted += Math.max(0, calls.size() - attempts);
    }
    long sharedCall =
        count(
            db,
            "SELECT count(*) FROM (SELECT carrier_call_id FROM attempts WHERE carrier_call_id IS NOT NULL GROUP BY 1 HAVING count(*) > 1) x");
    long twoOutcomes =
        count(
            db,
            "SELECT count(*) FROM (SELECT entity_id FROM audit_log WHERE action = 'contact.ended' GROUP BY 1 HAVING count(*) > 1) x");
    long recovered =
        count(
            db,
            "SELECT coalesce(sum(jsonb_array_length(details->'tasks')), 0) FROM audit_log WHERE action = 'lease.taken_over'");
    long fenced =
        count(
            db, "SELECT count(*) FROM audit_log WHERE action IN ('contact.fenced', 'call.fenced')");
    JsonObject dispositions = new JsonObject();
    try (Connection c = db.connection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT coalesce(disposition, '(open)'), count(*) FROM attempts GROUP BY 1 ORDER BY 1")) {
      while (rs.next()) dispositions.put(rs.getString(1), rs.getLong(2));
    }
    long contacts = count(db, "SELECT count(*) FROM bench_tasks");
    JsonObject reasons = new JsonObject();
    try (Connection c = db.connection();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT refusal_reason, count(*) FROM contact_tasks WHERE id IN (SELECT task_id FROM bench_tasks) AND refusal_reason IS NOT NULL GROUP BY 1")) {
      while (rs.next()) reasons.put(rs.getString(1), rs.getLong(2));
    }
    return new JsonObject()
        .put("completed", completed)
        .put("lost", contacts - completed - refused)
        .put("doubled", unaccounted + sharedCall + twoOutcomes)
        .put("recovered_calls", recovered)
        .put(
            "detail",
            new JsonObject()
                .put("refused_by_policy", refused)
                .put("refusals", reasons)
                .put("calls_unaccounted", unaccounted)
                .put("attempts_sharing_a_call", sharedCall)
                .put("attempts_with_two_outcomes", twoOutcomes)
                .put("fenced_writes", fenced)
                .put("dispositions", dispositions)
                .put("attempts", count(db, "SELECT count(*) FROM attempts")));
  }

  /**
   * The bench's accounts: one unit, owner and overdue charge each, every owner in a time zone where
   * it is ten in the morning now (inside the contact policy's calling hours and clear of its midday
   * quiet period, whatever the hour of the run), and a voice task due now for each in the campaign
   * {@code bench} (created, not yet running). Returns the numbers.
   */
  private static List<String> seed(Database db, Path work, int contacts) throws Exception {
    int offset = Instant.now().atZone(ZoneOffset.UTC).getHour() - 10;
    offset = offset > 12 ? offset - 24 : offset < -12 ? offset + 24 : offset;
    String zone = offset == 0 ? "Etc/GMT" : offset > 0 ? "Etc/GMT+" + offset : "Etc/GMT" + offset;
    StringBuilder csv =
        new StringBuilder(
            "record,unit,id,name,role,language,phone,phone_status,timezone,commercial,area_m2,period,kind,amount,date\n");
    List<String> numbers = new ArrayList<>();
    for (int i = 1; i <= contacts; i++) {
      String unit = String.format("C01-%04d", i);
      String phone = String.format("+1555031%04d", i);
      numbers.add(phone);
      csv.append("unit,").append(unit).append(",,,,,,,,false,90,,,,\n");
      csv.append("party,")
          .append(unit)
          .append(',')
          .append(unit)
          .append("-O,Alex Morgan,owner,en,")
          .append(phone)
          .append(",ok,")
          .append(zone)
          .append(",,,,,,\n");
      csv.append("charge,")
          .append(unit)
          .append(',')
          .append(unit)
          .append("-2026-09,,,,,,,,,2026-09,service,300.00,2026-09-01\n");
    }
    Path ledger = work.resolve("bench-ledger.csv");
    Files.writeString(ledger, csv);
    new LedgerImporter(db).importFile(ledger);
    exec(db, "INSERT INTO campaigns(id, definition) VALUES ('bench', 'standard')");
    exec(
        db,
        """
        INSERT INTO contact_tasks(unit_id, party_id, phone_id, campaign_ref, channel, ladder_step, talk_track, variant, due_at, status, handler, e164)
        SELECT u.id, p.id, ph.id, 'bench', 'voice', 'reminder_call', 'early', 'A', now(), 'pending', 'bot', ph.e164
        FROM units u JOIN parties p ON p.unit_id = u.id JOIN phones ph ON ph.party_id = p.id WHERE u.unit_code LIKE 'C01-%'""");
    exec(
        db,
        "CREATE TABLE bench_tasks AS SELECT id AS task_id FROM contact_tasks WHERE campaign_ref = 'bench'");
    return numbers;
  }

  /**
   * The simulated phones: most answer and stay silent (the track asks, reprompts and closes: a
   * short call with a live media stream, so a node can die mid-call), every fifth rings out, every
   * seventh is busy.
   */
  private static Path personas(Path work, List<String> numbers) throws IOException {
    Path dir = Files.createDirectories(work.resolve("personas"));
    for (int i = 0; i < numbers.size(); i++) {
      String line = i % 5 == 4 ? "no-answer" : i % 7 == 6 ? "busy" : "answers";
      String yaml =
          "id: bench-"
              + i
              + "\nnumber: \""
              + numbers.get(i)
              + "\"\nline: "
              + line
              + "\nexpect: "
              + line
              + "\n"
              + (line.equals("answers")
                  ? "rings: 1\nvoice: \"\"\nreplies:\n  default: { silent: true }\n"
                  : "rings: 2\n");
      Files.writeString(dir.resolve(String.format("bench-%04d.yaml", i)), yaml);
    }
    return dir;
  }

  private static Node startNode(
      Settings s,
      Path work,
      int i,
      int clusterPort,
      int httpPort,
      String members,
      String carrierUrl)
      throws IOException {
    String id = "node-" + (i + 1);
    Path log = work.resolve(id + ".log");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + s.nodeHeap(),
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "com.duesline.cli.Duesline",
                "serve",
                "--cluster",
                "--port",
                String.valueOf(httpPort),
                "--data-dir",
                work.resolve("store").toString()));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    var env = pb.environment();
    env.put("DUESLINE_CLUSTER_NODE_ID", id);
    env.put("DUESLINE_CLUSTER_HOST", "127.0.0.1");
    env.put("DUESLINE_CLUSTER_PORT", String.valueOf(clusterPort));
    env.put("DUESLINE_CLUSTER_MEMBERS", members);
    env.put("DUESLINE_CARRIER_KIND", "local");
    env.put("DUESLINE_CARRIER_LOCAL_URL", carrierUrl);
    env.put("DUESLINE_CARRIER_CPS", "20");
    env.put("DUESLINE_DIALER_LEASE_SECONDS", String.valueOf(s.leaseSeconds()));
    env.put("DUESLINE_DIALER_CHANNELS", String.valueOf(s.channels()));
    env.put("DUESLINE_SPEECH_CACHE_DIR", s.speechCache().toString());
    env.put("DUESLINE_SPEECH_WORKERS", "2");
    // Short calls: a silent caller is asked again after 2 s, and no call outlives 90 s.
    env.put("DUESLINE_CALLS_SILENCE_TIMEOUT_MS", "2000");
    env.put("DUESLINE_CALLS_MAX_CALL_SECONDS", "90");
    return new Node(id, httpPort, pb.start(), log);
  }

  private static void awaitHealthy(Node n, Duration within, PrintStream log) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      if (!n.process().isAlive())
        throw new IllegalStateException(
            n.id()
                + " exited during start-up (exit "
                + n.process().exitValue()
                + "); see "
                + n.log());
      try {
        var r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + n.httpPort() + "/health"))
                    .timeout(Duration.ofSeconds(3))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"epoch\"")) return;
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(1000);
    }
    throw new IllegalStateException(
        n.id() + " not healthy within " + within.toSeconds() + " s; see " + n.log());
  }

  /** A node among {@code candidates} with a call answered and in progress now, or null. */
  private static Node nodeMidCall(Database db, List<Node> candidates) throws Exception {
    for (Node n : candidates) {
      long live =
          count(
              db,
              "SELECT count(*) FROM attempts a JOIN contact_tasks t ON t.id = a.task_id WHERE t.status = 'in_progress' AND t.claimed_by = '"
                  + n.id()
                  + "' AND a.ended_at IS NULL AND a.answered_at IS NOT NULL");
      if (live > 0) return n;
    }
    return null;
  }

  private static long openTasks(Database db) throws Exception {
    return count(
        db,
        "SELECT count(*) FROM contact_tasks WHERE id IN (SELECT task_id FROM bench_tasks) AND status IN ('pending', 'claimed', 'in_progress')");
  }

  private static void signal(String sig, Process p) {
    if (!p.isAlive()) return;
    try {
      new ProcessBuilder("kill", "-" + sig, String.valueOf(p.pid()))
          .inheritIO()
          .start()
          .waitFor(10, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(
          "cannot send SIG" + sig + " to " + p.pid() + ": " + e.getMessage(), e);
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  private static void exec(Database db, String sql) throws Exception {
    try (Connection c = db.connection();
        Statement st = c.createStatement()) {
      st.executeUpdate(sql);
    }
  }

  private static long count(Database db, String sql) throws Exception {
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
