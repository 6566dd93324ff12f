package com.portfolioorchestrator.api;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.portfolioorchestrator.core.EntryKind;
import com.portfolioorchestrator.core.Grade;
import com.portfolioorchestrator.core.OrderType;
import com.portfolioorchestrator.core.Pair;
import com.portfolioorchestrator.core.Side;
import com.portfolioorchestrator.core.engine.Decision;
import com.portfolioorchestrator.core.engine.DecisionRequest;
import com.portfolioorchestrator.core.engine.GateCheck;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Maps the wire format of PRODUCT.md section 3 to the core's {@link DecisionRequest} and a {@link Decision} back to
 * the response body. The body has passed the JSON Schema when {@link #toRequest} runs; what the schema cannot say
 * (finite numbers, a parsable pair) is checked here and reported as a field error.
 */
public final class DecisionMapping {
    /**
     * The API mapper's settings with Jackson's fast double writer (Schubfach, as Java 19+ prints doubles): the shortest
     * text that reads back as the same double. Java 17's own Double.toString was most of the rendering time (a response
     * holds about 70 numbers) and may print a longer form of the same value.
     */
    private static final JsonFactory RESPONSE_JSON = ApiJson.MAPPER.getFactory().copy()
            .enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());

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

    /**
     * The response body as UTF-8 JSON, fields in the order PRODUCT.md section 3 shows. Written with a streaming
     * generator straight into bytes (no intermediate maps): this runs once per decision, and the same bytes are sent
     * to the bot, kept for a resend and stored in the audit log.
     */
    public static byte[] renderResponse(Decision d, double evaluatedUs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(768 + 80 * d.checks().size());
        try (JsonGenerator g = RESPONSE_JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("decision_id", d.decisionId());
            g.writeStringField("request_id", d.requestId());
            g.writeBooleanField("allowed", d.allowed());
            g.writeNumberField("approved_stake_amount", round(d.approvedStake(), 8));
            g.writeNumberField("requested_stake_amount", d.requestedStake());
            g.writeNumberField("size_multiplier", round(d.sizeMultiplier(), 6));
            g.writeFieldName("denied_by");
            if (d.deniedBy().isPresent()) {
                g.writeString(d.deniedBy().get().name());
            } else {
                g.writeNull();
            }
            g.writeArrayFieldStart("reasons");
            for (String r : d.reasons()) {
                g.writeString(r);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("checks");
            for (GateCheck c : d.checks()) {
                g.writeStartObject();
                g.writeStringField("gate", c.gate().name());
                g.writeBooleanField("passed", c.passed());
                g.writeNumberField("value", round(c.value(), 8));
                g.writeNumberField("limit", round(c.limit(), 8));
                if (c.degraded()) {
                    g.writeStringField("detail", "degraded");
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeObjectFieldStart("multipliers");
            g.writeNumberField("drawdown", d.multipliers().drawdown());
            g.writeNumberField("correlation", d.multipliers().correlation());
            g.writeNumberField("volatility", d.multipliers().volatility());
            g.writeNumberField("funding", d.multipliers().funding());
            g.writeEndObject();
            g.writeObjectFieldStart("execution");
            g.writeNumberField("limit_timeout_s", d.execution().limitTimeoutS());
            g.writeNumberField("max_retries", d.execution().maxRetries());
            g.writeArrayFieldStart("retry_size_factors");
            for (Double f : d.execution().retrySizeFactors()) {
                g.writeNumber(f);
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeStringField("profile", d.profile().configName());
            g.writeStringField("trading_state", d.tradingState().name());
            g.writeFieldName("reservation_expires_at");
            if (d.reservationExpiresAt().isPresent()) {
                g.writeString(d.reservationExpiresAt().get().toString());
            } else {
                g.writeNull();
            }
            g.writeNumberField("evaluated_in_us", round(evaluatedUs, 3));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    /**
     * {@code value} rounded to {@code places} decimals (half up). Beyond what a long holds after scaling (|value| above
     * about 9.2e10 for 8 places) the rounding is done in decimal instead of overflowing {@link Math#round}.
     */
    private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};

    static double round(double value, int places) {
        if (!Double.isFinite(value)) {
            return value;
        }
        double scale = places < POW10.length ? POW10[places] : Math.pow(10, places);
        double scaled = value * scale;
        if (Math.abs(scaled) < 9.0e18) {
            return Math.round(scaled) / scale;
        }
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
    }
}
