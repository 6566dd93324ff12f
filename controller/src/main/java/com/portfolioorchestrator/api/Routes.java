package com.portfolioorchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.portfolioorchestrator.app.DecisionService;
import com.portfolioorchestrator.app.Readiness;
import com.portfolioorchestrator.core.DenyCode;
import com.portfolioorchestrator.core.engine.DecisionRequest;
import com.portfolioorchestrator.core.engine.FillResult;
import com.portfolioorchestrator.persistence.DecisionFilter;
import com.portfolioorchestrator.persistence.DecisionLog;
import com.portfolioorchestrator.persistence.DecisionRecord;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The endpoints of PRODUCT.md section 3. Handlers are thin: parse, call one service, answer. */
public final class Routes {
    private static final Logger LOG = LoggerFactory.getLogger(Routes.class);

    /** What the routes need. {@code bots} renders the per-bot part of GET /api/v1/state. */
    public record Services(DecisionService decisions, DecisionLog log, Readiness readiness,
                           PrometheusMeterRegistry registry, DecisionMetrics metrics,
                           Supplier<List<Map<String, Object>>> bots) {}

    private static final SchemaValidator REQUEST_SCHEMA = SchemaValidator.load("decision-request.schema.json");
    private static final SchemaValidator FILL_SCHEMA = SchemaValidator.load("fill-request.schema.json");

    private Routes() {}

    public static Consumer<RoutesConfig> of(Services s) {
        return routes -> {
            routes.get("/health", ctx -> ctx.json(Map.of("status", "UP")));
            routes.get("/ready", ctx -> ready(ctx, s.readiness()));
            routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(s.registry().scrape()));
            routes.get("/api/v1/openapi.json", ctx -> ctx.contentType("application/json").result(OpenApi.document()));
            routes.post("/api/v1/decisions", ctx -> decide(ctx, s));
            routes.post("/api/v1/decisions/{id}/fill", ctx -> fill(ctx, s));
            routes.post("/api/v1/decisions/{id}/cancel", ctx -> cancel(ctx, s));
            routes.get("/api/v1/decisions", ctx -> listDecisions(ctx, s));
            routes.get("/api/v1/state", ctx -> state(ctx, s));
        };
    }

    private static void ready(Context ctx, Readiness readiness) {
        Readiness.State st = readiness.state();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", readiness.notReadyReason().isEmpty());
        body.put("had_complete_view", st.hadCompleteView());
        body.put("stale", st.stale());
        body.put("stale_bots", st.staleBots());
        body.put("view_at", st.at().toString());
        body.put("detail", readiness.notReadyReason().orElse("ok"));
        ctx.status(readiness.notReadyReason().isEmpty() ? 200 : 503).contentType("application/json").result(ApiJson.write(body));
    }

    private static void decide(Context ctx, Services s) {
        byte[] raw = ApiServer.body(ctx);
        JsonNode body = JsonBodies.parse(raw);
        if (!body.isObject()) {
            throw DecisionMapping.validation(List.of(new Problem.FieldError("(body)", "must be a JSON object, was " + SchemaValidator.shown(body))));
        }
        JsonNode botId = body.get("bot_id");
        if (botId != null && botId.isTextual()) {
            ApiServer.requireBot(ctx, botId.asText());
        }
        List<Problem.FieldError> errors = REQUEST_SCHEMA.validate(body);
        if (!errors.isEmpty()) {
            throw DecisionMapping.validation(errors);
        }
        ApiServer.requireBot(ctx, botId.asText());
        DecisionRequest request = DecisionMapping.toRequest(body);
        if (!s.readiness().canDecide()) {
            throw new ApiException(Problem.of(503, "not-ready", "Not ready",
                    "no complete portfolio view since start: " + s.readiness().state().detail()), 5);
        }
        DecisionService.Outcome outcome;
        try {
            outcome = s.decisions().decide(request, canonical(body));
        } catch (DecisionService.ConflictException e) {
            throw new ApiException(Problem.of(409, "conflict", "Conflict", e.getMessage()));
        } catch (DecisionService.UnknownReferenceException e) {
            throw DecisionMapping.validation(List.of(new Problem.FieldError(e.field(), e.getMessage())));
        } catch (DecisionService.UnavailableException e) {
            throw new ApiException(Problem.of(503, "unavailable", "Answer not available", e.getMessage()), 1);
        }
        if (outcome.replay()) {
            // the same request again while the original may still be committing: answer once it is durable
            awaitSettled(outcome.settled());
        } else {
            s.metrics().record(outcome.decision().orElseThrow(), outcome.evaluatedUs());
            // the body exactly as received (it parsed strictly as one JSON object): what the audit log keeps
            var logged = s.decisions().record(request, new String(raw, StandardCharsets.UTF_8), outcome);
            if (outcome.decision().orElseThrow().allowed()) {
                awaitLogged(logged);
            }
        }
        ctx.contentType("application/json").result(outcome.response());
    }

    /**
     * A resend is answered only once the original is durable (its reservation and audit record committed); if that
     * failed or takes more than 2 s, 503: the bot treats it as a deny and may resend.
     */
    private static void awaitSettled(CompletableFuture<?> settled) {
        try {
            settled.get(2, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new ApiException(Problem.of(503, "unavailable", "Answer not available",
                    "the original decision of this request_id is not durable yet; resend later"), 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(Problem.of(503, "unavailable", "Answer not available", "interrupted"), 1);
        }
    }

    /** Waits (bounded) for an allowed decision to be durable; see {@link DecisionService#record}. */
    private static void awaitLogged(CompletableFuture<?> logged) {
        try {
            logged.get(2, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.error("an allowed decision was answered before its audit record was committed (2 s)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.error("an audit record failed: {}", e.getCause().toString());
        }
    }

    /**
     * The request as idempotency compares it: the SHA-256 (Base64) of its canonical form, fields sorted by name and
     * numbers by value (500 and 500.0 are the same stake), so a resend of the same content is "the same body" whatever
     * its key order or spacing. A digest, not the text, because a day of request ids is kept in memory.
     */
    public static String canonical(JsonNode body) {
        String[] names = new String[body.size()];
        int n = 0;
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            names[n++] = it.next();
        }
        Arrays.sort(names, 0, n);
        MessageDigest sha = sha256();
        byte[] bits = new byte[8];
        for (int i = 0; i < n; i++) {
            JsonNode v = body.get(names[i]);
            sha.update(names[i].getBytes(StandardCharsets.UTF_8));
            if (v.isNumber()) {
                // by value: the double's bits (500, 500.0 and 5e2 are one stake)
                long b = Double.doubleToLongBits(v.asDouble());
                for (int k = 0; k < 8; k++) {
                    bits[k] = (byte) (b >>> (56 - 8 * k));
                }
                sha.update((byte) 1);
                sha.update(bits);
            } else {
                // a string as its JSON text (quoted and escaped), so it holds no raw NUL and cannot run into the next field
                sha.update((byte) 2);
                sha.update(v.toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
        }
        return Base64.getEncoder().withoutPadding().encodeToString(sha.digest());
    }

    private static final MessageDigest SHA_256_PROTOTYPE = newSha256();

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** A fresh digest: cloning the prototype skips the provider lookup of getInstance. */
    private static MessageDigest sha256() {
        try {
            return (MessageDigest) SHA_256_PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return newSha256();
        }
    }

    private static String ownedDecision(Context ctx, Services s) {
        String id = ctx.pathParam("id");
        String owner = s.decisions().botOfDecision(id).orElseThrow(() ->
                ApiException.notFound("no recent decision with id '" + id + "'"));
        ApiServer.requireBot(ctx, owner);
        return id;
    }

    private static void fill(Context ctx, Services s) {
        String id = ownedDecision(ctx, s);
        JsonNode body = JsonBodies.parse(ctx.bodyAsBytes());
        List<Problem.FieldError> errors = FILL_SCHEMA.validate(body);
        if (!errors.isEmpty()) {
            throw DecisionMapping.validation(errors);
        }
        String tradeId = tradeId(body.get("trade_id"));
        Instant now = s.decisions().clock().instant();
        FillResult result = s.decisions().withEngine(engine -> engine.fill(id, tradeId, now));
        ctx.json(Map.of("decision_id", id, "trade_id", tradeId, "result", result.name()));
    }

    /**
     * The trade id as the poller sees it: a string as sent (not blank), a number in plain integer form (42, 42.0 and
     * 4.2e1 are all trade "42").
     */
    private static String tradeId(JsonNode value) {
        String text = value.isNumber() ? value.decimalValue().stripTrailingZeros().toPlainString() : value.asText();
        if (text.isBlank()) {
            throw DecisionMapping.validation(List.of(new Problem.FieldError("trade_id", "must not be blank, was '" + text + "'")));
        }
        if (text.length() > 64) {
            // 1e400 is an integer for the schema: as a trade id it has 401 digits, more than a string trade_id may have
            throw DecisionMapping.validation(List.of(new Problem.FieldError("trade_id",
                    "must have at most 64 characters or digits, was " + SchemaValidator.shown(value))));
        }
        return text;
    }

    /** A cancel carries no fields: the body is empty or {}; anything else is refused before anything is released. */
    private static void cancel(Context ctx, Services s) {
        String id = ownedDecision(ctx, s);
        if (ctx.bodyAsBytes().length > 0) {
            JsonNode body = JsonBodies.parse(ctx.bodyAsBytes());
            if (!body.isObject() || body.size() > 0) {
                String field = body.isObject() ? body.fieldNames().next() : "(body)";
                throw DecisionMapping.validation(List.of(new Problem.FieldError(field, body.isObject()
                        ? "is not a field of a cancel (its body is empty or {})"
                        : "must be empty or {}, was " + SchemaValidator.shown(body))));
            }
        }
        Instant now = s.decisions().clock().instant();
        boolean released = s.decisions().withEngine(engine -> engine.cancel(id, now));
        ctx.json(Map.of("decision_id", id, "released", released));
    }

    private static void listDecisions(Context ctx, Services s) {
        Principal p = ApiServer.principal(ctx);
        DecisionFilter filter = DecisionFilter.all();
        String bot = ctx.queryParam("bot");
        if (bot != null && bot.isBlank()) {
            throw query("bot", "must name a bot such as S1, was '" + bot + "'");
        }
        if (p instanceof Principal.Bot b) {
            if (bot != null && !bot.equals(b.id())) {
                throw new ApiException(Problem.of(403, "forbidden", "Forbidden", "a bot may read only its own decisions"));
            }
            bot = b.id();
        }
        if (bot != null) {
            filter = filter.withBot(bot);
        }
        String since = ctx.queryParam("since");
        if (since != null) {
            try {
                filter = filter.withSince(Instant.parse(since));
            } catch (DateTimeParseException e) {
                throw query("since", "must be an ISO-8601 instant like 2026-11-23T10:00:00Z, was '" + since + "'");
            }
        }
        String denied = ctx.queryParam("denied");
        if (denied != null) {
            if (!denied.equals("true") && !denied.equals("false")) {
                throw query("denied", "must be true or false, was '" + denied + "'");
            }
            filter = filter.withDenied(Boolean.parseBoolean(denied));
        }
        String code = ctx.queryParam("code");
        if (code != null) {
            try {
                filter = filter.withDenyCode(DenyCode.valueOf(code).name());
            } catch (IllegalArgumentException e) {
                throw query("code", "must be a deny code such as RISK_BUDGET, was '" + code + "'");
            }
        }
        int limit = intParam(ctx, "limit", 100, 1, 1000);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        List<Object> items = new ArrayList<>();
        for (DecisionRecord r : s.log().find(filter, limit, offset)) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("decision_id", r.decisionId());
            item.put("bot_id", r.botId());
            item.put("received_at", r.receivedAt().toString());
            item.put("allowed", r.allowed());
            item.put("denied_by", r.denyCode().orElse(null));
            item.put("latency_us", r.latencyMicros());
            item.put("request", ApiJson.readTree(r.requestJson()));
            item.put("response", ApiJson.readTree(r.responseJson()));
            items.add(item);
        }
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("total", s.log().count(filter));
        page.put("limit", limit);
        page.put("offset", offset);
        page.put("decisions", items);
        ctx.contentType("application/json").result(ApiJson.write(page));
    }

    private static int intParam(Context ctx, String name, int defaultValue, int min, int max) {
        String v = ctx.queryParam(name);
        if (v == null) {
            return defaultValue;
        }
        try {
            int i = Integer.parseInt(v);
            if (i < min || i > max) {
                throw new NumberFormatException();
            }
            return i;
        } catch (NumberFormatException e) {
            throw query(name, "must be an integer in [" + min + ", " + max + "], was '" + v + "'");
        }
    }

    private static ApiException query(String param, String message) {
        return new ApiException(new Problem("/problems/validation", "Invalid query", 400, param + " " + message,
                List.of(new Problem.FieldError(param, message))));
    }

    private static void state(Context ctx, Services s) {
        ApiServer.principal(ctx);
        Instant now = s.decisions().clock().instant();
        Map<String, Object> body = s.decisions().read(engine -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("at", now.toString());
            m.put("allocation_state", engine.allocationState(now));
            m.put("risk_state", engine.riskState(now));
            m.put("execution_guard_state", engine.executionGuardState(now));
            m.put("positions", engine.positions());
            m.put("reservations", engine.reservations());
            return m;
        });
        body.put("bots", s.bots().get());
        ctx.contentType("application/json").result(ApiJson.write(body));
    }

}
