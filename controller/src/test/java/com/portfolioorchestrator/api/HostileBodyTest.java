package com.portfolioorchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.portfolioorchestrator.api.ApiTestServer.Req;
import com.portfolioorchestrator.core.engine.EngineState;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Robustness (issue 4): at least 10,000 malformed or hostile requests generated from a seed, to POST
 * /api/v1/decisions and a share to /fill and /cancel of a live reservation. Never a 500 (nor any 5xx), never a 200
 * (every case is invalid), every answer a problem+json with status, title and type, and no state change: the engine
 * snapshot and the decision log are exactly as before. Run with {@code -Dhostile.seed=N} to try another seed.
 */
class HostileBodyTest {
    private static final int CASES = 10_000;

    @TempDir
    Path dir;

    @Test
    void tenThousandHostileRequests_neverA500_alwaysAProblem_andNoStateChange() {
        long seed = Long.getLong("hostile.seed", 20261123L);
        try (ApiTestServer s = ApiTestServer.start(dir, ApiTestServer.highHttpRate())) {
            s.feedPortfolio();
            Req reserved = Req.s1();
            JsonNode allowed = s.decision(ApiTestServer.S1, reserved);
            assertThat(allowed.path("allowed").asBoolean()).isTrue();
            String decisionId = allowed.path("decision_id").asText();

            EngineState before = s.snapshot();
            long loggedBefore = s.loggedDecisions();
            JsonNode stateBefore = s.state(ApiTestServer.OPERATOR).path("reservations");

            Map<String, String> tokens = new TreeMap<>();
            for (int i = 1; i <= 7; i++) {
                tokens.put("S" + i, "paper-s" + i + "-token");
            }
            List<HostileBodies.Case> cases = new HostileBodies(seed, tokens, decisionId, (String) reserved.get("request_id"))
                    .generate(CASES);
            assertThat(cases.size()).isGreaterThanOrEqualTo(CASES);

            List<String> failures = new ArrayList<>();
            Map<Integer, Integer> byStatus = new TreeMap<>();
            for (HostileBodies.Case c : cases) {
                HttpResponse<String> r;
                try {
                    r = s.send("POST", c.path(), c.token(), c.contentType(), c.body());
                } catch (java.io.UncheckedIOException e) {
                    failures.add("no answer (" + e.getCause().getMessage() + ") <- " + c.shown());
                    continue;
                }
                byStatus.merge(r.statusCode(), 1, Integer::sum);
                String problem = problemOf(r);
                if (problem != null && failures.size() < 25) {
                    failures.add(problem + " <- " + c.shown());
                }
            }
            System.out.printf("%d hostile requests (seed %d), answers by status: %s%n", cases.size(), seed, byStatus);
            assertThat(failures).as("seed %d, answers by status %s", seed, byStatus).isEmpty();
            assertThat(byStatus.keySet()).as("the kinds of refusal the generator reached")
                    .contains(400, 401, 403, 409, 413, 415, 422);

            assertThat(s.snapshot()).as("engine state after %d hostile requests (seed %d)", cases.size(), seed).isEqualTo(before);
            assertThat(s.loggedDecisions()).as("decision log").isEqualTo(loggedBefore);
            assertThat(s.state(ApiTestServer.OPERATOR).path("reservations")).isEqualTo(stateBefore);
        }
    }

    /** What is wrong with an answer to an invalid request, or null when it is a proper refusal. */
    private static String problemOf(HttpResponse<String> r) {
        int status = r.statusCode();
        if (status >= 500) {
            return "status " + status;
        }
        if (status == 200) {
            return "an invalid request was answered 200: " + r.body();
        }
        if (!r.headers().firstValue("Content-Type").orElse("").startsWith(ApiServer.PROBLEM_JSON)) {
            return "status " + status + " is not problem+json: " + r.headers().firstValue("Content-Type").orElse("none");
        }
        JsonNode p;
        try {
            p = ApiJson.readTree(r.body());
        } catch (IllegalStateException e) {
            return "status " + status + " body is not JSON: " + r.body();
        }
        if (p.path("status").asInt() != status || p.path("title").asText().isBlank() || !p.path("type").asText().startsWith("/problems/")) {
            return "status " + status + " problem lacks status/title/type: " + r.body();
        }
        return null;
    }
}
