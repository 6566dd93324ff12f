package com.portfolioorchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json}: an OpenAPI 3.1 document whose component schemas ARE the files of {@code schemas/}
 * (OpenAPI 3.1 uses JSON Schema 2020-12), so the published contract and the validation cannot drift apart.
 */
final class OpenApi {
    private static final String DOCUMENT = build();

    private OpenApi() {}

    static String document() {
        return DOCUMENT;
    }

    private static String build() {
        ObjectNode root = ApiJson.MAPPER.createObjectNode();
        root.put("openapi", "3.1.0");
        ObjectNode info = root.putObject("info");
        info.put("title", "Portfolio Orchestrator decision API");
        info.put("version", "1");
        info.put("description", "Portfolio-wide risk gates for Freqtrade bots. A bot treats anything but 200 with allowed: true as a deny.");
        ObjectNode components = root.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        schemas.set("DecisionRequest", load("decision-request.schema.json"));
        schemas.set("Decision", load("decision-response.schema.json"));
        schemas.set("FillRequest", load("fill-request.schema.json"));
        ObjectNode problem = schemas.putObject("Problem");
        problem.put("type", "object");
        problem.putArray("required").add("type").add("title").add("status");
        ObjectNode security = components.putObject("securitySchemes").putObject("bearer");
        security.put("type", "http");
        security.put("scheme", "bearer");
        root.putArray("security").addObject().putArray("bearer");
        ObjectNode paths = root.putObject("paths");
        ObjectNode decide = paths.putObject("/api/v1/decisions").putObject("post");
        decide.put("summary", "Ask for an entry decision (bot token; bot_id must match it)");
        decide.putObject("requestBody").put("required", true).putObject("content").putObject("application/json")
                .putObject("schema").put("$ref", "#/components/schemas/DecisionRequest");
        ObjectNode responses = decide.putObject("responses");
        responses.putObject("200").put("description", "the decision, allowed or denied").putObject("content")
                .putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/Decision");
        for (String[] r : new String[][] {{"400", "malformed JSON"}, {"401", "missing or unknown token"},
                {"403", "token of another bot"}, {"409", "request_id reused with another body"},
                {"413", "body over 64 KiB"}, {"415", "not application/json"}, {"422", "a field violates the schema"},
                {"429", "too many requests for this token (Retry-After)"}, {"503", "no complete portfolio view since start"}}) {
            responses.putObject(r[0]).put("description", r[1]).putObject("content").putObject("application/problem+json")
                    .putObject("schema").put("$ref", "#/components/schemas/Problem");
        }
        ObjectNode fill = paths.putObject("/api/v1/decisions/{id}/fill").putObject("post");
        fill.put("summary", "Report the trade an allowed decision became");
        fill.putObject("requestBody").putObject("content").putObject("application/json").putObject("schema")
                .put("$ref", "#/components/schemas/FillRequest");
        fill.putObject("responses").putObject("200").put("description", "LINKED, ALREADY_POSITION or UNKNOWN_DECISION");
        paths.putObject("/api/v1/decisions/{id}/cancel").putObject("post").put("summary", "Release an unused reservation")
                .putObject("responses").putObject("200").put("description", "released true/false");
        // the same path as the POST above: add the GET beside it (putObject would replace the POST)
        ObjectNode list = ((ObjectNode) paths.get("/api/v1/decisions")).putObject("get");
        list.put("summary", "The decision log, newest first");
        ArrayNode params = list.putArray("parameters");
        for (String p : new String[] {"bot", "since", "denied", "code", "limit", "offset"}) {
            params.addObject().put("name", p).put("in", "query").put("required", false);
        }
        list.putObject("responses").putObject("200").put("description", "a page of decisions");
        paths.putObject("/api/v1/state").putObject("get").put("summary", "allocation, risk and execution-guard state, bots, positions, reservations")
                .putObject("responses").putObject("200").put("description", "the state");
        paths.putObject("/health").putObject("get").put("summary", "liveness").putObject("responses").putObject("200").put("description", "up");
        paths.putObject("/ready").putObject("get").put("summary", "fresh portfolio data").putObject("responses").putObject("200").put("description", "ready");
        paths.putObject("/metrics").putObject("get").put("summary", "Prometheus metrics").putObject("responses").putObject("200").put("description", "text format");
        return ApiJson.write(root);
    }

    private static JsonNode load(String name) {
        try (InputStream in = OpenApi.class.getResourceAsStream("/schemas/" + name)) {
            if (in == null) {
                throw new IllegalStateException("schema " + name + " is not on the classpath");
            }
            return ApiJson.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
