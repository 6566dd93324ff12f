package com.portfolioorchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.portfolioorchestrator.app.KillSwitchService;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Operator endpoints (PRODUCT.md section 6): operator tokens only; every action is recorded with its operator. */
public final class OperatorRoutes {
    private static final SchemaValidator KILL = SchemaValidator.load("kill-switch-request.schema.json");
    private static final SchemaValidator RELEASE = SchemaValidator.load("kill-switch-release.schema.json");

    private OperatorRoutes() {}

    public static Consumer<RoutesConfig> of(KillSwitchService killSwitch) {
        return routes -> {
            routes.post("/api/v1/kill-switch", ctx -> {
                Principal.Operator op = ApiServer.requireOperator(ctx);
                JsonNode body = validated(ctx, KILL);
                answer(ctx, killSwitch.engage(op.name(), body.get("reason").asText(),
                        body.has("flatten") && body.get("flatten").asBoolean()));
            });
            routes.post("/api/v1/kill-switch/release", ctx -> {
                Principal.Operator op = ApiServer.requireOperator(ctx);
                JsonNode body = validated(ctx, RELEASE);
                try {
                    KillSwitchService.Outcome outcome = killSwitch.release(op.name(), body.get("reason").asText());
                    ctx.status(outcome.released() ? 200 : 202);
                    answer(ctx, outcome);
                } catch (KillSwitchService.SameOperatorException e) {
                    throw new ApiException(Problem.of(409, "second-operator-required", "Second operator required", e.getMessage()));
                }
            });
        };
    }

    private static JsonNode validated(Context ctx, SchemaValidator schema) {
        JsonNode body = JsonBodies.parse(ctx.bodyAsBytes());
        List<Problem.FieldError> errors = schema.validate(body);
        if (!errors.isEmpty()) {
            throw DecisionMapping.validation(errors);
        }
        return body;
    }

    private static void answer(Context ctx, KillSwitchService.Outcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trading_state", o.tradingState().name());
        m.put("released", o.released());
        m.put("pending_release", o.pending().orElse(null));
        m.put("bots", o.bots());
        ctx.contentType("application/json").result(ApiJson.write(m));
    }
}
