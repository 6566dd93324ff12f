package com.portfolioorchestrator.adapters.ibkr;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.portfolioorchestrator.adapters.http.FailureKind;
import com.portfolioorchestrator.adapters.http.HttpClients;
import com.portfolioorchestrator.adapters.http.Json;
import com.portfolioorchestrator.adapters.http.RawResponse;
import com.portfolioorchestrator.adapters.http.RetryPolicy;
import com.portfolioorchestrator.adapters.http.Retrying;
import com.portfolioorchestrator.adapters.http.Sleeper;
import com.portfolioorchestrator.adapters.http.TokenBucket;
import com.portfolioorchestrator.adapters.http.Transport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-only client of the IBKR Client Portal Web API gateway ({@code https://localhost:5000/v1/api}).
 *
 * <p><b>Failures</b>: every method returns a DTO or throws {@link IbkrException}; retryable kinds are retried with the
 * {@link RetryPolicy}. After a 429 that outlives the retries the client stops calling the gateway for the server's
 * Retry-After, else {@link Options#rateLimitCooldown()}, and fails fast with RATE_LIMITED meanwhile (IBKR puts an IP
 * that keeps exceeding the limit in a 15-minute penalty box).
 *
 * <p><b>Pacing</b>: a token bucket spaces every request, retries included (default 9 per second with no burst, so at
 * most 10 start in any one-second window; IBKR's global limit is 10/s). Per-endpoint limits are the caller's: call
 * {@link #getAccounts()} once and keep the answer (1 per 5 s), {@link #tickle()} about every 60 s.
 *
 * <p><b>TLS</b>: the gateway's certificate is self-signed. {@code verifyTls=false} is accepted only for a loopback
 * host; for any other host the constructor throws.
 *
 * <p>Thread-safe.
 */
public final class IbkrClient {
    /** Guard against a gateway that never returns an empty positions page (100 rows per page). */
    public static final int MAX_POSITION_PAGES = 50;

    private static final Logger LOG = LoggerFactory.getLogger(IbkrClient.class);
    private static final MediaType JSON = MediaType.get("application/json");
    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

    private final HttpUrl root;
    private final OkHttpClient http;
    private final Clock clock;
    private final Options options;
    private final TokenBucket bucket;
    private final ObjectMapper mapper = Json.newMapper();
    private final Map<Long, Double> multipliers = new ConcurrentHashMap<>();
    private volatile Instant coolDownUntil = Instant.MIN;

    /**
     * Gateway settings.
     *
     * @param verifyTls         check the gateway's certificate; false only for a loopback gateway
     * @param requestsPerSecond token refill rate
     * @param burst             bucket capacity
     * @param rateLimitCooldown pause after a 429 without Retry-After that the retries did not cure
     * @param nanoTime          monotonic time for the bucket ({@code System::nanoTime} live)
     */
    public record Options(boolean verifyTls, Duration connectTimeout, Duration readTimeout, RetryPolicy retryPolicy,
                          Sleeper sleeper, double requestsPerSecond, int burst, Duration rateLimitCooldown,
                          LongSupplier nanoTime) {
        public Options {
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(readTimeout, "readTimeout");
            Objects.requireNonNull(retryPolicy, "retryPolicy");
            Objects.requireNonNull(sleeper, "sleeper");
            Objects.requireNonNull(rateLimitCooldown, "rateLimitCooldown");
            Objects.requireNonNull(nanoTime, "nanoTime");
            if (!(requestsPerSecond > 0 && requestsPerSecond <= 10)) {
                throw new IllegalArgumentException("requestsPerSecond must be in (0, 10], was " + requestsPerSecond);
            }
            if (burst < 1 || burst > 10) {
                throw new IllegalArgumentException("burst must be in 1..10, was " + burst);
            }
        }

        /** Certificate checked, 2 s / 5 s timeouts, 2 retries from 1 s, 9 requests/s, 60 s cool-down after 429. */
        public static Options defaults() {
            return new Options(true, HttpClients.DEFAULT_CONNECT_TIMEOUT, HttpClients.DEFAULT_READ_TIMEOUT,
                    new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(10)), Sleeper.SYSTEM, 9.0, 1,
                    Duration.ofSeconds(60), System::nanoTime);
        }

        public Options withVerifyTls(boolean verify) {
            return new Options(verify, connectTimeout, readTimeout, retryPolicy, sleeper, requestsPerSecond, burst,
                    rateLimitCooldown, nanoTime);
        }

        public Options withSleeper(Sleeper newSleeper) {
            return new Options(verifyTls, connectTimeout, readTimeout, retryPolicy, newSleeper, requestsPerSecond, burst,
                    rateLimitCooldown, nanoTime);
        }

        public Options withNanoTime(LongSupplier newNanoTime) {
            return new Options(verifyTls, connectTimeout, readTimeout, retryPolicy, sleeper, requestsPerSecond, burst,
                    rateLimitCooldown, newNanoTime);
        }

        public Options withRetryPolicy(RetryPolicy policy) {
            return new Options(verifyTls, connectTimeout, readTimeout, policy, sleeper, requestsPerSecond, burst,
                    rateLimitCooldown, nanoTime);
        }
    }

    /**
     * @param baseUrl the API root, e.g. {@code https://127.0.0.1:5000/v1/api}
     * @throws IllegalArgumentException for a bad URL, or {@code verifyTls=false} on a non-loopback host
     */
    public IbkrClient(String baseUrl, OkHttpClient shared, Clock clock, Options options) {
        HttpUrl url = HttpUrl.parse(Objects.requireNonNull(baseUrl, "baseUrl"));
        if (url == null) {
            throw new IllegalArgumentException("baseUrl must be an http(s) URL, was '" + baseUrl + "'");
        }
        this.root = url;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = Objects.requireNonNull(options, "options");
        OkHttpClient.Builder builder = HttpClients.derive(shared, options.connectTimeout(), options.readTimeout())
                .newBuilder();
        GatewayTls.apply(builder, url, options.verifyTls());
        this.http = builder.build();
        this.bucket = new TokenBucket(options.burst(), options.requestsPerSecond(), options.nanoTime());
    }

    // ---------------------------------------------------------------- endpoints

    /**
     * {@code POST /tickle}: keeps the session alive. A 200 {@code {"error":"no session"}} or a 401 is
     * {@link FailureKind#UNAUTHORIZED}.
     */
    public Tickle tickle() {
        return call("POST", url("tickle"), type(Tickle.class));
    }

    /** {@code POST /iserver/auth/status}: the brokerage session state. */
    public AuthStatus getAuthStatus() {
        return call("POST", url("iserver/auth/status"), type(AuthStatus.class));
    }

    /** {@code GET /portfolio/accounts}: must be called before the other /portfolio endpoints; cache it. */
    public List<Account> getAccounts() {
        return call("GET", url("portfolio/accounts"),
                mapper.getTypeFactory().constructCollectionType(List.class, Account.class));
    }

    /** {@code GET /portfolio/{accountId}/positions/{page}}: up to 100 raw rows; {@code []} after the last page. */
    public List<PositionRow> getPositionsPage(String accountId, int page) {
        checkAccount(accountId);
        if (page < 0) {
            throw new IllegalArgumentException("page must be >= 0, was " + page);
        }
        return call("GET", url("portfolio").newBuilder().addPathSegment(accountId).addPathSegment("positions")
                .addPathSegment(Integer.toString(page)).build(),
                mapper.getTypeFactory().constructCollectionType(List.class, PositionRow.class));
    }

    /**
     * All positions (pages 0, 1, ... until an empty page), normalised by {@link PositionNormalizer}. A derivative row
     * without a multiplier triggers one {@link #getContractInfo(long)} per contract (remembered afterwards); if that
     * fails the multiplier is derived from {@code avgCost / avgPrice}.
     */
    public List<IbkrPosition> getPositions(String accountId) {
        checkAccount(accountId);
        List<PositionRow> rows = new ArrayList<>();
        for (int page = 0; ; page++) {
            if (page >= MAX_POSITION_PAGES) {
                throw new IbkrException(FailureKind.MALFORMED, "GET " + url("portfolio").encodedPath() + "/"
                        + accountId + "/positions", 200, "no empty page after " + MAX_POSITION_PAGES + " pages", null, null);
            }
            List<PositionRow> chunk = getPositionsPage(accountId, page);
            if (chunk.isEmpty()) {
                break;
            }
            rows.addAll(chunk);
        }
        List<IbkrPosition> positions = new ArrayList<>(rows.size());
        for (PositionRow row : rows) {
            OptionalDouble lookedUp = PositionNormalizer.needsMultiplier(row) ? multiplierOf(row.conid())
                    : OptionalDouble.empty();
            try {
                positions.add(PositionNormalizer.normalize(row, lookedUp));
            } catch (IllegalArgumentException e) {
                throw new IbkrException(FailureKind.MALFORMED, "GET " + url("portfolio").encodedPath() + "/"
                        + accountId + "/positions", 200, e.getMessage(), null, e);
            }
        }
        return List.copyOf(positions);
    }

    /** {@code GET /portfolio/{accountId}/summary}; throws MALFORMED when {@code netliquidation} has no amount. */
    public AccountSummary getSummary(String accountId) {
        checkAccount(accountId);
        HttpUrl url = url("portfolio").newBuilder().addPathSegment(accountId).addPathSegment("summary").build();
        Map<String, AccountSummary.Value> values = call("GET", url, mapper.getTypeFactory()
                .constructMapType(Map.class, String.class, AccountSummary.Value.class));
        AccountSummary summary = new AccountSummary(values);
        if (summary.findAmount(AccountSummary.NET_LIQUIDATION).isEmpty()) {
            throw new IbkrException(FailureKind.MALFORMED, "GET " + url.encodedPath(), 200,
                    "netliquidation is missing or null", null, null);
        }
        return summary;
    }

    /** {@code GET /portfolio/{accountId}/ledger}: cash and exchange rate per currency, plus BASE. */
    public Ledger getLedger(String accountId) {
        checkAccount(accountId);
        HttpUrl url = url("portfolio").newBuilder().addPathSegment(accountId).addPathSegment("ledger").build();
        Map<String, Ledger.Entry> entries = call("GET", url, mapper.getTypeFactory()
                .constructMapType(Map.class, String.class, Ledger.Entry.class));
        try {
            return new Ledger(entries);
        } catch (IllegalArgumentException e) {
            throw new IbkrException(FailureKind.MALFORMED, "GET " + url.encodedPath(), 200, e.getMessage(), null, e);
        }
    }

    /** {@code GET /iserver/contract/{conid}/info} (brokerage session). */
    public ContractInfo getContractInfo(long conid) {
        if (conid <= 0) {
            throw new IllegalArgumentException("conid must be > 0, was " + conid);
        }
        return call("GET", url("iserver/contract").newBuilder().addPathSegment(Long.toString(conid))
                .addPathSegment("info").build(), type(ContractInfo.class));
    }

    /**
     * {@code GET /iserver/exchangerate?source=&target=} (brokerage session). The direction of {@code rate} is
     * documented inconsistently by IBKR; the ledger's {@code exchangerate} is the preferred source.
     */
    public double getExchangeRate(String source, String target) {
        if (source == null || !CURRENCY.matcher(source).matches() || target == null || !CURRENCY.matcher(target).matches()) {
            throw new IllegalArgumentException("currencies must be ISO codes, were '" + source + "' and '" + target + "'");
        }
        HttpUrl url = url("iserver/exchangerate").newBuilder().addQueryParameter("source", source)
                .addQueryParameter("target", target).build();
        JsonNode answer = call("GET", url, type(JsonNode.class));
        JsonNode rate = answer.path("rate");
        if (!rate.isNumber() || !(rate.doubleValue() > 0)) {
            throw new IbkrException(FailureKind.MALFORMED, "GET " + url.encodedPath(), 200,
                    "rate must be a positive number, was " + rate, null, null);
        }
        return rate.doubleValue();
    }

    @Override
    public String toString() {
        return "IbkrClient[" + root + ", verifyTls=" + options.verifyTls() + "]";
    }

    // ---------------------------------------------------------------- plumbing

    private OptionalDouble multiplierOf(long conid) {
        Double known = multipliers.get(conid);
        if (known != null) {
            return OptionalDouble.of(known);
        }
        try {
            Double found = getContractInfo(conid).multiplier();
            if (found != null && found > 0) {
                multipliers.put(conid, found);
                return OptionalDouble.of(found);
            }
        } catch (IbkrException e) {
            if (e.kind() == FailureKind.RATE_LIMITED || e.kind() == FailureKind.INTERRUPTED) {
                throw e;
            }
            LOG.info("no contract info for conid {} ({}); deriving the multiplier from avgCost/avgPrice", conid,
                    e.getMessage());
        }
        return OptionalDouble.empty();
    }

    private static void checkAccount(String accountId) {
        if (accountId == null || !ACCOUNT_ID.matcher(accountId).matches()) {
            throw new IllegalArgumentException("accountId must be 1-32 letters/digits, was '" + accountId + "'");
        }
    }

    private HttpUrl url(String path) {
        return root.newBuilder().addPathSegments(path).build();
    }

    private JavaType type(Class<?> type) {
        return mapper.getTypeFactory().constructType(type);
    }

    private <T> T call(String method, HttpUrl url, JavaType type) {
        String endpoint = method + " " + url.encodedPath();
        Instant until = coolDownUntil;
        if (clock.instant().isBefore(until)) {
            throw new IbkrException(FailureKind.RATE_LIMITED, endpoint, 0,
                    "not calling the gateway until " + until + " after HTTP 429",
                    Duration.between(clock.instant(), until), null);
        }
        Request request = new Request.Builder().url(url).header("Accept", "*/*")
                .method(method, "POST".equals(method) ? RequestBody.create("{}", JSON) : null).build();
        try {
            return Retrying.run(options.retryPolicy(), options.sleeper(), () -> read(endpoint, send(endpoint, request), type),
                    failure -> new IbkrException(FailureKind.INTERRUPTED, endpoint, 0,
                            "interrupted while backing off after " + failure.kind(), null, failure));
        } catch (IbkrException e) {
            if (e.kind() == FailureKind.RATE_LIMITED) {
                Duration pause = e.retryAfter().orElse(options.rateLimitCooldown());
                coolDownUntil = clock.instant().plus(pause);
                LOG.warn("IBKR gateway rate limit: pausing calls for {} s", pause.toSeconds());
            }
            throw e;
        }
    }

    private RawResponse send(String endpoint, Request request) {
        try {
            bucket.acquire(options.sleeper());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IbkrException(FailureKind.INTERRUPTED, endpoint, 0, "interrupted while pacing", null, e);
        }
        try {
            return Transport.execute(http, request);
        } catch (Transport.TransportFailure failure) {
            throw new IbkrException(failure.kind(), endpoint, 0, failure.getMessage(), null, failure.getCause());
        }
    }

    private <T> T read(String endpoint, RawResponse response, JavaType type) {
        JsonNode tree = tree(response);
        String text = tree.path("error").isTextual() ? tree.get("error").asText()
                : tree.path("message").isTextual() ? tree.get("message").asText() : response.bodyExcerpt();
        int status = response.status();
        if (!response.isSuccessful()) {
            FailureKind kind = status == 401 ? FailureKind.UNAUTHORIZED
                    : status == 403 ? FailureKind.FORBIDDEN
                    : status == 404 ? FailureKind.NOT_FOUND
                    : status == 429 ? FailureKind.RATE_LIMITED
                    : status >= 500 ? FailureKind.SERVER
                    : FailureKind.CLIENT;
            throw new IbkrException(kind, endpoint, status, text, response.retryAfter(clock).orElse(null), null);
        }
        if (tree.isObject() && tree.path("error").isTextual()) {
            FailureKind kind = text.toLowerCase(Locale.ROOT).contains("no session")
                    ? FailureKind.UNAUTHORIZED : FailureKind.CLIENT;
            throw new IbkrException(kind, endpoint, status, text, null, null);
        }
        try {
            T value = mapper.readValue(response.body(), type);
            if (value == null) {
                throw new IbkrException(FailureKind.MALFORMED, endpoint, status, "malformed JSON: body is null", null, null);
            }
            return value;
        } catch (JsonProcessingException e) {
            throw new IbkrException(FailureKind.MALFORMED, endpoint, status,
                    "malformed JSON: " + e.getOriginalMessage() + " in '" + response.bodyExcerpt() + "'", null, e);
        }
    }

    private JsonNode tree(RawResponse response) {
        try {
            JsonNode node = mapper.readTree(response.body());
            return node == null ? mapper.createObjectNode() : node;
        } catch (JsonProcessingException notJson) {
            return mapper.createObjectNode();
        }
    }
}
