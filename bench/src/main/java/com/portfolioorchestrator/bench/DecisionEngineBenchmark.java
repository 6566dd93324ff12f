package com.portfolioorchestrator.bench;

import com.portfolioorchestrator.core.Pair;
import com.portfolioorchestrator.core.Side;
import com.portfolioorchestrator.core.engine.BotHealth;
import com.portfolioorchestrator.core.engine.Decision;
import com.portfolioorchestrator.core.engine.DecisionEngine;
import com.portfolioorchestrator.core.engine.DecisionRequest;
import com.portfolioorchestrator.core.engine.GateCheck;
import com.portfolioorchestrator.core.engine.OpenPosition;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import com.portfolioorchestrator.core.EntryKind;
import com.portfolioorchestrator.core.OrderType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One full decision with 7 bots, 20 open positions and every rule on (issue 3, "Proof").
 *
 * <ul>
 *   <li>{@code allowPath}: a request that passes every gate and every cap; it reserves, then the op cancels the
 *       reservation so the state is the same for the next op (so the figure is decide + cancel).</li>
 *   <li>{@code denyPath}: an ETH entry evaluated through every gate up to M16 P2, which denies it (group C already
 *       holds BTC and ETH).</li>
 *   <li>{@code responseOnly}: builds a Decision of the allow path's shape from a template: the bytes/op of the
 *       response itself, to compare the engine's allocation with.</li>
 * </ul>
 * Time advances 60 s per op (an Instant per op, 24 B, allocated by the harness) so that the per-bot rate limits
 * (3/min, 10/h) never bind: 7 bots in turn give each bot one entry per 7 minutes.
 */
@State(Scope.Thread)
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class DecisionEngineBenchmark {
    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    private static final String[] BOTS = {"S1", "S2", "S3", "S4", "S5", "S6", "S7"};

    private DecisionEngine engine;
    private DecisionRequest[] allowRequests;
    private DecisionRequest[] denyRequests;
    private Decision template;
    private long nowMs;
    private int turn;

    @Setup
    public void setUp() {
        RiskPolicy policy = BenchPolicy.build(START);
        engine = new DecisionEngine(policy);
        engine.onEquity(START, 1_000_000, 2_000);
        for (String bot : BOTS) {
            engine.onBotHealth(bot, BotHealth.FRESH, START);
        }
        engine.onPortfolioStale(false);
        engine.onStrategyCorrelation(0.31, START);
        engine.onEdgeScores(Map.of("S1", 0.004, "S2", 0.002, "S3", 0.006, "S4", 0.001, "S5", 0.003, "S6", 0.005,
                "S7", 0.0025));
        // 20 open positions over the 7 bots: groups C (BTC, ETH) full, D (SOL, AVAX) at 2, the rest ungrouped
        String[] pairs = {"BTC/USDT:USDT", "ETH/USDT:USDT", "SOL/USDT:USDT", "AVAX/USDT:USDT", "XRP/USDT:USDT",
                "ADA/USDT:USDT", "LINK/USDT:USDT", "DOT/USDT:USDT", "TRX/USDT:USDT", "NEAR/USDT:USDT",
                "ATOM/USDT:USDT", "FIL/USDT:USDT", "APT/USDT:USDT", "ARB/USDT:USDT", "OP/USDT:USDT",
                "INJ/USDT:USDT", "SUI/USDT:USDT", "SEI/USDT:USDT", "TIA/USDT:USDT", "UNI/USDT:USDT"};
        List<List<OpenPosition>> byBot = new ArrayList<>();
        for (int b = 0; b < BOTS.length; b++) {
            byBot.add(new ArrayList<>());
        }
        for (int i = 0; i < pairs.length; i++) {
            byBot.get(i % BOTS.length).add(new OpenPosition("t" + i, Pair.parse(pairs[i]), i % 3 == 0 ? Side.SHORT
                    : Side.LONG, 2_500, 2, 100, OptionalDouble.of(i % 3 == 0 ? 101 : 99), START.minusSeconds(3600)));
        }
        for (int b = 0; b < BOTS.length; b++) {
            engine.syncPositions(BOTS[b], byBot.get(b), START);
        }
        if (engine.exposure().openPositions() != 20) {
            throw new IllegalStateException("expected 20 open positions, had " + engine.exposure().openPositions());
        }
        allowRequests = new DecisionRequest[BOTS.length];
        denyRequests = new DecisionRequest[BOTS.length];
        for (int b = 0; b < BOTS.length; b++) {
            allowRequests[b] = request("a" + b, BOTS[b], "LTC/USDT:USDT");
            denyRequests[b] = request("n" + b, BOTS[b], "ETH/USDT:USDT");
        }
        nowMs = START.toEpochMilli();
        Decision probe = engine.decide(allowRequests[0], "probe", Instant.ofEpochMilli(nowMs));
        if (!probe.allowed() || probe.checks().size() < 30) {
            throw new IllegalStateException("the allow path must pass every gate: " + probe);
        }
        engine.cancel("probe", Instant.ofEpochMilli(nowMs));
        Decision deny = engine.decide(denyRequests[1], "probe-deny", Instant.ofEpochMilli(nowMs));
        if (deny.allowed() || deny.deniedBy().isEmpty()
                || deny.deniedBy().get() != com.portfolioorchestrator.core.DenyCode.CORRELATION_GROUP_FULL) {
            throw new IllegalStateException("the deny path must end at P2: " + deny);
        }
        template = probe;
        engine.drainEvents();
    }

    private static DecisionRequest request(String id, String bot, String pair) {
        return new DecisionRequest(id, bot, Pair.parse(pair), Side.LONG, EntryKind.ENTRY, 1_000, 2, 100,
                OptionalDouble.of(99), 5, OrderType.LIMIT, OptionalDouble.of(2), OptionalDouble.of(3),
                OptionalDouble.of(0.0001), OptionalDouble.of(0.003), Optional.empty(), 1, Optional.empty());
    }

    @Benchmark
    public Decision allowPath() {
        nowMs += 60_000;
        Instant now = Instant.ofEpochMilli(nowMs);
        Decision d = engine.decide(allowRequests[turn], "bench", now);
        engine.cancel("bench", now);
        turn = turn == BOTS.length - 1 ? 0 : turn + 1;
        return d;
    }

    @Benchmark
    public Decision denyPath() {
        nowMs += 60_000;
        Decision d = engine.decide(denyRequests[turn], "bench-deny", Instant.ofEpochMilli(nowMs));
        turn = turn == BOTS.length - 1 ? 0 : turn + 1;
        return d;
    }

    @Benchmark
    public Decision responseOnly() {
        nowMs += 60_000;
        Decision t = template;
        ArrayList<GateCheck> checks = new ArrayList<>(48);
        for (GateCheck c : t.checks()) {
            checks.add(new GateCheck(c.gate(), c.passed(), c.value(), c.limit(), c.degraded()));
        }
        return new Decision("bench", t.requestId(), true, t.approvedStake(), t.requestedStake(), t.sizeMultiplier(),
                Optional.empty(), List.of(), checks, t.multipliers(), t.execution(), t.profile(), t.tradingState(),
                Optional.of(Instant.ofEpochMilli(nowMs + 150_000)));
    }
}
