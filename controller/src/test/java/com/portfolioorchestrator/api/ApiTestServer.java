package com.portfolioorchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.portfolioorchestrator.app.Readiness;
import com.portfolioorchestrator.cli.OrchestratorRuntime;
import com.portfolioorchestrator.config.ConfigLoader;
import com.portfolioorchestrator.config.OrchestratorConfig;
import com.portfolioorchestrator.core.allocation.Allocation;
import com.portfolioorchestrator.core.engine.BotHealth;
import com.portfolioorchestrator.core.engine.DecisionEngine;
import com.portfolioorchestrator.core.engine.EngineState;
import com.portfolioorchestrator.core.policy.BotPolicy;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import com.portfolioorchestrator.core.regime.VolatilityRegime;
import com.portfolioorchestrator.persistence.DecisionFilter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The real service for API tests: {@link OrchestratorRuntime#start} on port 0 with the shipped config/orchestrator.toml
 * (copied into a temp dir, its database pointed there, optionally edited), a {@link MutableClock}, and an HTTP/1.1
 * client that reuses its connections. The portfolio view is fed straight into the engine, as {@code serve --portfolio}
 * and the poller do.
 */
final class ApiTestServer implements AutoCloseable {
    /** Tests run in controller/: the repository root (profiles, news calendar) is one level up. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path SHIPPED_CONFIG = ROOT.resolve("config/orchestrator.toml");
    /** A Monday 10:00 UTC: outside every news event of config/events.json and every IBKR maintenance window. */
    static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    static final double EQUITY = 100_000;

    static final String S1 = "paper-s1-token";
    static final String S2 = "paper-s2-token";
    static final String S3 = "paper-s3-token";
    static final String S5 = "paper-s5-token";
    static final String OPERATOR = "paper-alice-token";
    static final String VIEWER = "paper-viewer-token";

    private static final AtomicInteger REQUEST_IDS = new AtomicInteger();

    final MutableClock clock;
    final OrchestratorRuntime runtime;
    private final HttpClient http;
    private final String base;

    private ApiTestServer(OrchestratorConfig config, MutableClock clock) {
        this.clock = clock;
        this.runtime = OrchestratorRuntime.start(config, clock, 0);
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        this.base = "http://127.0.0.1:" + runtime.port();
    }

    /** The shipped config with its database in {@code dir}. */
    static ApiTestServer start(Path dir) {
        return start(dir, UnaryOperator.identity());
    }

    /** The shipped config, edited, with its database in {@code dir}. */
    static ApiTestServer start(Path dir, UnaryOperator<String> edit) {
        return new ApiTestServer(config(dir, edit), new MutableClock(START));
    }

    static OrchestratorConfig config(Path dir, UnaryOperator<String> edit) {
        try {
            String text = Files.readString(SHIPPED_CONFIG);
            text = replaceLine("database = ", "database = \"" + dir.resolve("orchestrator.db").toString().replace("\\", "/") + "\"")
                    .apply(text);
            Path file = dir.resolve("orchestrator.toml");
            Files.writeString(file, edit.apply(text));
            ConfigLoader.Result r = new ConfigLoader(Map.of(), ROOT).load(file);
            if (r instanceof ConfigLoader.Invalid invalid) {
                throw new AssertionError("test config invalid: " + invalid.problems());
            }
            return ((ConfigLoader.Loaded) r).config();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces exactly one line starting with {@code startsWith}, failing loudly if the shipped file changed. */
    static UnaryOperator<String> replaceLine(String startsWith, String newLine) {
        return com.portfolioorchestrator.config.ShippedConfig.replaceLine(startsWith, newLine);
    }

    /** A generous HTTP rate so that tests about other things never meet a 429. */
    static UnaryOperator<String> highHttpRate() {
        return replaceLine("requests_per_second = ", "requests_per_second = 100000");
    }

    // ------------------------------------------------------------------------------------------- portfolio view

    /** A complete, fresh portfolio view at the clock's time: equity, every bot fresh, the equal allocation. */
    void feedPortfolio(double equity, double dayPnl) {
        Instant now = clock.instant();
        RiskPolicy policy = runtime.config().risk();
        engine(engine -> {
            engine.onEquity(now, equity, dayPnl);
            for (BotPolicy bot : policy.bots()) {
                engine.onBotHealth(bot.id(), BotHealth.FRESH, now);
            }
            engine.onAllocation(Allocation.equal(policy, policy.profile(engine.activeProfile()).strategyCap(), now));
            engine.onRegime(VolatilityRegime.NORMAL, now);
            engine.onPortfolioStale(false);
            return null;
        });
        runtime.readiness().publish(new Readiness.State(true, false, now, List.of(), "test portfolio view"));
    }

    void feedPortfolio() {
        feedPortfolio(EQUITY, 0);
    }

    /** An operation on the engine under its lock (committed and its events published, as the runtime does). */
    <T> T engine(Function<DecisionEngine, T> op) {
        return runtime.decisions().withEngine(op);
    }

    EngineState snapshot() {
        return runtime.decisions().read(DecisionEngine::snapshot);
    }

    Instant now() {
        return clock.instant();
    }

    /** Decisions in the audit log, after the journal has committed what is queued. */
    long loggedDecisions() {
        runtime.log().flush();
        return runtime.log().count(DecisionFilter.all());
    }

    // ------------------------------------------------------------------------------------------- HTTP

    HttpResponse<String> send(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b.build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    HttpResponse<String> post(String path, String token, String json) {
        return send("POST", path, token, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    /** POST /api/v1/decisions with the bot's token. */
    HttpResponse<String> decide(String token, Req req) {
        return post("/api/v1/decisions", token, req.json());
    }

    /** POST /api/v1/decisions expecting a 200 decision; returns its body. */
    JsonNode decision(String token, Req req) {
        HttpResponse<String> r = decide(token, req);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    JsonNode state(String token) {
        HttpResponse<String> r = get("/api/v1/state", token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    String metrics() {
        HttpResponse<String> r = get("/metrics", null);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    /** The value of one Prometheus sample, e.g. {@code orchestrator_reservations} or {@code name{tag="x",}}. */
    double metric(String sample) {
        for (String line : metrics().split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        throw new AssertionError("no sample " + sample + " in /metrics");
    }

    static JsonNode json(HttpResponse<String> r) {
        return ApiJson.readTree(r.body());
    }

    /** A problem+json answer with the status, and its type, title and status fields. */
    static JsonNode assertProblem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith(ApiServer.PROBLEM_JSON);
        JsonNode p = json(r);
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("title").asText()).isNotBlank();
        assertThat(p.path("type").asText()).startsWith("/problems/");
        return p;
    }

    @Override
    public void close() {
        runtime.close();
    }

    // ------------------------------------------------------------------------------------------- request bodies

    static String nextRequestId() {
        return "req-" + REQUEST_IDS.incrementAndGet();
    }

    /**
     * A decision request body, valid by default: S1 asks to go long BTC/USDT:USDT with a 1000 USDT stake at 2x
     * (notional 2000, stop 2 % away: 40 at risk), with quotes inside the HFT limits and a mild funding rate.
     */
    static final class Req {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        Req(String botId) {
            fields.put("request_id", nextRequestId());
            fields.put("bot_id", botId);
            fields.put("pair", "BTC/USDT:USDT");
            fields.put("side", "long");
            fields.put("stake_amount", 1000);
            fields.put("leverage", 2);
            fields.put("entry_price", 90000);
            fields.put("stop_price", 88200);
            fields.put("spread_bps", 2);
            fields.put("expected_slippage_bps", 3);
            fields.put("funding_rate", 0.0001);
        }

        static Req s1() {
            return new Req("S1");
        }

        Req with(String field, Object value) {
            fields.put(field, value);
            return this;
        }

        Req without(String... names) {
            for (String n : names) {
                fields.remove(n);
            }
            return this;
        }

        Object get(String field) {
            return fields.get(field);
        }

        Req copy() {
            Req r = new Req((String) fields.get("bot_id"));
            r.fields.clear();
            r.fields.putAll(fields);
            return r;
        }

        List<String> fieldNames() {
            return new ArrayList<>(fields.keySet());
        }

        String json() {
            return ApiJson.write(fields);
        }
    }
}
