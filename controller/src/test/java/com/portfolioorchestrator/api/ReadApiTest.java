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
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read side: GET /api/v1/decisions, /api/v1/state, /metrics and /api/v1/openapi.json. */
class ReadApiTest {
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

    /** S1: allowed at +0 s, SPREAD_TOO_WIDE at +10 s, allowed at +20 s; S2: QUOTES_REQUIRED at +30 s. Ids in that order. */
    private List<String> fourDecisions() {
        List<String> ids = new ArrayList<>();
        ids.add(s.decision(S1, Req.s1()).path("decision_id").asText());
        s.clock.advance(Duration.ofSeconds(10));
        ids.add(s.decision(S1, Req.s1().with("spread_bps", 50)).path("decision_id").asText());
        s.clock.advance(Duration.ofSeconds(10));
        ids.add(s.decision(S1, Req.s1().with("pair", "ETH/USDT:USDT").with("entry_price", 3000).with("stop_price", 2940))
                .path("decision_id").asText());
        s.clock.advance(Duration.ofSeconds(10));
        ids.add(s.decision(S2, new Req("S2").without("spread_bps")).path("decision_id").asText());
        return ids;
    }

    /** The log is at most its writer's batch delay behind a denial (docs/persistence.md): read it once that has passed. */
    private JsonNode page(String token, String query) {
        s.runtime.log().flush();
        HttpResponse<String> r = s.get("/api/v1/decisions" + query, token);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("decisions").forEach(d -> ids.add(d.path("decision_id").asText()));
        return ids;
    }

    @Test
    void decisions_newestFirst_filteredByBotSinceDeniedAndCode_andPaged() {
        List<String> ids = fourDecisions();
        JsonNode all = page(OPERATOR, "");
        assertThat(all.path("total").asLong()).isEqualTo(4);
        assertThat(ids(all)).containsExactly(ids.get(3), ids.get(2), ids.get(1), ids.get(0));
        JsonNode first = all.path("decisions").get(3);
        assertThat(first.path("bot_id").asText()).isEqualTo("S1");
        assertThat(first.path("received_at").asText()).isEqualTo(ApiTestServer.START.toString());
        assertThat(first.path("allowed").asBoolean()).isTrue();
        assertThat(first.path("denied_by").isNull()).isTrue();
        assertThat(first.path("request").path("bot_id").asText()).isEqualTo("S1");
        assertThat(first.path("response").path("decision_id").asText()).isEqualTo(ids.get(0));

        assertThat(ids(page(OPERATOR, "?bot=S1"))).containsExactly(ids.get(2), ids.get(1), ids.get(0));
        assertThat(ids(page(OPERATOR, "?since=" + ApiTestServer.START.plusSeconds(10)))).containsExactly(ids.get(3), ids.get(2), ids.get(1));
        assertThat(ids(page(OPERATOR, "?denied=true"))).containsExactly(ids.get(3), ids.get(1));
        assertThat(ids(page(OPERATOR, "?denied=false"))).containsExactly(ids.get(2), ids.get(0));
        assertThat(ids(page(OPERATOR, "?code=SPREAD_TOO_WIDE"))).containsExactly(ids.get(1));
        assertThat(ids(page(VIEWER, "?bot=S1&denied=false&since=" + ApiTestServer.START.plusSeconds(1)))).containsExactly(ids.get(2));

        JsonNode p1 = page(OPERATOR, "?limit=3");
        JsonNode p2 = page(OPERATOR, "?limit=3&offset=3");
        assertThat(p1.path("total").asLong()).isEqualTo(4);
        assertThat(p1.path("limit").asInt()).isEqualTo(3);
        assertThat(ids(p1)).containsExactly(ids.get(3), ids.get(2), ids.get(1));
        assertThat(p2.path("offset").asInt()).isEqualTo(3);
        assertThat(ids(p2)).containsExactly(ids.get(0));
        assertThat(ids(page(OPERATOR, "?offset=4"))).isEmpty();
    }

    @Test
    void aBotSeesOnlyItsOwnDecisions() {
        List<String> ids = fourDecisions();
        JsonNode own = page(S2, "");
        assertThat(own.path("total").asLong()).isEqualTo(1);
        assertThat(ids(own)).containsExactly(ids.get(3));
        assertThat(ids(page(S2, "?bot=S2"))).containsExactly(ids.get(3));
        assertProblem(s.get("/api/v1/decisions?bot=S1", S2), 403);
        assertProblem(s.get("/api/v1/decisions", null), 401);
    }

    @Test
    void badQueryParameters_are400_namingTheParameter() {
        fourDecisions();
        String[][] cases = {
                {"since=yesterday", "since"}, {"since=", "since"}, {"since=2026-11-23", "since"},
                {"denied=yes", "denied"}, {"denied=", "denied"},
                {"code=NOT_A_CODE", "code"}, {"code=", "code"}, {"code=spread_too_wide", "code"},
                {"limit=0", "limit"}, {"limit=1001", "limit"}, {"limit=ten", "limit"}, {"limit=", "limit"},
                {"offset=-1", "offset"}, {"offset=1.5", "offset"}, {"limit=99999999999999999999", "limit"},
                {"bot=", "bot"}, {"bot=%20", "bot"}};
        for (String[] c : cases) {
            JsonNode p = assertProblem(s.get("/api/v1/decisions?" + c[0], OPERATOR), 400);
            assertThat(p.path("errors").get(0).path("field").asText()).as(c[0]).isEqualTo(c[1]);
            assertThat(p.path("detail").asText()).as(c[0]).startsWith(c[1] + " ");
        }
    }

    @Test
    void state_hasTheSixPartsOfTheContract_andShowsReservationsAndPositions() {
        s.decision(S1, Req.s1());
        for (String token : new String[] {S1, OPERATOR, VIEWER}) {
            JsonNode state = s.state(token);
            assertThat(state.fieldNames()).toIterable().contains("allocation_state", "risk_state", "execution_guard_state",
                    "bots", "positions", "reservations");
            JsonNode reservation = state.path("reservations").get(0);
            assertThat(reservation.path("bot_id").asText()).isEqualTo("S1");
            assertThat(reservation.path("pair").asText()).isEqualTo("BTC/USDT:USDT");
            assertThat(reservation.path("notional").asDouble()).isEqualTo(2000.0);
            assertThat(reservation.path("risk_at_stop").asDouble()).isCloseTo(40.0, org.assertj.core.data.Offset.offset(1e-9));
            JsonNode risk = state.path("risk_state");
            assertThat(risk.path("trading_state").asText()).isEqualTo("ACTIVE");
            assertThat(risk.path("equity").asDouble()).isEqualTo(ApiTestServer.EQUITY);
            assertThat(risk.path("profile").asText()).isNotBlank();
            JsonNode allocation = state.path("allocation_state");
            assertThat(allocation.path("gross_capacity").asDouble()).isEqualTo(250_000.0);
            assertThat(allocation.path("risk_budget").asDouble()).isEqualTo(0.014);
            assertThat(allocation.path("exposure").path("gross_notional").asDouble()).isEqualTo(2000.0);
            JsonNode guards = state.path("execution_guard_state");
            assertThat(guards.path("turnover_today").asDouble()).isEqualTo(2000.0);
            assertThat(guards.path("max_spread_bps").path("hft").asDouble()).isEqualTo(8.0);
            assertThat(state.path("bots").isArray()).isTrue();
        }
        assertProblem(s.get("/api/v1/state", null), 401);
    }

    @Test
    void metrics_countDecisionsByOutcomeAndCode_andExposeTheHistogramGaugesAndBreakerStates() {
        fourDecisions();
        JsonNode scaled = s.decision(S1, Req.s1().with("pair", "SOL/USDT:USDT").with("entry_price", 200).with("stop_price", 196)
                .with("funding_rate", 0.0005)); // x 0.75
        assertThat(scaled.path("approved_stake_amount").asDouble()).as(scaled.toString()).isEqualTo(750.0);
        String text = s.metrics();
        assertThat(s.metric("orchestrator_decisions_total{code=\"none\",outcome=\"allowed\"}")).isEqualTo(2);
        assertThat(s.metric("orchestrator_decisions_total{code=\"none\",outcome=\"scaled\"}")).isEqualTo(1);
        assertThat(s.metric("orchestrator_decisions_total{code=\"SPREAD_TOO_WIDE\",outcome=\"denied\"}")).isEqualTo(1);
        assertThat(s.metric("orchestrator_decisions_total{code=\"QUOTES_REQUIRED\",outcome=\"denied\"}")).isEqualTo(1);
        assertThat(s.metric("orchestrator_decision_evaluation_seconds_count")).isEqualTo(5);
        assertThat(text).contains("orchestrator_decision_evaluation_seconds_bucket{le=\"1.0E-4\"}",
                "orchestrator_decision_evaluation_seconds_bucket{le=\"+Inf\"} 5");
        assertThat(s.metric("orchestrator_reservations")).isEqualTo(3);
        assertThat(s.metric("orchestrator_gross_exposure")).isEqualTo(2000 + 2000 + 1500);
        assertThat(s.metric("orchestrator_risk_at_stop")).isCloseTo(40 + 40 + 30, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(s.metric("orchestrator_equity")).isEqualTo(ApiTestServer.EQUITY);
        assertThat(s.metric("orchestrator_gross_capacity")).isEqualTo(250_000);
        // five long entry requests on BTC/ETH/SOL: alignment 1.0 cuts the 1.4 % budget by 45 %
        assertThat(s.metric("orchestrator_risk_budget")).isCloseTo(0.014 * 0.55, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(s.metric("orchestrator_kill_switch")).isZero();
        assertThat(s.metric("orchestrator_trading_state{state=\"ACTIVE\"}")).isEqualTo(1);
        assertThat(s.metric("orchestrator_breaker_active{breaker=\"daily_loss_soft\"}")).isZero();
        // the allowed decisions waited for their audit records: the log has committed a batch, and says how late
        assertThat(s.metric("orchestrator_decision_log_lag_seconds")).isPositive();
        assertThat(text).contains("# TYPE orchestrator_decision_log_late_total counter");

        s.clock.advance(Duration.ofMinutes(1));
        s.engine(e -> {
            e.onEquity(s.now(), 98_000, -2_000);
            e.tripKillSwitch("metrics test", s.now());
            return null;
        });
        assertThat(s.metric("orchestrator_breaker_active{breaker=\"daily_loss_soft\"}")).isEqualTo(1);
        assertThat(s.metric("orchestrator_kill_switch")).isEqualTo(1);
        assertThat(s.metric("orchestrator_trading_state{state=\"HALTED\"}")).isEqualTo(1);
        assertThat(s.metric("orchestrator_daily_loss_ratio")).isEqualTo(-0.02);
    }

    @Test
    void openApi_isJson_withTheRequestAndResponseSchemas_andThePaths() {
        HttpResponse<String> r = s.get("/api/v1/openapi.json", VIEWER);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode doc = json(r);
        assertThat(doc.path("openapi").asText()).isEqualTo("3.1.0");
        assertThat(doc.path("components").path("schemas").fieldNames()).toIterable()
                .contains("DecisionRequest", "Decision", "FillRequest", "Problem");
        assertThat(doc.at("/components/schemas/DecisionRequest/required")).isNotEmpty();
        assertThat(doc.at("/components/schemas/Decision/$defs/deny_code/enum")).hasSize(
                com.portfolioorchestrator.core.DenyCode.values().length);
        assertThat(doc.path("paths").fieldNames()).toIterable()
                .contains("/api/v1/decisions", "/api/v1/decisions/{id}/fill");
        assertThat(doc.at("/paths/~1api~1v1~1decisions/post/responses").fieldNames()).toIterable()
                .contains("200", "400", "401", "403", "409", "413", "415", "422", "429", "503");
    }

    @Test
    void healthAndReady_needNoToken() {
        assertThat(json(s.get("/health", null)).path("status").asText()).isEqualTo("UP");
        HttpResponse<String> ready = s.get("/ready", null);
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).path("view_at").asText()).isEqualTo(Instant.parse("2026-11-23T10:00:00Z").toString());
    }
}
