package com.portfolioorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5: seven bots speaking Freqtrade's API (the demo's simulated bots, real servers on loopback) polled by the real
 * adapters and pollers every second; one bot dies mid-run. Its entries are denied STALE_DATA within 3 guard intervals,
 * the other bots keep being decided normally, and its entries are decided again once it is back.
 */
class StaleBotEndToEndTest {
    private static final Pattern DENIED_BY = Pattern.compile("\"denied_by\":(null|\"([A-Z_]+)\")");
    private final AtomicInteger ids = new AtomicInteger();

    @Test
    void deadBot_isDeniedStaleDataWithinThreeIntervals_othersAreNot_andItResumesWhenBack(@TempDir Path dir) throws Exception {
        try (SimulatedFleet fleet = new SimulatedFleet(dir, 7); OrchestratorRuntime runtime = fleet.startOrchestrator()) {
            String base = "http://127.0.0.1:" + runtime.port();
            SimulatedFleet.waitUntil(() -> runtime.readiness().notReadyReason().isEmpty(), 20_000, "a fresh, complete view");
            assertThat(code(base, "S3")).isNotEqualTo("STALE_DATA");

            fleet.world.bot("S3").goOffline();
            long killed = System.nanoTime();
            SimulatedFleet.waitUntil(() -> "STALE_DATA".equals(code(base, "S3")), 10_000, "S3 denied STALE_DATA");
            double seconds = (System.nanoTime() - killed) / 1e9;
            // 3 guard intervals of 1 s, plus at most one poll interval to notice and one for the view to publish
            assertThat(seconds).as("seconds until STALE_DATA").isLessThanOrEqualTo(5.0);
            assertThat(code(base, "S4")).as("another bot is still decided on its merits").isNotEqualTo("STALE_DATA");

            fleet.world.bot("S3").goOnline();
            SimulatedFleet.waitUntil(() -> !"STALE_DATA".equals(code(base, "S3")), 10_000, "S3 decided again");
        }
    }

    /** The deny code of a fresh entry request for {@code bot}, or "ALLOWED". */
    private String code(String base, String bot) {
        String body = "{\"request_id\":\"stale-" + ids.incrementAndGet() + "\",\"bot_id\":\"" + bot + "\",\"pair\":\"XRP/USDT:USDT\","
                + "\"side\":\"long\",\"stake_amount\":20,\"leverage\":1,\"entry_price\":2.0,\"stop_price\":1.9,"
                + "\"spread_bps\":1,\"expected_slippage_bps\":1}";
        HttpResponse<String> r = SimulatedFleet.post(base + "/api/v1/decisions", "paper-" + bot.toLowerCase() + "-token", body);
        if (r.statusCode() != 200) {
            return "HTTP_" + r.statusCode();
        }
        Matcher m = DENIED_BY.matcher(r.body());
        return m.find() && m.group(2) != null ? m.group(2) : "ALLOWED";
    }
}
