package com.portfolioorchestrator.adapters.freqtrade;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.portfolioorchestrator.adapters.http.FailureKind;
import com.portfolioorchestrator.adapters.http.HttpClients;
import com.portfolioorchestrator.adapters.http.Json;
import com.portfolioorchestrator.adapters.http.RawResponse;
import com.portfolioorchestrator.adapters.http.RetryPolicy;
import com.portfolioorchestrator.adapters.http.Retrying;
import com.portfolioorchestrator.adapters.http.Sleeper;
import com.portfolioorchestrator.adapters.http.Transport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import okhttp3.Credentials;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Raw client of one Freqtrade bot's REST API (2.x): one method per endpoint, DTOs mirroring Freqtrade's JSON.
 *
 * <p><b>Failures.</b> Every method either returns a parsed DTO or throws {@link FreqtradeException} (arguments out of
 * range: {@link IllegalArgumentException}). Retryable kinds (CONNECT, TIMEOUT, RATE_LIMITED, SERVER) are retried with
 * the {@link RetryPolicy} before being thrown. A 401 makes a JWT client log in again once; Basic credentials do not
 * change, so Basic fails at once. A 502 {@code {"error": ...}} is {@link FailureKind#BOT_STATE} (not retried).
 * Malformed JSON is {@link FailureKind#MALFORMED} and names the endpoint.
 *
 * <p><b>JWT.</b> The access token lives 15 minutes; the client refreshes it when it is 14 minutes old (by the injected
 * clock) and logs in again when the refresh fails.
 *
 * <p>Thread-safe: polls of one bot may run concurrently.
 */
public final class FreqtradeClient {
    /** Supported {@code api_version} range: {@code MIN_API_VERSION <= v < MAX_API_VERSION_EXCLUSIVE}. */
    public static final double MIN_API_VERSION = 2.0;
    public static final double MAX_API_VERSION_EXCLUSIVE = 3.0;
    /** Age at which a JWT access token (15-minute lifetime) is refreshed. */
    public static final Duration JWT_REFRESH_AGE = Duration.ofMinutes(14);
    /** Freqtrade's documented page size limit of {@code /trades}. */
    public static final int MAX_TRADES_LIMIT = 500;

    private static final MediaType JSON = MediaType.get("application/json");
    private static final RequestBody EMPTY = RequestBody.create(new byte[0], JSON);
    private static final Pattern TRADE_ID = Pattern.compile("all|[0-9]{1,18}");

    private final HttpUrl apiRoot;
    private final FreqtradeAuth auth;
    private final OkHttpClient http;
    private final Clock clock;
    private final Options options;
    private final ObjectMapper mapper = Json.newMapper();
    private final Object authLock = new Object();
    private Tokens tokens; // guarded by authLock; JWT only

    /**
     * Per-bot settings.
     *
     * @param connectTimeout TCP connect timeout (default 2 s)
     * @param readTimeout    read timeout (default 5 s)
     */
    public record Options(Duration connectTimeout, Duration readTimeout, RetryPolicy retryPolicy, Sleeper sleeper) {
        public Options {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(readTimeout, "readTimeout");
            Objects.requireNonNull(retryPolicy, "retryPolicy");
            Objects.requireNonNull(sleeper, "sleeper");
        }

        public static Options defaults() {
            return new Options(HttpClients.DEFAULT_CONNECT_TIMEOUT, HttpClients.DEFAULT_READ_TIMEOUT,
                    RetryPolicy.defaults(), Sleeper.SYSTEM);
        }

        public Options withTimeouts(Duration connect, Duration read) {
            return new Options(connect, read, retryPolicy, sleeper);
        }

        public Options withRetryPolicy(RetryPolicy policy) {
            return new Options(connectTimeout, readTimeout, policy, sleeper);
        }

        public Options withSleeper(Sleeper newSleeper) {
            return new Options(connectTimeout, readTimeout, retryPolicy, newSleeper);
        }
    }

    /** Order type of a force exit; absent = the bot's configured {@code force_exit} order type. */
    public enum ExitOrderType {
        LIMIT, MARKET
    }

    private record Tokens(String access, String refresh, Instant accessIssuedAt) {
    }

    record TokenAnswer(@JsonProperty("access_token") String accessToken,
                               @JsonProperty("refresh_token") String refreshToken) {
        TokenAnswer {
            if (accessToken == null || accessToken.isBlank()) {
                throw new IllegalArgumentException("access_token is missing");
            }
        }
    }

    public FreqtradeClient(String baseUrl, FreqtradeAuth auth, OkHttpClient shared, Clock clock) {
        this(baseUrl, auth, shared, clock, Options.defaults());
    }

    /**
     * @param baseUrl the bot's API server, e.g. {@code http://127.0.0.1:8081} ({@code /api/v1} is appended)
     * @param shared  the process-wide client; this bot's client is derived from it with the options' timeouts
     */
    public FreqtradeClient(String baseUrl, FreqtradeAuth auth, OkHttpClient shared, Clock clock, Options options) {
        HttpUrl base = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
        if (base == null) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL, was '" + baseUrl + "'");
        }
        this.apiRoot = base.newBuilder().addPathSegments("api/v1").build();
        this.auth = Objects.requireNonNull(auth, "auth");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        this.http = HttpClients.derive(shared, options.connectTimeout(), options.readTimeout());
    }

    // ---------------------------------------------------------------- endpoints

    /** {@code GET /ping} (no authentication). */
    public Ping ping() {
        HttpUrl url = url("ping");
        String endpoint = "GET " + url.encodedPath();
        return retrying(endpoint, () -> read(endpoint, send(endpoint, new Request.Builder().url(url).get().build()),
                type(Ping.class)));
    }

    /** {@code GET /health}: the bot loop's heartbeat. */
    public Health getHealth() {
        return get(url("health"), type(Health.class));
    }

    /**
     * {@code GET /show_config}, checking {@code api_version}: outside {@code [2.0, 3.0)} it throws
     * {@link FailureKind#UNSUPPORTED_API_VERSION}.
     */
    public ShowConfig getShowConfig() {
        HttpUrl url = url("show_config");
        ShowConfig config = get(url, type(ShowConfig.class));
        double version = config.apiVersion();
        if (!isSupportedApiVersion(version)) {
            throw new FreqtradeException(FailureKind.UNSUPPORTED_API_VERSION, "GET " + url.encodedPath(), 200,
                    "api_version " + version + " of bot '" + config.botName() + "' is not supported; this client speaks "
                            + MIN_API_VERSION + " <= api_version < " + MAX_API_VERSION_EXCLUSIVE, null, null);
        }
        return config;
    }

    /** {@code GET /balance}. */
    public Balances getBalance() {
        return get(url("balance"), type(Balances.class));
    }

    /** {@code GET /status}: open trades; empty when there are none. */
    public List<Trade> getStatus() {
        return get(url("status"), mapper.getTypeFactory().constructCollectionType(List.class, Trade.class));
    }

    /**
     * {@code GET /trades?limit=&offset=}: closed trades in ascending id order, so {@code offset=0} is the <b>oldest</b>
     * page; see {@link #getNewestTrades(int)}.
     *
     * @param limit 1..500
     */
    public TradesPage getTrades(int limit, int offset) {
        if (limit < 1 || limit > MAX_TRADES_LIMIT) {
            throw new IllegalArgumentException("limit must be in 1.." + MAX_TRADES_LIMIT + ", was " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, was " + offset);
        }
        HttpUrl url = url("trades").newBuilder()
                .addQueryParameter("limit", Integer.toString(limit))
                .addQueryParameter("offset", Integer.toString(offset)).build();
        return get(url, type(TradesPage.class));
    }

    /**
     * The newest {@code count} closed trades, in ascending id order, paging back from
     * {@code offset = total_trades - limit} (pages of at most 500). One request when all closed trades fit into one
     * page; otherwise one more per page. Trades are de-duplicated by id in case the list moves between pages.
     */
    public List<Trade> getNewestTrades(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, was " + count);
        }
        int pageSize = Math.min(count, MAX_TRADES_LIMIT);
        TradesPage first = getTrades(pageSize, 0);
        TreeMap<Long, Trade> byId = new TreeMap<>();
        if (first.totalTrades() <= pageSize) {
            first.trades().forEach(t -> byId.put(t.tradeId(), t));
        } else {
            int end = first.totalTrades();
            while (byId.size() < count && end > 0) {
                int start = Math.max(0, end - pageSize);
                TradesPage page = getTrades(end - start, start);
                if (page.trades().isEmpty()) {
                    break;
                }
                page.trades().forEach(t -> byId.put(t.tradeId(), t));
                end = start;
            }
        }
        List<Trade> ascending = new ArrayList<>(byId.values());
        return List.copyOf(ascending.subList(Math.max(0, ascending.size() - count), ascending.size()));
    }

    /** {@code GET /trade/{id}}: an open or closed trade; unknown id → {@link FailureKind#NOT_FOUND}. */
    public Trade getTrade(long tradeId) {
        if (tradeId < 0) {
            throw new IllegalArgumentException("tradeId must be >= 0, was " + tradeId);
        }
        return get(url("trade/" + tradeId), type(Trade.class));
    }

    /** {@code GET /profit}. */
    public Profit getProfit() {
        return get(url("profit"), type(Profit.class));
    }

    /** {@code GET /daily?timescale=n}: the last {@code days} UTC days, newest first. */
    public Daily getDaily(int days) {
        if (days < 1 || days > 366) {
            throw new IllegalArgumentException("days must be in 1..366, was " + days);
        }
        return get(url("daily").newBuilder().addQueryParameter("timescale", Integer.toString(days)).build(),
                type(Daily.class));
    }

    /** {@code GET /count}; a stopped bot answers {@link FailureKind#BOT_STATE} "trader is not running". */
    public Count getCount() {
        return get(url("count"), type(Count.class));
    }

    /** {@code GET /locks}: the active and past locks whose side is "*". */
    public Locks getLocks() {
        return get(url("locks"), type(Locks.class));
    }

    /** {@code POST /locks}: adds locks; Freqtrade rounds each end up to the next candle. */
    public Locks postLocks(List<LockRequest> locks) {
        if (locks == null || locks.isEmpty()) {
            throw new IllegalArgumentException("locks must not be empty");
        }
        ArrayNode body = mapper.createArrayNode();
        for (LockRequest lock : locks) {
            ObjectNode item = body.addObject();
            item.put("pair", lock.pair());
            item.put("side", lock.side());
            item.put("until", DateTimeFormatter.ISO_INSTANT.format(lock.until()));
            lock.reason().ifPresent(reason -> item.put("reason", reason));
        }
        return send("POST", url("locks"), json(body), type(Locks.class));
    }

    /** {@code DELETE /locks/{id}}: deactivates a lock; returns the remaining list. */
    public Locks deleteLock(long lockId) {
        if (lockId < 0) {
            throw new IllegalArgumentException("lockId must be >= 0, was " + lockId);
        }
        return send("DELETE", url("locks/" + lockId), null, type(Locks.class));
    }

    /** {@code POST /forceexit} with the bot's own force-exit order type. */
    public ForceExitResult forceExit(String tradeId) {
        return forceExit(tradeId, null);
    }

    /**
     * {@code POST /forceexit {"tradeid": ..., "ordertype": ...}}.
     *
     * @param tradeId   a trade id, or "all"
     * @param orderType null for the bot's configured {@code force_exit} order type
     */
    public ForceExitResult forceExit(String tradeId, ExitOrderType orderType) {
        if (tradeId == null || !TRADE_ID.matcher(tradeId).matches()) {
            throw new IllegalArgumentException("tradeId must be a trade id or \"all\", was '" + tradeId + "'");
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("tradeid", tradeId);
        if (orderType != null) {
            body.put("ordertype", orderType.name().toLowerCase(Locale.ROOT));
        }
        return send("POST", url("forceexit"), json(body), type(ForceExitResult.class));
    }

    /** Force-exits every open trade at market: the kill switch's flatten. */
    public ForceExitResult forceExitAll() {
        return forceExit("all", ExitOrderType.MARKET);
    }

    /** {@code GET /pair_candles?pair=&timeframe=&limit=}: the bot's analysed candles (no exchange call). */
    public PairCandles getPairCandles(String pair, String timeframe, int limit) {
        if (pair == null || pair.isBlank()) {
            throw new IllegalArgumentException("pair must not be blank, was '" + pair + "'");
        }
        if (timeframe == null || timeframe.isBlank()) {
            throw new IllegalArgumentException("timeframe must not be blank, was '" + timeframe + "'");
        }
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        HttpUrl url = url("pair_candles").newBuilder()
                .addQueryParameter("pair", pair)
                .addQueryParameter("timeframe", timeframe)
                .addQueryParameter("limit", Integer.toString(limit)).build();
        return get(url, type(PairCandles.class));
    }

    @Override
    public String toString() {
        return "FreqtradeClient[" + apiRoot + ", " + auth + "]";
    }

    // ---------------------------------------------------------------- plumbing

    private HttpUrl url(String path) {
        return apiRoot.newBuilder().addPathSegments(path).build();
    }

    private JavaType type(Class<?> type) {
        return mapper.getTypeFactory().constructType(type);
    }

    private RequestBody json(JsonNode body) {
        try {
            return RequestBody.create(mapper.writeValueAsBytes(body), JSON);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a request body", e);
        }
    }

    private <T> T get(HttpUrl url, JavaType type) {
        return send("GET", url, null, type);
    }

    /** An authenticated call with retries and one re-login on 401 (JWT). */
    private <T> T send(String method, HttpUrl url, RequestBody body, JavaType type) {
        String endpoint = method + " " + url.encodedPath();
        return retrying(endpoint, () -> {
            String authorization = authorization();
            RawResponse response = send(endpoint, request(method, url, body, authorization));
            if (response.status() == 401 && auth instanceof FreqtradeAuth.Jwt) {
                response = send(endpoint, request(method, url, body, authorizationAfterRejection(authorization)));
            }
            return read(endpoint, response, type);
        });
    }

    private static Request request(String method, HttpUrl url, RequestBody body, String authorization) {
        return new Request.Builder().url(url).header("Authorization", authorization)
                .header("Accept", "application/json").method(method, body).build();
    }

    private <T> T retrying(String endpoint, Supplier<T> attempt) {
        return Retrying.run(options.retryPolicy(), options.sleeper(), attempt,
                failure -> new FreqtradeException(FailureKind.INTERRUPTED, endpoint, 0,
                        "interrupted while backing off after " + failure.kind(), null, failure));
    }

    private RawResponse send(String endpoint, Request request) {
        try {
            return Transport.execute(http, request);
        } catch (Transport.TransportFailure failure) {
            throw new FreqtradeException(failure.kind(), endpoint, 0, failure.getMessage(), null, failure.getCause());
        }
    }

    private <T> T read(String endpoint, RawResponse response, JavaType type) {
        if (!response.isSuccessful()) {
            throw classify(endpoint, response);
        }
        try {
            T value = mapper.readValue(response.body(), type);
            if (value == null) {
                throw new FreqtradeException(FailureKind.MALFORMED, endpoint, response.status(),
                        "malformed JSON: body is null", null, null);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new FreqtradeException(FailureKind.MALFORMED, endpoint, response.status(),
                    "malformed JSON: " + e.getOriginalMessage() + " in '" + response.bodyExcerpt() + "'", null, e);
        }
    }

    private FreqtradeException classify(String endpoint, RawResponse response) {
        int status = response.status();
        JsonNode error = errorNode(response);
        String text = error.path("error").isTextual() ? error.get("error").asText()
                : error.path("detail").isTextual() ? error.get("detail").asText()
                : error.has("detail") ? error.get("detail").toString()
                : response.bodyExcerpt();
        FailureKind kind;
        if (status == 401) {
            kind = FailureKind.UNAUTHORIZED;
        } else if (status == 403) {
            kind = FailureKind.FORBIDDEN;
        } else if (status == 404) {
            kind = FailureKind.NOT_FOUND;
        } else if (status == 429) {
            kind = FailureKind.RATE_LIMITED;
        } else if (status == 502 && error.path("error").isTextual()) {
            kind = FailureKind.BOT_STATE;
        } else if (status >= 500) {
            kind = FailureKind.SERVER;
        } else {
            kind = FailureKind.CLIENT;
        }
        return new FreqtradeException(kind, endpoint, status, text, response.retryAfter(clock).orElse(null), null);
    }

    private JsonNode errorNode(RawResponse response) {
        try {
            JsonNode node = mapper.readTree(response.body());
            return node == null ? mapper.createObjectNode() : node;
        } catch (JsonProcessingException notJson) {
            return mapper.createObjectNode();
        }
    }

    // ---------------------------------------------------------------- authentication

    private String authorization() {
        if (auth instanceof FreqtradeAuth.Basic basic) {
            return Credentials.basic(basic.username(), basic.password());
        }
        synchronized (authLock) {
            if (tokens == null) {
                tokens = login();
            } else if (!clock.instant().isBefore(tokens.accessIssuedAt().plus(JWT_REFRESH_AGE))) {
                try {
                    tokens = refresh(tokens);
                } catch (FreqtradeException refreshFailed) {
                    tokens = login();
                }
            }
            return "Bearer " + tokens.access();
        }
    }

    /** After a 401: log in again, unless another thread already replaced the rejected token. */
    private String authorizationAfterRejection(String rejected) {
        synchronized (authLock) {
            if (tokens == null || rejected.equals("Bearer " + tokens.access())) {
                tokens = login();
            }
            return "Bearer " + tokens.access();
        }
    }

    private Tokens login() {
        HttpUrl url = url("token/login");
        String endpoint = "POST " + url.encodedPath();
        RawResponse response = send(endpoint, new Request.Builder().url(url)
                .header("Authorization", Credentials.basic(auth.username(), auth.password())).post(EMPTY).build());
        TokenAnswer answer = read(endpoint, response, type(TokenAnswer.class));
        if (answer.refreshToken() == null || answer.refreshToken().isBlank()) {
            throw new FreqtradeException(FailureKind.MALFORMED, endpoint, response.status(),
                    "malformed JSON: refresh_token is missing", null, null);
        }
        return new Tokens(answer.accessToken(), answer.refreshToken(), clock.instant());
    }

    private Tokens refresh(Tokens old) {
        HttpUrl url = url("token/refresh");
        String endpoint = "POST " + url.encodedPath();
        RawResponse response = send(endpoint, new Request.Builder().url(url)
                .header("Authorization", "Bearer " + old.refresh()).post(EMPTY).build());
        TokenAnswer answer = read(endpoint, response, type(TokenAnswer.class));
        return new Tokens(answer.accessToken(), old.refresh(), clock.instant());
    }

    /** Whether this client accepts a bot of that {@code api_version}: {@code 2.0 <= v < 3.0}. */
    public static boolean isSupportedApiVersion(double apiVersion) {
        return apiVersion >= MIN_API_VERSION && apiVersion < MAX_API_VERSION_EXCLUSIVE;
    }
}
