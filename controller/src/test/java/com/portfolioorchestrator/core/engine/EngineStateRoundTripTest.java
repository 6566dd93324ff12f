package com.portfolioorchestrator.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.portfolioorchestrator.core.TestPolicies;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 3: state that must survive a restart is a plain value; restoring it gives an engine that decides the same. */
class EngineStateRoundTripTest {
    static LongStream seeds() {
        return LongStream.range(0, 60).map(i -> 1_000 + i * 31);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void snapshot_restore_isEqual_andBehavesIdenticallyAfterwards(long seed) {
        RiskPolicy policy = TestPolicies.builder().m16LossStreak(3, 30).build();
        DecisionEngine original = Engines.ready(policy);
        RandomScenario history = new RandomScenario(seed, Engines.T0, true);
        for (int i = 0; i < 250; i++) {
            history.step(original);
        }
        if (seed % 3 == 0) {
            original.disableBreaker(Breaker.DRAWDOWN, Duration.ofHours(3), "test", history.now());
        }
        original.drainEvents();

        EngineState saved = original.snapshot();
        DecisionEngine restored = DecisionEngine.restore(policy, saved);

        assertSameState(restored.snapshot(), saved);
        RandomScenario a = new RandomScenario(seed * 17 + 1, history.now(), true);
        RandomScenario b = new RandomScenario(seed * 17 + 1, history.now(), true);
        for (int i = 0; i < 250; i++) {
            Decision x = a.step(original);
            Decision y = b.step(restored);
            assertThat(y).as("seed %d step %d", seed, i).isEqualTo(x);
        }
        assertThat(restored.drainEvents()).isEqualTo(original.drainEvents());
        assertSameState(restored.snapshot(), original.snapshot());
    }

    /** Component by component, so that a difference names its part. */
    static void assertSameState(EngineState actual, EngineState expected) {
        for (var c : EngineState.class.getRecordComponents()) {
            try {
                assertThat(c.getAccessor().invoke(actual)).as(c.getName()).isEqualTo(c.getAccessor().invoke(expected));
            } catch (ReflectiveOperationException e) {
                throw new AssertionError(e);
            }
        }
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void snapshot_carriesTheStateThatMatters(long seed) {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());
        RandomScenario history = new RandomScenario(seed, Engines.T0, true);
        for (int i = 0; i < 200; i++) {
            history.step(engine);
        }
        engine.tripKillSwitch("restart drill", history.now());

        EngineState s = engine.snapshot();

        assertThat(s.killSwitch()).isTrue();
        assertThat(s.ledger()).hasSize(engine.positions().size() + engine.reservations().size());
        assertThat(s.equity().known()).isTrue();
        assertThat(DecisionEngine.restore(TestPolicies.defaults(), s).tradingState())
                .isEqualTo(com.portfolioorchestrator.core.TradingState.HALTED);
    }
}
