package com.portfolioorchestrator.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SimulatedIbkrGatewayTest {
    private static final Instant START = Instant.parse("2026-12-10T12:00:00Z");
    private MarketSimulator market;
    private SimulatedIbkrGateway gateway;
    private String api;

    @BeforeEach
    void start() {
        SimulatedClock clock = new SimulatedClock(START);
        market = new MarketSimulator(MarketSettings.defaults(3, START).withHistory(Duration.ofDays(1)));
        market.addTickListener(clock::advanceTo);
        gateway = new SimulatedIbkrGateway("U1234567", 60_000, SimulatedIbkrGateway.defaultBook(market), market, clock, 0)
                .start();
        api = gateway.url();
        market.advanceTo(START.plus(Duration.ofHours(2)));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private JsonNode get(String path) {
        TestHttp.Answer answer = TestHttp.get(api + path, null);
        assertThat(answer.status()).as(path).isEqualTo(200);
        return answer.json();
    }

    private static void assertShape(String fixture, JsonNode actual) {
        assertThat(JsonShape.differences(TestHttp.fixture(fixture), actual)).as(fixture).isEmpty();
    }

    @Test
    void positions_arePaged_withAnEmptyPageAtTheEnd_andFuturesRowsLikeTheFixture() {
        JsonNode page0 = get("/portfolio/U1234567/positions/0");
        assertThat(page0.size()).isEqualTo(2);
        JsonNode esRow = TestHttp.fixture("ibkr/ibkr_positions_page0.json").get(0);
        for (JsonNode row : page0) {
            assertThat(JsonShape.differences(esRow, row)).isEmpty();
            assertThat(row.get("avgCost").asDouble())
                    .isCloseTo(row.get("avgPrice").asDouble() * row.get("multiplier").asDouble(), within(0.01));
            assertThat(row.get("mktValue").asDouble()).isCloseTo(
                    row.get("position").asDouble() * row.get("mktPrice").asDouble() * row.get("multiplier").asDouble(),
                    within(0.01));
        }
        assertThat(page0.get(0).get("position").asDouble()).isEqualTo(1.0);
        assertThat(page0.get(1).get("position").asDouble()).isEqualTo(1.0);
        assertThat(page0.get(0).get("mktPrice").asDouble()).isEqualTo(market.price("ES"));
        JsonNode page1 = get("/portfolio/U1234567/positions/1");
        assertThat(page1.isArray()).isTrue();
        assertThat(page1).isEmpty();
        assertThat(page1).isEqualTo(TestHttp.fixture("ibkr/ibkr_positions_page1_empty.json"));
    }

    @Test
    void everyEndpoint_hasTheFixturesFieldNames_andNetLiquidationIsCashPlusFuturesPnl() {
        assertShape("ibkr/ibkr_tickle_ok.json", TestHttp.send("POST", api + "/tickle", null, "{}").json());
        assertShape("ibkr/ibkr_auth_status_ok.json", TestHttp.send("POST", api + "/iserver/auth/status", null, "{}").json());
        assertShape("ibkr/ibkr_portfolio_accounts.json", get("/portfolio/accounts"));
        assertShape("ibkr/ibkr_iserver_accounts.json", get("/iserver/accounts"));
        JsonNode summary = get("/portfolio/U1234567/summary");
        assertShape("ibkr/ibkr_portfolio_summary.json", summary);
        JsonNode ledger = get("/portfolio/U1234567/ledger");
        JsonNode ledgerFixture = TestHttp.fixture("ibkr/ibkr_ledger.json");
        assertThat(JsonShape.differences(ledgerFixture.get("BASE"), ledger.get("BASE"))).isEmpty();
        assertThat(JsonShape.differences(ledgerFixture.get("USD"), ledger.get("USD"))).isEmpty();
        JsonNode positions = get("/portfolio/U1234567/positions/0");
        assertShape("ibkr/ibkr_contract_info_es.json", get("/iserver/contract/" + positions.get(0).get("conid").asLong() + "/info"));

        double pnl = positions.get(0).get("unrealizedPnl").asDouble() + positions.get(1).get("unrealizedPnl").asDouble();
        assertThat(summary.get("netliquidation").get("amount").asDouble()).isCloseTo(60_000 + pnl, within(0.02));
        assertThat(ledger.get("BASE").get("netliquidationvalue").asDouble()).isCloseTo(60_000 + pnl, within(0.02));
        assertThat(gateway.netLiquidation()).isCloseTo(60_000 + pnl, within(0.02));
        assertThat(ledger.get("BASE").get("timestamp").asLong()).isEqualTo(START.plus(Duration.ofHours(2)).getEpochSecond());
    }

    @Test
    void expiredSession_answersNoSessionAnd401() {
        gateway.setAuthenticated(false);
        assertThat(TestHttp.send("POST", api + "/tickle", null, "{}").json())
                .isEqualTo(TestHttp.fixture("ibkr/ibkr_tickle_no_session.json"));
        assertShape("ibkr/ibkr_auth_status_unauth.json", get("/iserver/auth/status"));
        assertThat(get("/iserver/auth/status").get("authenticated").asBoolean()).isFalse();
        TestHttp.Answer positions = TestHttp.get(api + "/portfolio/U1234567/positions/0", null);
        assertThat(positions.status()).isEqualTo(401);
        assertThat(positions.json()).isEqualTo(TestHttp.fixture("ibkr/ibkr_error_401.json"));
        gateway.setAuthenticated(true);
        assertThat(TestHttp.get(api + "/portfolio/U1234567/positions/0", null).status()).isEqualTo(200);
        assertThat(TestHttp.get(api + "/portfolio/U9999999/positions/0", null).status()).isEqualTo(400);
    }
}
