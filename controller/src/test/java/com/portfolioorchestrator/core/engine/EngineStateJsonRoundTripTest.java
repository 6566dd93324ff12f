package com.portfolioorchestrator.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.portfolioorchestrator.core.TestPolicies;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import com.portfolioorchestrator.persistence.EngineStateCodec;
import com.portfolioorchestrator.persistence.EngineStateParts;
import com.portfolioorchestrator.persistence.PersistenceException;
import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The persisted form of the engine state (persistence.EngineStateCodec) is exact: JSON -> state -> engine decides
 * the same as the original. Lives beside the engine's scenario generator, which builds the rich states it needs.
 */
class EngineStateJsonRoundTripTest {
    static LongStream seeds() {
        return LongStream.range(0, 20).map(i -> 7_000 + i * 13);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void encodeDecode_isExact_andTheRestoredEngineDecidesTheSame(long seed) {
        RiskPolicy policy = TestPolicies.builder().m16LossStreak(3, 30).build();
        DecisionEngine original = Engines.ready(policy);
        RandomScenario history = new RandomScenario(seed, Engines.T0, true);
        for (int i = 0; i < 250; i++) {
            history.step(original);
        }
        original.disableBreaker(Breaker.DRAWDOWN, Duration.ofHours(2), "drill", history.now());
        if (seed % 2 == 0) {
            original.tripKillSwitch("drill", history.now());
        }
        original.drainEvents();
        EngineState saved = original.snapshot();

        String json = EngineStateCodec.encode(saved);
        EngineState decoded = EngineStateCodec.decode(json);

        EngineStateRoundTripTest.assertSameState(decoded, saved);
        DecisionEngine restored = DecisionEngine.restore(policy, decoded);
        RandomScenario a = new RandomScenario(seed + 1, history.now(), true);
        RandomScenario b = new RandomScenario(seed + 1, history.now(), true);
        for (int i = 0; i < 100; i++) {
            assertThat(b.step(restored)).as("seed %d step %d", seed, i).isEqualTo(a.step(original));
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void storedInTwoParts_joinsBackExactly_andTheSafetyPartAloneKeepsEverythingButTheBookkeeping(long seed) {
        RiskPolicy policy = TestPolicies.defaults();
        DecisionEngine engine = Engines.ready(policy);
        RandomScenario history = new RandomScenario(seed, Engines.T0, true);
        for (int i = 0; i < 250; i++) {
            history.step(engine);
        }
        EngineState saved = engine.snapshot();
        assertThat(saved.recentDecisions()).as("the scenario made decisions to keep").isNotEmpty();

        var all = EngineStateParts.all(saved);
        EngineStateRoundTripTest.assertSameState(
                EngineStateParts.join(all.get(EngineStateParts.SAFETY), all.get(EngineStateParts.HISTORY)), saved);

        // what a decision commits: a crash before the next full save restores everything but the bookkeeping
        EngineState safetyOnly = EngineStateParts.join(EngineStateParts.safety(saved).get(EngineStateParts.SAFETY), null);
        assertThat(safetyOnly.ledger()).isEqualTo(saved.ledger());
        assertThat(safetyOnly.symbols()).isEqualTo(saved.symbols());
        assertThat(safetyOnly.lossStreak()).isEqualTo(saved.lossStreak());
        assertThat(safetyOnly.rateLimitStamps()).isEqualTo(saved.rateLimitStamps());
        assertThat(safetyOnly.recentDecisions()).isEmpty();
        assertThat(safetyOnly.alignment()).isEmpty();
        assertThat(safetyOnly.closedTradeKeys()).isEmpty();
    }

    @Test
    void unreadableState_isAClearError() {
        assertThatThrownBy(() -> EngineStateCodec.decode("{\"activeProfile\":\"BALANCED\",\"surprise\":1}"))
                .isInstanceOf(PersistenceException.class).hasMessageContaining("stored engine state is unreadable");
    }
}
