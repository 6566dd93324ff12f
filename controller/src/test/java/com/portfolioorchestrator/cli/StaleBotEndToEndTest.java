package com.portfolioorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.portfolioorchestrator.config.ConfigLoader;
import com.portfolioorchestrator.config.OrchestratorConfig;
import com.portfolioorchestrator.demo.DemoWorld;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
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
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern DENIED_BY = Pattern.compile("\"denied_by\":(null|\"([A-Z_]+)\")");
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger ids = new AtomicInteger();

    @Test
    void deadBot_isDeniedStaleDataWithinThreeIntervals_othersAreNot_andItResumesWhenBack(@TempDir Path dir) throws Exception {
        String toml = Files.readString(ROOT.resolve("config/demo.toml"))
                .replace("risk_cycle_s = 300 ", "risk_cycle_s = 2 ")
                .replace("guard_cycle_s = 60 ", "guard_cycle_s = 1 ")
                .replace("heartbeat_max_age_s = 600 ", "heartbeat_max_age_s = 60 ");
        Path file = dir.resolve("stale.toml");
        Files.writeString(file, toml);
        try (DemoWorld world = DemoWorld.builder().seed(7).speed(1).fixedPorts(false).build().start()) {
            Map<String, String> env = new HashMap<>();
            world.botEndpoints().forEach(b -> env.put("DEMO_" + b.botId() + "_URL", b.url()));
            env.put("DEMO_IBKR_URL", world.ibkr().url());
            env.put("DEMO_DATABASE", dir.resolve("o.db").toString());
            ConfigLoader.Result loaded = new ConfigLoader(env, ROOT).load(file);
            assertThat(loaded).as(loaded.toString()).isInstanceOf(ConfigLoader.Loaded.class);
            OrchestratorConfig config = ((ConfigLoader.Loaded) loaded).config();
            assertThat(config.schedule().guardCycleS()).isEqualTo(1);
            try (OrchestratorRuntime runtime = OrchestratorRuntime.startScaled(config, world.clock(), 0, 1.0)) {
                String base = "http://127.0.0.1:" + runtime.port();
                waitUntil(() -> runtime.readiness().notReadyReason().isEmpty(), 20_000, "a fresh, complete view");
                assertThat(code(base, "S3")).isNotEqualTo("STALE_DATA");

                world.bot("S3").goOffline();
                long killed = System.nanoTime();
                waitUntil(() -> "STALE_DATA".equals(code(base, "S3")), 10_000, "S3 denied STALE_DATA");
                double seconds = (System.nanoTime() - killed) / 1e9;
                // 3 guard intervals of 1 s, plus at most one poll interval to notice and one for the view to publish
                assertThat(seconds).as("seconds until STALE_DATA").isLessThanOrEqualTo(5.0);
                assertThat(code(base, "S4")).as("another bot is still decided on its merits").isNotEqualTo("STALE_DATA");

                world.bot("S3").goOnline();
                waitUntil(() -> !"STALE_DATA".equals(code(base, "S3")), 10_000, "S3 decided again");
            }
        }
    }

    /** The deny code of a fresh entry request for {@code bot}, or "ALLOWED". */
    private String code(String base, String bot) {
        String body = "{\"request_id\":\"stale-" + ids.incrementAndGet() + "\",\"bot_id\":\"" + bot + "\",\"pair\":\"XRP/USDT:USDT\","
                + "\"side\":\"long\",\"stake_amount\":20,\"leverage\":1,\"entry_price\":2.0,\"stop_price\":1.9,"
                + "\"spread_bps\":1,\"expected_slippage_bps\":1}";
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/decisions"))
                    .header("Authorization", "Bearer paper-" + bot.toLowerCase() + "-token").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return "HTTP_" + r.statusCode();
            }
            Matcher m = DENIED_BY.matcher(r.body());
            return m.find() && m.group(2) != null ? m.group(2) : "ALLOWED";
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, long millis, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for: " + what);
    }
}
