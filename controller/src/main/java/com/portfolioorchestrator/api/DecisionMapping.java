package com.portfolioorchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.portfolioorchestrator.core.EntryKind;
import com.portfolioorchestrator.core.Grade;
import com.portfolioorchestrator.core.OrderType;
import com.portfolioorchestrator.core.Pair;
import com.portfolioorchestrator.core.Side;
import com.portfolioorchestrator.core.engine.Decision;
import com.portfolioorchestrator.core.engine.DecisionRequest;
import com.portfolioorchestrator.core.engine.GateCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Maps the wire format of PRODUCT.md section 3 to the core's {@link DecisionRequest} and a {@link Decision} back to
 * the response body. The body has passed the JSON Schema when {@link #toRequest} runs; what the schema cannot say
 * (finite numbers, a parsable pair) is checked here and reported as a field error.
 */
public final class DecisionMapping {
    private DecisionMapping() {}

    /** A validated body as a core request, or a 422 naming the field. */
    public static DecisionRequest toRequest(JsonNode body) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Pair pair = null;
        try {
            pair = Pair.parse(body.get("pair").asText());
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("pair", e.getMessage()));
        }
        String requestId = identifier(body, "request_id", errors);
        Optional<String> retryOf = body.has("retry_of") ? Optional.of(identifier(body, "retry_of", errors)) : Optional.empty();
        int attempt = body.has("attempt") ? body.get("attempt").asInt() : 1;
        if (attempt == 1 && retryOf.isPresent()) {
            errors.add(new Problem.FieldError("retry_of", "must be absent on a first attempt (attempt 1), was '"
                    + retryOf.get() + "'"));
        }
        double stake = positive(body, "stake_amount", errors);
        double leverage = body.has("leverage") ? finite(body, "leverage", errors) : 1.0;
        double entry = positive(body, "entry_price", errors);
        OptionalDouble stop = body.has("stop_price") ? OptionalDouble.of(positive(body, "stop_price", errors)) : OptionalDouble.empty();
        double minStake = body.has("min_stake") ? finite(body, "min_stake", errors) : 0.0;
        OptionalDouble spread = optional(body, "spread_bps", errors);
        OptionalDouble slippage = optional(body, "expected_slippage_bps", errors);
        OptionalDouble funding = optional(body, "funding_rate", errors);
        OptionalDouble edge = optional(body, "edge_score", errors);
        Side side = Side.find(body.get("side").asText()).orElseThrow();
        if (stop.isPresent() && entry > 0 && stop.getAsDouble() > 0) {
            double s = stop.getAsDouble();
            if (s == entry) {
                errors.add(new Problem.FieldError("stop_price", "must differ from entry_price (no risk at stop), was " + s));
            } else if (side == Side.LONG && s > entry) {
                errors.add(new Problem.FieldError("stop_price", "must be below entry_price " + entry + " for a long, was " + s));
            } else if (side == Side.SHORT && s < entry) {
                errors.add(new Problem.FieldError("stop_price", "must be above entry_price " + entry + " for a short, was " + s));
            }
        }
        if (!errors.isEmpty()) {
            throw validation(errors);
        }
        try {
            return new DecisionRequest(requestId, body.get("bot_id").asText(), pair, side,
                    body.has("kind") ? EntryKind.find(body.get("kind").asText()).orElseThrow() : EntryKind.ENTRY,
                    stake, leverage, entry, stop, minStake,
                    body.has("order_type") ? OrderType.find(body.get("order_type").asText()).orElseThrow() : OrderType.LIMIT,
                    spread, slippage, funding, edge,
                    body.has("grade") ? Grade.find(body.get("grade").asText()) : Optional.empty(),
                    attempt, retryOf);
        } catch (IllegalArgumentException e) {
            // a rule of the core record that the checks above do not know yet: still the client's error, never a 500
            String message = e.getMessage() == null ? "is invalid" : e.getMessage();
            int space = message.indexOf(' ');
            String field = space > 0 && body.has(message.substring(0, space)) ? message.substring(0, space) : "(body)";
            throw validation(List.of(new Problem.FieldError(field, message)));
        }
    }

    /**
     * An identifier field: not blank, and at most 64 UTF-16 characters (the core's limit; the schema's maxLength counts
     * code points, so 64 emoji pass the schema and are 128 characters).
     */
    private static String identifier(JsonNode body, String field, List<Problem.FieldError> errors) {
        String value = body.get(field).asText();
        if (value.isBlank()) {
            errors.add(new Problem.FieldError(field, "must not be blank, was '" + value + "'"));
        } else if (value.length() > 64) {
            errors.add(new Problem.FieldError(field, "must be at most 64 characters, was " + value.length()));
        }
        return value;
    }

    /** A number the schema checked to be > 0 that must still be > 0 as a double (1e-400 is 0 after conversion). */
    private static double positive(JsonNode body, String field, List<Problem.FieldError> errors) {
        double d = finite(body, field, errors);
        if (Double.isFinite(d) && !(d > 0)) {
            errors.add(new Problem.FieldError(field, "must be > 0 as a double, was " + body.get(field)));
            return Double.NaN;
        }
        return d;
    }

    static ApiException validation(List<Problem.FieldError> errors) {
        StringBuilder detail = new StringBuilder();
        for (Problem.FieldError e : errors) {
            detail.append(detail.length() == 0 ? "" : "; ").append(e.field()).append(' ').append(e.message());
        }
        return new ApiException(new Problem("/problems/validation", "Invalid request", 422, detail.toString(), errors));
    }

    private static double finite(JsonNode body, String field, List<Problem.FieldError> errors) {
        double d = body.get(field).asDouble();
        if (!Double.isFinite(d)) {
            errors.add(new Problem.FieldError(field, "must be a finite number, was " + body.get(field)));
            return Double.NaN;
        }
        return d;
    }

    private static OptionalDouble optional(JsonNode body, String field, List<Problem.FieldError> errors) {
        if (!body.has(field)) {
            return OptionalDouble.empty();
        }
        double d = finite(body, field, errors);
        return Double.isFinite(d) ? OptionalDouble.of(d) : OptionalDouble.empty();
    }

    /** The response body, fields in the order PRODUCT.md section 3 shows. */
    public static Map<String, Object> toResponse(Decision d, double evaluatedUs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("decision_id", d.decisionId());
        m.put("request_id", d.requestId());
        m.put("allowed", d.allowed());
        m.put("approved_stake_amount", round(d.approvedStake(), 8));
        m.put("requested_stake_amount", d.requestedStake());
        m.put("size_multiplier", round(d.sizeMultiplier(), 6));
        m.put("denied_by", d.deniedBy().map(Enum::name).orElse(null));
        m.put("reasons", d.reasons());
        List<Map<String, Object>> checks = new ArrayList<>(d.checks().size());
        for (GateCheck c : d.checks()) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("gate", c.gate().name());
            check.put("passed", c.passed());
            check.put("value", round(c.value(), 8));
            check.put("limit", round(c.limit(), 8));
            if (c.degraded()) {
                check.put("detail", "degraded");
            }
            checks.add(check);
        }
        m.put("checks", checks);
        Map<String, Object> mult = new LinkedHashMap<>();
        mult.put("drawdown", d.multipliers().drawdown());
        mult.put("correlation", d.multipliers().correlation());
        mult.put("volatility", d.multipliers().volatility());
        mult.put("funding", d.multipliers().funding());
        m.put("multipliers", mult);
        Map<String, Object> exec = new LinkedHashMap<>();
        exec.put("limit_timeout_s", d.execution().limitTimeoutS());
        exec.put("max_retries", d.execution().maxRetries());
        exec.put("retry_size_factors", d.execution().retrySizeFactors());
        m.put("execution", exec);
        m.put("profile", d.profile().configName());
        m.put("trading_state", d.tradingState().name());
        m.put("reservation_expires_at", d.reservationExpiresAt().map(Instant::toString).orElse(null));
        m.put("evaluated_in_us", round(evaluatedUs, 3));
        return m;
    }

    static double round(double value, int places) {
        if (!Double.isFinite(value)) {
            return value;
        }
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }

    static String lower(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
