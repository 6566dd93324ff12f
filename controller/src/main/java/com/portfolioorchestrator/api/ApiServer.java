package com.portfolioorchestrator.api;

import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin on the configured address, with the cross-cutting rules applied once for every route:
 * bearer-token auth on {@code /api/*} (401 without detail), per-principal request rate (429 + Retry-After), request
 * bodies over 64 KiB refused (413), JSON-only bodies (415), and every error as {@code application/problem+json}.
 * An unexpected exception is logged with its stack and answered with a generic 500 that leaks nothing.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** Refused bodies up to this size are read and discarded so that the client receives the 413 (see drain). */
    static final long MAX_DRAINED_BYTES = 1024 * 1024;
    public static final String PRINCIPAL = "principal";
    /** Javalin's per-response copy buffer: a decision answer (~2.5 KB) is copied in one pass. */
    static final int RESPONSE_COPY_BUFFER_BYTES = 4096;
    public static final String PROBLEM_JSON = "application/problem+json";

    private final Javalin app;

    private ApiServer(Javalin app) {
        this.app = app;
    }

    /**
     * Starts the server. {@code routes} registers the endpoints; handlers read the caller with {@link #principal}.
     */
    public static ApiServer start(String host, int port, TokenAuthenticator auth, HttpRateLimiter rateLimiter,
                                  Consumer<RoutesConfig> routes) {
        return start(host, port, auth, rateLimiter, routes, false);
    }

    /**
     * @param virtualThreads serve requests on virtual threads; needs Java 21+ (Javalin silently keeps platform threads
     *                       on 17, so this logs which one is in force)
     */
    public static ApiServer start(String host, int port, TokenAuthenticator auth, HttpRateLimiter rateLimiter,
                                  Consumer<RoutesConfig> routes, boolean virtualThreads) {
        if (virtualThreads && Runtime.version().feature() < 21) {
            LOG.warn("virtual threads need Java 21+; this is Java {}: serving on platform threads", Runtime.version().feature());
        }
        Javalin app = Javalin.create(cfg -> {
            cfg.concurrency.useVirtualThreads = virtualThreads;
            cfg.http.maxRequestSize = MAX_BODY_BYTES;
            // the buffer Javalin allocates for every response to copy the result into Jetty's output (default 32 KB,
            // per request): our answers are small, and Jetty buffers the output itself
            cfg.http.responseBufferSize = RESPONSE_COPY_BUFFER_BYTES;
            cfg.startup.showJavalinBanner = false;
            cfg.routes.before("/api/*", ctx -> {
                guardBody(ctx);
                Principal p = auth.authenticate(ctx.header("Authorization")).orElseThrow(() -> new ApiException(
                        Problem.of(401, "unauthorized", "Unauthorized", "a valid bearer token is required")));
                if (!rateLimiter.tryAcquire(p.id())) {
                    throw new ApiException(Problem.of(429, "rate-limited", "Too many requests",
                            "more than the allowed requests per second for this token"), rateLimiter.retryAfterSeconds());
                }
                ctx.attribute(PRINCIPAL, p);
            });
            routes.accept(cfg.routes);
            cfg.routes.exception(ApiException.class, (e, ctx) -> answer(ctx, e.problem(), e.retryAfterSeconds()));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> answer(ctx, problemOf(e), -1));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
                answer(ctx, Problem.of(500, "internal", "Internal error", "an unexpected error; it has been logged"), -1);
            });
            cfg.routes.error(404, "*", ctx -> {
                if (!PROBLEM_JSON.equals(ctx.res().getContentType())) {
                    answer(ctx, Problem.of(404, "not-found", "Not found", "no resource at " + ctx.path()), -1);
                }
            });
            cfg.routes.error(405, "*", ctx -> answer(ctx, Problem.of(405, "method-not-allowed", "Method not allowed",
                    ctx.method() + " is not allowed on " + ctx.path()), -1));
        });
        app.start(host, port);
        return new ApiServer(app);
    }

    /** Body rules that hold before anything reads it: size by Content-Length, and JSON only. */
    private static void guardBody(Context ctx) {
        String method = ctx.method().name();
        if (!method.equals("POST") && !method.equals("PUT") && !method.equals("PATCH")) {
            return;
        }
        long length = ctx.req().getContentLengthLong();
        if (length > MAX_BODY_BYTES) {
            drain(ctx, length);
            throw new ApiException(Problem.of(413, "too-large", "Request body too large",
                    "the body has " + length + " bytes; at most " + MAX_BODY_BYTES + " are accepted"));
        }
        String type = ctx.header("Content-Type");
        if (length != 0 && !isJson(type)) {
            throw new ApiException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "the body must be application/json, was " + (type == null ? "no Content-Type" : "'" + type + "'")));
        }
    }

    /**
     * Reads and discards a refused body of moderate size before the 413 is sent. Answering without reading it makes the
     * server close the connection while the client is still sending, and the client's TCP stack then discards the 413
     * on the reset: the client sees a broken connection instead of the answer. Bigger bodies are not read (the
     * connection is closed after the answer, as before).
     */
    private static void drain(Context ctx, long length) {
        if (length > MAX_DRAINED_BYTES) {
            return;
        }
        byte[] buffer = new byte[8192];
        try {
            InputStream in = ctx.req().getInputStream();
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                left -= n;
            }
        } catch (IOException e) {
            // the client went away: nothing to answer
        }
    }

    /**
     * The request body. With a Content-Length (at most {@link #MAX_BODY_BYTES}, checked before the handler runs) it is
     * read into an array of exactly that size; Javalin's {@code bodyAsBytes} would copy it through an 8 KB buffer and a
     * growing stream on every request. A chunked body goes through Javalin, which enforces the limit while reading.
     */
    public static byte[] body(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length < 0 || length > MAX_BODY_BYTES) {
            return ctx.bodyAsBytes();
        }
        try {
            byte[] body = ctx.req().getInputStream().readNBytes((int) length);
            if (body.length != length) {
                throw ApiException.badRequest("the body ended after " + body.length + " of its " + length + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("the body could not be read: " + e.getMessage());
        }
    }

    /** The media type (parameters such as charset aside) is application/json; "application/jsonp" is not. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).trim();
        return mediaType.toLowerCase(Locale.ROOT).equals("application/json");
    }

    private static Problem problemOf(HttpResponseException e) {
        int status = e.getStatus();
        if (status == 413) {
            return Problem.of(413, "too-large", "Request body too large", "at most " + MAX_BODY_BYTES + " bytes are accepted");
        }
        return Problem.of(status, "http-" + status, e.getMessage() == null ? "Error" : e.getMessage(), e.getMessage());
    }

    static void answer(Context ctx, Problem problem, long retryAfterSeconds) {
        if (retryAfterSeconds > 0) {
            ctx.header("Retry-After", Long.toString(retryAfterSeconds));
        }
        ctx.status(problem.status()).contentType(PROBLEM_JSON).result(ApiJson.write(problem));
    }

    /** The authenticated caller of an {@code /api/*} request. */
    public static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new ApiException(Problem.of(401, "unauthorized", "Unauthorized", "a valid bearer token is required"));
        }
        return p;
    }

    /** The caller, who must be the bot itself: 403 for another bot, an operator or a viewer. */
    public static Principal.Bot requireBot(Context ctx, String botId) {
        if (principal(ctx) instanceof Principal.Bot bot && bot.id().equals(botId)) {
            return bot;
        }
        throw new ApiException(Problem.of(403, "forbidden", "Forbidden", "this token may not speak for bot_id '" + botId + "'"));
    }

    /** The caller, who must be an operator: 403 for bots and viewers. */
    public static Principal.Operator requireOperator(Context ctx) {
        if (principal(ctx) instanceof Principal.Operator op) {
            return op;
        }
        throw new ApiException(Problem.of(403, "forbidden", "Forbidden", "this action needs an operator token"));
    }


    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
