package com.portfolioorchestrator.app.polling;

import com.portfolioorchestrator.app.polling.ports.BotCommands;
import com.portfolioorchestrator.app.polling.ports.GlobalLock;
import com.portfolioorchestrator.core.Checks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kill switch's actions on the bots (PRODUCT.md 6): a global Freqtrade lock on every bot (pair "*", side "*",
 * until {@link #LOCK_UNTIL}), and {@code /forceexit all} at market when flatten is asked. Bots are handled in
 * parallel; a failing call is retried ({@code attempts} in all, waiting {@code backoff}, then twice as long ...) and
 * then reported failed: every bot has a result for every action, none is skipped silently. A lock is only counted as
 * placed when the bot lists an active global lock with our reason afterwards.
 */
public final class KillSwitchActions {
    /** Every lock reason starts with this, so {@link #release()} removes only the orchestrator's locks. */
    public static final String REASON_PREFIX = "orchestrator kill switch";
    /** "Until released": Freqtrade needs an end. */
    public static final Instant LOCK_UNTIL = Instant.parse("2100-01-01T00:00:00Z");

    private static final Logger LOG = LoggerFactory.getLogger(KillSwitchActions.class);

    private final List<BotCommands> bots;
    private final int attempts;
    private final Duration backoff;
    private final Pause pause;

    /** Three attempts, 1 s then 2 s apart. */
    public KillSwitchActions(List<BotCommands> bots) {
        this(bots, 3, Duration.ofSeconds(1), Pause.SYSTEM);
    }

    public KillSwitchActions(List<BotCommands> bots, int attempts, Duration backoff, Pause pause) {
        this.bots = List.copyOf(bots);
        this.attempts = Checks.positive(attempts, "attempts");
        this.backoff = Checks.notNull(backoff, "backoff");
        this.pause = Checks.notNull(pause, "pause");
    }

    /**
     * Locks every bot; with {@code flatten} also force-exits every open trade (after the lock, so nothing re-enters).
     *
     * @return one LOCK result per bot, then one FORCE_EXIT per bot when flattening, in bot order
     */
    public List<BotActionResult> engage(String reason, boolean flatten) {
        Checks.notBlank(reason, "reason");
        String lockReason = REASON_PREFIX + ": " + reason;
        List<BotActionResult> results = new ArrayList<>(forEachBot(BotActionResult.Action.LOCK, bot -> retried(bot, BotActionResult.Action.LOCK, () -> {
            List<GlobalLock> locks = bot.lockAll(LOCK_UNTIL, lockReason);
            List<Long> ours = locks.stream().filter(l -> l.active() && l.isGlobal() && lockReason.equals(l.reason()))
                    .map(GlobalLock::id).toList();
            if (ours.isEmpty()) {
                throw new IllegalStateException("the bot does not list the global lock after POST /locks");
            }
            return "global lock " + ours;
        })));
        if (flatten) {
            results.addAll(forEachBot(BotActionResult.Action.FORCE_EXIT, bot -> retried(bot, BotActionResult.Action.FORCE_EXIT, bot::forceExitAll)));
        }
        results.stream().filter(r -> !r.success()).forEach(r -> LOG.error("kill switch: {} failed on bot {} after {} attempts: {}",
                r.action(), r.botId(), r.attempts(), r.detail()));
        return List.copyOf(results);
    }

    /** Deletes the orchestrator's active global locks on every bot; one UNLOCK result per bot. */
    public List<BotActionResult> release() {
        return forEachBot(BotActionResult.Action.UNLOCK, bot -> retried(bot, BotActionResult.Action.UNLOCK, () -> {
            List<Long> ours = bot.globalLocks().stream()
                    .filter(l -> l.active() && l.isGlobal() && l.reason().startsWith(REASON_PREFIX))
                    .map(GlobalLock::id).toList();
            for (long id : ours) {
                bot.deleteLock(id);
            }
            return ours.isEmpty() ? "no orchestrator lock" : "deleted locks " + ours;
        }));
    }

    private interface Action {
        BotActionResult run(BotCommands bot);
    }

    private List<BotActionResult> forEachBot(BotActionResult.Action kind, Action action) {
        if (bots.isEmpty()) {
            return List.of();
        }
        ExecutorService pool = Executors.newFixedThreadPool(bots.size());
        try {
            List<Future<BotActionResult>> futures = new ArrayList<>();
            for (BotCommands bot : bots) {
                futures.add(pool.submit(() -> action.run(bot)));
            }
            List<BotActionResult> results = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    results.add(new BotActionResult(bots.get(i).botId(), kind, false, 1,
                            "unexpected failure: " + e.getCause()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    results.add(new BotActionResult(bots.get(i).botId(), kind, false, 1,
                            "interrupted"));
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private BotActionResult retried(BotCommands bot, BotActionResult.Action action, Supplier<String> call) {
        String last = "";
        Duration wait = backoff;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                return new BotActionResult(bot.botId(), action, true, attempt, call.get());
            } catch (RuntimeException e) {
                last = e.getMessage() == null ? e.toString() : e.getMessage();
                LOG.warn("kill switch: {} on bot {} failed (attempt {} of {}): {}", action, bot.botId(), attempt,
                        attempts, last);
            }
            if (attempt < attempts) {
                try {
                    pause.pause(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new BotActionResult(bot.botId(), action, false, attempt, "interrupted after: " + last);
                }
                wait = wait.multipliedBy(2);
            }
        }
        return new BotActionResult(bot.botId(), action, false, attempts, last);
    }
}
