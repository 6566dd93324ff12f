package com.portfolioorchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.portfolioorchestrator.core.DenyCode;
import com.portfolioorchestrator.core.TradingState;
import com.portfolioorchestrator.core.engine.Decision;
import com.portfolioorchestrator.core.engine.ExecutionPlan;
import com.portfolioorchestrator.core.engine.Gate;
import com.portfolioorchestrator.core.engine.GateCheck;
import com.portfolioorchestrator.core.engine.Multipliers;
import com.portfolioorchestrator.core.policy.ProfileName;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The decision response body, byte for byte. The expected texts were produced by the earlier map-based rendering
 * (ObjectMapper over LinkedHashMaps), so the streaming renderer changes nothing a bot or a stored log row sees, except
 * the one fix named below.
 */
class DecisionResponseRenderingTest {
    private static final Decision ALLOWED = new Decision("d-7f3a", "req-1", true, 412.123456789, 500.0, 0.82424691357,
            Optional.empty(), List.of("ASSET_CAP_SCALED: BTC exposure 0.30 of capacity, order scaled 500 -> 412.5",
                    "FUNDING_SCALED: \"quoted\" \u00e9\u20ac \\ x"),
            List.of(new GateCheck(Gate.KILL_SWITCH, true, 0.0, 0.0, false),
                    new GateCheck(Gate.TRADING_STATE, true, -0.004123456789, -0.02, false),
                    new GateCheck(Gate.STALE_DATA, true, 1.0E-4, 8.0E-4, true),
                    new GateCheck(Gate.STAKE_CURRENCY, true, 123456789.123456789, 1e21, false)),
            new Multipliers(1.0, 0.825, 0.5, 0.75), new ExecutionPlan(180, 2, List.of(0.9, 0.75)), ProfileName.BALANCED,
            TradingState.ACTIVE, Optional.of(Instant.parse("2026-11-23T10:03:00Z")));

    private static final Decision DENIED = new Decision("d-9", "r", false, 0.0, 1000.0, 0.0,
            Optional.of(DenyCode.CORRELATION_GROUP_FULL), List.of("CORRELATION_GROUP_FULL: group C holds 2 of 2"),
            List.of(new GateCheck(Gate.MAINTENANCE_WINDOW, false, 2.0, 2.0, false)), new Multipliers(1.0, 1.0, 1.0, 1.0),
            new ExecutionPlan(90, 0, List.of()), ProfileName.CONSERVATIVE, TradingState.HALTED, Optional.empty());

    @Test
    void allowed_isRenderedExactlyAsBefore_withHugeValuesNoLongerClippedByRounding() {
        String json = new String(DecisionMapping.renderResponse(ALLOWED, 3.14159), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"decision_id\":\"d-7f3a\",\"request_id\":\"req-1\",\"allowed\":true,"
                + "\"approved_stake_amount\":412.12345679,\"requested_stake_amount\":500.0,\"size_multiplier\":0.824247,"
                + "\"denied_by\":null,\"reasons\":[\"ASSET_CAP_SCALED: BTC exposure 0.30 of capacity, order scaled 500 -> 412.5\","
                + "\"FUNDING_SCALED: \\\"quoted\\\" \u00e9\u20ac \\\\ x\"],"
                + "\"checks\":[{\"gate\":\"KILL_SWITCH\",\"passed\":true,\"value\":0.0,\"limit\":0.0},"
                + "{\"gate\":\"TRADING_STATE\",\"passed\":true,\"value\":-0.00412346,\"limit\":-0.02},"
                + "{\"gate\":\"STALE_DATA\",\"passed\":true,\"value\":1.0E-4,\"limit\":8.0E-4,\"detail\":\"degraded\"},"
                // the earlier rendering printed 1e21 as 9.223372036854776E10: rounding to 8 places overflowed a long
                + "{\"gate\":\"STAKE_CURRENCY\",\"passed\":true,\"value\":1.234567891234568E8,\"limit\":1.0E21}],"
                + "\"multipliers\":{\"drawdown\":1.0,\"correlation\":0.825,\"volatility\":0.5,\"funding\":0.75},"
                + "\"execution\":{\"limit_timeout_s\":180,\"max_retries\":2,\"retry_size_factors\":[0.9,0.75]},"
                + "\"profile\":\"balanced\",\"trading_state\":\"ACTIVE\",\"reservation_expires_at\":\"2026-11-23T10:03:00Z\","
                + "\"evaluated_in_us\":3.142}");
    }

    @Test
    void denied_isRenderedExactlyAsBefore() {
        String json = new String(DecisionMapping.renderResponse(DENIED, 0.0004), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"decision_id\":\"d-9\",\"request_id\":\"r\",\"allowed\":false,"
                + "\"approved_stake_amount\":0.0,\"requested_stake_amount\":1000.0,\"size_multiplier\":0.0,"
                + "\"denied_by\":\"CORRELATION_GROUP_FULL\",\"reasons\":[\"CORRELATION_GROUP_FULL: group C holds 2 of 2\"],"
                + "\"checks\":[{\"gate\":\"MAINTENANCE_WINDOW\",\"passed\":false,\"value\":2.0,\"limit\":2.0}],"
                + "\"multipliers\":{\"drawdown\":1.0,\"correlation\":1.0,\"volatility\":1.0,\"funding\":1.0},"
                + "\"execution\":{\"limit_timeout_s\":90,\"max_retries\":0,\"retry_size_factors\":[]},"
                + "\"profile\":\"conservative\",\"trading_state\":\"HALTED\",\"reservation_expires_at\":null,"
                + "\"evaluated_in_us\":0.0}");
    }

    @Test
    void rendering_isValidJson_andRoundsOnlyWhatFitsALong() {
        JsonNode parsed = ApiJson.readTree(new String(DecisionMapping.renderResponse(ALLOWED, 1e300), StandardCharsets.UTF_8));

        assertThat(parsed.get("evaluated_in_us").asDouble()).isEqualTo(1e300);
        assertThat(DecisionMapping.round(123.456789012345, 8)).isEqualTo(123.45678901);
        assertThat(DecisionMapping.round(-2.5e14 - 0.123456789, 8)).isEqualTo(-2.5e14 - 0.12345679);
        assertThat(DecisionMapping.round(9.5e15, 8)).isEqualTo(9.5e15);
    }
}
