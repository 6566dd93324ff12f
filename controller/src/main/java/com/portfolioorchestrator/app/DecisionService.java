package com.portfolioorchestrator.app;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.portfolioorchestrator.core.engine.Decision;
import com.portfolioorchestrator.core.engine.DecisionEngine;
import com.portfolioorchestrator.core.engine.DecisionRequest;
import com.portfolioorchestrator.core.engine.EngineEvent;
import com.portfolioorchestrator.core.engine.EngineState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The decision use case around the single-writer {@link DecisionEngine}: one lock owns the engine; idempotency by
 * {@code (bot, request_id)}; the state that matters for safety committed before the answer (only when something that
 * matters changed: a reservation, an event such as a breaker trip or a cooldown); the audit record handed to the
 * journal, which commits it in batches at most 50 ms behind: neither the engine nor the answer waits on the audit log.
 *
 * <p>State commits are group commits: each change takes a snapshot with the next version under the engine lock, then
 * waits until a snapshot at least that new is committed. One thread writes at a time, holding neither lock: the first
 * waiter not yet covered writes the newest snapshot taken so far (not its own); every waiter whose change it contains
 * returns when it is committed, without writing. A failed write covers no one.
 */
public final class DecisionService {
    /** The audit log: asynchronous, batched, never blocks the caller; the future completes when the record is committed. */
    public interface Journal {
        CompletableFuture<?> append(JournalEntry entry);

        /**
         * The response stored for an earlier decision of {@code botId} (a resend after a restart, or one no longer held
         * in memory); may wait for the log to catch up. Empty when the log does not have it.
         */
        Optional<byte[]> storedResponse(String botId, String requestId);
    }

    /** Renders a decision as the response body sent to the bot (the API's JSON; the app layer does not know it). */
    public interface Renderer {
        byte[] render(Decision decision, double evaluatedUs);
    }

    /**
     * Durable engine state, committed when it returns. {@code full} is false for the safety-relevant state a decision or
     * an event commits, true for the periodic and final save that also writes the bulky bookkeeping.
     */
    public interface StateSink {
        void commit(EngineState state, boolean full);
    }

    /** What the journal records for one decision: the body as received and the response exactly as sent (UTF-8). */
    public record JournalEntry(DecisionRequest request, String requestJson, Decision decision, Instant receivedAt,
                               double evaluatedUs, byte[] response) {}

    /**
     * The answer to one request: {@code response} is the body to send. {@code replay} is true when an earlier request
     * with the same id and body already decided it; then {@code decision} is empty and {@code response} is the
     * original answer, byte for byte.
     */
    public record Outcome(Optional<Decision> decision, byte[] response, double evaluatedUs, boolean replay,
                          Instant receivedAt, CompletableFuture<Void> settled) {
    }

    /** A request id reused with a different body (409). */
    public static final class ConflictException extends RuntimeException {
        public ConflictException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A resend whose original answer cannot be produced now: neither held in memory nor (yet) in the log, e.g. the
     * original's audit record was lost (503: the bot treats it as a deny and may resend).
     */
    public static final class UnavailableException extends RuntimeException {
        public UnavailableException(String message) {
            super(message, null, false, false);
        }
    }

    /** A request that refers to something that does not exist (422), e.g. retry_of of another bot. */
    public static final class UnknownReferenceException extends RuntimeException {
        private final String field;

        public UnknownReferenceException(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /**
     * An earlier decision, kept for the idempotency window: the digest of its request's canonical form, its id and
     * whether its answer may be repeated yet. Small on purpose (about 200 B): up to {@code idempotencyCapacity} of
     * them live for a day. The answer's bytes are kept only for the most recent decisions ({@link #RECENT_RESPONSES});
     * older resends read it back from the log.
     */
    private record Remembered(String canonical, String decisionId, CompletableFuture<Void> settled) {}

    /**
     * Rendered answers kept in memory for fast resends (about 2.5 KB each). A bot resends within seconds of a timeout;
     * 512 answers cover minutes even at a thousand decisions a second, and hours at a portfolio's real rate. More is
     * not free: the newest answers are young objects that every young collection copies (at 4,096 under load, about
     * 11 MB a collection, measured in docs/performance.md).
     */
    static final int RECENT_RESPONSES = 512;

    private final ReentrantLock lock = new ReentrantLock();
    private final DecisionEngine engine;
    private final Clock clock;
    private final Journal journal;
    private final StateSink stateSink;
    private final Consumer<List<EngineEvent>> eventSink;
    private final Function<DecisionRequest, String> ids;
    private final Renderer renderer;
    private final Cache<String, Remembered> byRequest;
    private final Cache<String, CompletableFuture<byte[]>> responses;
    private final Cache<String, String> botByDecision;
    /** Guards {@link #writing} and {@link #committedVersion}; never held while writing. */
    private final ReentrantLock commitLock = new ReentrantLock();
    /** Signalled when a write ends (committed or failed). */
    private final Condition committed = commitLock.newCondition();
    private long stateVersion;
    /** The newest snapshot taken: written under {@link #lock} (so in version order), read by the writing thread. */
    private volatile Snapshot newest;
    private boolean writing;
    private long committedVersion;

    /**
     * @param ids         the decision id of a new request (live: random; replay: a sequence)
     * @param renderer    the response body of a decision, rendered once and sent, journaled and repeated as it is
     * @param idempotency how long and how many request ids are remembered
     */
    public DecisionService(DecisionEngine engine, Clock clock, Journal journal, StateSink stateSink,
                           Consumer<List<EngineEvent>> eventSink, Function<DecisionRequest, String> ids,
                           Renderer renderer, Duration idempotencyWindow, long idempotencyCapacity) {
        this.engine = engine;
        this.clock = clock;
        this.journal = journal;
        this.stateSink = stateSink;
        this.eventSink = eventSink;
        this.ids = ids;
        this.renderer = renderer;
        // maintenance (eviction, expiry) runs on the deciding thread, amortised, instead of being handed to the common
        // ForkJoinPool: on a small machine that hand-off woke another thread for a few microseconds of work per decision
        this.responses = Caffeine.newBuilder().executor(Runnable::run).expireAfterWrite(idempotencyWindow)
                .maximumSize(RECENT_RESPONSES).build();
        this.byRequest = Caffeine.newBuilder().executor(Runnable::run).expireAfterWrite(idempotencyWindow)
                .maximumSize(idempotencyCapacity).build();
        this.botByDecision = Caffeine.newBuilder().executor(Runnable::run).expireAfterWrite(idempotencyWindow)
                .maximumSize(idempotencyCapacity).build();
    }

    /**
     * Makes a decision made before a restart known again (idempotency and retry_of lookups); a resend is answered
     * with the response stored in the log.
     */
    public void rememberStored(String botId, String requestId, String canonical, String decisionId) {
        byRequest.put(key(botId, requestId), new Remembered(canonical, decisionId, SETTLED));
        botByDecision.put(decisionId, botId);
    }

    private static final CompletableFuture<Void> SETTLED = CompletableFuture.completedFuture(null);

    /**
     * Decides one request.
     *
     * @param canonical the request in canonical form (same content -> same text): what idempotency compares
     * @throws ConflictException         the request id was used before with another body
     * @throws UnknownReferenceException retry_of names no decision of this bot
     * @throws UnavailableException      a resend whose original answer is neither in memory nor in the log
     */
    public Outcome decide(DecisionRequest request, String canonical) {
        String key = key(request.botId(), request.requestId());
        Decision decision = null;
        double evaluatedUs = 0;
        long version = 0;
        List<EngineEvent> events = List.of();
        Instant now = null;
        CompletableFuture<Void> settled = null;
        CompletableFuture<byte[]> rendered = null;
        Remembered earlier;
        lock.lock();
        try {
            earlier = byRequest.getIfPresent(key);
            if (earlier != null) {
                if (!earlier.canonical().equals(canonical)) {
                    throw new ConflictException("request_id '" + request.requestId() + "' was used before with a different body");
                }
            } else {
                if (request.retryOf().isPresent()) {
                    String owner = botByDecision.getIfPresent(request.retryOf().get());
                    if (owner == null || !owner.equals(request.botId())) {
                        throw new UnknownReferenceException("retry_of", "must name a decision of bot " + request.botId()
                                + ", was '" + request.retryOf().get() + "'");
                    }
                }
                now = clock.instant();
                String id = ids.apply(request);
                long start = System.nanoTime();
                decision = engine.decide(request, id, now);
                evaluatedUs = (System.nanoTime() - start) / 1000.0;
                events = engine.drainEvents();
                // a denial that changed no state may be repeated as soon as it is rendered (a resend waits on
                // "rendered"); one that reserved or changed state only once that state is committed
                boolean commits = decision.allowed() || !events.isEmpty();
                settled = commits ? new CompletableFuture<>() : SETTLED;
                rendered = new CompletableFuture<>();
                byRequest.put(key, new Remembered(canonical, decision.decisionId(), settled));
                responses.put(key, rendered);
                botByDecision.put(decision.decisionId(), request.botId());
                if (commits) {
                    version = takeSnapshot();
                }
            }
        } finally {
            lock.unlock();
        }
        if (earlier != null) {
            return replay(key, request, earlier); // outside the lock: it may read the log
        }
        byte[] response;
        try {
            response = renderer.render(decision, evaluatedUs);
            rendered.complete(response);
        } catch (RuntimeException e) {
            rendered.completeExceptionally(e);
            throw e;
        }
        if (!events.isEmpty()) {
            eventSink.accept(events);
        }
        if (version != 0) {
            try {
                commit(version, false);
            } catch (RuntimeException e) {
                // not durable: this answer and any resend of it are 503 (a bot treats that as a deny), never "allowed"
                settled.completeExceptionally(e);
                throw new UnavailableException("the decision could not be made durable (" + e.getMessage()
                        + "); it is not valid: resend later");
            }
        }
        if (!decision.allowed()) {
            settled.complete(null); // a denial's state is committed above; its audit record does not hold the answer
        }
        return new Outcome(Optional.of(decision), response, evaluatedUs, false, now, settled);
    }

    /** The original answer again: from memory when recent (rendering is microseconds), else from the log. */
    private Outcome replay(String key, DecisionRequest request, Remembered earlier) {
        CompletableFuture<byte[]> recent = responses.getIfPresent(key);
        byte[] response;
        if (recent != null) {
            response = recent.join();
        } else {
            response = journal.storedResponse(request.botId(), request.requestId()).orElseThrow(() -> new UnavailableException(
                    "the answer to request_id '" + request.requestId() + "' (decision " + earlier.decisionId()
                            + ") is not available yet; resend later"));
            responses.put(key, CompletableFuture.completedFuture(response)); // a bot resending once may resend again
        }
        return new Outcome(Optional.empty(), response, 0, true, clock.instant(), earlier.settled());
    }

    /**
     * Hands a new decision's audit record to the journal (never blocks); replays are not recorded again. The future
     * completes when the record is committed: the API waits for it only for allowed decisions, whose reservation is
     * already committed, so that a reservation never outlives a crash without its decision in the log (a resend of the
     * same request id after a restart must find it, not reserve twice).
     */
    public CompletableFuture<?> record(DecisionRequest request, String requestJson, Outcome outcome) {
        if (outcome.replay()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<?> logged = journal.append(new JournalEntry(request, requestJson, outcome.decision().orElseThrow(),
                outcome.receivedAt(), outcome.evaluatedUs(), outcome.response()));
        // a resend of an allowed decision waits for this (Outcome.settled): reservation and audit record both committed
        if (!outcome.settled().isDone()) {
            logged.whenComplete((ok, error) -> outcome.settled().complete(null));
        }
        return logged;
    }

    /** A snapshot of the engine and its version: a higher version contains every change of a lower one. */
    private record Snapshot(EngineState state, long version) {}

    /** Takes the newest snapshot of the engine; the caller holds {@link #lock}. Returns its version. */
    private long takeSnapshot() {
        Snapshot s = new Snapshot(engine.snapshot(), ++stateVersion);
        newest = s;
        return s.version();
    }

    /**
     * Returns once a snapshot of at least {@code version} is committed (group commit). One thread writes at a time, the
     * others wait on {@link #committed}: a waiter whose version a finished write covered returns without writing; the
     * first one that is not covered (or a {@code full} commit, which always writes) becomes the writer and writes the
     * newest snapshot, taken after or at its own, so never older than one already committed; its version, once written,
     * covers every waiter up to it. When the sink throws, nothing is marked: the exception reaches this caller and a
     * waiter still uncovered writes the newest snapshot itself. Neither the engine lock nor the commit lock is held
     * while writing.
     */
    private void commit(long version, boolean full) {
        Snapshot s;
        commitLock.lock();
        try {
            while (writing && (full || version > committedVersion)) {
                committed.awaitUninterruptibly();
            }
            if (!full && version <= committedVersion) {
                return;
            }
            writing = true;
            s = newest;
        } finally {
            commitLock.unlock();
        }
        boolean ok = false;
        try {
            stateSink.commit(s.state(), full);
            ok = true;
        } finally {
            commitLock.lock();
            try {
                writing = false;
                if (ok) {
                    committedVersion = Math.max(committedVersion, s.version());
                }
                committed.signalAll();
            } finally {
                commitLock.unlock();
            }
        }
    }

    /**
     * Runs an operation on the engine under its lock and publishes its events. The state is committed when the
     * operation raised an event (a breaker trip, a cooldown, the kill switch, an expiry, a profile change...); other
     * changes (a poll's positions, a fill's link) are recovered by the next poll and saved by {@link #saveAll()}.
     */
    public <T> T withEngine(Function<DecisionEngine, T> operation) {
        T result;
        long version = 0;
        List<EngineEvent> events;
        lock.lock();
        try {
            result = operation.apply(engine);
            events = engine.drainEvents();
            if (!events.isEmpty()) {
                version = takeSnapshot();
            }
        } finally {
            lock.unlock();
        }
        if (version != 0) {
            commit(version, false);
            eventSink.accept(events);
        }
        return result;
    }

    /** Commits the whole state, bookkeeping included (every risk cycle and at shutdown). */
    public void saveAll() {
        long version;
        lock.lock();
        try {
            version = takeSnapshot();
        } finally {
            lock.unlock();
        }
        commit(version, true);
    }

    /** A read of the engine under its lock (views for GET /api/v1/state). */
    public <T> T read(Function<DecisionEngine, T> view) {
        lock.lock();
        try {
            return view.apply(engine);
        } finally {
            lock.unlock();
        }
    }

    public Optional<String> botOfDecision(String decisionId) {
        return Optional.ofNullable(botByDecision.getIfPresent(decisionId));
    }

    public Clock clock() {
        return clock;
    }

    private static String key(String botId, String requestId) {
        return botId + '\u0000' + requestId;
    }
}
