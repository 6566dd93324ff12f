package com.portfolioorchestrator.core.engine;

import com.portfolioorchestrator.core.Grade;
import com.portfolioorchestrator.core.Pair;
import com.portfolioorchestrator.core.Side;
import com.portfolioorchestrator.core.regime.VolatilityRegime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Test driver: a seeded random walk of everything that can happen to an engine (requests of every shape, fills,
 * cancels, polls, closed trades, equity, regime, correlation, edge scores, health, operator actions). Two drivers with
 * the same seed do the same things, so two engines can be compared step by step.
 */
final class RandomScenario {
    static final String[] BOTS = {"S1", "S2", "S3", "S4", "S5", "S6", "S7"};
    static final String[] PAIRS = {"BTC/USDT:USDT", "ETH/USDT:USDT", "SOL/USDT", "XRP/USDT", "DOGE/USDT:USDT",
            "AVAX/USDT", "LINK/USDT", "ADA/USDT"};

    private final SplittableRandom rnd;
    private final boolean marketEvents;
    private Instant now;
    private int ids;
    private final List<String> allowed = new ArrayList<>();

    /** @param marketEvents false keeps equity, regime and polls still (for cap invariants, which hold for decisions) */
    RandomScenario(long seed, Instant start, boolean marketEvents) {
        this.rnd = new SplittableRandom(seed);
        this.now = start;
        this.marketEvents = marketEvents;
    }

    Instant now() {
        return now;
    }

    /** One random event; returns the decision when the event was a request. */
    Decision step(DecisionEngine engine) {
        now = now.plusMillis(rnd.nextLong(0, 90_000));
        int action = rnd.nextInt(100);
        if (action < 60) {
            Decision d = engine.decide(request(), "d-" + (++ids), now);
            if (d.allowed()) {
                allowed.add(d.decisionId());
            }
            return d;
        }
        if (action < 67 && !allowed.isEmpty()) {
            engine.cancel(allowed.get(rnd.nextInt(allowed.size())), now);
        } else if (action < 72) {
            engine.expireReservations(now);
        } else if (action < 77 && !allowed.isEmpty() && marketEvents) {
            engine.fill(allowed.get(rnd.nextInt(allowed.size())), "t" + rnd.nextInt(40), now);
        } else if (action < 82 && marketEvents) {
            String bot = BOTS[rnd.nextInt(BOTS.length)];
            List<OpenPosition> positions = new ArrayList<>();
            int n = rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
                positions.add(new OpenPosition("t" + rnd.nextInt(40), Pair.parse(PAIRS[rnd.nextInt(PAIRS.length)]),
                        rnd.nextBoolean() ? Side.LONG : Side.SHORT, rnd.nextDouble(10, 3000), 1 + rnd.nextInt(3), 100,
                        rnd.nextBoolean() ? OptionalDouble.empty() : OptionalDouble.of(rnd.nextDouble(90, 110)),
                        now.minusSeconds(rnd.nextInt(120))));
            }
            engine.syncPositions(bot, positions, now);
        } else if (action < 87 && marketEvents) {
            engine.onClosedTrade(new ClosedTrade(BOTS[rnd.nextInt(BOTS.length)], "c" + rnd.nextInt(200),
                    rnd.nextDouble(-0.03, 0.03), now));
        } else if (action < 91 && marketEvents) {
            double equity = rnd.nextDouble(85_000, 105_000);
            engine.onEquity(now, equity, rnd.nextDouble(-3_500, 1_000));
        } else if (action < 93 && marketEvents) {
            engine.onRegime(VolatilityRegime.values()[rnd.nextInt(3)], now);
        } else if (action < 95) {
            engine.onStrategyCorrelation(rnd.nextDouble(-0.2, 0.9), now);
        } else if (action < 96) {
            engine.onEdgeScores(Map.of("S1", rnd.nextDouble(-0.01, 0.02), "S3", rnd.nextDouble(-0.01, 0.02),
                    "S5", rnd.nextDouble(-0.01, 0.02)));
        } else if (action < 98) {
            engine.onBotHealth(BOTS[rnd.nextInt(BOTS.length)], rnd.nextInt(5) == 0 ? BotHealth.STALE : BotHealth.FRESH, now);
        } else if (marketEvents) {
            engine.setReducing(rnd.nextInt(4) == 0, "random", now);
        }
        return null;
    }

    DecisionRequest request() {
        Requests r = Requests.entry(BOTS[rnd.nextInt(BOTS.length)], PAIRS[rnd.nextInt(PAIRS.length)])
                .requestId("r-" + ids)
                .side(rnd.nextBoolean() ? Side.LONG : Side.SHORT)
                .stake(rnd.nextDouble(1, 12_000))
                .leverage(1 + rnd.nextInt(5))
                .stopDistance(rnd.nextInt(4) == 0 ? 0 : rnd.nextDouble(0.001, 0.08))
                .minStake(rnd.nextInt(3) == 0 ? rnd.nextDouble(0, 200) : 0)
                .spread(rnd.nextDouble(0, 12))
                .slippage(rnd.nextDouble(0, 14));
        if (rnd.nextInt(4) == 0) {
            r.increase();
        }
        if (rnd.nextBoolean()) {
            r.funding(rnd.nextDouble(-0.0012, 0.0012));
        }
        if (rnd.nextInt(3) == 0) {
            r.edge(rnd.nextDouble(-0.01, 0.01));
        }
        if (rnd.nextInt(5) == 0) {
            r.grade(Grade.values()[rnd.nextInt(4)]);
        }
        if (rnd.nextInt(8) == 0 && !allowed.isEmpty()) {
            r.retry(2 + rnd.nextInt(3), allowed.get(rnd.nextInt(allowed.size())));
        }
        return r.build();
    }
}
