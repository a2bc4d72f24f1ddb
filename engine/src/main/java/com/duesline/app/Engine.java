package com.duesline.app;

import com.duesline.config.DueslineConfig;
import com.duesline.store.Database;
import com.duesline.web.HealthRoutes;
import com.duesline.web.StaticAssets;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running engine: one Vert.x (with Micrometer metrics), the store, a {@link Router} on which
 * capabilities mount their routes before {@link #start(int)}, and a named worker pool for blocking
 * work (JDBC, speech, file I/O) so nothing blocks an event loop.
 *
 * <p>Mounted here: {@code /health} (JSON), {@code /metrics} (Prometheus) and, last, a health page
 * at {@code /} that any capability mounting its own {@code GET /} first replaces.
 */
public final class Engine implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  /** Name of the shared worker pool for blocking work. */
  public static final String WORKER_POOL = "duesline-blocking";

  private final DueslineConfig config;
  private final Database database;
  private final boolean ownsDatabase;
  private final PrometheusMeterRegistry registry;
  private final Vertx vertx;
  private final Router router;
  private final WorkerExecutor workers;
  private HttpServer server;
  private boolean closed;
  private final com.duesline.cluster.ClusterMembership cluster;

  /** What {@code /health} says about the cluster (null outside one). */
  private volatile java.util.function.Supplier<io.vertx.core.json.JsonObject> clusterHealth =
      () -> null;

  /**
   * True from {@link #holdUntilReady()} until {@link #ready()}: routes that may not exist yet
   * answer 503.
   */
  private volatile boolean starting;

  private Engine(DueslineConfig config, Database database, boolean ownsDatabase) {
    this(config, database, ownsDatabase, null);
  }

  private Engine(
      DueslineConfig config,
      Database database,
      boolean ownsDatabase,
      com.duesline.cluster.ClusterMembership cluster) {
    this.config = config;
    this.database = database;
    this.ownsDatabase = ownsDatabase;
    this.cluster = cluster;
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Every meter of a cluster node carries its id, so one Prometheus sees which node measured
    // what.
    if (cluster != null) registry.config().commonTags("node", cluster.settings().nodeId());
    VertxOptions options =
        new VertxOptions()
            .setMetricsOptions(
                new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true))
            // Tests (run with -ea) report any event-loop task over 500 ms, not Vert.x's default 2
            // s.
            .setMaxEventLoopExecuteTime(Engine.class.desiredAssertionStatus() ? 500 : 2000)
            .setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS)
            .setBlockedThreadCheckInterval(Engine.class.desiredAssertionStatus() ? 200 : 1000);
    if (cluster == null) {
      this.vertx =
          Vertx.builder().with(options).withMetrics(new MicrometerMetricsFactory(registry)).build();
    } else {
      options.setEventBusOptions(cluster.eventBus());
      try {
        this.vertx =
            Vertx.builder()
                .with(options)
                .withMetrics(new MicrometerMetricsFactory(registry))
                .withClusterManager(cluster.manager())
                .buildClustered()
                .toCompletionStage()
                .toCompletableFuture()
                .get(120, TimeUnit.SECONDS);
      } catch (Exception e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        throw new IllegalStateException(
            "cannot join the cluster "
                + cluster.settings().members()
                + " from "
                + cluster.settings().host()
                + ":"
                + cluster.settings().port()
                + ": "
                + cause.getMessage(),
            cause);
      }
    }
    this.router = Router.router(vertx);
    int poolSize = Math.max(4, Runtime.getRuntime().availableProcessors() * 2);
    this.workers = vertx.createSharedWorkerExecutor(WORKER_POOL, poolSize, 5, TimeUnit.MINUTES);
    // Ahead of every route: while starting, only health, metrics and static files answer.
    router
        .route()
        .order(-100)
        .handler(
            ctx -> {
              if (starting && !HealthRoutes.answersWhileStarting(ctx.normalizedPath()))
                HealthRoutes.starting(ctx);
              else ctx.next();
            });
    HealthRoutes.mountApi(
        router,
        database.pool(vertx),
        database.jdbcUrl(),
        () -> !starting,
        () -> clusterHealth.get());
    router.get("/metrics").handler(PrometheusScrapingHandler.create(registry));
    StaticAssets.mount(router);
  }

  /**
   * Opens the store the configuration names and builds an engine that closes it on {@link
   * #close()}.
   */
  public static Engine create(DueslineConfig config) {
    Database db = Database.open(config);
    try {
      return new Engine(config, db, true);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /**
   * A cluster node: Vert.x clustered through {@code cluster} (Hazelcast), its meters tagged with
   * the node id; opens the configured store (shared by every node) and closes it on {@link
   * #close()}.
   */
  public static Engine createClustered(
      DueslineConfig config, com.duesline.cluster.ClusterMembership cluster) {
    Database db = Database.open(config);
    try {
      return new Engine(config, db, true, cluster);
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /** The cluster this engine is a node of, if any. */
  public java.util.Optional<com.duesline.cluster.ClusterMembership> cluster() {
    return java.util.Optional.ofNullable(cluster);
  }

  /**
   * What {@code /health} reports under {@code cluster} (membership); called on each request, must
   * not block.
   */
  public void clusterHealth(java.util.function.Supplier<io.vertx.core.json.JsonObject> health) {
    this.clusterHealth = health;
  }

  /**
   * An engine over a database the caller owns (tests: {@code TestDatabase.fresh()}); closing the
   * engine leaves it open.
   */
  public static Engine create(DueslineConfig config, Database database) {
    return new Engine(config, database, false);
  }

  public DueslineConfig config() {
    return config;
  }

  public Vertx vertx() {
    return vertx;
  }

  public Database database() {
    return database;
  }

  /** The router: mount routes here before {@link #start(int)}. */
  public Router router() {
    return router;
  }

  /** The Prometheus registry behind {@code /metrics}: register timers and counters here. */
  public PrometheusMeterRegistry meterRegistry() {
    return registry;
  }

  /** The named worker pool for blocking work. */
  public WorkerExecutor workers() {
    return workers;
  }

  /**
   * The worker pool as an {@link java.util.concurrent.Executor}, for code outside Vert.x futures
   * (the dialer's outcome writes).
   */
  public java.util.concurrent.Executor blockingExecutor() {
    return task ->
        workers.executeBlocking(
            () -> {
              task.run();
              return null;
            },
            false);
  }

  /**
   * Runs blocking {@code work} on the worker pool (unordered) and completes on the caller's
   * context.
   */
  public <T> Future<T> blocking(Callable<T> work) {
    return workers.executeBlocking(work, false);
  }

  /**
   * Call before {@link #start(int)} when routes are mounted after it (the call runtime loads speech
   * models for seconds): until {@link #ready()} every other path answers 503 with Retry-After, not
   * a 404 that would fail a carrier's webhook, and {@code /health} says {@code STARTING}.
   */
  public void holdUntilReady() {
    starting = true;
  }

  /** Every route is mounted: requests are served. Idempotent. */
  public void ready() {
    if (starting) LOG.info("engine ready: every route is mounted");
    starting = false;
  }

  /** False between {@link #holdUntilReady()} and {@link #ready()}. */
  public boolean isReady() {
    return !starting;
  }

  /** Starts HTTP on {@code port} (0 picks a free one); completes with the port actually bound. */
  public synchronized Future<Integer> start(int port) {
    if (server != null)
      return Future.failedFuture("engine already started on port " + server.actualPort());
    HealthRoutes.mountPage(router);
    server = vertx.createHttpServer();
    return server
        .requestHandler(router)
        .listen(port)
        .map(
            s -> {
              LOG.info("engine listening on http://localhost:{}/", s.actualPort());
              return s.actualPort();
            });
  }

  /** The bound HTTP port, or -1 before {@link #start(int)} completed. */
  public synchronized int port() {
    return server == null ? -1 : server.actualPort();
  }

  /** Stops HTTP, Vert.x and (if the engine opened it) the store; waits up to 30 s. */
  @Override
  public synchronized void close() {
    if (closed) return;
    closed = true;
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("Vert.x did not close cleanly: {}", e.toString());
    }
    registry.close();
    if (ownsDatabase) database.close();
  }
}
