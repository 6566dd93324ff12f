package com.portfolioorchestrator.core.engine;

import com.portfolioorchestrator.core.Checks;
import com.portfolioorchestrator.core.DenyCode;
import com.portfolioorchestrator.core.EntryKind;
import com.portfolioorchestrator.core.Pair;
import com.portfolioorchestrator.core.Side;
import com.portfolioorchestrator.core.TradingState;
import com.portfolioorchestrator.core.allocation.Allocation;
import com.portfolioorchestrator.core.ledger.BotRef;
import com.portfolioorchestrator.core.ledger.InstrumentRef;
import com.portfolioorchestrator.core.ledger.LedgerEntry;
import com.portfolioorchestrator.core.ledger.LedgerEntryType;
import com.portfolioorchestrator.core.ledger.PositionLedger;
import com.portfolioorchestrator.core.policy.AssetClass;
import com.portfolioorchestrator.core.policy.BotPolicy;
import com.portfolioorchestrator.core.policy.BucketPolicy;
import com.portfolioorchestrator.core.policy.LossStreakTier;
import com.portfolioorchestrator.core.policy.MaintenanceWindow;
import com.portfolioorchestrator.core.policy.NewsEvent;
import com.portfolioorchestrator.core.policy.PortfolioManagerPolicy;
import com.portfolioorchestrator.core.policy.Profile;
import com.portfolioorchestrator.core.policy.ProfileName;
import com.portfolioorchestrator.core.policy.RegimeAdjustment;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import com.portfolioorchestrator.core.policy.Toggle;
import com.portfolioorchestrator.core.regime.VolatilityRegime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The decision engine: portfolio state + request + time -> allow/deny and an approved stake, after every rule of
 * PRODUCT.md 5.1-5.13 (playbook S1-S7, FLOF M16 gates, RiskOverlord, abstractfinance execution safety).
 *
 * <p>Pure domain: no I/O, no clock reads (every method takes the time), no logging. The same instance runs live, in
 * replay and in tests. Single writer and not thread-safe: the app layer owns it behind one lock. The evaluation order,
 * each rule's formula, units and edge cases are in docs/decision-engine.md; in short: cheap state gates, execution
 * guards and RiskOverlord limits, then M16 P5 -> P1 -> P2 (denials), then scaling (multipliers, strategy budget, asset
 * caps, top-3) and the minimum stake. Evaluation stops at the first deny (seed M16 section 4); the decision's checks
 * list the gates evaluated up to it.
 *
 * <p>Exposure bases (PRODUCT.md 5): E = last reported equity (base currency); C = E x profile leverage x regime leverage
 * factor. Caps and weights are fractions of C (notional); risk budgets and loss limits fractions of E. A request's
 * notional = stake x leverage x stake-currency rate; its risk = notional x stop distance.
 *
 * <p>Hot path: {@link #decide} allocates only its {@link Decision} (the checks, reasons and the reservation expiry it
 * carries); state lives in pre-sized arrays and rings, lookups use maps keyed by the request's own strings.
 */
public final class DecisionEngine {
    /** Identifier under which the IBKR account's positions are synced; it never asks for decisions. */
    public static final String ACCOUNT_ID = "IBKR";
    /** Stop distance assumed for account positions synced without a stop price (IBKR positions carry none). */
    public static final double ACCOUNT_DEFAULT_STOPLOSS = com.portfolioorchestrator.core.policy.IbkrRiskPolicy.DEFAULT_STOPLOSS;
    /**
     * Default time a reservation outlives its bucket's limit timeout: the order may fill at the last second and the
     * next guard poll (15 s, stale after 3 intervals) must see the trade before the reservation lapses.
     */
    public static final Duration DEFAULT_RESERVATION_MARGIN = Duration.ofSeconds(60);
    /** A poll may report a position opened slightly before the reservation (exchange vs our clock). */
    static final long MATCH_SLACK_MS = 60_000;
    /** Longest operator breaker disable (playbook 6). */
    public static final Duration MAX_BREAKER_DISABLE = Duration.ofHours(12);

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 86_400_000L;
    /** Relative tolerance of "at or below the limit" comparisons, so 0.014 x 100000 passes a 1400 budget. */
    private static final double EPS = 1e-9;
    /** Absolute tolerance of "reached the threshold" on ratios: 1 - 91000 / 100000 is 0.08999999999999997. */
    private static final double TOUCH = 1e-12;
    private static final Breaker[] BREAKERS = Breaker.values();
    private static final int CLOSED_TRADE_MEMORY = 4096;
    private static final Optional<DenyCode>[] DENIED = deniedOptionals();

    private final RiskPolicy policy;
    private final long reservationMarginMs;
    private final PositionLedger ledger;
    private final Map<String, BotInfo> bots = new HashMap<>();
    private final Map<String, PairInfo> pairs = new HashMap<>();
    private final Map<String, String> groupOfMember = new HashMap<>();
    private final List<LossStreakTier> tiers;
    private final List<EngineEvent> events = new ArrayList<>();
    private final ArrayList<GateCheck> checks = new ArrayList<>(48);
    private final ArrayList<String> reasons = new ArrayList<>(8);

    // toggles, fixed for the engine's life
    private final boolean onKillSwitch;
    private final boolean onStale;
    private final boolean onNews;
    private final boolean onRateLimits;
    private final boolean onDailyLoss;
    private final boolean onDrawdown;
    private final boolean onLossStreak;
    private final boolean onVolatility;
    private final boolean onAllocation;
    private final boolean onGuards;
    private final boolean onFunding;
    private final boolean onFatFinger;
    private final boolean onTurnover;
    private final boolean onCorrelation;
    private final boolean onP1;
    private final boolean onP2;
    private final boolean onP5;
    private final boolean onAssetCaps;

    // ------------------------------------------------------------------------------------------ state
    private ProfileName activeProfile;
    private Profile profile;
    private boolean killSwitch;
    private String killSwitchReason = "";
    private boolean reducing;
    private final long[] breakerDisabledUntilMs = new long[Breaker.values().length];

    private boolean equityKnown;
    private long equityAtMs = -1;
    private double equity;
    private double dayPnl;
    private double peak;

    private long lossDay = -1;
    private boolean softArmed = true;
    private long softFreezeUntilMs = -1;
    private long hardFrozenDay = -1;

    private DrawdownPhase ddPhase = DrawdownPhase.NORMAL;
    private long ddPauseUntilMs = -1;
    private double ddTripTrough;
    private long ddAnchorMs = -1;
    private double ddAnchorEquity;

    private int losses;
    private int wins;
    private long cooldownUntilMs = -1;
    private int cooldownTierLosses;

    private VolatilityRegime regime = VolatilityRegime.NORMAL;
    private long regimeSinceMs = -1;
    private RegimeAdjustment adjustment = RegimeAdjustment.NONE;
    private ReconciliationState reconciliation = ReconciliationState.NORMAL;
    private boolean portfolioStale = true;

    private boolean correlationKnown;
    private double meanCorrelation;
    private long correlationAtMs = -1;
    private final TreeMap<String, Double> edgeScores = new TreeMap<>();
    private String lowestEdgeStrategy = "";

    private boolean allocationKnown;
    private Allocation allocation;

    private final TimeRing newPositions;
    private long turnoverDay = -1;
    private double turnoverNotional;
    private final AlignmentWindow alignment;
    private final SymbolGuards symbols;
    private final DecisionBook book = new DecisionBook();
    private final LinkedHashSet<String> closedTradeKeys = new LinkedHashSet<>();

    /** What the engine knows about one bot (or the account), resolved once. */
    private static final class BotInfo {
        final BotPolicy policy;
        final BucketPolicy bucket;
        final BotRef ref;
        final ExecutionPlan plan;
        final TimeRing allowedEntries;
        final boolean account;
        final boolean futuresAtBroker;
        final double classAllocation;
        boolean fresh;
        long lastSyncMs = Long.MIN_VALUE;

        BotInfo(BotPolicy policy, BucketPolicy bucket, BotRef ref, ExecutionPlan plan, int perHour, boolean account,
                boolean futuresAtBroker, double classAllocation) {
            this.policy = policy;
            this.bucket = bucket;
            this.ref = ref;
            this.plan = plan;
            this.allowedEntries = new TimeRing(perHour);
            this.account = account;
            this.futuresAtBroker = futuresAtBroker;
            this.classAllocation = classAllocation;
        }
    }

    /** What the engine knows about one pair, resolved on first sight. */
    private static final class PairInfo {
        final Pair pair;
        final InstrumentRef ref;
        /** Stake currency -> base currency; NaN when no rate is configured. */
        final double rate;
        final boolean alignmentAsset;
        final boolean perpetual;
        final double assetCap;
        final long[] shieldEventsMs;

        PairInfo(Pair pair, InstrumentRef ref, double rate, boolean alignmentAsset, boolean perpetual, double assetCap,
                 long[] shieldEventsMs) {
            this.pair = pair;
            this.ref = ref;
            this.rate = rate;
            this.alignmentAsset = alignmentAsset;
            this.perpetual = perpetual;
            this.assetCap = assetCap;
            this.shieldEventsMs = shieldEventsMs;
        }
    }

    /** A fresh engine: no equity yet (every entry is STALE_DATA until the first report), the equal allocation. */
    public DecisionEngine(RiskPolicy policy) {
        this(policy, DEFAULT_RESERVATION_MARGIN);
    }

    public DecisionEngine(RiskPolicy policy, Duration reservationMargin) {
        this.policy = Checks.notNull(policy, "policy");
        Checks.notNull(reservationMargin, "reservation_margin");
        this.reservationMarginMs = reservationMargin.toMillis();
        PortfolioManagerPolicy pm = policy.portfolioManager();
        this.ledger = new PositionLedger(pm.maxOpenPositions() + 16);
        var t = policy.toggles();
        onKillSwitch = t.isOn(Toggle.KILL_SWITCH);
        onStale = t.isOn(Toggle.STALE_DATA);
        onNews = t.isOn(Toggle.NEWS_SHIELD);
        onRateLimits = t.isOn(Toggle.RATE_LIMITS);
        onDailyLoss = t.isOn(Toggle.DAILY_LOSS) && t.isOn(Toggle.GATE_P3);
        onDrawdown = t.isOn(Toggle.DRAWDOWN);
        onLossStreak = t.isOn(Toggle.LOSS_STREAK) && t.isOn(Toggle.GATE_P4);
        onVolatility = t.isOn(Toggle.VOLATILITY_REGIME);
        onAllocation = t.isOn(Toggle.ALLOCATION);
        onGuards = t.isOn(Toggle.EXECUTION_GUARDS);
        onFunding = t.isOn(Toggle.FUNDING);
        onFatFinger = t.isOn(Toggle.FAT_FINGER);
        onTurnover = t.isOn(Toggle.TURNOVER);
        onCorrelation = t.isOn(Toggle.CORRELATION_THROTTLE);
        onP1 = t.isOn(Toggle.GATE_P1);
        onP2 = t.isOn(Toggle.GATE_P2) && pm.enabled();
        onP5 = t.isOn(Toggle.GATE_P5) && pm.enabled();
        onAssetCaps = t.isOn(Toggle.ASSET_CAPS);

        for (Map.Entry<String, List<String>> g : pm.correlationGroups().entrySet()) {
            for (String member : g.getValue()) {
                groupOfMember.putIfAbsent(member, g.getKey());
            }
        }
        List<LossStreakTier> effective = new ArrayList<>(policy.lossStreak().tiers());
        if (pm.enabled() && pm.maxConsecutiveLosses().isPresent() && pm.cooldownMinutes().isPresent()) {
            effective.add(new LossStreakTier(pm.maxConsecutiveLosses().getAsInt(), pm.cooldownMinutes().getAsInt(), false));
        }
        effective.sort((a, b) -> a.losses() != b.losses() ? Integer.compare(a.losses(), b.losses())
                : Integer.compare(b.cooldownMin(), a.cooldownMin()));
        List<LossStreakTier> merged = new ArrayList<>();
        for (LossStreakTier tier : effective) {
            if (merged.isEmpty() || merged.get(merged.size() - 1).losses() != tier.losses()) {
                merged.add(tier);
            } else if (tier.downgradeProfile()) {
                LossStreakTier kept = merged.remove(merged.size() - 1);
                merged.add(new LossStreakTier(kept.losses(), kept.cooldownMin(), true));
            }
        }
        this.tiers = List.copyOf(merged);

        int perHour = policy.rateLimits().perBotPerHour();
        Map<String, ExecutionPlan> plans = new HashMap<>();
        for (BucketPolicy b : policy.buckets()) {
            plans.put(b.name(), new ExecutionPlan(b.limitTimeoutS(), policy.guards().retrySizeFactors().size(),
                    policy.guards().retrySizeFactors()));
        }
        for (BotPolicy bp : policy.bots()) {
            BucketPolicy bucket = policy.findBucket(bp.bucket()).orElseThrow(() -> new IllegalArgumentException(
                    "bot " + bp.id() + " names bucket '" + bp.bucket() + "', which is not configured"));
            bots.put(bp.id(), new BotInfo(bp, bucket, ledger.botRef(bp.id(), bucket.name(), bp.assetClass()),
                    plans.get(bucket.name()), perHour, false, isBrokerFutures(bp.assetClass()),
                    classAllocation(bp.assetClass())));
        }
        if (!bots.containsKey(ACCOUNT_ID)) {
            AssetClass cls = policy.ibkr().assetClass();
            BotPolicy account = new BotPolicy(ACCOUNT_ID, cls, "ibkr", policy.ibkr().stoploss(), false);
            BucketPolicy bucket = new BucketPolicy("ibkr", List.of(ACCOUNT_ID), 1.0, 300, 0, 0);
            BotInfo info = new BotInfo(account, bucket, ledger.botRef(ACCOUNT_ID, "ibkr", cls),
                    new ExecutionPlan(300, 0, List.of()), 1, true, isBrokerFutures(cls), classAllocation(cls));
            info.fresh = true;
            bots.put(ACCOUNT_ID, info);
        }
        // every allowed entry within the throttle window must fit, whatever the rate limits let through
        this.newPositions = new TimeRing(16 + policy.rateLimits().perBotPerMinute() * Math.max(1, policy.bots().size())
                * Math.max(1, policy.correlation().combinedWindowMin()));
        this.alignment = new AlignmentWindow(policy.correlation().alignmentWindowH() * HOUR);
        this.symbols = new SymbolGuards(policy.guards().symbolFailures(), policy.guards().symbolFailureWindowMin() * MINUTE,
                policy.guards().symbolCooldownMin() * MINUTE);
        Arrays.fill(breakerDisabledUntilMs, -1);
        setProfile(policy.activeProfile());
        this.allocation = Allocation.equal(policy, profile.strategyCap(), Instant.EPOCH);
    }

    private boolean isBrokerFutures(AssetClass cls) {
        return policy.ibkr().enabled() && cls == policy.ibkr().assetClass();
    }

    private double classAllocation(AssetClass cls) {
        // a class missing from profile_allocations may use the whole P1 cap (P1 still binds)
        Double f = policy.portfolioManager().profileAllocations().get(cls);
        return f == null ? 1.0 : f;
    }

    private void setProfile(ProfileName name) {
        activeProfile = name;
        profile = policy.profile(name);
    }

    // =========================================================================================== decide

    /**
     * Decides one entry request at {@code now}. An allowed decision reserves its exposure and risk at once (until
     * {@code reservationExpiresAt}, a fill, a cancel or a poll that shows the trade). A denied decision changes only
     * what the rules record about requests: the alignment window, guard failures of the symbol, retry bookkeeping.
     *
     * @param decisionId the id this decision gets (live: random; replay: a sequence); unique
     * @throws IllegalArgumentException for a bot that is not configured (the API answers 403 before that)
     */
    public Decision decide(DecisionRequest r, String decisionId, Instant now) {
        Checks.notNull(r, "request");
        Checks.notBlank(decisionId, "decision_id");
        long t = now.toEpochMilli();
        BotInfo bot = bots.get(r.botId());
        if (bot == null || bot.account) {
            throw new IllegalArgumentException("bot_id '" + r.botId() + "' is not a configured bot");
        }
        PairInfo pi = pairInfo(r.pair());
        advance(t);
        checks.clear();
        reasons.clear();
        if (r.kind() == EntryKind.ENTRY && r.attempt() == 1 && pi.alignmentAsset) {
            alignment.record(t, r.side());
        }

        final Profile p = profile;
        final RegimeAdjustment adj = volatilityActive(t) ? adjustment : RegimeAdjustment.NONE;
        final double e = equity;
        final double capacity = e * p.leverage() * adj.leverage();
        final double perStake = r.leverage() * (Double.isNaN(pi.rate) ? 1.0 : pi.rate);
        final double requestedNotional = r.stakeAmount() * perStake;
        final double stopDistance = r.stopDistance(bot.policy.stoploss());
        final Multipliers m = multipliers(r, adj, t);
        final double mult = m.combined(policy.safety().minSizeMultiplier());
        final ExecutionPlan plan = bot.plan;

        // ---- trading state
        if (onKillSwitch) {
            if (!pass(Gate.KILL_SWITCH, !killSwitch, killSwitch ? 1 : 0, 0)) {
                return deny(r, decisionId, DenyCode.KILL_SWITCH, "kill switch tripped: " + killSwitchReason, m, plan);
            }
        }
        if (!pass(Gate.TRADING_STATE, !reducing, reducing ? 1 : 0, 0)) {
            return deny(r, decisionId, DenyCode.TRADING_HALTED, "trading state is REDUCING: no new risk", m, plan);
        }
        // ---- data
        if (!equityKnown) {
            pass(Gate.STALE_DATA, false, 1, 0);
            return deny(r, decisionId, DenyCode.STALE_DATA, "no equity report yet: the portfolio view is incomplete", m, plan);
        }
        if (onStale) {
            boolean stale = portfolioStale || !bot.fresh;
            if (!pass(Gate.STALE_DATA, !stale, stale ? 1 : 0, 0)) {
                return deny(r, decisionId, DenyCode.STALE_DATA, portfolioStale ? "the portfolio view is stale"
                        : "data of " + r.botId() + " is stale", m, plan);
            }
        }
        if (!pass(Gate.STAKE_CURRENCY, !Double.isNaN(pi.rate), Double.isNaN(pi.rate) ? 0 : pi.rate, 0)) {
            return deny(r, decisionId, DenyCode.UNKNOWN_STAKE_CURRENCY, "no stake_currency_rates entry for "
                    + pi.pair.stakeCurrency().orElse("?"), m, plan);
        }
        // ---- broker (futures entries at IBKR)
        if (bot.futuresAtBroker) {
            boolean inWindow = inMaintenance(t);
            if (!pass(Gate.MAINTENANCE_WINDOW, !inWindow, inWindow ? 1 : 0, 0)) {
                return deny(r, decisionId, DenyCode.MAINTENANCE_WINDOW, "IBKR maintenance window", m, plan);
            }
            boolean reconciled = reconciliation == ReconciliationState.NORMAL;
            if (!pass(Gate.RECONCILIATION, reconciled, reconciliation.ordinal(), 0)) {
                return deny(r, decisionId, DenyCode.RECONCILIATION_HALT, "IBKR reconciliation is " + reconciliation, m, plan);
            }
        }
        // ---- news shield
        if (onNews) {
            long event = shieldingEvent(pi, t);
            if (!pass(Gate.NEWS_SHIELD, event < 0, event < 0 ? 0 : 1, 0)) {
                return deny(r, decisionId, DenyCode.NEWS_SHIELD, "high-impact event at " + Instant.ofEpochMilli(event)
                        + " affects " + pi.ref.baseAsset(), m, plan);
            }
        }
        // ---- rate limits (allowed entries per bot)
        if (onRateLimits) {
            int perMinute = policy.rateLimits().perBotPerMinute();
            int lastMinute = bot.allowedEntries.countAfter(t - MINUTE);
            if (!pass(Gate.RATE_LIMIT_MINUTE, lastMinute < perMinute, lastMinute, perMinute)) {
                return deny(r, decisionId, DenyCode.RATE_LIMITED, r.botId() + " had " + lastMinute
                        + " allowed entries in the last minute, limit " + perMinute, m, plan);
            }
            int perHour = policy.rateLimits().perBotPerHour();
            int lastHour = bot.allowedEntries.countAfter(t - HOUR);
            if (!pass(Gate.RATE_LIMIT_HOUR, lastHour < perHour, lastHour, perHour)) {
                return deny(r, decisionId, DenyCode.RATE_LIMITED, r.botId() + " had " + lastHour
                        + " allowed entries in the last hour, limit " + perHour, m, plan);
            }
        }
        // ---- daily loss (P3)
        if (onDailyLoss) {
            double ratio = dailyLossRatio();
            boolean hard = hardFrozenDay == Math.floorDiv(t, DAY);
            if (!pass(Gate.DAILY_LOSS_HARD, !hard, ratio, -hardLimit())) {
                return deny(r, decisionId, DenyCode.DAILY_LOSS_HARD, "daily loss reached the hard limit "
                        + hardLimit() + ": no entries until the next UTC day", m, plan);
            }
            if (!isDisabled(Breaker.DAILY_LOSS_SOFT, t)) {
                boolean frozen = softFreezeUntilMs > t;
                if (!pass(Gate.DAILY_LOSS, !frozen, ratio, -policy.dailyLoss().soft())) {
                    return deny(r, decisionId, DenyCode.DAILY_LOSS_SOFT, "daily loss reached the soft limit: no entries until "
                            + Instant.ofEpochMilli(softFreezeUntilMs), m, plan);
                }
            }
        }
        // ---- drawdown breaker
        if (onDrawdown && !isDisabled(Breaker.DRAWDOWN, t)) {
            boolean paused = ddPhase == DrawdownPhase.BREAKER && ddPauseUntilMs > t;
            if (!pass(Gate.DRAWDOWN, !paused, drawdown(), policy.drawdown().breaker())) {
                return deny(r, decisionId, DenyCode.DRAWDOWN_BREAKER, "drawdown breaker: no entries until "
                        + Instant.ofEpochMilli(ddPauseUntilMs), m, plan);
            }
        }
        // ---- loss streak (P4)
        if (onLossStreak && !isDisabled(Breaker.LOSS_STREAK, t)) {
            boolean cooling = cooldownUntilMs > t;
            if (!pass(Gate.LOSS_STREAK, !cooling, losses, tiers.isEmpty() ? 0 : tiers.get(0).losses())) {
                return deny(r, decisionId, DenyCode.LOSS_STREAK_COOLDOWN, losses + " losses in a row: cooldown until "
                        + Instant.ofEpochMilli(cooldownUntilMs), m, plan);
            }
        }
        // ---- volatility regime block
        if (onVolatility && !isDisabled(Breaker.VOLATILITY_REGIME, t)) {
            boolean blocked = regime == VolatilityRegime.EXTREME && adjustment.blockedStrategies().contains(r.botId())
                    && !bot.policy.extremeVolOverride();
            if (!pass(Gate.VOLATILITY, !blocked, regime.ordinal(), VolatilityRegime.EXTREME.ordinal())) {
                return deny(r, decisionId, DenyCode.VOLATILITY_BLOCKED, "extreme volatility regime blocks "
                        + r.botId(), m, plan);
            }
        }
        // ---- bucket enabled (allocation)
        final double strategyWeight = Math.min(allocation.strategyWeight(r.botId()), p.strategyCap());
        if (onAllocation) {
            double bucketWeight = allocation.bucketWeight(bot.bucket.name());
            boolean enabled = bucketWeight > 0 && strategyWeight > 0;
            if (!pass(Gate.BUCKET, enabled, strategyWeight, 0)) {
                return deny(r, decisionId, DenyCode.BUCKET_DISABLED, "the allocation gives " + r.botId() + " in bucket "
                        + bot.bucket.name() + " no weight", m, plan);
            }
        }
        // ---- execution guards
        double retryCap = Double.POSITIVE_INFINITY;
        double firstApproved = -1;
        if (onGuards) {
            long cooldown = symbols.cooldownUntil(r.pair().symbol(), t);
            if (!pass(Gate.SYMBOL_COOLDOWN, cooldown < 0, cooldown < 0 ? 0 : 1, 0)) {
                return deny(r, decisionId, DenyCode.SYMBOL_COOLDOWN, r.pair().symbol() + " is cooled down until "
                        + Instant.ofEpochMilli(cooldown), m, plan);
            }
            if (r.attempt() > 1) {
                List<Double> factors = policy.guards().retrySizeFactors();
                String of = r.retryOf().orElseThrow();
                DecisionBook.Rec prior = book.find(of);
                boolean known = prior != null && prior.botId.equals(r.botId());
                if (known) {
                    releaseReservation(of);
                }
                String refusal = !known ? "retry_of " + of + " names no recent decision of " + r.botId()
                        : prior.guardFailed ? "decision " + of + " failed an execution guard: never retried"
                        : !prior.allowed ? "decision " + of + " was not allowed" : "";
                if (!refusal.isEmpty()) {
                    pass(Gate.RETRY, false, r.attempt(), factors.size() + 1);
                    return deny(r, decisionId, DenyCode.RETRY_NOT_ALLOWED, refusal, m, plan);
                }
                if (!pass(Gate.RETRY, r.attempt() - 1 <= factors.size(), r.attempt(), factors.size() + 1)) {
                    events.add(new EngineEvent.OrderTimeoutFail(r.botId(), r.pair().symbol(), of, r.attempt(), now));
                    return deny(r, decisionId, DenyCode.ORDER_TIMEOUT_FAIL, "attempt " + r.attempt()
                            + " is beyond the " + factors.size() + " retries: the order failed for good", m, plan);
                }
                firstApproved = prior.firstApprovedStake;
                retryCap = factors.get(r.attempt() - 2) * firstApproved;
            }
            boolean hasQuotes = r.spreadBps().isPresent() && r.expectedSlippageBps().isPresent();
            if (policy.guards().requireQuotes()) {
                if (!pass(Gate.QUOTES, hasQuotes, hasQuotes ? 1 : 0, 1)) {
                    return deny(r, decisionId, DenyCode.QUOTES_REQUIRED,
                            "require_quotes: spread_bps and expected_slippage_bps are required", m, plan);
                }
            }
            if (r.spreadBps().isPresent()) {
                double spread = r.spreadBps().getAsDouble();
                double max = bot.bucket.maxSpreadBps();
                if (!pass(Gate.SPREAD, atMost(spread, max), spread, max)) {
                    return guardDeny(r, decisionId, DenyCode.SPREAD_TOO_WIDE, "spread " + spread + " bps above "
                            + max + " bps of bucket " + bot.bucket.name(), m, plan, t, firstApproved);
                }
            }
            if (r.expectedSlippageBps().isPresent()) {
                double slippage = r.expectedSlippageBps().getAsDouble();
                double max = bot.bucket.maxSlippageBps() * adj.slippage();
                if (!pass(Gate.SLIPPAGE, atMost(slippage, max), slippage, max)) {
                    return guardDeny(r, decisionId, DenyCode.SLIPPAGE_TOO_HIGH, "expected slippage " + slippage
                            + " bps above " + max + " bps", m, plan, t, firstApproved);
                }
            }
            if (hasQuotes) {
                symbols.onPass(r.pair().symbol());
            }
        }
        // ---- funding
        if (onFunding) {
            if (r.fundingRate().isPresent()) {
                double f = r.fundingRate().getAsDouble();
                double denyAbove = policy.funding().denyThreshold();
                boolean extreme = Math.abs(f) > denyAbove;
                boolean edgeKnown = r.edgeScore().isPresent() || edgeScores.containsKey(r.botId());
                double edge = r.edgeScore().isPresent() ? r.edgeScore().getAsDouble()
                        : edgeKnown ? edgeScores.get(r.botId()) : 0;
                boolean weakEdge = !edgeKnown || edge < policy.funding().minEdge();
                if (!pass(Gate.FUNDING, !(extreme && weakEdge), f, denyAbove)) {
                    return deny(r, decisionId, DenyCode.FUNDING_TOO_HIGH, "|funding| " + Math.abs(f) + " above "
                            + denyAbove + (edgeKnown ? " and edge " + edge + " below " + policy.funding().minEdge()
                            : " and no edge score"), m, plan);
                }
            } else if (pi.perpetual) {
                checks.add(new GateCheck(Gate.FUNDING, true, 0, policy.funding().denyThreshold(), true));
                reasons.add("FUNDING_DEGRADED: no funding data for " + r.pair().symbol() + ", the funding hook is skipped");
            }
        }
        // ---- RiskOverlord: fat finger, turnover
        if (onFatFinger) {
            double ratio = requestedNotional / e;
            double max = policy.safety().fatFingerMaxOrder();
            if (!pass(Gate.FAT_FINGER, atMost(ratio, max), ratio, max)) {
                return deny(r, decisionId, DenyCode.FAT_FINGER, "order notional " + ratio + " of equity above "
                        + max, m, plan);
            }
        }
        if (onTurnover) {
            double ratio = (turnoverNotional + requestedNotional) / e;
            double max = policy.safety().maxDailyTurnover();
            if (!pass(Gate.TURNOVER, atMost(ratio, max), ratio, max)) {
                return deny(r, decisionId, DenyCode.TURNOVER_CAP, "today's entry notional would reach " + ratio
                        + " of equity, above " + max, m, plan);
            }
        }
        // ---- max open trades (all bots together)
        if (r.kind() == EntryKind.ENTRY) {
            int limit = Math.min((int) Math.floor(p.maxOpenTrades() * adj.maxOpenTrades() + EPS),
                    policy.portfolioManager().maxOpenPositions());
            int open = ledger.openPositions();
            if (!pass(Gate.MAX_OPEN_TRADES, open < limit, open, limit)) {
                return deny(r, decisionId, DenyCode.MAX_OPEN_TRADES, open + " open positions and reservations, limit "
                        + limit, m, plan);
            }
        }
        // ---- correlation throttle
        double budgetCut = 0;
        if (onCorrelation && !isDisabled(Breaker.CORRELATION_THROTTLE, t)) {
            var c = policy.correlation();
            boolean enough = alignment.signals() >= c.alignmentMinSignals();
            double a = enough ? alignment.alignment() : 0;
            boolean high = enough && a >= c.alignmentHigh() - TOUCH;
            budgetCut = high ? c.alignmentHighBudgetCut() : enough && a >= c.alignmentWarn() - TOUCH
                    ? c.alignmentWarnBudgetCut() : 0;
            checks.add(new GateCheck(Gate.SIGNAL_ALIGNMENT, true, a, c.alignmentWarn(), false));
            boolean correlated = correlationKnown && meanCorrelation >= c.pnlCorrThreshold();
            checks.add(new GateCheck(Gate.STRATEGY_CORRELATION, true, correlationKnown ? meanCorrelation : 0,
                    c.pnlCorrThreshold(), !correlationKnown));
            if (high) {
                boolean lowest = lowestEdgeStrategy.equals(r.botId());
                double score = lowest ? edgeScores.get(r.botId()) : 0;
                if (!pass(Gate.LOWEST_EDGE, !lowest, score, score)) {
                    return deny(r, decisionId, DenyCode.LOWEST_EDGE_BLOCKED, "alignment " + a + " >= "
                            + c.alignmentHigh() + " and " + r.botId() + " has the lowest edge score", m, plan);
                }
            }
            if (high && correlated && r.kind() == EntryKind.ENTRY) {
                long window = c.combinedWindowMin() * MINUTE;
                int recent = newPositions.countAfter(t - window);
                if (!pass(Gate.NEW_POSITION_THROTTLE, recent < c.combinedMaxNewPositions(), recent,
                        c.combinedMaxNewPositions())) {
                    return deny(r, decisionId, DenyCode.NEW_POSITION_THROTTLE, recent + " new positions in the last "
                            + c.combinedWindowMin() + " min while alignment and correlation are both high", m, plan);
                }
            }
        }
        // ---- M16 gates P5 -> P1 -> P2, on the risk of the stake the multipliers leave (caps only cut further)
        final double proposedStake = Math.min(r.stakeAmount() * mult, retryCap);
        final double proposedRisk = proposedStake * perStake * stopDistance;
        final double p1Cap = p1Cap(p) * (1 - budgetCut);
        if (onP5) {
            double limit = bot.classAllocation * p1Cap;
            double value = (ledger.classRisk(bot.policy.assetClass()) + proposedRisk) / e;
            if (!pass(Gate.P5_ASSET_CLASS, atMost(value, limit), value, limit)) {
                return deny(r, decisionId, DenyCode.ASSET_CLASS_CAP, bot.policy.assetClass().configName()
                        + " risk would be " + value + " of equity, above its " + limit, m, plan);
            }
        }
        if (onP1) {
            double value = (ledger.atRisk() + proposedRisk) / e;
            if (!pass(Gate.P1_RISK_BUDGET, atMost(value, p1Cap), value, p1Cap)) {
                return deny(r, decisionId, DenyCode.RISK_BUDGET, "risk at stop would be " + value
                        + " of equity, above the budget " + p1Cap, m, plan);
            }
        }
        if (onP2 && r.kind() == EntryKind.ENTRY) {
            int max = policy.portfolioManager().maxPositionsPerGroup();
            int held = ledger.groupCount(pi.ref.groupIndex());
            if (!pass(Gate.P2_CORRELATION_GROUP, held < max, held, max)) {
                return deny(r, decisionId, DenyCode.CORRELATION_GROUP_FULL, "group " + pi.ref.group().orElse("")
                        + " already holds " + held + " of " + max + " positions; open positions are never pre-empted",
                        m, plan);
            }
        }
        // ---- scaling
        double stake = r.stakeAmount();
        if (mult < 1) {
            stake *= mult;
            reasons.add("SIZE_MULTIPLIED: multipliers " + m.product() + " (floor " + policy.safety().minSizeMultiplier()
                    + "), stake " + r.stakeAmount() + " -> " + stake);
        }
        if (stake > retryCap) {
            reasons.add("RETRY_SIZED: attempt " + r.attempt() + " at " + (retryCap / firstApproved)
                    + " of the first approved " + firstApproved + ", stake " + stake + " -> " + retryCap);
            stake = retryCap;
        }
        if (onAllocation) {
            double budget = capacity * strategyWeight;
            double held = ledger.botNotional(bot.ref);
            double order = stake * perStake;
            pass(Gate.STRATEGY_BUDGET, true, capacity > 0 ? (held + order) / capacity : 0, strategyWeight);
            if (!atMost(held + order, budget)) {
                double cut = Math.max(0, budget - held) / perStake;
                reasons.add("STRATEGY_BUDGET_SCALED: " + r.botId() + " budget " + strategyWeight + " of capacity, stake "
                        + stake + " -> " + cut);
                stake = cut;
            }
        }
        if (onAssetCaps && stake > 0) {
            int a = pi.ref.assetIndex();
            double capFraction = pi.assetCap * p.assetCapMultiplier();
            double held = ledger.assetNotional(a);
            double order = stake * perStake;
            pass(Gate.ASSET_CAP, true, capacity > 0 ? (held + order) / capacity : 0, capFraction);
            if (!atMost(held + order, capFraction * capacity)) {
                double cut = Math.max(0, capFraction * capacity - held) / perStake;
                reasons.add("ASSET_CAP_SCALED: " + pi.ref.baseAsset() + " exposure " + capFraction
                        + " of capacity, stake " + stake + " -> " + cut);
                stake = cut;
                order = stake * perStake;
            }
            // top-3 combined: only an asset that is or becomes one of the three largest adds to the sum
            double topFraction = policy.assetCaps().top3Combined() * p.assetCapMultiplier();
            double topCap = topFraction * capacity;
            double o1 = 0;
            double o2 = 0;
            double o3 = 0;
            int found = 0;
            for (int k = 0; k < 4 && found < 3; k++) {
                int other = ledger.topAsset(k);
                if (other < 0) {
                    break;
                }
                if (other == a) {
                    continue;
                }
                double v = ledger.assetNotional(other);
                if (found == 0) {
                    o1 = v;
                } else if (found == 1) {
                    o2 = v;
                } else {
                    o3 = v;
                }
                found++;
            }
            double after = held + order;
            double topAfter = after > o3 ? after + o1 + o2 : o1 + o2 + o3;
            pass(Gate.TOP3_ASSETS, true, capacity > 0 ? topAfter / capacity : 0, topFraction);
            double room = Math.max(o3 - held, topCap - o1 - o2 - held);
            if (stake > 0 && after > o3 && !atMost(topAfter, topCap)) {
                double cut = Math.max(0, room) / perStake;
                reasons.add("TOP3_SCALED: the three largest assets would hold " + (topAfter / capacity)
                        + " of capacity, above " + topFraction + ", stake " + stake + " -> " + cut);
                stake = cut;
            }
        }
        double min = r.minStake();
        if (!pass(Gate.MIN_NOTIONAL, stake > 0 && stake >= min, stake, min)) {
            return deny(r, decisionId, DenyCode.BELOW_MIN_NOTIONAL, "approved stake " + stake + " is below min_stake "
                    + min, m, plan);
        }
        // ---- allow: reserve at once
        double notional = stake * perStake;
        long expires = t + plan.limitTimeoutS() * 1000L + reservationMarginMs;
        ledger.addReservation(decisionId, bot.ref, pi.ref, r.side(), r.kind(), notional, notional * stopDistance, t,
                expires);
        bot.allowedEntries.add(t);
        if (r.kind() == EntryKind.ENTRY) {
            newPositions.add(t);
        }
        turnoverNotional += notional;
        book.record(decisionId, r.botId(), r.pair().symbol(), r.attempt(), firstApproved > 0 ? firstApproved : stake,
                true, false, t, "");
        return new Decision(decisionId, r.requestId(), true, stake, r.stakeAmount(), stake / r.stakeAmount(),
                Optional.empty(), reasons, checks, m, plan, activeProfile, tradingState(),
                Optional.of(Instant.ofEpochMilli(expires)));
    }

    private boolean pass(Gate gate, boolean passed, double value, double limit) {
        checks.add(new GateCheck(gate, passed, value, limit, false));
        return passed;
    }

    private static boolean atMost(double value, double limit) {
        return value <= limit + EPS * Math.max(1.0, Math.abs(limit));
    }

    private Decision deny(DecisionRequest r, String decisionId, DenyCode code, String detail, Multipliers m,
                          ExecutionPlan plan) {
        reasons.add(code.name() + ": " + detail);
        return new Decision(decisionId, r.requestId(), false, 0, r.stakeAmount(), 0, DENIED[code.ordinal()], reasons,
                checks, m, plan, activeProfile, tradingState(), Optional.empty());
    }

    private Decision guardDeny(DecisionRequest r, String decisionId, DenyCode code, String detail, Multipliers m,
                               ExecutionPlan plan, long t, double firstApproved) {
        long cooled = symbols.onFailure(r.pair().symbol(), t);
        if (cooled > 0) {
            events.add(new EngineEvent.SymbolCooledDown(r.pair().symbol(), Instant.ofEpochMilli(t),
                    Instant.ofEpochMilli(cooled)));
        }
        book.record(decisionId, r.botId(), r.pair().symbol(), r.attempt(), Math.max(firstApproved, 0), false, true, t, "");
        return deny(r, decisionId, code, detail, m, plan);
    }

    private Multipliers multipliers(DecisionRequest r, RegimeAdjustment adj, long t) {
        double dd = 1;
        if (onDrawdown && !isDisabled(Breaker.DRAWDOWN, t)
                && (ddPhase == DrawdownPhase.WARN || ddPhase == DrawdownPhase.RECOVERING)) {
            dd = policy.drawdown().warnMultiplier();
        }
        double corr = 1;
        if (onCorrelation && correlationKnown && !isDisabled(Breaker.CORRELATION_THROTTLE, t)) {
            var c = policy.correlation();
            if (meanCorrelation >= c.pnlCorrThreshold()) {
                boolean high = alignment.signals() >= c.alignmentMinSignals()
                        && alignment.alignment() >= c.alignmentHigh() - TOUCH;
                corr = high ? Math.min(c.combinedMultiplier(), c.pnlCorrMultiplier()) : c.pnlCorrMultiplier();
            }
        }
        double vol = adj.leverage();
        double funding = 1;
        if (onFunding && r.fundingRate().isPresent()) {
            double f = r.fundingRate().getAsDouble();
            double adverse = r.side() == Side.LONG ? f : -f;
            if (adverse > policy.funding().scaleThreshold()) {
                funding = policy.funding().scaleMultiplier();
            }
        }
        if (dd == 1 && corr == 1 && vol == 1 && funding == 1) {
            return Multipliers.NONE;
        }
        return new Multipliers(dd, corr, vol, funding);
    }

    private boolean volatilityActive(long t) {
        return onVolatility && !isDisabled(Breaker.VOLATILITY_REGIME, t);
    }

    private double p1Cap(Profile p) {
        PortfolioManagerPolicy pm = policy.portfolioManager();
        return pm.enabled() && pm.globalMaxExposurePct().isPresent() ? pm.globalMaxExposurePct().getAsDouble()
                : p.riskBudget();
    }

    private double hardLimit() {
        PortfolioManagerPolicy pm = policy.portfolioManager();
        return pm.enabled() && pm.globalDailyLossLimit().isPresent() ? pm.globalDailyLossLimit().getAsDouble()
                : profile.dailyHardLoss();
    }

    private double dailyLossRatio() {
        double start = equity - dayPnl;
        return equityKnown && start > 0 ? dayPnl / start : 0;
    }

    private double drawdown() {
        return equityKnown && peak > 0 ? 1 - equity / peak : 0;
    }

    private boolean isDisabled(Breaker b, long t) {
        return breakerDisabledUntilMs[b.ordinal()] > t;
    }

    private boolean inMaintenance(long t) {
        long minuteOfDay = Math.floorMod(t, DAY) / MINUTE;
        long dayOfWeek = Math.floorMod(Math.floorDiv(t, DAY) + 3, 7); // 1970-01-01 was a Thursday; Monday = 0
        long minuteOfWeek = dayOfWeek * 24 * 60 + minuteOfDay;
        for (MaintenanceWindow w : policy.ibkr().maintenanceWindows()) {
            long x = w.daily() ? minuteOfDay : minuteOfWeek;
            int s = w.startMinuteOfWeek();
            int end = w.endMinuteOfWeek();
            if (s < end ? x >= s && x < end : x >= s || x < end) {
                return true;
            }
        }
        return false;
    }

    /** The time of an event shielding the pair at t, or -1. Shield: [event - before, event + after], inclusive. */
    private long shieldingEvent(PairInfo pi, long t) {
        long[] times = pi.shieldEventsMs;
        if (times.length == 0) {
            return -1;
        }
        long from = t - policy.newsShield().afterMin() * MINUTE;
        long to = t + policy.newsShield().beforeMin() * MINUTE;
        int i = Arrays.binarySearch(times, from);
        if (i < 0) {
            i = -i - 1;
        } else {
            while (i > 0 && times[i - 1] == from) {
                i--;
            }
        }
        return i < times.length && times[i] <= to ? times[i] : -1;
    }

    private PairInfo pairInfo(Pair pair) {
        PairInfo pi = pairs.get(pair.symbol());
        if (pi != null) {
            return pi;
        }
        String base = pair.baseAsset();
        String group = groupOfMember.get(pair.instrument());
        if (group == null) {
            group = groupOfMember.get(base);
        }
        InstrumentRef ref = ledger.instrumentRef(pair.symbol(), base, Optional.ofNullable(group));
        double rate;
        if (pair.stakeCurrency().isEmpty() || pair.stakeCurrency().get().equals(policy.baseCurrency())) {
            rate = 1.0;
        } else {
            Double r = policy.stakeCurrencyRates().get(pair.stakeCurrency().get());
            rate = r == null ? Double.NaN : r;
        }
        Set<String> impacts = new HashSet<>();
        for (String i : policy.newsShield().impact()) {
            impacts.add(i.toLowerCase(Locale.ROOT));
        }
        List<Long> shield = new ArrayList<>();
        for (NewsEvent ev : policy.newsShield().events()) {
            if (impacts.contains(ev.impact().toLowerCase(Locale.ROOT)) && ev.affects(base)) {
                shield.add(ev.time().toEpochMilli());
            }
        }
        long[] times = shield.stream().mapToLong(Long::longValue).sorted().toArray();
        pi = new PairInfo(pair, ref, rate, policy.correlation().alignmentAssets().contains(base),
                pair.symbol().indexOf(':') >= 0, policy.assetCaps().capOf(base), times);
        pairs.put(pair.symbol(), pi);
        return pi;
    }

    @SuppressWarnings("unchecked")
    private static Optional<DenyCode>[] deniedOptionals() {
        DenyCode[] codes = DenyCode.values();
        Optional<DenyCode>[] out = new Optional[codes.length];
        for (DenyCode c : codes) {
            out[c.ordinal()] = Optional.of(c);
        }
        return out;
    }

    // =========================================================================================== time

    /**
     * Lets time pass to {@code t}: lapses reservations, rolls the turnover day, ends pauses, resets a loss streak whose
     * cooldown ran out, forgets requests that left their windows. Only ever moves forward; an older t changes nothing.
     */
    private void advance(long t) {
        for (int i = ledger.size() - 1; i >= 0; i--) {
            if (ledger.typeAt(i) == LedgerEntryType.RESERVATION && ledger.expiresAtMsAt(i) <= t) {
                String id = ledger.idAt(i);
                events.add(new EngineEvent.ReservationExpired(id, ledger.botAt(i).botId(), ledger.instrumentAt(i).pair(),
                        Instant.ofEpochMilli(t)));
                releaseAt(i);
            }
        }
        long day = Math.floorDiv(t, DAY);
        if (day > turnoverDay) {
            turnoverDay = day;
            turnoverNotional = 0;
        }
        refreshLossStreak(t);
        if (ddPhase == DrawdownPhase.BREAKER && ddPauseUntilMs <= t) {
            ddPhase = DrawdownPhase.RECOVERING;
            events.add(new EngineEvent.BreakerCleared("DRAWDOWN_BREAKER", Instant.ofEpochMilli(t),
                    "pause over; size x " + policy.drawdown().warnMultiplier() + " until recovery"));
        }
        for (Breaker b : BREAKERS) {
            long until = breakerDisabledUntilMs[b.ordinal()];
            if (until >= 0 && until <= t) {
                breakerDisabledUntilMs[b.ordinal()] = -1;
                events.add(new EngineEvent.BreakerCleared(b.name(), Instant.ofEpochMilli(t),
                        "operator disable expired: the breaker is on again"));
            }
        }
        alignment.advance(t);
        newPositions.dropUpTo(t - policy.correlation().combinedWindowMin() * MINUTE);
    }

    private void refreshLossStreak(long t) {
        if (cooldownUntilMs >= 0 && cooldownUntilMs <= t) {
            cooldownUntilMs = -1;
            cooldownTierLosses = 0;
            losses = 0;
            wins = 0;
            events.add(new EngineEvent.BreakerCleared("LOSS_STREAK", Instant.ofEpochMilli(t),
                    "a full cooldown passed without a new loss: streak reset"));
        }
    }

    /** Releases a reservation (cancel, expiry, retry of it): its notional leaves the turnover of its own day again. */
    private void releaseAt(int i) {
        if (Math.floorDiv(ledger.openedAtMsAt(i), DAY) == turnoverDay) {
            turnoverNotional = Math.max(0, turnoverNotional - ledger.notionalAt(i));
        }
        ledger.removeAt(i);
    }

    private boolean releaseReservation(String decisionId) {
        int i = ledger.indexOf(decisionId);
        if (i < 0 || ledger.typeAt(i) != LedgerEntryType.RESERVATION) {
            return false;
        }
        releaseAt(i);
        return true;
    }

    /** Lapses reservations whose expiry has passed (and lets every other timer run); the scheduler calls it. */
    public void expireReservations(Instant now) {
        long t = now.toEpochMilli();
        advance(t);
        symbols.prune(t);
    }

    // =========================================================================================== reservations

    /**
     * The bot reports that the order of an allowed decision filled as {@code tradeId}. The reservation keeps counting
     * (now linked to the trade) until a poll shows the trade; a trade a poll already counted is not counted twice.
     */
    public FillResult fill(String decisionId, String tradeId, Instant now) {
        Checks.notBlank(decisionId, "decision_id");
        Checks.notBlank(tradeId, "trade_id");
        advance(now.toEpochMilli());
        int i = ledger.indexOf(decisionId);
        if (i >= 0 && ledger.typeAt(i) == LedgerEntryType.RESERVATION) {
            String botId = ledger.botAt(i).botId();
            if (ledger.kindAt(i) == EntryKind.ENTRY && ledger.indexOfPosition(botId, tradeId) >= 0) {
                markConsumed(decisionId, tradeId);
                releaseAt(i);
                return FillResult.ALREADY_POSITION;
            }
            ledger.linkFillAt(i, tradeId, now.toEpochMilli());
            return FillResult.LINKED;
        }
        DecisionBook.Rec rec = book.find(decisionId);
        if (rec != null && !rec.tradeId.isEmpty()) {
            return FillResult.ALREADY_POSITION;
        }
        return FillResult.UNKNOWN_DECISION;
    }

    /** The bot cancelled the order of an allowed decision: its reservation is released. False if there was none. */
    public boolean cancel(String decisionId, Instant now) {
        Checks.notBlank(decisionId, "decision_id");
        advance(now.toEpochMilli());
        return releaseReservation(decisionId);
    }

    private void markConsumed(String decisionId, String tradeId) {
        DecisionBook.Rec rec = book.find(decisionId);
        if (rec != null) {
            rec.tradeId = tradeId;
        }
    }

    // =========================================================================================== polling inputs

    /**
     * Equity and day PnL from a poll, base currency. Start-of-day equity = equity - dayPnl; the day is the UTC day of
     * {@code now}. Updates the peak, the daily-loss breakers and the drawdown phase. A report older than the last
     * one is ignored; the same report twice changes nothing.
     */
    public void onEquity(Instant now, double equityBase, double dayPnlBase) {
        long t = now.toEpochMilli();
        Checks.positive(equityBase, "equity");
        Checks.finite(dayPnlBase, "day_pnl");
        if (!(equityBase - dayPnlBase > 0)) {
            throw new IllegalArgumentException("start-of-day equity (equity - day_pnl) must be > 0, was "
                    + (equityBase - dayPnlBase));
        }
        if (equityKnown && t < equityAtMs) {
            return;
        }
        advance(t);
        equityKnown = true;
        equityAtMs = t;
        equity = equityBase;
        dayPnl = dayPnlBase;
        peak = Math.max(peak, equityBase);
        Instant at = now;

        long day = Math.floorDiv(t, DAY);
        if (day != lossDay) {
            lossDay = day;
            softArmed = true;
        }
        double ratio = dailyLossRatio();
        if (ratio <= -policy.dailyLoss().soft() + TOUCH) {
            if (softArmed) {
                softArmed = false;
                softFreezeUntilMs = t + (long) (policy.dailyLoss().softFreezeH() * HOUR);
                events.add(new EngineEvent.BreakerTripped(DenyCode.DAILY_LOSS_SOFT.name(), at,
                        Optional.of(Instant.ofEpochMilli(softFreezeUntilMs)), "daily loss " + ratio));
            }
        } else {
            softArmed = true;
        }
        if (ratio <= -hardLimit() + TOUCH && hardFrozenDay != day) {
            hardFrozenDay = day;
            events.add(new EngineEvent.BreakerTripped(DenyCode.DAILY_LOSS_HARD.name(), at,
                    Optional.of(Instant.ofEpochMilli((day + 1) * DAY)), "daily loss " + ratio));
        }
        updateDrawdown(t, at);
    }

    private void updateDrawdown(long t, Instant at) {
        var d = policy.drawdown();
        double dd = drawdown();
        if (dd >= d.breaker() - TOUCH && (ddPhase == DrawdownPhase.NORMAL || ddPhase == DrawdownPhase.WARN
                || (ddPhase == DrawdownPhase.RECOVERING && equity < ddTripTrough))) {
            ddPhase = DrawdownPhase.BREAKER;
            ddPauseUntilMs = t + (long) (d.breakerPauseH() * HOUR);
            ddTripTrough = equity;
            ddAnchorMs = -1;
            events.add(new EngineEvent.BreakerTripped(DenyCode.DRAWDOWN_BREAKER.name(), at,
                    Optional.of(Instant.ofEpochMilli(ddPauseUntilMs)), "drawdown " + dd));
            return;
        }
        if (ddPhase == DrawdownPhase.BREAKER) {
            ddTripTrough = Math.min(ddTripTrough, equity);
        }
        if (ddPhase == DrawdownPhase.NORMAL) {
            if (dd >= d.warn() - TOUCH) {
                ddPhase = DrawdownPhase.WARN;
                ddAnchorMs = -1;
                events.add(new EngineEvent.BreakerTripped("DRAWDOWN_WARN", at, Optional.empty(),
                        "drawdown " + dd + ": size x " + d.warnMultiplier()));
            }
            return;
        }
        // WARN, BREAKER, RECOVERING: track the recovery stretch (below recover_below, no new loss)
        if (dd < d.recoverBelow()) {
            if (ddAnchorMs < 0 || equity < ddAnchorEquity) {
                ddAnchorMs = t;
                ddAnchorEquity = equity;
            } else if (ddPhase != DrawdownPhase.BREAKER && t - ddAnchorMs >= (long) (d.recoverAfterH() * HOUR)) {
                ddPhase = DrawdownPhase.NORMAL;
                ddAnchorMs = -1;
                events.add(new EngineEvent.BreakerCleared("DRAWDOWN", at, "drawdown " + dd + " below "
                        + d.recoverBelow() + " with no loss for " + d.recoverAfterH() + " h"));
            }
        } else {
            ddAnchorMs = -1;
        }
    }

    /**
     * Replaces one bot's (or the account's) open positions with a poll's view. A position not seen before consumes the
     * reservation linked to its trade by a fill report, else the oldest unlinked reservation of the same bot, pair and
     * side whose lifetime covers the position's open time (so it is never counted twice); a position with no
     * reservation that was opened today counts into today's turnover, unless it was already there at the bot's first
     * poll (a holding from before the orchestrator watched, not an entry it saw happen). Linked reservations whose
     * trade is absent are released. A poll older than the last applied one is ignored.
     */
    public void syncPositions(String botId, List<OpenPosition> positions, Instant now) {
        BotInfo bot = bots.get(botId);
        if (bot == null) {
            throw new IllegalArgumentException("bot_id '" + botId + "' is not a configured bot or " + ACCOUNT_ID);
        }
        long t = now.toEpochMilli();
        if (t < bot.lastSyncMs) {
            return;
        }
        boolean firstSync = bot.lastSyncMs == Long.MIN_VALUE;
        bot.lastSyncMs = t;
        advance(t);
        Set<String> seen = new HashSet<>();
        for (OpenPosition p : positions) {
            if (closedTradeKeys.contains(closedKey(botId, p.tradeId())) || !seen.add(p.tradeId())) {
                continue;
            }
            PairInfo pi = pairInfo(p.pair());
            double rate = Double.isNaN(pi.rate) ? 1.0 : pi.rate;
            double notional = p.stakeAmount() * p.leverage() * rate;
            double risk = notional * p.stopDistance(bot.policy.stoploss());
            int i = ledger.indexOfPosition(botId, p.tradeId());
            if (i >= 0) {
                if (ledger.notionalAt(i) != notional || ledger.riskAt(i) != risk) {
                    ledger.updateAt(i, notional, risk);
                }
            } else {
                int j = matchReservation(bot, p);
                if (j >= 0) {
                    markConsumed(ledger.idAt(j), p.tradeId());
                    ledger.removeAt(j);
                } else if (!firstSync && Math.floorDiv(p.openedAt().toEpochMilli(), DAY) == turnoverDay) {
                    turnoverNotional += notional;
                }
                ledger.addPosition(bot.ref, pi.ref, p.tradeId(), p.side(), notional, risk, p.openedAt().toEpochMilli());
            }
        }
        for (int i = ledger.size() - 1; i >= 0; i--) {
            if (!ledger.botAt(i).botId().equals(botId)) {
                continue;
            }
            if (ledger.typeAt(i) == LedgerEntryType.POSITION) {
                if (!seen.contains(ledger.tradeIdAt(i))) {
                    ledger.removeAt(i);
                }
            } else if (!ledger.tradeIdAt(i).isEmpty() && ledger.filledAtMsAt(i) <= t) {
                // a filled increase is now in the position's size; a filled entry whose trade vanished is gone
                markConsumed(ledger.idAt(i), ledger.tradeIdAt(i));
                ledger.removeAt(i);
            }
        }
    }

    private int matchReservation(BotInfo bot, OpenPosition p) {
        int best = -1;
        long opened = p.openedAt().toEpochMilli();
        for (int i = 0; i < ledger.size(); i++) {
            if (ledger.typeAt(i) != LedgerEntryType.RESERVATION || ledger.kindAt(i) != EntryKind.ENTRY
                    || !ledger.botAt(i).botId().equals(bot.policy.id())) {
                continue;
            }
            if (ledger.tradeIdAt(i).equals(p.tradeId())) {
                return i;
            }
            if (ledger.tradeIdAt(i).isEmpty() && ledger.sideAt(i) == p.side()
                    && ledger.instrumentAt(i).pair().equals(p.pair().symbol())
                    && opened >= ledger.openedAtMsAt(i) - MATCH_SLACK_MS && opened <= ledger.expiresAtMsAt(i)
                    && (best < 0 || ledger.openedAtMsAt(i) < ledger.openedAtMsAt(best))) {
                best = i;
            }
        }
        return best;
    }

    /**
     * A closed trade of any bot, in close order: counts for the loss streak (playbook 2.3, M16 P4) and removes the
     * position. Deduplicated by bot and trade id; a later poll that still lists the trade does not bring it back.
     */
    public void onClosedTrade(ClosedTrade trade) {
        String key = closedKey(trade.botId(), trade.tradeId());
        if (!closedTradeKeys.add(key)) {
            return;
        }
        if (closedTradeKeys.size() > CLOSED_TRADE_MEMORY) {
            Iterator<String> it = closedTradeKeys.iterator();
            it.next();
            it.remove();
        }
        int i = ledger.indexOfPosition(trade.botId(), trade.tradeId());
        if (i >= 0) {
            ledger.removeAt(i);
        }
        long t = trade.closedAt().toEpochMilli();
        refreshLossStreak(t);
        double r = trade.profitRatio();
        var ls = policy.lossStreak();
        if (Math.abs(r) < ls.breakevenEpsilon()) {
            return;
        }
        if (r > 0) {
            wins++;
            if (wins >= ls.resetAfterWins()) {
                losses = 0;
                wins = 0;
            }
            return;
        }
        losses++;
        wins = 0;
        LossStreakTier reached = null;
        for (LossStreakTier tier : tiers) {
            if (tier.losses() <= losses) {
                reached = tier;
            }
        }
        if (reached == null) {
            return;
        }
        long until = t + reached.cooldownMin() * MINUTE;
        if (until > cooldownUntilMs) {
            cooldownUntilMs = until;
            cooldownTierLosses = reached.losses();
            events.add(new EngineEvent.CooldownStarted(losses, trade.closedAt(), Instant.ofEpochMilli(until)));
        }
        if (reached.downgradeProfile() && reached.losses() == losses && activeProfile.stepDown() != activeProfile) {
            ProfileName from = activeProfile;
            setProfile(from.stepDown());
            events.add(new EngineEvent.ProfileChanged(from, activeProfile, trade.closedAt(), true,
                    losses + " losses in a row"));
        }
    }

    private static String closedKey(String botId, String tradeId) {
        return botId + "/" + tradeId;
    }

    /** A bot's data freshness from the poller; a bot never reported is stale. */
    public void onBotHealth(String botId, BotHealth health, Instant now) {
        BotInfo bot = bots.get(botId);
        if (bot == null) {
            throw new IllegalArgumentException("bot_id '" + botId + "' is not a configured bot");
        }
        Checks.notNull(health, "health");
        advance(now.toEpochMilli());
        bot.fresh = health == BotHealth.FRESH;
    }

    /** True while the portfolio view as a whole is stale (or incomplete): every entry is denied. Starts true. */
    public void onPortfolioStale(boolean stale) {
        portfolioStale = stale;
    }

    /** The allocation computed by the app from return series (weights as fractions of C). */
    public void onAllocation(Allocation next) {
        allocation = Checks.notNull(next, "allocation");
        allocationKnown = true;
    }

    /** The volatility regime computed by the app's RegimeTracker (persistence and hysteresis happen there). */
    public void onRegime(VolatilityRegime next, Instant now) {
        Checks.notNull(next, "regime");
        advance(now.toEpochMilli());
        if (next != regime) {
            events.add(new EngineEvent.RegimeChanged(regime, next, now));
            regime = next;
            regimeSinceMs = now.toEpochMilli();
        }
        adjustment = adjustmentOf(regime);
    }

    private RegimeAdjustment adjustmentOf(VolatilityRegime r) {
        return switch (r) {
            case NORMAL -> RegimeAdjustment.NONE;
            case HIGH -> policy.volatility().high();
            case EXTREME -> policy.volatility().extreme();
        };
    }

    /** Mean pairwise Pearson correlation of the strategies' hourly PnL over pnl_corr_window_d, in [-1, 1]. */
    public void onStrategyCorrelation(double meanPairwise, Instant now) {
        Checks.inRange(meanPairwise, -1, 1, "mean_pairwise_correlation");
        correlationKnown = true;
        meanCorrelation = meanPairwise;
        correlationAtMs = now.toEpochMilli();
    }

    /**
     * Edge score per strategy (rolling expectancy of its closed trades). The strategy with the strictly lowest score
     * is the one alignment_high blocks; with fewer than two scores or a tie at the bottom, none is blocked.
     */
    public void onEdgeScores(Map<String, Double> scores) {
        Checks.notNull(scores, "edge_scores");
        edgeScores.clear();
        scores.forEach((k, v) -> edgeScores.put(Checks.notBlank(k, "strategy"), Checks.finite(v, "edge_score[" + k + "]")));
        lowestEdgeStrategy = lowestOf(edgeScores);
    }

    private static String lowestOf(Map<String, Double> scores) {
        if (scores.size() < 2) {
            return "";
        }
        String lowest = "";
        double min = Double.POSITIVE_INFINITY;
        boolean tie = false;
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            if (e.getValue() < min) {
                min = e.getValue();
                lowest = e.getKey();
                tie = false;
            } else if (e.getValue() == min) {
                tie = true;
            }
        }
        return tie ? "" : lowest;
    }

    /** IBKR NAV reconciliation from the poller (HALT and EMERGENCY deny futures entries). */
    public void onReconciliation(ReconciliationState state, Instant now) {
        Checks.notNull(state, "reconciliation");
        if (state != reconciliation) {
            events.add(new EngineEvent.ReconciliationChanged(reconciliation, state, now));
            reconciliation = state;
        }
    }

    // =========================================================================================== operators

    /** Trips the kill switch: HALTED, every entry denied with KILL_SWITCH (flattening is the app's job). */
    public void tripKillSwitch(String reason, Instant now) {
        Checks.notBlank(reason, "reason");
        if (!killSwitch) {
            killSwitch = true;
            killSwitchReason = reason;
            events.add(new EngineEvent.KillSwitchChanged(true, now, reason));
        }
    }

    /** Releases the kill switch (the app checks the two approvals). */
    public void releaseKillSwitch(String reason, Instant now) {
        Checks.notBlank(reason, "reason");
        if (killSwitch) {
            killSwitch = false;
            killSwitchReason = "";
            events.add(new EngineEvent.KillSwitchChanged(false, now, reason));
        }
    }

    /** Sets or clears REDUCING: no new risk while set, exits free. */
    public void setReducing(boolean on, String reason, Instant now) {
        Checks.notBlank(reason, "reason");
        if (reducing != on) {
            reducing = on;
            events.add(new EngineEvent.TradingStateChanged(tradingState(), now, reason));
        }
    }

    /** Disables a breaker for ttl (0 < ttl <= 12 h); it re-enables itself at expiry. */
    public void disableBreaker(Breaker breaker, Duration ttl, String reason, Instant now) {
        Checks.notNull(breaker, "breaker");
        Checks.notBlank(reason, "reason");
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_BREAKER_DISABLE) > 0) {
            throw new IllegalArgumentException("ttl must be in (0, 12 h], was " + ttl);
        }
        Instant until = now.plus(ttl);
        breakerDisabledUntilMs[breaker.ordinal()] = until.toEpochMilli();
        events.add(new EngineEvent.BreakerDisabled(breaker, now, until, reason));
    }

    /** Re-enables a disabled breaker before its expiry. */
    public void enableBreaker(Breaker breaker, Instant now) {
        if (breakerDisabledUntilMs[breaker.ordinal()] >= 0) {
            breakerDisabledUntilMs[breaker.ordinal()] = -1;
            events.add(new EngineEvent.BreakerCleared(breaker.name(), now, "re-enabled by an operator"));
        }
    }

    /** Switches the active profile (after two-person approval, which the app checks). */
    public void switchProfile(ProfileName next, String reason, Instant now) {
        Checks.notNull(next, "profile");
        Checks.notBlank(reason, "reason");
        if (next != activeProfile) {
            ProfileName from = activeProfile;
            setProfile(next);
            events.add(new EngineEvent.ProfileChanged(from, next, now, false, reason));
        }
    }

    /** Events since the last drain, oldest first; the list is then empty. */
    public List<EngineEvent> drainEvents() {
        List<EngineEvent> out = List.copyOf(events);
        events.clear();
        return out;
    }

    // =========================================================================================== views

    public TradingState tradingState() {
        return killSwitch ? TradingState.HALTED : reducing ? TradingState.REDUCING : TradingState.ACTIVE;
    }

    public ProfileName activeProfile() {
        return activeProfile;
    }

    public VolatilityRegime regime() {
        return regime;
    }

    public RiskPolicy policy() {
        return policy;
    }

    /** Open positions, in insertion order. */
    public List<LedgerEntry> positions() {
        return ledger.entries().stream().filter(x -> x.type() == LedgerEntryType.POSITION).toList();
    }

    /** Reservations, in insertion order. */
    public List<LedgerEntry> reservations() {
        return ledger.entries().stream().filter(x -> x.type() == LedgerEntryType.RESERVATION).toList();
    }

    /** The ledger aggregates (incremental). */
    public com.portfolioorchestrator.core.ledger.LedgerTotals exposure() {
        return ledger.totals();
    }

    /** The same aggregates recomputed from the entries (for checks and tests). */
    public com.portfolioorchestrator.core.ledger.LedgerTotals exposureRecomputed() {
        return PositionLedger.recompute(ledger.entries());
    }

    public RiskStateView riskState(Instant now) {
        long t = now.toEpochMilli();
        List<String> stale = new ArrayList<>();
        for (BotPolicy b : policy.bots()) {
            if (!bots.get(b.id()).fresh) {
                stale.add(b.id());
            }
        }
        Collections.sort(stale);
        return new RiskStateView(tradingState(), killSwitch, killSwitchReason, activeProfile, equityKnown, equity,
                equity - dayPnl, dailyLossRatio(), policy.dailyLoss().soft(), hardLimit(), softFreezeUntilMs,
                hardFrozenDay == Math.floorDiv(t, DAY), peak, drawdown(), ddPhase, ddPauseUntilMs, losses,
                cooldownUntilMs, regime, regimeSinceMs, reconciliation, portfolioStale, stale, disabledBreakers());
    }

    private Map<Breaker, Long> disabledBreakers() {
        Map<Breaker, Long> out = new EnumMap<>(Breaker.class);
        for (Breaker b : Breaker.values()) {
            if (breakerDisabledUntilMs[b.ordinal()] >= 0) {
                out.put(b, breakerDisabledUntilMs[b.ordinal()]);
            }
        }
        return out;
    }

    public AllocationStateView allocationState(Instant now) {
        long t = now.toEpochMilli();
        RegimeAdjustment adj = volatilityActive(t) ? adjustment : RegimeAdjustment.NONE;
        var c = policy.correlation();
        boolean enough = alignment.signals() >= c.alignmentMinSignals();
        double a = enough ? alignment.alignment() : 0;
        double cut = !onCorrelation || isDisabled(Breaker.CORRELATION_THROTTLE, t) || !enough ? 0
                : a >= c.alignmentHigh() - TOUCH ? c.alignmentHighBudgetCut()
                : a >= c.alignmentWarn() - TOUCH ? c.alignmentWarnBudgetCut() : 0;
        Map<String, Double> strategies = new LinkedHashMap<>();
        for (BotPolicy b : policy.bots()) {
            strategies.put(b.id(), Math.min(allocation.strategyWeight(b.id()), profile.strategyCap()));
        }
        return new AllocationStateView(equity, equity * profile.leverage() * adj.leverage(), profile.leverage(),
                adj.leverage(), allocation.bucketWeights(), strategies, allocation.computedAt().toEpochMilli(),
                allocationKnown, p1Cap(profile) * (1 - cut), cut, a, alignment.signals(), correlationKnown,
                correlationKnown ? meanCorrelation : 0, ledger.totals());
    }

    public ExecutionGuardStateView executionGuardState(Instant now) {
        long t = now.toEpochMilli();
        RegimeAdjustment adj = volatilityActive(t) ? adjustment : RegimeAdjustment.NONE;
        Map<String, ExecutionPlan> plans = new LinkedHashMap<>();
        Map<String, Double> spread = new LinkedHashMap<>();
        Map<String, Double> slippage = new LinkedHashMap<>();
        for (BucketPolicy b : policy.buckets()) {
            plans.put(b.name(), new ExecutionPlan(b.limitTimeoutS(), policy.guards().retrySizeFactors().size(),
                    policy.guards().retrySizeFactors()));
            spread.put(b.name(), b.maxSpreadBps());
            slippage.put(b.name(), b.maxSlippageBps() * adj.slippage());
        }
        Map<String, Integer> entries = new LinkedHashMap<>();
        for (BotPolicy b : policy.bots()) {
            entries.put(b.id(), bots.get(b.id()).allowedEntries.countAfter(t - HOUR));
        }
        return new ExecutionGuardStateView(plans, spread, slippage, symbols.toList(), entries, turnoverNotional,
                policy.safety().maxDailyTurnover() * (equityKnown ? equity : 0));
    }

    // =========================================================================================== persistence

    /** Everything that must survive a restart, as a plain value. */
    public EngineState snapshot() {
        Map<String, BotHealth> health = new TreeMap<>();
        Map<String, List<Long>> stamps = new TreeMap<>();
        Map<String, Long> syncs = new TreeMap<>();
        for (Map.Entry<String, BotInfo> e : bots.entrySet()) {
            BotInfo b = e.getValue();
            if (!b.account) {
                health.put(e.getKey(), b.fresh ? BotHealth.FRESH : BotHealth.STALE);
                stamps.put(e.getKey(), b.allowedEntries.toList());
            }
            if (b.lastSyncMs != Long.MIN_VALUE) {
                syncs.put(e.getKey(), b.lastSyncMs);
            }
        }
        return new EngineState(activeProfile, killSwitch, killSwitchReason, reducing, disabledBreakers(),
                new EngineState.EquityState(equityKnown, equityAtMs, equity, dayPnl, peak),
                new EngineState.DailyLossState(lossDay, softArmed, softFreezeUntilMs, hardFrozenDay),
                new EngineState.DrawdownState(ddPhase, ddPauseUntilMs, ddTripTrough, ddAnchorMs, ddAnchorEquity),
                new EngineState.LossStreakState(losses, wins, cooldownUntilMs, cooldownTierLosses),
                regime, regimeSinceMs, reconciliation, portfolioStale, health,
                new EngineState.CorrelationInput(correlationKnown, meanCorrelation, correlationAtMs),
                edgeScores,
                new EngineState.AllocationState(allocationKnown, allocation.bucketWeights(),
                        allocation.strategyWeights(), allocation.computedAt().toEpochMilli()),
                ledger.entries(), ledger.nextSequence(), stamps, newPositions.toList(),
                new EngineState.TurnoverState(turnoverDay, turnoverNotional), alignment.toList(), symbols.toList(),
                book.toList(), List.copyOf(closedTradeKeys), syncs);
    }

    /** An engine that continues exactly where the saved one stopped, under the given (current) policy. */
    public static DecisionEngine restore(RiskPolicy policy, EngineState s) {
        return restore(policy, s, DEFAULT_RESERVATION_MARGIN);
    }

    public static DecisionEngine restore(RiskPolicy policy, EngineState s, Duration reservationMargin) {
        Checks.notNull(s, "state");
        DecisionEngine e = new DecisionEngine(policy, reservationMargin);
        e.setProfile(s.activeProfile());
        e.killSwitch = s.killSwitch();
        e.killSwitchReason = s.killSwitchReason();
        e.reducing = s.reducing();
        s.breakerDisabledUntilMs().forEach((b, until) -> e.breakerDisabledUntilMs[b.ordinal()] = until);
        var eq = s.equity();
        e.equityKnown = eq.known();
        e.equityAtMs = eq.lastAtMs();
        e.equity = eq.equity();
        e.dayPnl = eq.dayPnl();
        e.peak = eq.peak();
        var dl = s.dailyLoss();
        e.lossDay = dl.epochDay();
        e.softArmed = dl.softArmed();
        e.softFreezeUntilMs = dl.softFreezeUntilMs();
        e.hardFrozenDay = dl.hardFrozenDay();
        var dd = s.drawdown();
        e.ddPhase = dd.phase();
        e.ddPauseUntilMs = dd.pauseUntilMs();
        e.ddTripTrough = dd.tripTrough();
        e.ddAnchorMs = dd.recoveryAnchorMs();
        e.ddAnchorEquity = dd.recoveryAnchorEquity();
        var ls = s.lossStreak();
        e.losses = ls.losses();
        e.wins = ls.wins();
        e.cooldownUntilMs = ls.cooldownUntilMs();
        e.cooldownTierLosses = ls.cooldownTierLosses();
        e.regime = s.regime();
        e.regimeSinceMs = s.regimeSinceMs();
        e.adjustment = e.adjustmentOf(s.regime());
        e.reconciliation = s.reconciliation();
        e.portfolioStale = s.portfolioStale();
        s.botHealth().forEach((id, h) -> {
            BotInfo b = e.bots.get(id);
            if (b != null) {
                b.fresh = h == BotHealth.FRESH;
            }
        });
        var corr = s.strategyCorrelation();
        e.correlationKnown = corr.known();
        e.meanCorrelation = corr.meanPairwise();
        e.correlationAtMs = corr.atMs();
        e.onEdgeScores(s.edgeScores());
        var alloc = s.allocation();
        e.allocationKnown = alloc.known();
        e.allocation = new Allocation(orderedLike(policy, alloc.bucketWeights(), true),
                orderedLike(policy, alloc.strategyWeights(), false), Instant.ofEpochMilli(alloc.computedAtMs()));
        for (LedgerEntry x : s.ledger()) {
            BotInfo b = e.bots.get(x.botId());
            if (b == null) {
                continue; // a bot removed from the config: its entries go with it
            }
            PairInfo pi = e.pairInfo(Pair.parse(x.pair()));
            e.ledger.restore(x, b.ref, pi.ref);
        }
        e.ledger.continueSequenceAt(s.ledgerNextSequence());
        s.rateLimitStamps().forEach((id, list) -> {
            BotInfo b = e.bots.get(id);
            if (b != null) {
                list.forEach(b.allowedEntries::add);
            }
        });
        s.newPositionStamps().forEach(e.newPositions::add);
        e.turnoverDay = s.turnover().epochDay();
        e.turnoverNotional = s.turnover().notional();
        s.alignment().forEach(a -> e.alignment.record(a.atMs(), a.side()));
        s.symbols().forEach(e.symbols::restore);
        s.recentDecisions().forEach(d -> e.book.record(d.decisionId(), d.botId(), d.pair(), d.attempt(),
                d.firstApprovedStake(), d.allowed(), d.guardFailed(), d.atMs(), d.tradeId()));
        e.closedTradeKeys.addAll(s.closedTradeKeys());
        s.lastSyncMs().forEach((id, ms) -> {
            BotInfo b = e.bots.get(id);
            if (b != null) {
                b.lastSyncMs = ms;
            }
        });
        return e;
    }

    /** Weights in policy order (buckets or strategies first as configured), then any others sorted. */
    private static Map<String, Double> orderedLike(RiskPolicy policy, Map<String, Double> weights, boolean buckets) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (buckets) {
            for (BucketPolicy b : policy.buckets()) {
                if (weights.containsKey(b.name())) {
                    out.put(b.name(), weights.get(b.name()));
                }
            }
        } else {
            for (BucketPolicy b : policy.buckets()) {
                for (String s : b.strategies()) {
                    if (weights.containsKey(s)) {
                        out.put(s, weights.get(s));
                    }
                }
            }
        }
        new TreeMap<>(weights).forEach(out::putIfAbsent);
        return out;
    }
}
