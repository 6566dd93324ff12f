package com.portfolioorchestrator.adapters.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Objects;
import java.util.regex.Pattern;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Telegram Bot API {@code sendMessage}. A 429 is retried after the answer's {@code parameters.retry_after} (seconds),
 * up to the policy's {@code maxDelay} (default 30 s); 400/401/403 are not retried. The bot token never appears in
 * messages, endpoints or {@code toString()}.
 */
public final class TelegramClient {
    public static final String DEFAULT_API_URL = "https://api.telegram.org";
    private static final Pattern TOKEN = Pattern.compile("[0-9]{1,20}:[A-Za-z0-9_-]{20,100}");
    private static final MediaType JSON = MediaType.get("application/json");
    private static final String ENDPOINT = "POST /bot***/sendMessage";

    private final HttpUrl sendMessageUrl;
    private final OkHttpClient http;
    private final Clock clock;
    private final Options options;
    private final ObjectMapper mapper = Json.newMapper();

    /**
     * @param apiUrl Telegram's API root ({@link #DEFAULT_API_URL}; a WireMock URL in tests)
     */
    public record Options(String apiUrl, Duration connectTimeout, Duration readTimeout, RetryPolicy retryPolicy,
                          Sleeper sleeper) {
        public Options {
            Objects.requireNonNull(apiUrl, "apiUrl");
            Objects.requireNonNull(connectTimeout, "connectTimeout");
            Objects.requireNonNull(readTimeout, "readTimeout");
            Objects.requireNonNull(retryPolicy, "retryPolicy");
            Objects.requireNonNull(sleeper, "sleeper");
        }

        /** 5 s connect, 10 s read, 2 retries from 1 s, {@code retry_after} honoured up to 30 s. */
        public static Options defaults() {
            return new Options(DEFAULT_API_URL, Duration.ofSeconds(5), Duration.ofSeconds(10),
                    new RetryPolicy(2, Duration.ofSeconds(1), Duration.ofSeconds(30)), Sleeper.SYSTEM);
        }

        public Options withApiUrl(String url) {
            return new Options(url, connectTimeout, readTimeout, retryPolicy, sleeper);
        }

        public Options withSleeper(Sleeper newSleeper) {
            return new Options(apiUrl, connectTimeout, readTimeout, retryPolicy, newSleeper);
        }
    }

    public TelegramClient(String botToken, OkHttpClient shared, Clock clock, Options options) {
        if (botToken == null || !TOKEN.matcher(botToken).matches()) {
            throw new IllegalArgumentException("botToken must look like 123456:ABC-..., was "
                    + (botToken == null ? "null" : "a string of " + botToken.length() + " characters"));
        }
        HttpUrl api = HttpUrl.parse(options.apiUrl());
        if (api == null) {
            throw new IllegalArgumentException("apiUrl must be an http(s) URL, was '" + options.apiUrl() + "'");
        }
        this.sendMessageUrl = api.newBuilder().addPathSegment("bot" + botToken).addPathSegment("sendMessage").build();
        this.http = HttpClients.derive(shared, options.connectTimeout(), options.readTimeout());
        this.clock = Objects.requireNonNull(clock, "clock");
        this.options = options;
    }

    /** Sends plain text. */
    public SentMessage sendMessage(String chatId, String text) {
        return sendMessage(SendMessage.plain(chatId, text));
    }

    public SentMessage sendMessage(SendMessage message) {
        ObjectNode body = mapper.createObjectNode();
        if (message.chatId().startsWith("@")) {
            body.put("chat_id", message.chatId());
        } else {
            body.put("chat_id", Long.parseLong(message.chatId()));
        }
        body.put("text", message.text());
        message.parseMode().ifPresent(mode -> body.put("parse_mode", mode));
        if (message.disableNotification()) {
            body.put("disable_notification", true);
        }
        Request request = new Request.Builder().url(sendMessageUrl)
                .post(RequestBody.create(body.toString(), JSON)).build();
        return Retrying.run(options.retryPolicy(), options.sleeper(), () -> read(send(request)),
                failure -> new TelegramException(FailureKind.INTERRUPTED, ENDPOINT, 0,
                        "interrupted while waiting after " + failure.kind(), null, failure));
    }

    @Override
    public String toString() {
        return "TelegramClient[" + options.apiUrl() + ", token=***]";
    }

    private RawResponse send(Request request) {
        try {
            return Transport.execute(http, request);
        } catch (Transport.TransportFailure failure) {
            // OkHttp's messages name host and port only, never the path that holds the token
            throw new TelegramException(failure.kind(), ENDPOINT, 0, failure.getMessage(), null, null);
        }
    }

    private SentMessage read(RawResponse response) {
        JsonNode answer;
        try {
            answer = mapper.readTree(response.body());
        } catch (JsonProcessingException e) {
            answer = null;
        }
        int status = response.status();
        if (answer == null || !answer.isObject() || !answer.path("ok").isBoolean()) {
            FailureKind kind = status >= 500 ? FailureKind.SERVER
                    : status == 429 ? FailureKind.RATE_LIMITED
                    : response.isSuccessful() ? FailureKind.MALFORMED : FailureKind.CLIENT;
            throw new TelegramException(kind, ENDPOINT, status, "unexpected answer '" + response.bodyExcerpt() + "'",
                    response.retryAfter(clock).orElse(null), null);
        }
        if (answer.get("ok").asBoolean()) {
            JsonNode result = answer.path("result");
            if (!result.path("message_id").canConvertToLong() || !result.path("chat").path("id").canConvertToLong()) {
                throw new TelegramException(FailureKind.MALFORMED, ENDPOINT, status,
                        "result.message_id or result.chat.id is missing", null, null);
            }
            return new SentMessage(result.get("message_id").asLong(), result.get("chat").get("id").asLong(),
                    Instant.ofEpochSecond(result.path("date").asLong()));
        }
        int code = answer.path("error_code").asInt(status);
        String description = answer.path("description").asText("");
        JsonNode retryAfter = answer.path("parameters").path("retry_after");
        Duration delay = retryAfter.canConvertToLong() ? Duration.ofSeconds(retryAfter.asLong())
                : response.retryAfter(clock).orElse(null);
        FailureKind kind = code == 429 ? FailureKind.RATE_LIMITED
                : code == 401 ? FailureKind.UNAUTHORIZED
                : code == 403 ? FailureKind.FORBIDDEN
                : code == 404 ? FailureKind.NOT_FOUND
                : code >= 500 ? FailureKind.SERVER
                : FailureKind.CLIENT;
        throw new TelegramException(kind, ENDPOINT, status, description, delay, null);
    }
}
