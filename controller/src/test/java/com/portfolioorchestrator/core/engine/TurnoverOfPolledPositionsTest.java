package com.portfolioorchestrator.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.portfolioorchestrator.core.Pair;
import com.portfolioorchestrator.core.Side;
import com.portfolioorchestrator.core.TestPolicies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/**
 * Daily turnover (FLOF RiskOverlord, PRODUCT.md 5.11) counts entries made today. A polled position with no reservation
 * is an entry made outside the orchestrator and counts, but a holding that was there at the bot's first poll, or was
 * opened on an earlier day, is not today's turnover.
 */
class TurnoverOfPolledPositionsTest {
    private static final Instant T0 = Engines.T0;
    private static final Pair BTC = Pair.parse("BTC/USDT:USDT");

    private static OpenPosition position(String tradeId, double stake, Instant openedAt) {
        return new OpenPosition(tradeId, BTC, Side.LONG, stake, 2, 100, OptionalDouble.of(99), openedAt);
    }

    private static double turnover(DecisionEngine engine, Instant now) {
        return engine.executionGuardState(now).turnoverToday();
    }

    @Test
    void turnover_whenPositionsAreThereAtTheFirstPoll_doesNotCountThem() {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());
        engine.syncPositions("S1", List.of(position("1", 1000, T0.minusSeconds(60))), T0);
        assertThat(turnover(engine, T0)).isZero();
    }

    @Test
    void turnover_whenALaterPollShowsAnUnreservedEntryOfToday_countsItsNotional() {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());
        engine.syncPositions("S1", List.of(), T0);
        Instant later = T0.plusSeconds(30);
        engine.syncPositions("S1", List.of(position("2", 1000, later.minusSeconds(5))), later);
        assertThat(turnover(engine, later)).isEqualTo(2000.0);
    }

    @Test
    void turnover_whenALaterPollShowsAPositionOpenedYesterday_doesNotCountIt() {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());
        engine.syncPositions("S1", List.of(), T0);
        Instant later = T0.plusSeconds(30);
        engine.syncPositions("S1", List.of(position("3", 1000, T0.minus(Duration.ofDays(1)))), later);
        assertThat(turnover(engine, later)).isZero();
        assertThat(engine.positions()).hasSize(1);
    }
}
