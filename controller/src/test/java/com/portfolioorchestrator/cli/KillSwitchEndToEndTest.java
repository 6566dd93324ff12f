package com.portfolioorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.portfolioorchestrator.demo.DemoWorld;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kill switch through the API and the real Freqtrade client (PRODUCT.md section 6, issue 5): one operator engages it,
 * every bot gets a global lock and, with flatten, its trades are force-exited; entries are denied KILL_SWITCH; a release
 * needs two different operators, and a pending release survives a restart.
 */
class KillSwitchEndToEndTest {
    private static final String ENTRY = "{\"request_id\":\"%s\",\"bot_id\":\"S1\",\"pair\":\"XRP/USDT:USDT\",\"side\":\"long\","
            + "\"stake_amount\":20,\"entry_price\":2.0,\"stop_price\":1.9,\"spread_bps\":1,\"expected_slippage_bps\":1}";

    @Test
    void killSwitch_locksEveryBot_flattens_deniesEntries_andNeedsTwoOperatorsToRelease(@TempDir Path dir) throws Exception {
        try (SimulatedFleet fleet = new SimulatedFleet(dir, 11)) {
            fleet.world.bot("S2").openTrade("ETH/USDT:USDT", com.portfolioorchestrator.demo.Side.LONG, 100, 1,
                    fleet.world.market().price("ETH/USDT:USDT"), fleet.world.market().price("ETH/USDT:USDT") * 0.9);
            String base;
            try (OrchestratorRuntime runtime = fleet.startOrchestrator()) {
                base = "http://127.0.0.1:" + runtime.port();
                SimulatedFleet.waitUntil(() -> runtime.readiness().notReadyReason().isEmpty(), 20_000, "a fresh view");
                String url = base;

                assertThat(SimulatedFleet.post(url + "/api/v1/kill-switch", "paper-s1-token", "{\"reason\":\"x\"}").statusCode())
                        .as("a bot may not").isEqualTo(403);
                assertThat(SimulatedFleet.post(url + "/api/v1/kill-switch", "paper-viewer-token", "{\"reason\":\"x\"}").statusCode())
                        .as("a viewer may not").isEqualTo(403);
                assertThat(SimulatedFleet.post(url + "/api/v1/kill-switch", "paper-alice-token", "{\"flatten\":true}").statusCode())
                        .as("reason is required").isEqualTo(422);

                HttpResponse<String> engaged = SimulatedFleet.post(url + "/api/v1/kill-switch", "paper-alice-token",
                        "{\"reason\":\"exchange incident\",\"flatten\":true}");
                assertThat(engaged.statusCode()).as(engaged.body()).isEqualTo(200);
                assertThat(engaged.body()).contains("\"trading_state\":\"HALTED\"");
                assertThat(count(engaged.body(), "\"action\":\"LOCK\",\"success\":true")).as(engaged.body()).isEqualTo(7);
                assertThat(count(engaged.body(), "\"action\":\"FORCE_EXIT\",\"success\":true")).as(engaged.body()).isEqualTo(7);
                for (var bot : fleet.world.bots()) {
                    assertThat(SimulatedFleet.get(bot.url() + "/api/v1/locks", basic(fleet.world, bot)).body())
                            .as(bot.url()).contains("orchestrator kill switch");
                }
                assertThat(fleet.world.bot("S2").openPairs()).as("flattened").isEmpty();
                assertThat(SimulatedFleet.post(url + "/api/v1/decisions", "paper-s1-token", ENTRY.formatted("k-1")).body())
                        .contains("\"denied_by\":\"KILL_SWITCH\"");

                HttpResponse<String> first = SimulatedFleet.post(url + "/api/v1/kill-switch/release", "paper-alice-token",
                        "{\"reason\":\"incident over\"}");
                assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
                assertThat(SimulatedFleet.post(url + "/api/v1/kill-switch/release", "paper-alice-token",
                        "{\"reason\":\"again\"}").statusCode()).as("the same operator cannot approve").isEqualTo(409);
            }
            try (OrchestratorRuntime restarted = fleet.startOrchestrator()) {
                String url = "http://127.0.0.1:" + restarted.port();
                SimulatedFleet.waitUntil(() -> restarted.readiness().canDecide(), 20_000, "a view after the restart");
                assertThat(SimulatedFleet.post(url + "/api/v1/decisions", "paper-s1-token", ENTRY.formatted("k-2")).body())
                        .as("the kill switch survived the restart").contains("\"denied_by\":\"KILL_SWITCH\"");
                HttpResponse<String> second = SimulatedFleet.post(url + "/api/v1/kill-switch/release", "paper-bob-token",
                        "{\"reason\":\"agreed\"}");
                assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
                assertThat(second.body()).contains("\"released\":true", "\"trading_state\":\"ACTIVE\"");
                assertThat(count(second.body(), "\"action\":\"UNLOCK\",\"success\":true")).isEqualTo(7);
                assertThat(SimulatedFleet.post(url + "/api/v1/decisions", "paper-s1-token", ENTRY.formatted("k-3")).body())
                        .doesNotContain("\"denied_by\":\"KILL_SWITCH\"");
            }
        }
    }

    private static String basic(DemoWorld world, com.portfolioorchestrator.demo.SimulatedFreqtradeBot bot) {
        DemoWorld.BotEndpoint e = world.botEndpoints().stream().filter(b -> b.url().equals(bot.url())).findFirst().orElseThrow();
        return "Basic " + java.util.Base64.getEncoder().encodeToString((e.username() + ":" + e.password()).getBytes());
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
