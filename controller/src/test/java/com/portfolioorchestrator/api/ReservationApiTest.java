package com.portfolioorchestrator.api;

import static com.portfolioorchestrator.api.ApiTestServer.OPERATOR;
import static com.portfolioorchestrator.api.ApiTestServer.S1;
import static com.portfolioorchestrator.api.ApiTestServer.S2;
import static com.portfolioorchestrator.api.ApiTestServer.assertProblem;
import static com.portfolioorchestrator.api.ApiTestServer.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.portfolioorchestrator.api.ApiTestServer.Req;
import com.portfolioorchestrator.core.Pair;
import com.portfolioorchestrator.core.Side;
import com.portfolioorchestrator.core.engine.OpenPosition;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reservations through the API: fill, cancel, expiry, and who may report them. */
class ReservationApiTest {
    @TempDir
    Path dir;
    private ApiTestServer s;

    @BeforeEach
    void start() {
        s = ApiTestServer.start(dir, ApiTestServer.highHttpRate());
        s.feedPortfolio();
    }

    @AfterEach
    void stop() {
        s.close();
    }

    private HttpResponse<String> fill(String token, String decisionId, String body) {
        return s.post("/api/v1/decisions/" + decisionId + "/fill", token, body);
    }

    private HttpResponse<String> cancel(String token, String decisionId) {
        return s.post("/api/v1/decisions/" + decisionId + "/cancel", token, "{}");
    }

    private String allowedS1() {
        JsonNode d = s.decision(S1, Req.s1());
        assertThat(d.path("allowed").asBoolean()).as(d.toString()).isTrue();
        return d.path("decision_id").asText();
    }

    private void assertExposure(int reservations, int positions, double grossNotional) {
        JsonNode state = s.state(S1);
        assertThat(state.path("reservations")).hasSize(reservations);
        assertThat(state.path("positions")).hasSize(positions);
        assertThat(s.metric("orchestrator_reservations")).isEqualTo(reservations);
        assertThat(s.metric("orchestrator_open_positions")).isEqualTo(positions);
        assertThat(s.metric("orchestrator_position_slots")).isEqualTo(positions + reservations);
        assertThat(s.metric("orchestrator_gross_exposure")).isEqualTo(grossNotional);
    }

    @Test
    void fill_linksTheReservation_andThePollThatSeesTheTradeCountsItOnce() {
        String id = allowedS1();
        HttpResponse<String> r = fill(S1, id, "{\"trade_id\": 42}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("result").asText()).isEqualTo("LINKED");
        assertThat(json(r).path("trade_id").asText()).isEqualTo("42");
        JsonNode reservation = s.state(S1).path("reservations").get(0);
        assertThat(reservation.path("id").asText()).isEqualTo(id);
        assertThat(reservation.path("trade_id").asText()).isEqualTo("42");
        assertExposure(1, 0, 2000);

        s.clock.advance(Duration.ofSeconds(15));
        s.engine(e -> {
            e.syncPositions("S1", List.of(new OpenPosition("42", Pair.parse("BTC/USDT:USDT"), Side.LONG, 1000, 2, 90000,
                    OptionalDouble.of(88200), s.now())), s.now());
            return null;
        });
        assertExposure(0, 1, 2000);
        assertThat(json(fill(S1, id, "{\"trade_id\": 42}")).path("result").asText()).as("a repeated report")
                .isEqualTo("ALREADY_POSITION");
        HttpResponse<String> asDecimal = fill(S1, id, "{\"trade_id\": 42.0}");
        assertThat(json(asDecimal).path("trade_id").asText()).as("42.0 is trade 42").isEqualTo("42");
        assertExposure(0, 1, 2000);
        assertThat(s.state(S1).path("execution_guard_state").path("turnover_today").asDouble())
                .as("the entry's notional entered today's turnover once").isEqualTo(2000.0);
    }

    @Test
    void fillAfterThePollSawTheTrade_isAlreadyPosition_andReleasesTheReservation() {
        String id = allowedS1();
        s.engine(e -> {
            e.syncPositions("S1", List.of(new OpenPosition("7", Pair.parse("BTC/USDT:USDT"), Side.LONG, 1000, 2, 90000,
                    OptionalDouble.of(88200), s.now())), s.now());
            return null;
        });
        assertExposure(0, 1, 2000); // the poll matched the unlinked reservation by bot, pair and side
        assertThat(json(fill(S1, id, "{\"trade_id\": \"7\"}")).path("result").asText()).isEqualTo("ALREADY_POSITION");
        assertExposure(0, 1, 2000);
    }

    @Test
    void cancel_releasesTheReservation_andRepeatingItReleasesNothing() {
        String id = allowedS1();
        assertExposure(1, 0, 2000);
        HttpResponse<String> r = cancel(S1, id);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).path("released").asBoolean()).isTrue();
        assertExposure(0, 0, 0);
        assertThat(s.state(S1).path("execution_guard_state").path("turnover_today").asDouble())
                .as("a released reservation leaves today's turnover").isZero();
        assertThat(json(cancel(S1, id)).path("released").asBoolean()).isFalse();
        assertThat(json(fill(S1, id, "{\"trade_id\": 1}")).path("result").asText()).isEqualTo("UNKNOWN_DECISION");
        assertExposure(0, 0, 0);
    }

    @Test
    void aReservationExpiresAtReservationExpiresAt_releasedByTheHousekeeping() throws Exception {
        JsonNode d = s.decision(S1, Req.s1());
        Instant expires = Instant.parse(d.path("reservation_expires_at").asText());
        assertThat(expires).isEqualTo(s.now().plusSeconds(90 + 60));

        s.clock.set(expires.minusMillis(1));
        s.engine(e -> {
            e.expireReservations(s.now());
            return null;
        });
        assertThat(s.state(S1).path("reservations")).as("1 ms before expiry").hasSize(1);

        s.clock.set(expires);
        // the runtime's housekeeping runs every second (real time): wait for it, without asserting how fast it is
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (s.state(S1).path("reservations").size() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertExposure(0, 0, 0);
        assertThat(json(fill(S1, d.path("decision_id").asText(), "{\"trade_id\": 3}")).path("result").asText())
                .isEqualTo("UNKNOWN_DECISION");
    }

    @Test
    void aBotCannotFillOrCancelAnotherBotsDecision_norCanAnOperator() {
        String id = allowedS1();
        assertProblem(fill(S2, id, "{\"trade_id\": 1}"), 403);
        assertProblem(cancel(S2, id), 403);
        assertProblem(fill(OPERATOR, id, "{\"trade_id\": 1}"), 403);
        assertProblem(cancel(OPERATOR, id), 403);
        assertProblem(fill(null, id, "{\"trade_id\": 1}"), 401);
        assertExposure(1, 0, 2000);
    }

    @Test
    void fillBodies_areValidatedAgainstTheFillSchema() {
        String id = allowedS1();
        assertThat(assertProblem(fill(S1, id, "{}"), 422).path("errors").get(0).path("field").asText()).isEqualTo("trade_id");
        assertThat(assertProblem(fill(S1, id, "{\"trade_id\": -1}"), 422).path("errors").get(0).path("field").asText())
                .isEqualTo("trade_id");
        assertThat(assertProblem(fill(S1, id, "{\"trade_id\": 1, \"x\": 2}"), 422).path("errors").get(0).path("field").asText())
                .isEqualTo("x");
        assertProblem(fill(S1, id, "{\"trade_id\": 1.5}"), 422);
        assertProblem(fill(S1, id, "{\"trade_id\": \"\"}"), 422);
        assertProblem(fill(S1, id, "{\"trade_id\": \"  \"}"), 422);
        assertProblem(fill(S1, id, "[1]"), 422);
        // an integer for JSON Schema, but 401 digits as a trade id (a string trade_id may have at most 64 characters)
        assertThat(assertProblem(fill(S1, id, "{\"trade_id\": 1e400}"), 422).path("errors").get(0).path("field").asText())
                .isEqualTo("trade_id");
        assertProblem(fill(S1, id, "{\"trade_id\": "), 400);
        assertProblem(fill(S1, id, ""), 400);
        assertExposure(1, 0, 2000);
    }

    @Test
    void cancelBodies_areEmptyOrAnEmptyObject_andAnythingElseIsRefused_withoutReleasing() {
        String id = allowedS1();
        assertProblem(s.post("/api/v1/decisions/" + id + "/cancel", S1, "{\"reason\": 1"), 400);
        assertProblem(s.post("/api/v1/decisions/" + id + "/cancel", S1, "[]"), 422);
        assertProblem(s.post("/api/v1/decisions/" + id + "/cancel", S1, "{\"release_all\": true}"), 422);
        assertProblem(s.send("POST", "/api/v1/decisions/" + id + "/cancel", S1, "text/plain", "{}".getBytes()), 415);
        assertExposure(1, 0, 2000);
        HttpResponse<String> empty = s.send("POST", "/api/v1/decisions/" + id + "/cancel", S1, null, null);
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(200);
        assertThat(json(empty).path("released").asBoolean()).isTrue();
    }
}
