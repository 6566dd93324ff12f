package com.portfolioorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.portfolioorchestrator.app.Readiness;
import com.portfolioorchestrator.core.engine.EngineEvent;
import com.portfolioorchestrator.demo.StrategyStats;
import com.portfolioorchestrator.persistence.DecisionFilter;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6: the demo, bounded and fast. The whole product runs (simulated bots and gateway, the real adapters, pollers,
 * engine, HTTP API and SQLite) at 120x; the test stops as soon as everything it needs has happened, usually after
 * 90-100 s. At most 300 s: on a loaded machine (parallel test forks on two cores) the simulated clock falls behind the
 * wall clock; one full {@code mvn verify} had reached only 14:44 simulated after 150 s. The trip it waits for is certain:
 * the scripted equity shock takes the futures book through {@code config/demo.toml}'s drawdown breaker at about 13:40
 * whatever the bots did ({@code DemoCrashTest}), and its 1 h pause ends at about 14:40; a loss-streak trip and its
 * cooldown's end, when the interleaving produces one, often come first.
 */
class DemoRunTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void demo_showsEveryOutcome_aBreakerThatTripsAndClears_noStaleBot_andLogsEveryDecision(@TempDir Path dir) throws Exception {
        DemoRun run = DemoRun.start(new DemoRun.Options(ROOT.resolve("config/demo.toml"), ROOT, 42, 120, false, dir.resolve("demo.db")));
        Set<String> staleBotsSeen = new HashSet<>();
        boolean everComplete = false;
        long deadline = System.nanoTime() + 300_000_000_000L;
        try {
            while (System.nanoTime() < deadline) {
                Thread.sleep(500);
                Readiness.State r = run.runtime().readiness().state();
                if (r.hadCompleteView()) {
                    everComplete = true;
                    staleBotsSeen.addAll(r.staleBots());
                }
                if (done(run)) {
                    break;
                }
            }
            StrategyStats totals = run.totals();
            List<EngineEvent> events = run.events();
            String status = run.statusLine();
            run.world().close();
            run.runtime().log().flush();
            long logged = run.runtime().log().count(DecisionFilter.all());

            assertThat(everComplete).as("a complete portfolio view was built").isTrue();
            assertThat(totals.allowed() - totals.scaled()).as("allowed unscaled; " + status).isPositive();
            assertThat(totals.scaled()).as("scaled; " + status).isPositive();
            assertThat(totals.denied()).as("denied; " + status).isPositive();
            assertThat(totals.deniedByCode().keySet()).as("deny codes; " + status).hasSizeGreaterThanOrEqualTo(3);
            assertThat(events).as("a breaker tripped").anyMatch(DemoRunTest::isTrip);
            assertThat(events).as("a breaker cleared").anyMatch(e -> e instanceof EngineEvent.BreakerCleared);
            assertThat(events).as("the volatility regime changed").anyMatch(e -> e instanceof EngineEvent.RegimeChanged);
            assertThat(staleBotsSeen).as("no bot went stale").isEmpty();
            assertThat(totals.deniedByCode()).doesNotContainKey("STALE_DATA");
            assertThat(logged).as("every answered decision is in the audit log").isEqualTo(totals.allowed() + totals.denied());
        } finally {
            run.close();
        }
    }

    private static boolean isTrip(EngineEvent e) {
        return e instanceof EngineEvent.BreakerTripped || e instanceof EngineEvent.CooldownStarted;
    }

    private static boolean done(DemoRun run) {
        StrategyStats t = run.totals();
        List<EngineEvent> events = run.events();
        return t.allowed() - t.scaled() > 0 && t.scaled() > 0 && t.deniedByCode().size() >= 3
                && events.stream().anyMatch(DemoRunTest::isTrip)
                && events.stream().anyMatch(e -> e instanceof EngineEvent.BreakerCleared)
                && events.stream().anyMatch(e -> e instanceof EngineEvent.RegimeChanged);
    }
}
