package com.portfolioorchestrator.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Strict JSON parsing of request bodies: duplicate keys, trailing tokens, NaN/Infinity literals and deep nesting are
 * refused, so that what the schema validates is exactly what was sent.
 */
public final class JsonBodies {
    /** Deeper than any valid request needs (the decision request is flat): bounds parser work on hostile input. */
    static final int MAX_NESTING_DEPTH = 16;

    private static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxNumberLength(64).maxStringLength(64 * 1024).build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private JsonBodies() {}

    /** Parses a body or throws a 400 {@link ApiException} that says where and why. */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("the request body is empty; a JSON object is expected");
        }
        try (JsonParser parser = STRICT.createParser(body)) {
            JsonNode node = STRICT.readTree(parser);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("the request body holds no JSON value");
            }
            return node;
        } catch (IOException e) {
            throw ApiException.badRequest("the body is not valid JSON: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        String line = message.split("\n", 2)[0];
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
