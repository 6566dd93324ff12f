package com.portfolioorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.portfolioorchestrator.config.ConfigLoader;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import com.portfolioorchestrator.demo.DemoWorld;
import com.portfolioorchestrator.demo.SimulatedFreqtradeBot;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The part of the demo's crash that does not depend on what the orchestrator allowed or on thread timing: the IBKR
 * book, which no strategy trades, against the drawdown and daily-loss limits {@code config/demo.toml} gives the
 * orchestrator. The world runs at speed 0 without strategies, so this is a pure function of the seed.
 */
class DemoCrashTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** What the bots may have gained meanwhile (a share of the portfolio) and the breaker still trips. */
    private static final double ROOM_FOR_BOT_GAINS = 0.005;
    /** What the bots may lose over the day (a share of the portfolio) and the hard daily loss still holds. */
    private static final double ROOM_FOR_BOT_LOSSES = 0.01;

    @Test
    void defaultSeed_equityShockAlone_takesThePortfolioThroughTheDrawdownBreaker_butNotThroughTheHardDailyLoss() {
        RiskPolicy policy = demoPolicy();
        double breaker = policy.drawdown().breaker();
        double hardDailyLoss = policy.profiles().get(policy.activeProfile()).dailyHardLoss();
        try (DemoWorld world = DemoWorld.builder().speed(0).build()) {
            Instant start = world.clock().instant();
            Instant shock = start.plus(DemoWorld.DEFAULT_CRASH_AFTER).plus(DemoWorld.EQUITY_SHOCK_AFTER);
            double startEquity = world.bots().stream().mapToDouble(SimulatedFreqtradeBot::equity).sum()
                    + world.ibkr().netLiquidation();
            double startBook = world.ibkr().netLiquidation();
            double peakBeforeShock = startBook;
            double fallWithinTwentyMinutes = 0;
            double worstDay = 0;
            while (world.clock().instant().isBefore(start.plus(Duration.ofHours(12)))) {
                world.advance(Duration.ofMinutes(1));
                Instant now = world.clock().instant();
                double book = world.ibkr().netLiquidation();
                if (!now.isAfter(shock)) {
                    peakBeforeShock = Math.max(peakBeforeShock, book);
                } else if (!now.isAfter(shock.plus(Duration.ofMinutes(20)))) {
                    fallWithinTwentyMinutes = Math.max(fallWithinTwentyMinutes, peakBeforeShock - book);
                }
                worstDay = Math.min(worstDay, book - startBook);
            }

            assertThat(fallWithinTwentyMinutes / startEquity)
                    .as("the futures book's fall in the equity shock, a share of the portfolio (breaker %s)", breaker)
                    .isGreaterThanOrEqualTo(breaker + ROOM_FOR_BOT_GAINS);
            assertThat(-worstDay / startEquity)
                    .as("the futures book's worst loss of the day, a share of the portfolio (hard limit %s)",
                            hardDailyLoss)
                    .isLessThanOrEqualTo(hardDailyLoss - ROOM_FOR_BOT_LOSSES);
        }
    }

    private static RiskPolicy demoPolicy() {
        ConfigLoader.Result result = new ConfigLoader(Map.of(), ROOT).load(ROOT.resolve("config/demo.toml"));
        assertThat(result).as(result.toString()).isInstanceOf(ConfigLoader.Loaded.class);
        return ((ConfigLoader.Loaded) result).config().risk();
    }
}
