package com.portfolioorchestrator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A tiny in-test decision endpoint answering like PRODUCT.md section 3: {@code POST /api/v1/decisions} with a
 * programmable verdict, and {@code /fill} and {@code /cancel}; it records every request with its Authorization header.
 */
final class StubOrchestrator implements AutoCloseable {
    /** One recorded call. */
    record Call(String path, String authorization, JsonNode body) {
    }

    /** A verdict: allowed with an approved stake, or denied with a code, or an HTTP status other than 200. */
    record Verdict(int status, boolean allowed, double approvedFraction, String deniedBy) {
        static Verdict allow(double approvedFraction) {
            return new Verdict(200, true, approvedFraction, null);
        }

        static Verdict deny(String code) {
            return new Verdict(200, false, 0, code);
        }

        static Verdict http(int status) {
            return new Verdict(status, false, 0, null);
        }
    }

    private final List<Call> calls = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Function<JsonNode, Verdict> policy = request -> Verdict.allow(1.0);
    private final Javalin server;

    StubOrchestrator() {
        server = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.post("/api/v1/decisions", ctx -> {
                JsonNode body = TestHttp.MAPPER.readTree(ctx.body());
                record(ctx.path(), ctx.header("Authorization"), body);
                Verdict verdict = policy.apply(body);
                if (verdict.status() != 200) {
                    ctx.status(verdict.status()).contentType("application/problem+json")
                            .result("{\"title\":\"no\",\"status\":" + verdict.status() + "}");
                    return;
                }
                double requested = body.get("stake_amount").asDouble();
                double approved = verdict.allowed() ? Math.rint(requested * verdict.approvedFraction() * 100) / 100 : 0.0;
                ObjectNode answer = TestHttp.MAPPER.createObjectNode();
                answer.put("decision_id", "d-" + ids.incrementAndGet());
                answer.put("request_id", body.get("request_id").asText());
                answer.put("allowed", verdict.allowed());
                answer.put("approved_stake_amount", approved);
                answer.put("requested_stake_amount", requested);
                answer.put("size_multiplier", verdict.allowed() ? verdict.approvedFraction() : 0.0);
                if (verdict.deniedBy() == null) {
                    answer.putNull("denied_by");
                } else {
                    answer.put("denied_by", verdict.deniedBy());
                }
                answer.putArray("reasons");
                answer.putArray("checks");
                answer.put("trading_state", "ACTIVE");
                ctx.contentType("application/json").result(TestHttp.MAPPER.writeValueAsString(answer));
            });
            cfg.routes.post("/api/v1/decisions/{id}/fill", ctx -> {
                record(ctx.path(), ctx.header("Authorization"), TestHttp.MAPPER.readTree(ctx.body()));
                ctx.contentType("application/json").result("{}");
            });
            cfg.routes.post("/api/v1/decisions/{id}/cancel", ctx -> {
                record(ctx.path(), ctx.header("Authorization"), TestHttp.MAPPER.readTree(ctx.body()));
                ctx.contentType("application/json").result("{}");
            });
        }).start("127.0.0.1", 0);
    }

    private synchronized void record(String path, String authorization, JsonNode body) {
        calls.add(new Call(path, authorization, body));
    }

    void answer(Function<JsonNode, Verdict> newPolicy) {
        policy = newPolicy;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized List<Call> calls(String pathPart) {
        return calls.stream().filter(c -> c.path().contains(pathPart)).toList();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
