package com.portfolioorchestrator.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.portfolioorchestrator.it.JarProcess;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4, "Durable state": the real jar is killed with SIGKILL in the middle of a burst of decision requests from six
 * bots, restarted on the same database, and must show
 * <ul>
 *   <li>every answered allowed decision in the audit log, every answered denial there too unless it was answered within
 *       the log writer's last batches before the kill (not yet acknowledged), each with the very response body sent;</li>
 *   <li>the reservations of every answered allowed decision, the symbol cooldowns (one from before the burst, and every
 *       one started by an answered request of the burst), and the risk state (kill switch, breakers) as they were;</li>
 *   <li>a request answered before the kill, resent after the restart with the same body, answered with the same
 *       decision and no second reservation.</li>
 * </ul>
 * Runs in the integration-test phase (failsafe), after the fat jar is packaged.
 */
class OrchestratorCrashIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPERATOR = "paper-alice-token";
    /** Bots of the burst, one thread each. */
    private static final int THREADS = 6;
    /**
     * How recent a denial's answer may be and its record still be missing after the kill: the log writer's batch delay
     * (20 ms) plus a commit under a loaded machine, with margin. Older answers must be in the log.
     */
    private static final long UNACKNOWLEDGED_WINDOW_MS = 1000;

    /** The burst is killed once this many decisions of it were answered (or after BURST_MAX_MS). */
    private static final int KILL_AFTER_ANSWERS = 600;
    private static final long BURST_MAX_MS = 8_000;
    /** Assets in no correlation group and outside the alignment set: entries here are allowed while there is room. */
    private static final String[] FREE_ASSETS = {"LTC", "DOT", "LINK", "TRX", "ATOM", "FIL", "UNI", "NEAR"};

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<JarProcess> started = new ArrayList<>();

    /** One answered decision request: what was sent and what came back. */
    private record Answered(int bot, String requestId, String body, String response, JsonNode json, long answeredAtNanos) {
        String decisionId() {
            return json.get("decision_id").asText();
        }

        boolean allowed() {
            return json.get("allowed").asBoolean();
        }
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (JarProcess p : started) {
            p.close();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void killMinus9DuringABurstLosesNoAnsweredDecisionNorAnySafetyState() throws Exception {
        Path config = copyFixtures();
        Path portfolio = dir.resolve("portfolio.json");
        JarProcess first = start("first", config, portfolio);

        // state that matters, made before the burst: a symbol cooldown (two spread failures on DOGE) and reservations
        Answered spread1 = decide(first, 4, "pre-w1", wideSpread(4, "pre-w1", "DOGE/USDT:USDT"));
        Answered spread2 = decide(first, 4, "pre-w2", wideSpread(4, "pre-w2", "DOGE/USDT:USDT"));
        assertThat(spread1.json().get("denied_by").asText()).isEqualTo("SPREAD_TOO_WIDE");
        assertThat(spread2.json().get("denied_by").asText()).isEqualTo("SPREAD_TOO_WIDE");
        Answered cooled = decide(first, 4, "pre-c", entry(4, "pre-c", "DOGE/USDT:USDT"));
        assertThat(cooled.json().get("denied_by").asText()).isEqualTo("SYMBOL_COOLDOWN");
        List<Answered> preAllowed = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Answered a = decide(first, 2, "pre-a" + i, entry(2, "pre-a" + i, "LTC/USDT:USDT"));
            assertThat(a.allowed()).as("pre-burst entry %s: %s", i, a.response()).isTrue();
            preAllowed.add(a);
        }
        JsonNode before = state(first);
        assertThat(reservations(before)).containsKeys(preAllowed.stream().map(Answered::decisionId).toArray(String[]::new));

        // the burst: six bots, each sending as fast as it is answered; killed with SIGKILL while they are sending
        Map<String, Answered> answered = new ConcurrentHashMap<>();
        Set<String> cooledDuringBurst = ConcurrentHashMap.newKeySet();
        AtomicInteger answers = new AtomicInteger();
        AtomicInteger failedByTheKill = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(THREADS);
        List<String> unexpected = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int bot = t + 1;
            Thread thread = new Thread(() -> {
                try {
                    for (int k = 0; ; k++) {
                        String id = "burst-S" + bot + "-" + k;
                        // every 10 requests two spread failures on a fresh symbol: the second starts a cooldown
                        String coolPair = "CX" + bot + "N" + (k / 10) + "/USDT:USDT";
                        String body = k % 10 == 3 || k % 10 == 4 ? wideSpread(bot, id, coolPair)
                                : entry(bot, id, FREE_ASSETS[k % FREE_ASSETS.length] + "/USDT:USDT");
                        Answered a;
                        try {
                            a = decide(first, bot, id, body);
                        } catch (IOException e) {
                            if (killed.get()) {
                                failedByTheKill.incrementAndGet();
                                return;
                            }
                            throw e;
                        }
                        answered.put(id, a);
                        answers.incrementAndGet();
                        if (k % 10 == 4) {
                            cooledDuringBurst.add(coolPair);
                        }
                    }
                } catch (Exception | AssertionError e) {
                    synchronized (unexpected) {
                        unexpected.add("S" + bot + ": " + e);
                    }
                } finally {
                    done.countDown();
                }
            }, "burst-S" + bot);
            thread.setDaemon(true);
            thread.start();
        }
        long burstStart = System.nanoTime();
        while (answers.get() < KILL_AFTER_ANSWERS && System.nanoTime() - burstStart < TimeUnit.MILLISECONDS.toNanos(BURST_MAX_MS)
                && done.getCount() == THREADS) {
            Thread.sleep(5);
        }
        killed.set(true);
        long killedAt = System.nanoTime();
        int exit = first.killHard();
        assertThat(done.await(30, TimeUnit.SECONDS)).as("burst threads end after the kill").isTrue();
        assertThat(unexpected).as("failures before the kill").isEmpty();
        assertThat(exit).as("exit code of SIGKILL").isEqualTo(137);
        assertThat(failedByTheKill.get()).as("every burst thread was still sending when the process died").isEqualTo(THREADS);
        List<Answered> burst = new ArrayList<>(answered.values());
        List<Answered> allowed = burst.stream().filter(Answered::allowed).toList();
        assertThat(allowed).as("the burst made reservations").isNotEmpty();
        assertThat(cooledDuringBurst).as("the burst started cooldowns").isNotEmpty();

        // restart on the same database
        JarProcess second = start("second", config, portfolio);
        JsonNode after = state(second);

        // 1. the audit log is at most its writer's last batches behind (the decision path never waits on it): every
        //    answered ALLOWED decision is in the log (its answer waited for the record, as its reservation is committed);
        //    an answered denial is in the log or was answered within the writer's last batches before the kill (not yet
        //    acknowledged); whatever is there is stored with the very response that was sent
        Map<String, String> logged = loggedResponses(dir.resolve("data/crash.db"));
        List<Answered> all = new ArrayList<>(burst);
        all.addAll(List.of(spread1, spread2, cooled));
        all.addAll(preAllowed);
        int notYetAcknowledged = 0;
        for (Answered a : all) {
            if (a.allowed() || !logged.containsKey(a.decisionId())) {
                if (!a.allowed() && killedAt - a.answeredAtNanos() <= TimeUnit.MILLISECONDS.toNanos(UNACKNOWLEDGED_WINDOW_MS)) {
                    notYetAcknowledged++;
                    continue;
                }
                assertThat(logged).as("decision %s (request %s, allowed %s) answered %d ms before the kill", a.decisionId(),
                        a.requestId(), a.allowed(), (killedAt - a.answeredAtNanos()) / 1_000_000).containsKey(a.decisionId());
            }
            assertThat(logged.get(a.decisionId())).as("stored response of %s", a.decisionId()).isEqualTo(a.response());
        }

        // 2. reservations: those from before the burst unchanged, and one for every answered allowed decision
        Map<String, JsonNode> reservedBefore = reservations(before);
        Map<String, JsonNode> reservedAfter = reservations(after);
        reservedBefore.forEach((id, r) -> assertThat(reservedAfter.get(id)).as("reservation %s", id).isEqualTo(r));
        for (Answered a : allowed) {
            JsonNode r = reservedAfter.get(a.decisionId());
            assertThat(r).as("reservation of answered allowed decision %s", a.decisionId()).isNotNull();
            assertThat(r.get("bot_id").asText()).isEqualTo("S" + a.bot());
            assertThat(r.get("notional").asDouble())
                    .isEqualTo(a.json().get("approved_stake_amount").asDouble() * 1.0); // leverage 1, USDT at 1.0
        }
        assertThat(after.at("/allocation_state/exposure/reservations").asInt()).isEqualTo(reservedAfter.size());

        // 3. cooldowns: the one from before the burst exactly, and every one an answered burst request started
        long now = System.currentTimeMillis();
        Map<String, JsonNode> symbolsBefore = symbols(before);
        Map<String, JsonNode> symbolsAfter = symbols(after);
        assertThat(symbolsBefore.get("DOGE/USDT:USDT").get("cooldown_until_ms").asLong()).isGreaterThan(now);
        symbolsBefore.forEach((pair, s) -> assertThat(symbolsAfter.get(pair)).as("guard state of %s", pair).isEqualTo(s));
        for (String pair : cooledDuringBurst) {
            assertThat(symbolsAfter.get(pair)).as("cooldown of %s started during the burst", pair).isNotNull();
            assertThat(symbolsAfter.get(pair).get("cooldown_until_ms").asLong()).as("cooldown of %s", pair).isGreaterThan(now);
        }
        Answered stillCooled = decide(second, 4, "post-c", entry(4, "post-c", "DOGE/USDT:USDT"));
        assertThat(stillCooled.json().get("denied_by").asText()).isEqualTo("SYMBOL_COOLDOWN");

        // 4. risk state (kill switch, trading state, breakers, streaks, profile) as it was
        assertThat(after.get("risk_state")).isEqualTo(before.get("risk_state"));
        assertThat(after.at("/risk_state/kill_switch").asBoolean()).isFalse();

        // 5. idempotency across the restart: the same body answers the same decision, no second reservation
        Answered lastAllowed = allowed.stream().max((x, y) -> Integer.compare(sequence(x), sequence(y))).orElseThrow();
        Answered aDenial = burst.stream().filter(a -> !a.allowed() && logged.containsKey(a.decisionId())).findFirst().orElseThrow();
        for (Answered original : List.of(lastAllowed, aDenial, preAllowed.get(0), spread2)) {
            Answered resent = decide(second, original.bot(), original.requestId(), original.body());
            assertThat(resent.decisionId()).as("resend of %s", original.requestId()).isEqualTo(original.decisionId());
            assertThat(resent.json()).as("resend of %s", original.requestId()).isEqualTo(original.json());
        }
        assertThat(reservations(state(second))).containsOnlyKeys(reservedAfter.keySet().toArray(String[]::new));

        Set<String> answeredIds = ConcurrentHashMap.newKeySet();
        all.forEach(a -> answeredIds.add(a.decisionId()));
        answeredIds.add(stillCooled.decisionId());
        long neverAnswered = logged.keySet().stream().filter(id -> !answeredIds.contains(id)).count();
        System.out.printf("crash test: %d answered denials not yet in the log (answered within %d ms of the kill)%n",
                notYetAcknowledged, UNACKNOWLEDGED_WINDOW_MS);
        System.out.printf("crash test: %d burst decisions answered (%d allowed, %d cooldowns started), %d requests cut by the"
                        + " kill, %d decisions in the log after the restart, %d of them never answered; reservations"
                        + " before the burst %d, after the restart %d%n",
                burst.size(), allowed.size(), cooledDuringBurst.size(), failedByTheKill.get(), logged.size(),
                neverAnswered, reservedBefore.size(), reservedAfter.size());
        Map<String, Integer> codes = new java.util.TreeMap<>();
        burst.forEach(a -> codes.merge(a.allowed() ? "allowed" : a.json().get("denied_by").asText(), 1, Integer::sum));
        System.out.println("crash test: burst outcomes " + codes);
    }

    private JarProcess start(String name, Path config, Path portfolio) throws IOException, InterruptedException {
        JarProcess p = JarProcess.start(dir, name, config, portfolio);
        started.add(p);
        return p;
    }

    /** Copies the crash configuration (config, profiles, calendar, portfolio) into the temporary directory. */
    private Path copyFixtures() throws IOException {
        Files.createDirectories(dir.resolve("profiles"));
        for (String f : List.of("orchestrator.toml", "events.json", "portfolio.json", "profiles/conservative.toml",
                "profiles/balanced.toml", "profiles/aggressive.toml")) {
            try (InputStream in = OrchestratorCrashIT.class.getResourceAsStream("/crash/" + f)) {
                if (in == null) {
                    throw new IllegalStateException("missing test resource crash/" + f);
                }
                Files.copy(in, dir.resolve(f));
            }
        }
        return dir.resolve("orchestrator.toml");
    }

    private static int sequence(Answered a) {
        return Integer.parseInt(a.requestId().substring(a.requestId().lastIndexOf('-') + 1));
    }

    /** An entry with a tight stop (risk 0.1 per order): allowed while the asset and the portfolio have room. */
    private static String entry(int bot, String requestId, String pair) {
        return "{\"request_id\":\"" + requestId + "\",\"bot_id\":\"S" + bot + "\",\"pair\":\"" + pair + "\",\"side\":\"long\","
                + "\"stake_amount\":10,\"leverage\":1,\"entry_price\":100,\"stop_price\":99,\"spread_bps\":2,"
                + "\"expected_slippage_bps\":3,\"funding_rate\":0.0001}";
    }

    /** An entry whose spread (50 bps) fails every bucket's guard: two on one symbol within 10 minutes cool it down. */
    private static String wideSpread(int bot, String requestId, String pair) {
        return "{\"request_id\":\"" + requestId + "\",\"bot_id\":\"S" + bot + "\",\"pair\":\"" + pair + "\",\"side\":\"long\","
                + "\"stake_amount\":10,\"leverage\":1,\"entry_price\":100,\"stop_price\":99,\"spread_bps\":50,"
                + "\"expected_slippage_bps\":3}";
    }

    private Answered decide(JarProcess p, int bot, String requestId, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(p.baseUrl() + "/api/v1/decisions"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer paper-s" + bot + "-token")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST /api/v1/decisions %s: %s", requestId, response.body()).isEqualTo(200);
        return new Answered(bot, requestId, body, response.body(), JSON.readTree(response.body()), System.nanoTime());
    }

    private JsonNode state(JarProcess p) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(p.baseUrl() + "/api/v1/state"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + OPERATOR).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET /api/v1/state: %s", response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Map<String, JsonNode> reservations(JsonNode state) {
        Map<String, JsonNode> out = new HashMap<>();
        state.get("reservations").forEach(r -> out.put(r.get("id").asText(), r));
        return out;
    }

    private static Map<String, JsonNode> symbols(JsonNode state) {
        Map<String, JsonNode> out = new HashMap<>();
        state.at("/execution_guard_state/symbols").forEach(s -> out.put(s.get("pair").asText(), s));
        return out;
    }

    /** decision_id -> response_json of every committed decision, read from the SQLite file itself. */
    private static Map<String, String> loggedResponses(Path database) throws Exception {
        Map<String, String> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + database);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT decision_id, response_json FROM decisions")) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getString(2));
            }
        }
        return out;
    }
}
