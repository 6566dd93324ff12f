package com.portfolioorchestrator.api;

import static com.portfolioorchestrator.api.ApiTestServer.OPERATOR;
import static com.portfolioorchestrator.api.ApiTestServer.S1;
import static com.portfolioorchestrator.api.ApiTestServer.S2;
import static com.portfolioorchestrator.api.ApiTestServer.VIEWER;
import static com.portfolioorchestrator.api.ApiTestServer.assertProblem;
import static com.portfolioorchestrator.api.ApiTestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.portfolioorchestrator.api.ApiTestServer.Req;
import com.portfolioorchestrator.app.Readiness;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every status code of the decision API contract (PRODUCT.md section 3), against the real service on port 0. */
class DecisionApiStatusTest {
    private static final String DECISIONS = "/api/v1/decisions";

    @TempDir
    Path dir;
    private ApiTestServer server;

    private ApiTestServer start() {
        server = ApiTestServer.start(dir, ApiTestServer.highHttpRate());
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode firstError(JsonNode problem) {
        assertThat(problem.path("errors").isArray()).as(problem.toString()).isTrue();
        assertThat(problem.path("errors")).as(problem.toString()).isNotEmpty();
        return problem.path("errors").get(0);
    }

    // ------------------------------------------------------------------------------------------------- 200

    @Test
    void allowedEntry_is200_withEveryContractField_andAReservationUntilTimeoutPlusMargin() {
        ApiTestServer s = start();
        s.feedPortfolio();
        Req req = Req.s1();
        HttpResponse<String> r = s.decide(S1, req);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode d = json(r);
        assertThat(d.fieldNames()).toIterable().containsExactly("decision_id", "request_id", "allowed",
                "approved_stake_amount", "requested_stake_amount", "size_multiplier", "denied_by", "reasons", "checks",
                "multipliers", "execution", "profile", "trading_state", "reservation_expires_at", "evaluated_in_us");
        assertThat(d.path("decision_id").asText()).startsWith("d-");
        assertThat(d.path("request_id").asText()).isEqualTo(req.get("request_id"));
        assertThat(d.path("allowed").asBoolean()).isTrue();
        assertThat(d.path("approved_stake_amount").asDouble()).isEqualTo(1000.0);
        assertThat(d.path("requested_stake_amount").asDouble()).isEqualTo(1000.0);
        assertThat(d.path("size_multiplier").asDouble()).isEqualTo(1.0);
        assertThat(d.path("denied_by").isNull()).isTrue();
        assertThat(d.path("multipliers").fieldNames()).toIterable().containsExactly("drawdown", "correlation", "volatility", "funding");
        assertThat(d.path("execution").path("limit_timeout_s").asInt()).isEqualTo(90);
        assertThat(d.path("execution").path("max_retries").asInt()).isEqualTo(2);
        assertThat(d.path("profile").asText()).isEqualTo("balanced");
        assertThat(d.path("trading_state").asText()).isEqualTo("ACTIVE");
        assertThat(Instant.parse(d.path("reservation_expires_at").asText()))
                .isEqualTo(ApiTestServer.START.plusSeconds(90 + 60));
        assertThat(d.path("evaluated_in_us").asDouble()).isPositive();
        assertThat(d.path("checks")).isNotEmpty();
        for (JsonNode c : d.path("checks")) {
            assertThat(c.path("passed").asBoolean()).as(c.toString()).isTrue();
        }
    }

    @Test
    void deniedEntry_is200_withAllowedFalse_theCode_andNoReservation() {
        ApiTestServer s = start();
        s.feedPortfolio();
        JsonNode d = s.decision(S1, Req.s1().with("spread_bps", 9));

        assertThat(d.path("allowed").asBoolean()).isFalse();
        assertThat(d.path("denied_by").asText()).isEqualTo("SPREAD_TOO_WIDE");
        assertThat(d.path("approved_stake_amount").asDouble()).isZero();
        assertThat(d.path("reservation_expires_at").isNull()).isTrue();
        assertThat(d.path("reasons").get(d.path("reasons").size() - 1).asText()).startsWith("SPREAD_TOO_WIDE:");
        JsonNode last = d.path("checks").get(d.path("checks").size() - 1);
        assertThat(last.path("gate").asText()).isEqualTo("SPREAD");
        assertThat(last.path("passed").asBoolean()).isFalse();
        assertThat(last.path("value").asDouble()).isEqualTo(9.0);
        assertThat(last.path("limit").asDouble()).isEqualTo(8.0);
        assertThat(s.state(S1).path("reservations")).isEmpty();
    }

    // ------------------------------------------------------------------------------------------------- 400

    @Test
    void malformedJson_is400_sayingWhy() {
        ApiTestServer s = start();
        s.feedPortfolio();
        JsonNode truncated = assertProblem(s.post(DECISIONS, S1, "{\"request_id\": \"r1\", \"bot_id\":"), 400);
        assertThat(truncated.path("detail").asText()).contains("not valid JSON");
        assertThat(assertProblem(s.post(DECISIONS, S1, ""), 400).path("detail").asText()).contains("empty");
        assertProblem(s.post(DECISIONS, S1, "{\"request_id\": \"r1\"} trailing"), 400);
        assertProblem(s.post(DECISIONS, S1, "{\"stake_amount\": NaN}"), 400);
        assertProblem(s.post(DECISIONS, S1, "{\"bot_id\": \"S1\", \"bot_id\": \"S1\"}"), 400);
    }

    // ------------------------------------------------------------------------------------------------- 401 / 403

    @Test
    void missingOrUnknownToken_is401_withTheSameAnswer() {
        ApiTestServer s = start();
        s.feedPortfolio();
        String body = Req.s1().json();
        HttpResponse<String> none = s.post(DECISIONS, null, body);
        HttpResponse<String> unknown = s.post(DECISIONS, "paper-s1-tokenx", body);
        HttpResponse<String> notBearer = s.send(s.request(DECISIONS).header("Authorization", "Basic cGFwZXI6eA==")
                .header("Content-Type", "application/json").POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build());
        assertProblem(none, 401);
        assertProblem(unknown, 401);
        assertProblem(notBearer, 401);
        assertThat(unknown.body()).isEqualTo(none.body()).isEqualTo(notBearer.body());
        assertThat(s.loggedDecisions()).isZero();
    }

    @Test
    void botIdOfAnotherBot_orAnOperatorOrViewerToken_is403() {
        ApiTestServer s = start();
        s.feedPortfolio();
        assertThat(assertProblem(s.decide(S2, Req.s1()), 403).path("detail").asText()).contains("'S1'");
        assertProblem(s.decide(OPERATOR, Req.s1()), 403);
        assertProblem(s.decide(VIEWER, Req.s1()), 403);
        assertProblem(s.decide(S1, Req.s1().with("bot_id", "S9")), 403);
        assertThat(s.loggedDecisions()).isZero();
    }

    // ------------------------------------------------------------------------------------------------- 404

    @Test
    void unknownDecisionOnFillOrCancel_andAnUnknownRoute_are404() {
        ApiTestServer s = start();
        s.feedPortfolio();
        assertProblem(s.post(DECISIONS + "/d-nope/fill", S1, "{\"trade_id\": 1}"), 404);
        assertProblem(s.post(DECISIONS + "/d-nope/cancel", S1, "{}"), 404);
        assertProblem(s.get("/api/v1/nothing", S1), 404);
        assertProblem(s.get("/nothing", null), 404);
    }

    // ------------------------------------------------------------------------------------------------- 409

    @Test
    void requestIdReused_withTheSameContent_isTheSameDecision_withoutASecondReservation_andWithAnotherBody_is409() {
        ApiTestServer s = start();
        s.feedPortfolio();
        String id = ApiTestServer.nextRequestId();
        String first = "{\"request_id\":\"" + id + "\",\"bot_id\":\"S1\",\"pair\":\"BTC/USDT:USDT\",\"side\":\"long\","
                + "\"stake_amount\":1000,\"leverage\":2,\"entry_price\":90000,\"stop_price\":88200,"
                + "\"spread_bps\":2,\"expected_slippage_bps\":3}";
        // the same content: other key order, other spacing, 1000.0 for 1000
        String same = "{ \"leverage\": 2.0, \"bot_id\": \"S1\", \"request_id\": \"" + id + "\", \"pair\": \"BTC/USDT:USDT\","
                + " \"side\": \"long\", \"stake_amount\": 1000.0, \"entry_price\": 9e4, \"stop_price\": 88200,"
                + " \"spread_bps\": 2, \"expected_slippage_bps\": 3 }";
        HttpResponse<String> a = s.post(DECISIONS, S1, first);
        HttpResponse<String> b = s.post(DECISIONS, S1, same);
        assertThat(a.statusCode()).as(a.body()).isEqualTo(200);
        assertThat(b.statusCode()).as(b.body()).isEqualTo(200);
        assertThat(json(a).path("allowed").asBoolean()).isTrue();
        assertThat(json(b).path("decision_id").asText()).isEqualTo(json(a).path("decision_id").asText());
        assertThat(b.body()).isEqualTo(a.body());
        assertThat(s.state(S1).path("reservations")).hasSize(1);
        assertThat(s.metric("orchestrator_reservations")).isEqualTo(1.0);

        HttpResponse<String> other = s.post(DECISIONS, S1, first.replace("\"stake_amount\":1000", "\"stake_amount\":999"));
        JsonNode conflict = assertProblem(other, 409);
        assertThat(conflict.path("detail").asText()).contains(id);
        assertThat(s.state(S1).path("reservations")).hasSize(1);
        assertThat(s.metric("orchestrator_reservations")).isEqualTo(1.0);
        assertThat(s.loggedDecisions()).isEqualTo(1);
        assertThat(s.metric("orchestrator_decisions_total{code=\"none\",outcome=\"allowed\"}")).isEqualTo(1.0);
    }

    @Test
    void theSameRequestIdOfAnotherBot_isItsOwnRequest() {
        ApiTestServer s = start();
        s.feedPortfolio();
        Req one = Req.s1();
        Req two = new Req("S2").with("request_id", one.get("request_id"));
        String a = s.decision(S1, one).path("decision_id").asText();
        String b = s.decision(S2, two).path("decision_id").asText();
        assertThat(a).isNotEqualTo(b);
    }

    // ------------------------------------------------------------------------------------------------- 413 / 415

    @Test
    void bodyOver64KiB_is413_andExactly64KiB_isRead() {
        ApiTestServer s = start();
        s.feedPortfolio();
        String over = Req.s1().with("request_id", "x".repeat(ApiServer.MAX_BODY_BYTES)).json();
        JsonNode p = assertProblem(s.post(DECISIONS, S1, over), 413);
        assertThat(p.path("detail").asText()).contains("65536");
        // a body of exactly 64 KiB is read (and refused for what it says, not for its size)
        String pad = Req.s1().with("request_id", "").json();
        String exact = pad.replace("\"request_id\":\"\"", "\"request_id\":\"" + "y".repeat(ApiServer.MAX_BODY_BYTES - pad.length()) + "\"");
        assertThat(exact.getBytes(StandardCharsets.UTF_8)).hasSize(ApiServer.MAX_BODY_BYTES);
        assertThat(assertProblem(s.post(DECISIONS, S1, exact), 422).path("errors").get(0).path("field").asText())
                .isEqualTo("request_id");
    }

    @Test
    void chunkedBodyOver64KiB_withoutContentLength_is413() {
        ApiTestServer s = start();
        s.feedPortfolio();
        byte[] over = Req.s1().with("request_id", "x".repeat(ApiServer.MAX_BODY_BYTES)).json().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = s.send(s.request(DECISIONS).header("Authorization", "Bearer " + S1)
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(over)))
                .build());
        assertProblem(r, 413);
    }

    @Test
    void aBodyThatIsNotApplicationJson_is415() {
        ApiTestServer s = start();
        s.feedPortfolio();
        byte[] body = Req.s1().json().getBytes(StandardCharsets.UTF_8);
        for (String type : new String[] {"text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "application/jsonp", "application/json-seq"}) {
            assertThat(assertProblem(s.send("POST", DECISIONS, S1, type, body), 415).path("detail").asText())
                    .as(type).contains(type);
        }
        assertProblem(s.send("POST", DECISIONS, S1, null, body), 415);
        assertThat(s.decide(S1, Req.s1()).statusCode()).isEqualTo(200);
        assertThat(s.send("POST", DECISIONS, S1, "application/json; charset=utf-8", Req.s1().json().getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(200);
        assertThat(s.send("POST", DECISIONS, S1, "Application/JSON", Req.s1().json().getBytes(StandardCharsets.UTF_8))
                .statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------------------- 422

    @Test
    void schemaViolations_are422_namingFieldAndValue() {
        ApiTestServer s = start();
        s.feedPortfolio();
        JsonNode unknown = firstError(assertProblem(s.decide(S1, Req.s1().with("colour", "red")), 422));
        assertThat(unknown.path("field").asText()).isEqualTo("colour");
        assertThat(unknown.path("message").asText()).contains("unknown fields are rejected");

        JsonNode missing = firstError(assertProblem(s.decide(S1, Req.s1().without("pair")), 422));
        assertThat(missing.path("field").asText()).isEqualTo("pair");
        assertThat(missing.path("message").asText()).isEqualTo("is required");

        JsonNode wrongType = firstError(assertProblem(s.decide(S1, Req.s1().with("stake_amount", "lots")), 422));
        assertThat(wrongType.path("field").asText()).isEqualTo("stake_amount");
        assertThat(wrongType.path("message").asText()).contains("'lots'");

        JsonNode range = firstError(assertProblem(s.decide(S1, Req.s1().with("leverage", 0.5)), 422));
        assertThat(range.path("field").asText()).isEqualTo("leverage");
        assertThat(range.path("message").asText()).contains("0.5");

        JsonNode attempt = firstError(assertProblem(s.decide(S1, Req.s1().with("attempt", 11).with("retry_of", "d-x")), 422));
        assertThat(attempt.path("field").asText()).isEqualTo("attempt");
        assertThat(attempt.path("message").asText()).contains("11");

        JsonNode side = firstError(assertProblem(s.decide(S1, Req.s1().with("side", "sideways")), 422));
        assertThat(side.path("field").asText()).isEqualTo("side");
        assertThat(side.path("message").asText()).contains("'sideways'");

        JsonNode noRetryOf = firstError(assertProblem(s.decide(S1, Req.s1().with("attempt", 2)), 422));
        assertThat(noRetryOf.path("field").asText()).isEqualTo("retry_of");

        JsonNode notObject = firstError(assertProblem(s.post(DECISIONS, S1, "[1, 2]"), 422));
        assertThat(notObject.path("field").asText()).isEqualTo("(body)");
        assertThat(s.loggedDecisions()).isZero();
    }

    @Test
    void retryOfAnUnknownDecision_orOfAnotherBotsDecision_is422() {
        ApiTestServer s = start();
        s.feedPortfolio();
        JsonNode unknown = firstError(assertProblem(s.decide(S1, Req.s1().with("attempt", 2).with("retry_of", "d-unknown")), 422));
        assertThat(unknown.path("field").asText()).isEqualTo("retry_of");
        assertThat(unknown.path("message").asText()).contains("'d-unknown'");

        String s2Decision = s.decision(S2, new Req("S2")).path("decision_id").asText();
        JsonNode foreign = firstError(assertProblem(s.decide(S1, Req.s1().with("attempt", 2).with("retry_of", s2Decision)), 422));
        assertThat(foreign.path("field").asText()).isEqualTo("retry_of");
        assertThat(foreign.path("message").asText()).contains(s2Decision);
        assertThat(s.loggedDecisions()).isEqualTo(1);
    }

    @Test
    void valuesTheSchemaLetsThroughButTheRequestCannotHold_are422_never500() {
        ApiTestServer s = start();
        s.feedPortfolio();
        record Case(Req req, String field) {}
        List<Case> cases = List.of(
                new Case(Req.s1().with("stop_price", 90000), "stop_price"),           // no risk at stop
                new Case(Req.s1().with("stop_price", 91000), "stop_price"),           // a long's stop above entry
                new Case(Req.s1().with("side", "short").with("stop_price", 89000), "stop_price"), // a short's below
                new Case(Req.s1().with("retry_of", "d-x"), "retry_of"),               // retry_of on a first attempt
                new Case(Req.s1().with("request_id", "   "), "request_id"),           // blank
                new Case(Req.s1().with("request_id", "\uD83D\uDE00".repeat(64)), "request_id"), // 64 code points, 128 chars
                new Case(Req.s1().with("attempt", 2).with("retry_of", " "), "retry_of"),
                new Case(Req.s1().with("pair", "/USDT"), "pair"),
                new Case(Req.s1().with("pair", "BTC/"), "pair"));
        for (Case c : cases) {
            HttpResponse<String> r = s.decide(S1, c.req());
            JsonNode e = firstError(assertProblem(r, 422));
            assertThat(e.path("field").asText()).as(c.req().json()).isEqualTo(c.field());
        }
        // numbers that the schema sees as > 0 but that are 0 as a double
        for (String field : new String[] {"stake_amount", "entry_price", "stop_price"}) {
            String body = Req.s1().json().replaceFirst("\"" + field + "\":[0-9.]+", "\"" + field + "\":1e-400");
            JsonNode e = firstError(assertProblem(s.post(DECISIONS, S1, body), 422));
            assertThat(e.path("field").asText()).as(body).isEqualTo(field);
            assertThat(e.path("message").asText()).contains("1E-400");
        }
        assertThat(s.loggedDecisions()).isZero();
    }

    // ------------------------------------------------------------------------------------------------- 429

    @Test
    void moreRequestsPerSecondThanConfigured_is429_withRetryAfter() {
        server = ApiTestServer.start(dir); // the shipped 20 requests per second
        server.feedPortfolio();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 1000 && limited == null; i++) {
            HttpResponse<String> r = server.get("/api/v1/state", S1);
            if (r.statusCode() == 429) {
                limited = r;
            } else {
                assertThat(r.statusCode()).isEqualTo(200);
            }
        }
        assertThat(limited).as("no 429 within 1000 requests").isNotNull();
        assertProblem(limited, 429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(server.get("/api/v1/state", S2).statusCode()).as("another token has its own window").isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------------------- 503 / readiness

    @Test
    void beforeTheFirstCompleteView_decisionsAre503_andReadyIs503_then200_then503WhenStale_whileDecisionsDenyStaleData() {
        ApiTestServer s = start();
        HttpResponse<String> early = s.decide(S1, Req.s1());
        JsonNode p = assertProblem(early, 503);
        assertThat(p.path("detail").asText()).contains("no complete portfolio view");
        assertThat(early.headers().firstValue("Retry-After")).isPresent();
        assertThat(s.get("/ready", null).statusCode()).isEqualTo(503);
        assertThat(s.get("/health", null).statusCode()).isEqualTo(200);
        assertThat(s.loggedDecisions()).isZero();

        s.feedPortfolio();
        HttpResponse<String> ready = s.get("/ready", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).path("ready").asBoolean()).isTrue();
        assertThat(s.decision(S1, Req.s1()).path("allowed").asBoolean()).isTrue();

        s.clock.advance(Duration.ofMinutes(5));
        s.runtime.readiness().publish(new Readiness.State(true, true, s.now(), List.of("S1"), "no good poll for 3 intervals"));
        HttpResponse<String> stale = s.get("/ready", null);
        assertThat(stale.statusCode()).isEqualTo(503);
        assertThat(json(stale).path("stale").asBoolean()).isTrue();
        assertThat(json(stale).path("detail").asText()).contains("stale");
        s.engine(e -> {
            e.onPortfolioStale(true);
            return null;
        });
        JsonNode d = s.decision(S1, Req.s1());
        assertThat(d.path("allowed").asBoolean()).isFalse();
        assertThat(d.path("denied_by").asText()).isEqualTo("STALE_DATA");
    }
}
