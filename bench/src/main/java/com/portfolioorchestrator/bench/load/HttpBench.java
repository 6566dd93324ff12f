package com.portfolioorchestrator.bench.load;

import com.portfolioorchestrator.bench.load.LoadGenerator.Result;
import com.portfolioorchestrator.bench.load.LoadGenerator.Scenario;
import com.portfolioorchestrator.bench.load.LoadGenerator.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The HTTP load benchmark of issue 4: the real orchestrator jar in its own JVM (optionally pinned with taskset), fed a
 * portfolio of 7 bots and 20 open positions, measured with {@link LoadGenerator} at 1, 8 and 64 connections, the four
 * scenarios interleaved in one run on one server:
 * <ul>
 *   <li>{@code health}: {@code GET /health}, the trivial endpoint;</li>
 *   <li>{@code replay}: a decision request resent with its request id: auth, parse, schema, idempotency lookup, the
 *       stored answer; no engine, no audit wait;</li>
 *   <li>{@code deny}: a new AVAX entry denied at M16 P2 (CORRELATION_GROUP_FULL) after every earlier gate: the full
 *       engine, the audit record's group commit awaited, no state commit;</li>
 *   <li>{@code allow}: a new LTC entry allowed and reserved (every gate passed, the engine state committed before the
 *       answer, the audit record awaited), then cancelled on the same connection, unmeasured, so the ledger stays as
 *       it was.</li>
 * </ul>
 * Each of {@code --runs} runs starts a fresh server on a fresh database. Prints a markdown table of medians over the
 * runs and the ratios to {@code health}. Prerequisite: {@code mvn -B -o -q package -DskipTests}. See bench/run-http.sh.
 */
public final class HttpBench {
    private static final Pattern LISTENING = Pattern.compile("portfolio-orchestrator listening on http://([0-9.]+):(\\d+)");
    private static final String[] BOTS = {"S1", "S2", "S3", "S4", "S5", "S6", "S7"};
    private static final List<String> SCENARIOS = List.of("health", "replay", "deny", "allow");
    private static final List<String> REQUEST_IDS = List.of("uuid7", "uuid4", "sequence");
    /** Key suffix of a cell's audit records committed more than 50 ms after their decision (in the CPU map). */
    private static final String LATE = " late";
    /** Reads of /metrics at the end of the warm-up. */
    private static final int WARMUP_SCRAPES = 2_000;

    private record Options(Path repo, Path jar, String serverJava, List<String> serverJvmArgs, boolean virtualThreads,
                           String serverCpus, String label,
                           int runs, double warmupSeconds, double seconds, int[] connections, List<String> scenarios,
                           String requestIds, Optional<Path> out) {}

    private HttpBench() {}

    public static void main(String[] args) throws Exception {
        Options o = parse(args);
        List<Map<String, Result>> runs = new ArrayList<>();
        List<Map<String, Double>> cpus = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int run = 1; run <= o.runs(); run++) {
            String load = loadAverage();
            System.out.printf(Locale.ROOT, "%n== %s run %d/%d, load average %s%n", o.label(), run, o.runs(), load);
            Map<String, Result> results = new LinkedHashMap<>();
            Map<String, Double> cpu = new LinkedHashMap<>();
            long stateBytes = oneRun(o, results, cpu);
            runs.add(results);
            cpus.add(cpu);
            notes.add(String.format(Locale.ROOT, "run %d: load average before %s, after %s; engine_state JSON at the end %,d bytes",
                    run, load, loadAverage(), stateBytes));
        }
        String table = summary(o, runs, cpus, notes);
        System.out.println();
        System.out.println(table);
        if (o.out().isPresent()) {
            Files.writeString(o.out().get(), table + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /** One fresh server: warm-up, then every connection count x scenario. Returns the stored engine state's size. */
    private static long oneRun(Options o, Map<String, Result> results, Map<String, Double> cpu) throws Exception {
        Path work = Files.createTempDirectory("httpbench");
        Path config = writeFixtures(o.repo(), work);
        Process server = startServer(o, work, config);
        try {
            String baseUrl = awaitListening(server, work);
            Map<String, Scenario> scenarios = scenarios(baseUrl, Long.toString(System.nanoTime(), 36), o.requestIds());
            for (String name : o.scenarios()) {
                Result probe = LoadGenerator.run(scenarios.get(name), BOTS.length, 0, 0.3);
                if (probe.errors() > 0 || probe.requests() == 0) {
                    throw new IllegalStateException("scenario " + name + " does not answer as expected: " + probe);
                }
            }
            double each = o.warmupSeconds() / o.scenarios().size();
            for (String name : o.scenarios()) {
                LoadGenerator.run(scenarios.get(name), 8, 0, each);
            }
            // the harness reads /metrics around every cell (audit-log backlog, drops): compile that path now, or its
            // JIT work lands in the first cells on the server's core (hundreds of methods, measured with LogCompilation)
            for (int i = 0; i < WARMUP_SCRAPES; i++) {
                metric(baseUrl, "orchestrator_decision_log_pending");
            }
            awaitLogDrained(baseUrl);
            for (int c : o.connections()) {
                for (String name : o.scenarios()) {
                    LoadGenerator.run(scenarios.get(name), c, 0, 1.0);
                    awaitLogDrained(baseUrl);
                    long cpuBefore = cpuMicros(server.pid());
                    double lateBefore = metric(baseUrl, "orchestrator_decision_log_late_total");
                    Result r = LoadGenerator.run(scenarios.get(name), c, 0, o.seconds());
                    // the audit log may still be writing this cell's records: its time and CPU belong to the cell
                    double drainSeconds = awaitLogDrained(baseUrl);
                    double cpuPerRequest = (cpuMicros(server.pid()) - cpuBefore) / (double) Math.max(1, r.requests());
                    double late = metric(baseUrl, "orchestrator_decision_log_late_total") - lateBefore;
                    Result sustained = r.sustained(drainSeconds);
                    System.out.printf(Locale.ROOT, "%s server CPU %.0f us/request, log drained %.2f s after the cell, sustained %,.0f req/s,"
                            + " %.0f audit records committed > 50 ms after their decision%n",
                            r.row(), cpuPerRequest, drainSeconds, sustained.requestsPerSecond(), late);
                    results.put(name + "@" + c, sustained);
                    cpu.put(name + "@" + c, cpuPerRequest);
                    cpu.put(name + "@" + c + LATE, late);
                }
            }
            long dropped = (long) metric(baseUrl, "orchestrator_decision_log_dropped_total");
            if (dropped != 0) {
                throw new IllegalStateException("the audit log dropped " + dropped + " records: the figures are void");
            }
            return engineStateBytes(work.resolve("bench.db"));
        } finally {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
                server.waitFor(20, TimeUnit.SECONDS);
            }
            deleteTree(work);
        }
    }

    /**
     * The request id of a new decision, with the load generator's placeholders. {@code requestIds}: {@code uuid7}
     * (time-ordered, what the Freqtrade mixin sends), {@code uuid4} (random) or {@code sequence} ({@code <run>-n<n>},
     * what rounds 1-4 sent).
     */
    static String freshRequestId(String requestIds, String runId) {
        return switch (requestIds) {
            case "uuid7" -> "${uuid7}";
            case "uuid4" -> "${uuid4}";
            case "sequence" -> runId + "-n${n}";
            default -> throw new IllegalArgumentException("--request-ids: one of " + REQUEST_IDS + ", was " + requestIds);
        };
    }

    static Map<String, Scenario> scenarios(String baseUrl, String runId, String requestIds) {
        String fresh = freshRequestId(requestIds, runId);
        List<Target> health = List.of(LoadGenerator.target(baseUrl, "GET", "/health", List.of(), Optional.empty()));
        List<Target> replay = new ArrayList<>();
        List<Target> deny = new ArrayList<>();
        List<Target> allow = new ArrayList<>();
        for (String bot : BOTS) {
            List<String> auth = List.of("Authorization: Bearer paper-" + bot.toLowerCase(Locale.ROOT) + "-token");
            replay.add(LoadGenerator.target(baseUrl, "POST", "/api/v1/decisions", auth,
                    Optional.of(request(runId + "-replay", bot, "AVAX/USDT:USDT"))));
            deny.add(LoadGenerator.target(baseUrl, "POST", "/api/v1/decisions", auth,
                    Optional.of(request(fresh, bot, "AVAX/USDT:USDT"))));
            allow.add(LoadGenerator.target(baseUrl, "POST", "/api/v1/decisions", auth,
                    Optional.of(request(fresh, bot, "LTC/USDT:USDT"))));
        }
        Map<String, Scenario> m = new LinkedHashMap<>();
        m.put("health", new Scenario("health", health, 200, body -> body.contains("UP"), (t, body) -> Optional.empty()));
        m.put("replay", new Scenario("replay", replay, 200, body -> body.contains("\"denied_by\":\"CORRELATION_GROUP_FULL\""),
                (t, body) -> Optional.empty()));
        m.put("deny", new Scenario("deny", deny, 200, body -> body.contains("\"denied_by\":\"CORRELATION_GROUP_FULL\""),
                (t, body) -> Optional.empty()));
        // the cancel goes with the connection's own token (the bot that owns the reservation)
        m.put("allow", new Scenario("allow", allow, 200, body -> body.contains("\"allowed\":true"),
                (target, body) -> Optional.of(target.with("POST",
                        "/api/v1/decisions/" + field(body, "decision_id") + "/cancel", Optional.empty()))));
        return m;
    }

    private static String field(String json, String name) {
        String key = "\"" + name + "\":\"";
        int at = json.indexOf(key);
        if (at < 0) {
            throw new IllegalArgumentException("no " + name + " in " + json);
        }
        int from = at + key.length();
        return json.substring(from, json.indexOf('"', from));
    }

    /** The JMH benchmark's request: 1,000 x2 with a 1 % stop, quotes, funding and edge; the pair decides the outcome. */
    static String request(String requestId, String bot, String pair) {
        return "{\"request_id\":\"" + requestId + "\",\"bot_id\":\"" + bot + "\",\"pair\":\"" + pair + "\",\"side\":\"long\","
                + "\"stake_amount\":1000,\"leverage\":2,\"entry_price\":100,\"stop_price\":99,\"min_stake\":5,"
                + "\"order_type\":\"limit\",\"spread_bps\":2,\"expected_slippage_bps\":3,\"funding_rate\":0.0001,"
                + "\"edge_score\":0.003,\"grade\":\"A\"}";
    }

    /**
     * The bench configuration: config/orchestrator.toml with the database in {@code work}, the per-bot entry limits
     * toggled off and the per-token HTTP rate lifted (so that no decision is RATE_LIMITED), max open trades 100 and the turnover cap at its
     * maximum (1000 x equity) so that allow + cancel can repeat; a calendar of 40 events in the past (the shield search
     * runs, never blocks); the portfolio of the JMH benchmark (equity 1,000,000, 20 positions over S1..S7, groups C and D
     * full).
     */
    static Path writeFixtures(Path repo, Path work) throws IOException {
        String toml = Files.readString(repo.resolve("config/orchestrator.toml"), StandardCharsets.UTF_8);
        Path profiles = work.resolve("profiles");
        Files.createDirectories(profiles);
        for (String p : List.of("conservative", "balanced", "aggressive")) {
            String text = Files.readString(repo.resolve("profiles/" + p + ".toml"), StandardCharsets.UTF_8);
            if (p.equals("balanced")) {
                text = replaceLine(text, "max_open_trades", "100");
            }
            Files.writeString(profiles.resolve(p + ".toml"), text, StandardCharsets.UTF_8);
        }
        toml = replaceLine(toml, "database", quoted(work.resolve("bench.db")));
        toml = replaceLine(toml, "profiles_dir", quoted(profiles));
        toml = replaceLine(toml, "calendar", quoted(work.resolve("events.json")));
        // the per-bot entry limits (3 a minute, 10 an hour) stay as shipped and their rule is toggled off (paper mode
        // allows it): raising the limits instead would make the engine keep every allowed entry of the last hour in
        // its rate windows (hundreds of thousands in a bench), so that the safety state an allowed decision commits
        // would grow to hundreds of KB, which no production configuration comes near
        toml = replaceLine(toml, "rate_limits", "false");
        toml = replaceLine(toml, "requests_per_second", "100000");
        toml = replaceLine(toml, "max_open_positions", "128");
        toml = replaceLine(toml, "max_daily_turnover", "1000");
        Path config = work.resolve("bench.toml");
        Files.writeString(config, toml, StandardCharsets.UTF_8);

        Instant now = Instant.now();
        StringBuilder events = new StringBuilder("[");
        for (int i = 0; i < 40; i++) {
            Instant at = now.minus(Duration.ofDays(400)).plus(Duration.ofMinutes(433L * i));
            events.append(i == 0 ? "" : ",").append("{\"time\":\"").append(at).append("\",\"title\":\"event ").append(i)
                    .append("\",\"impact\":\"").append(i % 3 == 0 ? "medium" : "high").append("\",\"assets\":[\"")
                    .append(i % 2 == 0 ? "*" : "BTC").append("\"]}");
        }
        Files.writeString(work.resolve("events.json"), events.append("]").toString(), StandardCharsets.UTF_8);

        String[] pairs = {"BTC", "ETH", "SOL", "AVAX", "XRP", "ADA", "LINK", "DOT", "TRX", "NEAR", "ATOM", "FIL", "APT",
                "ARB", "OP", "INJ", "SUI", "SEI", "TIA", "UNI"};
        Map<String, List<String>> byBot = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i++) {
            boolean shortSide = i % 3 == 0;
            byBot.computeIfAbsent(BOTS[i % BOTS.length], k -> new ArrayList<>()).add(String.format(Locale.ROOT,
                    "{\"trade_id\":\"t%d\",\"pair\":\"%s/USDT:USDT\",\"side\":\"%s\",\"stake_amount\":2500,\"leverage\":2,"
                            + "\"entry_price\":100,\"stop_price\":%d,\"opened_at\":\"%s\"}",
                    i, pairs[i], shortSide ? "short" : "long", shortSide ? 101 : 99, now.minusSeconds(3600)));
        }
        String positions = byBot.entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":[" + String.join(",", e.getValue()) + "]")
                .collect(Collectors.joining(","));
        Files.writeString(work.resolve("portfolio.json"), "{\"equity\":1000000,\"day_pnl\":2000,\"stale_bots\":[],"
                + "\"positions\":{" + positions + "},\"volatility_regime\":\"NORMAL\",\"mean_strategy_correlation\":0.31,"
                + "\"edge_scores\":{\"S1\":0.004,\"S2\":0.002,\"S3\":0.006,\"S4\":0.001,\"S5\":0.003,\"S6\":0.005,\"S7\":0.0025}}",
                StandardCharsets.UTF_8);
        return config;
    }

    private static String quoted(Path p) {
        return "\"" + p.toAbsolutePath().toString().replace("\\", "/") + "\"";
    }

    /** Replaces the value of {@code key = ...} (first occurrence, at the start of a line), keeping no comment. */
    private static String replaceLine(String text, String key, String value) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + "\\s*=.*$").matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no line '" + key + " = ...' to replace");
        }
        return text.substring(0, m.start()) + key + " = " + value + text.substring(m.end());
    }

    private static Process startServer(Options o, Path work, Path config) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (!o.serverCpus().isEmpty()) {
            cmd.addAll(List.of("taskset", "-c", o.serverCpus()));
        }
        cmd.addAll(List.of(o.serverJava(), "-Xms1g", "-Xmx1g"));
        cmd.addAll(o.serverJvmArgs());
        cmd.addAll(List.of("-jar", o.jar().toAbsolutePath().toString(), "serve",
                "--config", config.toString(), "--base-dir", work.toString(), "--portfolio",
                work.resolve("portfolio.json").toString(), "--port", "0"));
        if (o.virtualThreads()) {
            cmd.add("--virtual-threads");
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile())
                .redirectOutput(work.resolve("server.out").toFile()).redirectError(work.resolve("server.err").toFile());
        pb.environment().keySet().removeIf(k -> k.matches("S\\d+_TOKEN|OP_[A-Z]+_TOKEN"));
        System.out.println("server: " + String.join(" ", cmd));
        return pb.start();
    }

    private static String awaitListening(Process server, Path work) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(Files.readString(work.resolve("server.out")));
            if (m.find()) {
                return "http://" + m.group(1) + ":" + m.group(2);
            }
            if (!server.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the server did not start:\n" + Files.readString(work.resolve("server.out"))
                + Files.readString(work.resolve("server.err")));
    }

    /**
     * Waits until the server's audit log has committed everything queued ({@code orchestrator_decision_log_pending}
     * is 0); returns how long that took, in seconds.
     */
    static double awaitLogDrained(String baseUrl) throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(300);
        while (metric(baseUrl, "orchestrator_decision_log_pending") > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the audit log did not drain within 300 s");
            }
            Thread.sleep(20);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** One unlabelled sample of GET /metrics (Prometheus text). */
    static double metric(String baseUrl, String name) throws IOException {
        java.net.HttpURLConnection c = (java.net.HttpURLConnection) java.net.URI.create(baseUrl + "/metrics").toURL().openConnection();
        try (java.io.InputStream in = c.getInputStream()) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith(name + " ")) {
                    return Double.parseDouble(line.substring(name.length() + 1).trim());
                }
            }
        } finally {
            c.disconnect();
        }
        throw new IllegalStateException("no metric " + name + " at " + baseUrl + "/metrics");
    }

    private static long engineStateBytes(Path database) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(sum(length(json)), 0) FROM engine_state")) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (Exception e) {
            return -1;
        }
    }

    /** User + system CPU time of a process from /proc (clock ticks of 10 ms), in microseconds; -1 when unknown. */
    static long cpuMicros(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000L;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String summary(Options o, List<Map<String, Result>> runs, List<Map<String, Double>> cpus,
                                  List<String> notes) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "### %s: server %s%s, %d runs x %.0f s per cell, request ids %s, medians (min-max for req/s)%n%n",
                o.label(), o.serverJava(), o.virtualThreads() ? " --virtual-threads" : "", runs.size(), o.seconds(),
                o.requestIds()));
        s.append("| scenario | conns | req/s (min-max) | vs health | p50 us | p90 us | p99 us | p99.9 us | max us | errors | server CPU us/req | log late |\n");
        s.append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int c : o.connections()) {
            double health = o.scenarios().contains("health") ? median(runs, "health@" + c, Result::requestsPerSecond) : Double.NaN;
            for (String name : o.scenarios()) {
                String key = name + "@" + c;
                double rps = median(runs, key, Result::requestsPerSecond);
                double min = runs.stream().mapToDouble(r -> r.get(key).requestsPerSecond()).min().orElse(0);
                double max = runs.stream().mapToDouble(r -> r.get(key).requestsPerSecond()).max().orElse(0);
                long errors = runs.stream().mapToLong(r -> r.get(key).errors()).sum();
                double[] cpu = cpus.stream().mapToDouble(m -> m.get(key)).sorted().toArray();
                double lateShare = cpus.stream().mapToDouble(m -> m.get(key + LATE)).sum()
                        / runs.stream().mapToDouble(r -> r.get(key).requests()).sum();
                s.append(String.format(Locale.ROOT, "| %s | %d | %,.0f (%,.0f-%,.0f) | %.0f %% | %.0f | %.0f | %.0f | %.0f | %.0f | %d | %.0f | %.1f %% |%n",
                        name, c, rps, min, max, 100 * rps / health, median(runs, key, Result::p50Us),
                        median(runs, key, Result::p90Us), median(runs, key, Result::p99Us), median(runs, key, Result::p999Us),
                        median(runs, key, Result::maxUs), errors, cpu[cpu.length / 2], 100 * lateShare));
            }
        }
        s.append('\n');
        notes.forEach(n -> s.append("* ").append(n).append('\n'));
        return s.toString();
    }

    private static double median(List<Map<String, Result>> runs, String key, ToDoubleFunction<Result> f) {
        double[] v = runs.stream().mapToDouble(r -> f.applyAsDouble(r.get(key))).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Options parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        boolean virtual = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--virtual-threads")) {
                virtual = true;
            } else if (a.startsWith("--") && i + 1 < args.length) {
                m.put(a.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("usage: HttpBench [--repo DIR] [--jar FILE] [--java FILE] [--server-jvm-args 'ARGS'] [--virtual-threads]"
                        + " [--server-cpus LIST] [--label NAME] [--runs N] [--warmup S] [--seconds S] [--connections 1,8,64]"
                        + " [--scenarios health,replay,deny,allow] [--request-ids uuid7|uuid4|sequence]"
                        + " [--out FILE]; unexpected '" + a + "'");
            }
        }
        Path repo = Path.of(m.getOrDefault("repo", "."));
        Path jar = Path.of(m.getOrDefault("jar", repo.resolve("controller/target/orchestrator.jar").toString()));
        String java = m.getOrDefault("java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        int[] conns = Arrays.stream(m.getOrDefault("connections", "1,8,64").split(",")).mapToInt(Integer::parseInt).toArray();
        List<String> scenarios = List.of(m.getOrDefault("scenarios", String.join(",", SCENARIOS)).split(","));
        if (!SCENARIOS.containsAll(scenarios)) {
            throw new IllegalArgumentException("--scenarios: each of " + SCENARIOS + ", was " + scenarios);
        }
        String requestIds = m.getOrDefault("request-ids", "uuid7");
        freshRequestId(requestIds, ""); // checks --request-ids before a server is started
        List<String> jvmArgs = m.containsKey("server-jvm-args") ? List.of(m.get("server-jvm-args").trim().split("\\s+")) : List.of();
        return new Options(repo, jar, java, jvmArgs, virtual, m.getOrDefault("server-cpus", ""),
                m.getOrDefault("label", virtual ? "virtual" : "platform"), Integer.parseInt(m.getOrDefault("runs", "3")),
                Double.parseDouble(m.getOrDefault("warmup", "90")), Double.parseDouble(m.getOrDefault("seconds", "5")), conns, scenarios,
                requestIds, Optional.ofNullable(m.get("out")).map(Path::of));
    }
}
