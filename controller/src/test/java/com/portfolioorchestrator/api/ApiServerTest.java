package com.portfolioorchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import com.portfolioorchestrator.config.BotConnection;
import com.portfolioorchestrator.config.OperatorAccount;
import com.portfolioorchestrator.config.Secret;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cross-cutting HTTP rules, on a real server on port 0 with a probe route. */
class ApiServerTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    private final HttpClient http = HttpClient.newHttpClient();
    private ApiServer server;

    @BeforeEach
    void start() {
        var auth = new TokenAuthenticator(
                List.of(new BotConnection("S1", "http://x", BotConnection.AuthKind.BASIC, Secret.of("u"), Secret.of("p"), Secret.of("tok-s1")),
                        new BotConnection("S2", "http://x", BotConnection.AuthKind.BASIC, Secret.of("u"), Secret.of("p"), Secret.of("tok-s2"))),
                List.of(new OperatorAccount("alice", Secret.of("tok-alice"), OperatorAccount.Role.OPERATOR),
                        new OperatorAccount("view", Secret.of("tok-view"), OperatorAccount.Role.VIEWER)));
        Ticker ticker = nanos::get;
        server = ApiServer.start("127.0.0.1", 0, auth, new HttpRateLimiter(3, ticker), routes -> {
            routes.post("/api/v1/probe/{bot}", ctx -> {
                ApiServer.requireBot(ctx, ctx.pathParam("bot"));
                ctx.result(new String(ctx.bodyAsBytes()));
            });
            routes.post("/api/v1/operate", ctx -> ctx.result("op " + ApiServer.requireOperator(ctx).name()));
            routes.get("/api/v1/boom", ctx -> {
                throw new IllegalStateException("secret internals");
            });
        });
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> send(String method, String path, String token, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> r, int status) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).contains("\"status\":" + status, "\"title\"", "\"type\"");
    }

    @Test
    void missingOrUnknownToken_is401_withoutSayingWhich() throws Exception {
        HttpResponse<String> none = send("POST", "/api/v1/probe/S1", null, "application/json", "{}");
        HttpResponse<String> wrong = send("POST", "/api/v1/probe/S1", "tok-s1x", "application/json", "{}");
        assertProblem(none, 401);
        assertProblem(wrong, 401);
        assertThat(none.body()).isEqualTo(wrong.body());
    }

    @Test
    void aBotToken_mayOnlySpeakForItsBot_and403Otherwise() throws Exception {
        assertThat(send("POST", "/api/v1/probe/S1", "tok-s1", "application/json", "{\"a\":1}").body()).isEqualTo("{\"a\":1}");
        assertProblem(send("POST", "/api/v1/probe/S2", "tok-s1", "application/json", "{}"), 403);
        assertProblem(send("POST", "/api/v1/probe/S1", "tok-alice", "application/json", "{}"), 403);
    }

    @Test
    void operatorActions_needAnOperator_notAViewerOrABot() throws Exception {
        assertThat(send("POST", "/api/v1/operate", "tok-alice", null, null).body()).isEqualTo("op alice");
        assertProblem(send("POST", "/api/v1/operate", "tok-view", null, null), 403);
        assertProblem(send("POST", "/api/v1/operate", "tok-s1", null, null), 403);
    }

    @Test
    void bodyOver64KiB_is413() throws Exception {
        String big = "{\"a\":\"" + "x".repeat(ApiServer.MAX_BODY_BYTES) + "\"}";
        assertProblem(send("POST", "/api/v1/probe/S1", "tok-s1", "application/json", big), 413);
    }

    @Test
    void nonJsonContentType_is415() throws Exception {
        assertProblem(send("POST", "/api/v1/probe/S1", "tok-s1", "text/plain", "{}"), 415);
        assertProblem(send("POST", "/api/v1/probe/S1", "tok-s1", null, "{}"), 415);
        assertProblem(send("POST", "/api/v1/probe/S1", "tok-s1", "application/jsonp", "{}"), 415);
        assertProblem(send("POST", "/api/v1/probe/S1", "tok-s1", "application/json-patch+json", "{}"), 415);
        assertThat(send("POST", "/api/v1/probe/S1", "tok-s1", "application/json;charset=UTF-8", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void moreThanTheRatePerSecond_is429_withRetryAfter_andTheNextSecondIsFree() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send("POST", "/api/v1/probe/S1", "tok-s1", "application/json", "{}").statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = send("POST", "/api/v1/probe/S1", "tok-s1", "application/json", "{}");
        assertProblem(limited, 429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(send("POST", "/api/v1/probe/S2", "tok-s2", "application/json", "{}").statusCode())
                .as("another token has its own window").isEqualTo(200);
        nanos.addAndGet(1_000_000_000L);
        assertThat(send("POST", "/api/v1/probe/S1", "tok-s1", "application/json", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void unknownRoute_is404_andWrongMethod_isAProblemToo() throws Exception {
        assertProblem(send("GET", "/nothing-here", null, null, null), 404);
        assertProblem(send("GET", "/api/v1/nothing", "tok-s1", null, null), 404);
    }

    @Test
    void unexpectedException_is500_andLeaksNothing() throws Exception {
        HttpResponse<String> r = send("GET", "/api/v1/boom", "tok-alice", null, null);
        assertProblem(r, 500);
        assertThat(r.body()).doesNotContain("secret internals", "IllegalStateException");
    }
}
