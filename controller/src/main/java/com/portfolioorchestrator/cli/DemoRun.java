package com.portfolioorchestrator.cli;

import com.portfolioorchestrator.config.ConfigLoader;
import com.portfolioorchestrator.config.OrchestratorConfig;
import com.portfolioorchestrator.core.engine.AllocationStateView;
import com.portfolioorchestrator.core.engine.EngineEvent;
import com.portfolioorchestrator.core.engine.RiskStateView;
import com.portfolioorchestrator.demo.DemoWorld;
import com.portfolioorchestrator.demo.StrategyStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The whole product on loopback: the simulated world (seven Freqtrade bots, an IBKR gateway, markets, strategies) and
 * the real orchestrator over {@code config/demo.toml}, on the world's simulated clock. The real adapters and pollers
 * poll the simulated bots; the strategies ask the real HTTP endpoint. Used by {@code ./orchestrator demo} and its test.
 */
public final class DemoRun implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(ZoneOffset.UTC);

    /** How to run it. {@code fixedPorts}: the documented ports; otherwise free ports (tests). */
    public record Options(Path configFile, Path baseDir, long seed, double speed, boolean fixedPorts, Path database) {}

    private final DemoWorld world;
    private final OrchestratorRuntime runtime;
    private final List<EngineEvent> events = Collections.synchronizedList(new ArrayList<>());

    private DemoRun(DemoWorld world, OrchestratorRuntime runtime) {
        this.world = world;
        this.runtime = runtime;
    }

    public static DemoRun start(Options o) {
        DemoWorld world = DemoWorld.builder().seed(o.seed()).speed(o.speed()).fixedPorts(o.fixedPorts()).build().start();
        OrchestratorRuntime runtime = null;
        try {
            Map<String, String> env = new HashMap<>(System.getenv());
            for (DemoWorld.BotEndpoint b : world.botEndpoints()) {
                env.put("DEMO_" + b.botId() + "_URL", b.url());
            }
            env.put("DEMO_IBKR_URL", world.ibkr().url());
            env.put("DEMO_DATABASE", o.database().toAbsolutePath().toString());
            ConfigLoader.Result result = new ConfigLoader(env, o.baseDir().toAbsolutePath().normalize()).load(o.configFile());
            if (result instanceof ConfigLoader.Invalid invalid) {
                throw new IllegalStateException("demo config is invalid:\n" + invalid.problems().stream()
                        .map(Object::toString).collect(Collectors.joining("\n")));
            }
            OrchestratorConfig config = ((ConfigLoader.Loaded) result).config();
            runtime = OrchestratorRuntime.startScaled(config, world.clock(), o.fixedPorts() ? -1 : 0, o.speed());
            DemoRun run = new DemoRun(world, runtime);
            runtime.addEventListener(run.events::addAll);
            Map<String, String> tokens = new HashMap<>();
            config.bots().forEach(b -> tokens.put(b.id(), b.token().reveal()));
            world.startTrading("http://" + config.listenHost() + ":" + runtime.port(), tokens);
            return run;
        } catch (RuntimeException e) {
            if (runtime != null) {
                runtime.close();
            }
            world.close();
            throw e;
        }
    }

    /** A temporary database file for a demo run. */
    public static Path temporaryDatabase() {
        try {
            Path dir = Files.createTempDirectory("orchestrator-demo");
            dir.toFile().deleteOnExit();
            return dir.resolve("demo.db");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DemoWorld world() {
        return world;
    }

    public OrchestratorRuntime runtime() {
        return runtime;
    }

    /** The engine's events so far (breaker trips and clears, regime changes, cooldowns...). */
    public List<EngineEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** All strategies' counts added up. */
    public StrategyStats totals() {
        long requests = 0, allowed = 0, scaled = 0, denied = 0, retries = 0, trades = 0, transport = 0, refusals = 0, fills = 0;
        Map<String, Long> codes = new TreeMap<>();
        Map<Integer, Long> http = new TreeMap<>();
        for (StrategyStats s : world.strategyStats().values()) {
            requests += s.requests();
            allowed += s.allowed();
            scaled += s.scaled();
            denied += s.denied();
            retries += s.retries();
            trades += s.tradesOpened();
            transport += s.transportErrors();
            refusals += s.botRefusals();
            fills += s.fillsReported();
            s.deniedByCode().forEach((k, v) -> codes.merge(k, v, Long::sum));
            s.httpErrors().forEach((k, v) -> http.merge(k, v, Long::sum));
        }
        return new StrategyStats(requests, allowed, scaled, denied, codes, http, transport, retries, trades, refusals, fills);
    }

    /** The compact console line of every 15 s. */
    public String statusLine() {
        Instant now = world.clock().instant();
        record Views(RiskStateView risk, AllocationStateView allocation) {}
        Views v = runtime.decisions().read(e -> new Views(e.riskState(now), e.allocationState(now)));
        StrategyStats t = totals();
        String topCodes = t.deniedByCode().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(3).map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        List<String> breakers = new ArrayList<>();
        if (v.risk().lossStreakCooldownUntilMs() > now.toEpochMilli()) {
            breakers.add("loss streak " + v.risk().consecutiveLosses() + " until " + TIME.format(Instant.ofEpochMilli(v.risk().lossStreakCooldownUntilMs())));
        }
        if (v.risk().softFreezeUntilMs() > now.toEpochMilli()) {
            breakers.add("daily loss soft until " + TIME.format(Instant.ofEpochMilli(v.risk().softFreezeUntilMs())));
        }
        if (v.risk().hardFrozenToday()) {
            breakers.add("daily loss hard");
        }
        if (v.risk().drawdownPhase() != com.portfolioorchestrator.core.engine.DrawdownPhase.NORMAL) {
            breakers.add("drawdown " + v.risk().drawdownPhase());
        }
        double budget = v.allocation().riskBudget() * v.allocation().equity();
        return String.format(Locale.ROOT,
                "[sim %s] equity %,.0f | gross %,.0f / %,.0f capacity | risk at stop %,.0f / %,.0f budget | "
                        + "decisions %d: %d allowed, %d scaled, %d denied%s%s | %s, regime %s, drawdown %.1f %%, breakers: %s",
                TIME.format(now), v.risk().equity(), v.allocation().exposure().grossNotional(), v.allocation().grossCapacity(),
                v.allocation().exposure().atRisk(), budget, t.requests(), t.allowed() - t.scaled(), t.scaled(), t.denied(),
                topCodes.isEmpty() ? "" : " (" + topCodes + ")",
                t.httpErrors().isEmpty() && t.transportErrors() == 0 ? "" : ", not answered 200: " + t.httpErrors()
                        + (t.transportErrors() > 0 ? " + " + t.transportErrors() + " transport errors" : ""),
                v.risk().tradingState(), v.risk().regime(),
                v.risk().drawdown() * 100, breakers.isEmpty() ? "none" : String.join("; ", breakers));
    }

    @Override
    public void close() {
        world.close();
        runtime.close();
    }
}
