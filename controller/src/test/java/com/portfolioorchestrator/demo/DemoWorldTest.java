package com.portfolioorchestrator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoWorldTest {

    @Test
    void defaultSeed_showsACrashWithALossStreakADrawdownAndAVolatilityBurstInTheFirstHours() {
        try (StubOrchestrator orchestrator = new StubOrchestrator();
             DemoWorld world = DemoWorld.builder().speed(0).runId("t").build().start()) {
            Instant start = world.clock().instant();
            assertThat(start).isEqualTo(DemoWorld.DEFAULT_START);
            world.startTrading(orchestrator.url());
            List<Double> equity = new ArrayList<>();
            for (int step = 0; step < 6 * 12; step++) {
                world.advance(Duration.ofMinutes(5));
                equity.add(world.bots().stream().mapToDouble(SimulatedFreqtradeBot::equity).sum());
            }
            assertThat(world.clock().instant()).isEqualTo(start.plus(Duration.ofHours(6)));

            double peak = Double.NEGATIVE_INFINITY;
            double maxDrawdown = 0;
            for (double e : equity) {
                peak = Math.max(peak, e);
                maxDrawdown = Math.max(maxDrawdown, (peak - e) / peak);
            }
            assertThat(maxDrawdown).as("drawdown of the bots' summed equity").isGreaterThan(0.01);

            List<JsonNode> closed = new ArrayList<>();
            for (DemoWorld.BotEndpoint endpoint : world.botEndpoints()) {
                JsonNode trades = TestHttp.get(endpoint.url() + "/api/v1/trades",
                        TestHttp.basic(endpoint.username(), endpoint.password())).json();
                trades.get("trades").forEach(closed::add);
            }
            closed.sort(Comparator.comparingLong(t -> t.get("close_timestamp").asLong()));
            int streak = 0;
            int longest = 0;
            long crashEnd = start.plus(Duration.ofMinutes(30 + 180)).toEpochMilli();
            for (JsonNode t : closed) {
                if (t.get("close_timestamp").asLong() > crashEnd) {
                    break;
                }
                streak = t.get("profit_ratio").asDouble() < -0.0005 ? streak + 1 : 0;
                longest = Math.max(longest, streak);
            }
            assertThat(longest).as("losing trades in a row (all bots, close order) by the end of the crash")
                    .isGreaterThanOrEqualTo(6);

            List<Candle> hours = world.market().candles("BTC/USDT:USDT", Duration.ofHours(1), 24 * 30);
            double calmRange = 0;
            for (int i = 0; i < hours.size() - 8; i++) {
                calmRange += (hours.get(i).high() - hours.get(i).low()) / hours.get(i).close();
            }
            calmRange /= hours.size() - 8;
            Candle firstFullCrashHour = hours.get(hours.size() - 5);
            assertThat(firstFullCrashHour.openTimeMillis()).isEqualTo(start.plus(Duration.ofHours(1)).toEpochMilli());
            double crashRange = (firstFullCrashHour.high() - firstFullCrashHour.low()) / firstFullCrashHour.close();
            assertThat(crashRange).as("BTC 1 h range in the crash vs the 30-day mean").isGreaterThan(4 * calmRange);

            world.strategyStats().forEach((id, stats) -> {
                assertThat(stats.requests()).as(id).isPositive();
                assertThat(stats.tradesOpened()).as(id).isPositive();
                assertThat(stats.fillsReported()).as(id).isEqualTo(stats.tradesOpened());
            });
            assertThat(world.strategyStats().get("S7").requests()).as("the event strategy wakes up in bursts")
                    .isGreaterThan(3);
            assertThat(world.strategyStats().get("S1").requests())
                    .isGreaterThan(5 * world.strategyStats().get("S5").requests());
        }
    }

    @Test
    void endpoints_describeSevenReachableBotsInTheirBuckets_andTheGateway() {
        try (DemoWorld world = DemoWorld.builder().speed(0).build().start()) {
            List<DemoWorld.BotEndpoint> endpoints = world.botEndpoints();
            assertThat(endpoints).extracting(DemoWorld.BotEndpoint::botId)
                    .containsExactly("S1", "S2", "S3", "S4", "S5", "S6", "S7");
            assertThat(endpoints).extracting(DemoWorld.BotEndpoint::bucket)
                    .containsExactly("hft", "hft", "mft", "mft", "lft", "lft", "event");
            assertThat(endpoints.get(0).token()).isEqualTo("paper-s1-token");
            for (DemoWorld.BotEndpoint endpoint : endpoints) {
                JsonNode config = TestHttp.get(endpoint.url() + "/api/v1/show_config",
                        TestHttp.basic(endpoint.username(), endpoint.password())).json();
                assertThat(config.get("bot_name").asText()).isEqualTo(endpoint.botId());
                assertThat(config.get("trading_mode").asText()).isEqualTo("futures");
            }
            JsonNode accounts = TestHttp.get(world.ibkr().url() + "/portfolio/accounts", null).json();
            assertThat(accounts.get(0).get("accountId").asText()).isEqualTo(DemoWorld.IBKR_ACCOUNT);
        }
    }

    @Test
    void clockThread_runsSimulatedTimeFasterThanWallTime_andTheBotsFollow() throws InterruptedException {
        try (DemoWorld world = DemoWorld.builder().speed(3600).build().start()) {
            Instant start = world.clock().instant();
            Instant target = start.plus(Duration.ofMinutes(10));
            for (int i = 0; i < 200 && world.clock().instant().isBefore(target); i++) {
                Thread.sleep(50);
            }
            assertThat(world.clock().instant()).isAfterOrEqualTo(target);
            assertThat(world.market().now()).isAfterOrEqualTo(target.minusSeconds(10));
            DemoWorld.BotEndpoint s5 = world.botEndpoints().get(4);
            JsonNode health = TestHttp.get(s5.url() + "/api/v1/health", TestHttp.basic(s5.username(), s5.password())).json();
            assertThat(health.get("last_process_ts").asLong()).isGreaterThan(start.getEpochSecond() + 500);
        }
    }
}
