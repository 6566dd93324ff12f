package com.portfolioorchestrator.demo;

import java.util.Map;

/** An HTTP error answer of a simulated server: status, JSON body and extra headers, thrown by a handler and mapped once. */
final class HttpFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final transient Object body;
    final transient Map<String, String> headers;

    HttpFailure(int status, Object body, Map<String, String> headers) {
        super("HTTP " + status, null, false, false);
        this.status = status;
        this.body = body;
        this.headers = Map.copyOf(headers);
    }

    HttpFailure(int status, Object body) {
        this(status, body, Map.of());
    }

    /** FastAPI's {@code {"detail": "..."}} shape (401, 404, 503). */
    static HttpFailure detail(int status, String detail) {
        return new HttpFailure(status, Map.of("detail", detail));
    }

    /** Freqtrade's RPC failure: 502 {@code {"error": "Error querying /api/v1/<path>: <message>"}}. */
    static HttpFailure rpc(String path, String message) {
        return new HttpFailure(502, Map.of("error", "Error querying " + path + ": " + message));
    }

    /** FastAPI's 422 validation error for one input. */
    static HttpFailure validation(String type, String location, String field, String message, Object input) {
        java.util.Map<String, Object> item = new java.util.LinkedHashMap<>();
        item.put("type", type);
        item.put("loc", field == null ? java.util.List.of(location) : java.util.List.of(location, field));
        item.put("msg", message);
        item.put("input", input);
        return new HttpFailure(422, Map.of("detail", java.util.List.of(item)));
    }
}
