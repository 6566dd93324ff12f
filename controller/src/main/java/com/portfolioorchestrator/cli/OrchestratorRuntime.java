package com.portfolioorchestrator.cli;

import com.github.benmanes.caffeine.cache.Ticker;
import com.portfolioorchestrator.api.ApiJson;
import com.portfolioorchestrator.api.ApiServer;
import com.portfolioorchestrator.api.DecisionMapping;
import com.portfolioorchestrator.api.DecisionMetrics;
import com.portfolioorchestrator.api.EngineMetrics;
import com.portfolioorchestrator.api.HttpRateLimiter;
import com.portfolioorchestrator.api.Routes;
import com.portfolioorchestrator.api.TokenAuthenticator;
import com.portfolioorchestrator.adapters.http.HttpClients;
import com.portfolioorchestrator.app.DecisionIds;
import com.portfolioorchestrator.app.DecisionService;
import com.portfolioorchestrator.app.EngineFeeder;
import com.portfolioorchestrator.app.KillSwitchService;
import com.portfolioorchestrator.api.OperatorRoutes;
import com.portfolioorchestrator.persistence.OperatorAction;
import com.portfolioorchestrator.app.polling.KillSwitchActions;
import com.portfolioorchestrator.app.portfolio.HistorySeed;
import com.portfolioorchestrator.wiring.PollingWiring;
import org.quartz.SchedulerException;
import com.portfolioorchestrator.app.Readiness;
import com.portfolioorchestrator.config.OrchestratorConfig;
import com.portfolioorchestrator.core.engine.Decision;
import com.portfolioorchestrator.core.engine.DecisionEngine;
import com.portfolioorchestrator.core.engine.EngineEvent;
import com.portfolioorchestrator.core.engine.EngineState;
import com.portfolioorchestrator.persistence.Database;
import com.portfolioorchestrator.persistence.DecisionFilter;
import com.portfolioorchestrator.persistence.DecisionLog;
import com.portfolioorchestrator.persistence.DecisionRecord;
import com.portfolioorchestrator.persistence.EngineStateCodec;
import com.portfolioorchestrator.persistence.EngineStateParts;
import com.portfolioorchestrator.persistence.SnapshotKind;
import com.portfolioorchestrator.persistence.StateStore;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of {@code serve}: opens the database, restores the engine exactly as it was, and starts the
 * decision service, the HTTP server and the housekeeping (reservation expiry every second, a state save and the three
 * state snapshots every risk cycle). {@link #close()} stops in the reverse order and saves the state last.
 */
public final class OrchestratorRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OrchestratorRuntime.class);
    /** How long and how many request ids are remembered for idempotency (and reloaded from the log at start). */
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);
    static final int IDEMPOTENCY_CAPACITY = 200_000;

    private final OrchestratorConfig config;
    private final Clock clock;
    private final Database database;
    private final StateStore stateStore;
    private final DecisionLog log;
    private final DecisionService decisions;
    private final Readiness readiness = new Readiness();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ScheduledExecutorService housekeeping;
    private final ApiServer server;
    private volatile Supplier<List<Map<String, Object>>> bots = List::of;
    private final PollingWiring.Polling polling;
    /** The engine_state key of the poller's history (closed-trade marks, day start, candles). */
    static final String HISTORY_PART = "history";

    private final double timeScale;
    private final java.util.concurrent.ExecutorService eventThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "engine-events");
        t.setDaemon(true);
        return t;
    });
    private final List<java.util.function.Consumer<List<EngineEvent>>> eventListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private OrchestratorRuntime(OrchestratorConfig config, Clock clock, int portOverride, boolean virtualThreads, boolean poll,
                                double timeScale) {
        this.timeScale = timeScale;
        this.config = config;
        this.clock = clock;
        this.database = Database.open(config.database());
        this.stateStore = StateStore.open(database);
        this.log = DecisionLog.start(database, DecisionLog.Settings.defaults());
        DecisionEngine engine = restoreEngine();
        this.decisions = new DecisionService(engine, clock, new AuditJournal(),
                (state, full) -> stateStore.saveState(full ? EngineStateParts.all(state) : EngineStateParts.safety(state)),
                this::onEvents, request -> DecisionIds.next(System.currentTimeMillis()),
                DecisionMapping::renderResponse, IDEMPOTENCY_WINDOW, IDEMPOTENCY_CAPACITY);
        reloadIdempotency();
        EngineMetrics.register(registry, decisions, log, clock);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "housekeeping");
            t.setDaemon(true);
            return t;
        });
        housekeeping.scheduleAtFixedRate(this::expireReservations, 1, 1, TimeUnit.SECONDS);
        long cycle = config.schedule().riskCycleS();
        housekeeping.scheduleAtFixedRate(this::saveAndSnapshot, cycle, cycle, TimeUnit.SECONDS);
        this.polling = poll ? startPolling() : null;
        KillSwitchService killSwitch = new KillSwitchService(decisions, killSwitchActions(), new KillSwitchStore());
        var decisionRoutes = Routes.of(new Routes.Services(decisions, log, readiness, registry, new DecisionMetrics(registry), () -> bots.get()));
        var operatorRoutes = OperatorRoutes.of(killSwitch);
        this.server = ApiServer.start(config.listenHost(), portOverride >= 0 ? portOverride : config.listenPort(),
                TokenAuthenticator.of(config), new HttpRateLimiter(config.risk().rateLimits().requestsPerSecond(), Ticker.systemTicker()),
                routes -> {
                    decisionRoutes.accept(routes);
                    operatorRoutes.accept(routes);
                },
                virtualThreads);
        LOG.info("listening on http://{}:{} (mode {}, profile {}, database {})", config.listenHost(), server.port(),
                config.risk().mode().configName(), decisions.read(DecisionEngine::activeProfile).configName(), config.database());
    }

    /** Starts on the configured address; {@code portOverride} >= 0 replaces the configured port (0 = any free port). */
    public static OrchestratorRuntime start(OrchestratorConfig config, Clock clock, int portOverride) {
        return new OrchestratorRuntime(config, clock, portOverride, false, false, 1.0);
    }

    /**
     * @param virtualThreads serve HTTP on virtual threads (Java 21+)
     * @param poll           poll the configured bots and IBKR (false: the portfolio view comes from elsewhere, e.g. a file)
     */
    public static OrchestratorRuntime start(OrchestratorConfig config, Clock clock, int portOverride, boolean virtualThreads,
                                            boolean poll) {
        return new OrchestratorRuntime(config, clock, portOverride, virtualThreads, poll, 1.0);
    }

    /** The demo's form: {@code clock} runs {@code timeScale} times faster than the wall clock. */
    public static OrchestratorRuntime startScaled(OrchestratorConfig config, Clock clock, int portOverride, double timeScale) {
        return new OrchestratorRuntime(config, clock, portOverride, false, true, timeScale);
    }

    /** Also hands the engine's events to {@code listener} (after they are logged). */
    public void addEventListener(java.util.function.Consumer<List<EngineEvent>> listener) {
        eventListeners.add(listener);
    }

    private PollingWiring.Polling startPolling() {
        HistorySeed seed = HistorySeed.empty();
        String stored = stateStore.loadState().get(HISTORY_PART);
        if (stored != null) {
            try {
                seed = EngineStateCodec.decodeValue(stored, HistorySeed.class);
            } catch (RuntimeException e) {
                LOG.warn("stored polling history is unreadable, rebuilding it from the bots: {}", e.getMessage());
            }
        }
        try {
            PollingWiring.Polling p = PollingWiring.fromConfig(config, HttpClients.newShared(), clock, seed, timeScale);
            EngineFeeder feeder = new EngineFeeder(decisions, readiness, config.risk());
            p.poller().addListener(feeder);
            bots(feeder::bots);
            p.scheduler().start();
            LOG.info("polling {} bots every {} s (guard) / {} s (risk){}", config.bots().size(),
                    config.schedule().guardCycleS(), config.schedule().riskCycleS(), config.ibkr().enabled() ? " and IBKR" : "");
            return p;
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot start the polling scheduler: " + e.getMessage(), e);
        }
    }

    private DecisionEngine restoreEngine() {
        Map<String, String> parts = stateStore.loadState();
        String stored = parts.get(EngineStateParts.SAFETY);
        if (stored == null) {
            LOG.info("no stored engine state: starting fresh");
            return new DecisionEngine(config.risk());
        }
        EngineState state = EngineStateParts.join(stored, parts.get(EngineStateParts.HISTORY));
        LOG.info("engine state restored: kill switch {}, {} ledger entries, profile {}", state.killSwitch(),
                state.ledger().size(), state.activeProfile().configName());
        return DecisionEngine.restore(config.risk(), state);
    }

    /** Decisions of the idempotency window made before this start answer a resend with the same body again. */
    private void reloadIdempotency() {
        Instant since = clock.instant().minus(IDEMPOTENCY_WINDOW);
        DecisionFilter filter = DecisionFilter.all().withSince(since);
        int loaded = 0;
        for (int offset = 0; loaded < IDEMPOTENCY_CAPACITY; ) {
            List<DecisionRecord> page = log.find(filter, DecisionLog.MAX_LIMIT, offset);
            for (DecisionRecord r : page) {
                decisions.rememberStored(r.botId(), r.requestId(), Routes.canonical(ApiJson.readTree(r.requestJson())),
                        r.decisionId());
                loaded++;
            }
            if (page.size() < DecisionLog.MAX_LIMIT) {
                break;
            }
            offset += page.size();
        }
        if (loaded > 0) {
            LOG.info("{} decisions of the last {} h reloaded for idempotency", loaded, IDEMPOTENCY_WINDOW.toHours());
        }
    }

    /** The audit log as the decision service sees it. */
    private final class AuditJournal implements DecisionService.Journal {
        /** Non-blocking: the log's writer commits it in a batch at most its max delay (20 ms) later. */
        @Override
        public java.util.concurrent.CompletableFuture<?> append(DecisionService.JournalEntry e) {
            Decision d = e.decision();
            String response = new String(e.response(), StandardCharsets.UTF_8);
            DecisionRecord record = d.allowed()
                    ? DecisionRecord.allowed(d.decisionId(), d.requestId(), e.request().botId(), e.receivedAt(),
                            e.requestJson(), response, e.evaluatedUs())
                    : DecisionRecord.denied(d.decisionId(), d.requestId(), e.request().botId(), e.receivedAt(),
                            d.deniedBy().orElseThrow().name(), e.requestJson(), response, e.evaluatedUs());
            if (d.allowed()) {
                return log.appendWithReceipt(record);
            }
            log.append(record);
            return java.util.concurrent.CompletableFuture.completedFuture(null);
        }

        /** A resend of an older decision: from the log, after letting the writer catch up if it is not there yet. */
        @Override
        public Optional<byte[]> storedResponse(String botId, String requestId) {
            Optional<DecisionRecord> stored = log.findByRequestId(botId, requestId);
            if (stored.isEmpty() && log.flush(Duration.ofSeconds(2))) {
                stored = log.findByRequestId(botId, requestId);
            }
            return stored.map(r -> r.responseJson().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Logging and listeners run on their own thread: no logging I/O on the thread that answers a decision. */
    private void onEvents(List<EngineEvent> events) {
        eventThread.execute(() -> {
            for (EngineEvent e : events) {
                LOG.warn("event: {}", e);
            }
            for (var l : eventListeners) {
                try {
                    l.accept(events);
                } catch (RuntimeException ex) {
                    LOG.error("event listener failed", ex);
                }
            }
        });
    }

    private void expireReservations() {
        try {
            Instant now = clock.instant();
            decisions.withEngine(engine -> {
                engine.expireReservations(now);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.error("reservation expiry failed", e);
        }
    }

    /** Every risk cycle: the whole state (for what is not committed on change) and the three state snapshots. */
    void saveAndSnapshot() {
        try {
            Instant now = clock.instant();
            decisions.saveAll();
            Map<String, Object> views = decisions.read(engine -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("risk", engine.riskState(now));
                m.put("allocation", engine.allocationState(now));
                m.put("guards", engine.executionGuardState(now));
                return m;
            });
            stateStore.appendSnapshot(SnapshotKind.RISK, now, ApiJson.write(views.get("risk")));
            stateStore.appendSnapshot(SnapshotKind.ALLOCATION, now, ApiJson.write(views.get("allocation")));
            stateStore.appendSnapshot(SnapshotKind.EXECUTION_GUARD, now, ApiJson.write(views.get("guards")));
            if (polling != null) {
                stateStore.saveState(Map.of(HISTORY_PART, EngineStateCodec.encodeValue(polling.poller().historySnapshot())));
            }
        } catch (RuntimeException e) {
            LOG.error("periodic state save failed", e);
        }
    }

    public int port() {
        return server.port();
    }

    public DecisionService decisions() {
        return decisions;
    }

    public Readiness readiness() {
        return readiness;
    }

    public DecisionLog log() {
        return log;
    }

    public OrchestratorConfig config() {
        return config;
    }

    /** The per-bot part of GET /api/v1/state, supplied by whoever feeds the portfolio view. */
    public void bots(Supplier<List<Map<String, Object>>> supplier) {
        this.bots = supplier;
    }

    /** Operator actions and the pending kill-switch release, in SQLite (committed when each call returns). */
    private final class KillSwitchStore implements KillSwitchService.Store {
        @Override
        public void recordAction(Instant at, String operator, String action, Object details) {
            stateStore.appendOperatorAction(new OperatorAction(at, operator, action, ApiJson.write(details)));
        }

        @Override
        public void savePendingRelease(java.util.Optional<KillSwitchService.PendingRelease> pending) {
            stateStore.saveState(Map.of(RELEASE_PART, pending.map(EngineStateCodec::encodeValue).orElse("null")));
        }

        @Override
        public java.util.Optional<KillSwitchService.PendingRelease> loadPendingRelease() {
            String json = stateStore.loadState().get(RELEASE_PART);
            return json == null || json.equals("null") ? java.util.Optional.empty()
                    : java.util.Optional.of(EngineStateCodec.decodeValue(json, KillSwitchService.PendingRelease.class));
        }
    }

    /** The engine_state key of a kill-switch release waiting for its second operator. */
    static final String RELEASE_PART = "kill_switch_release";

    /** The bot commands of the kill switch, when this runtime polls real bots. */
    public java.util.Optional<KillSwitchActions> killSwitchActions() {
        return java.util.Optional.ofNullable(polling).map(PollingWiring.Polling::killSwitch);
    }

    @Override
    public void close() {
        if (polling != null) {
            try {
                polling.scheduler().close();
            } catch (SchedulerException e) {
                LOG.warn("polling scheduler did not stop cleanly: {}", e.getMessage());
            }
            polling.poller().close();
        }
        server.close();
        housekeeping.shutdownNow();
        try {
            decisions.saveAll();
        } catch (RuntimeException e) {
            LOG.error("final state save failed", e);
        }
        eventThread.shutdown();
        log.close();
        stateStore.close();
        database.close();
        LOG.info("stopped");
    }
}
