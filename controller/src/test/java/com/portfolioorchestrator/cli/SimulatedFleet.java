package com.portfolioorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.portfolioorchestrator.config.ConfigLoader;
import com.portfolioorchestrator.config.OrchestratorConfig;
import com.portfolioorchestrator.demo.DemoWorld;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Test fixture: the demo's seven simulated Freqtrade bots and IBKR gateway at real-time speed, and a config from
 * config/demo.toml pointed at them with a 1 s guard and 2 s risk cycle. The bots are real HTTP servers speaking
 * Freqtrade's API, so the real adapters and pollers run against them.
 */
final class SimulatedFleet implements AutoCloseable {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final DemoWorld world;
    final OrchestratorConfig config;

    SimulatedFleet(Path dir, long seed) throws IOException {
        String toml = Files.readString(ROOT.resolve("config/demo.toml"))
                .replace("risk_cycle_s = 300 ", "risk_cycle_s = 2 ")
                .replace("guard_cycle_s = 60 ", "guard_cycle_s = 1 ")
                .replace("heartbeat_max_age_s = 600 ", "heartbeat_max_age_s = 60 ");
        Path file = dir.resolve("fleet.toml");
        Files.writeString(file, toml);
        this.world = DemoWorld.builder().seed(seed).speed(1).fixedPorts(false).build().start();
        Map<String, String> env = new HashMap<>();
        world.botEndpoints().forEach(b -> env.put("DEMO_" + b.botId() + "_URL", b.url()));
        env.put("DEMO_IBKR_URL", world.ibkr().url());
        env.put("DEMO_DATABASE", dir.resolve("o.db").toString());
        ConfigLoader.Result loaded = new ConfigLoader(env, ROOT).load(file);
        assertThat(loaded).as(loaded.toString()).isInstanceOf(ConfigLoader.Loaded.class);
        this.config = ((ConfigLoader.Loaded) loaded).config();
        assertThat(config.schedule().guardCycleS()).isEqualTo(1);
    }

    OrchestratorRuntime startOrchestrator() {
        return OrchestratorRuntime.startScaled(config, world.clock(), 0, 1.0);
    }

    static HttpResponse<String> post(String url, String token, String body) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> get(String url, String authorization) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, long millis, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for: " + what);
    }

    @Override
    public void close() {
        world.close();
    }
}
