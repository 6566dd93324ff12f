package com.portfolioorchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.portfolioorchestrator.core.DenyCode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** schemas/ is the contract: its lists must match the code, and the request fields must be exactly PRODUCT.md section 3's. */
class SchemaContractTest {
    private static JsonNode schema(String name) throws Exception {
        try (InputStream in = SchemaContractTest.class.getResourceAsStream("/schemas/" + name)) {
            return ApiJson.MAPPER.readTree(in);
        }
    }

    @Test
    void denyCodesOfTheResponseSchema_areExactlyTheEngineDenyCodes() throws Exception {
        List<String> listed = new ArrayList<>();
        schema("decision-response.schema.json").at("/$defs/deny_code/enum").forEach(n -> listed.add(n.asText()));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(Arrays.stream(DenyCode.values()).map(Enum::name).toList());
    }

    @Test
    void requestSchema_hasExactlyTheContractFields() throws Exception {
        List<String> fields = new ArrayList<>();
        schema("decision-request.schema.json").get("properties").fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("request_id", "bot_id", "pair", "side", "kind", "stake_amount", "leverage",
                "entry_price", "stop_price", "min_stake", "order_type", "spread_bps", "expected_slippage_bps",
                "funding_rate", "edge_score", "grade", "attempt", "retry_of");
    }

    @Test
    void openApiDocument_embedsTheSameSchemas() throws Exception {
        JsonNode doc = ApiJson.readTree(OpenApi.document());
        assertThat(doc.at("/components/schemas/DecisionRequest")).isEqualTo(schema("decision-request.schema.json"));
        assertThat(doc.at("/components/schemas/Decision")).isEqualTo(schema("decision-response.schema.json"));
        assertThat(doc.at("/openapi").asText()).isEqualTo("3.1.0");
    }
}
