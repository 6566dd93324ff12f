package com.portfolioorchestrator.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class JsonShapeTest {
    private static JsonNode json(String text) throws Exception {
        return TestHttp.MAPPER.readTree(text);
    }

    @Test
    void differences_reportMissingAndExtraFieldsAndTypeChanges() throws Exception {
        assertThat(JsonShape.differences(json("{\"a\":1.0,\"b\":\"x\"}"), json("{\"a\":2.5,\"b\":\"y\"}"))).isEmpty();
        assertThat(JsonShape.differences(json("{\"a\":1.0,\"b\":\"x\"}"), json("{\"a\":2.5,\"c\":\"y\"}")))
                .containsExactly("$: missing [b], extra [c]");
        assertThat(JsonShape.differences(json("{\"a\":1.0}"), json("{\"a\":1}"))).hasSize(1);
        assertThat(JsonShape.differences(json("[[\"d\",1.0,2]]"), json("[[\"d\",1.0,2],[\"e\",3.0,4.0]]"))).hasSize(1);
        assertThat(JsonShape.differences(json("{\"a\":null}"), json("{\"a\":1}"))).isEmpty();
    }
}
