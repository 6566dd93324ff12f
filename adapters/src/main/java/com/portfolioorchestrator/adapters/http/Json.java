package com.portfolioorchestrator.adapters.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;

/**
 * The Jackson setup shared by the clients.
 *
 * <p>Unknown properties are ignored (Freqtrade and IBKR add fields over time), but anything else that is off fails:
 * bad syntax, trailing garbage, {@code null} for a primitive, a string where an object is expected. Numbers that
 * arrive as strings ({@code "50"}) are accepted for numeric fields (Jackson's scalar coercion, on by default), which
 * IBKR needs.
 */
public final class Json {
    private Json() {
    }

    public static ObjectMapper newMapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }

    /** Reads an epoch timestamp in milliseconds (Freqtrade {@code *_timestamp}, IBKR summary {@code timestamp}). */
    public static final class EpochMillis extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return Instant.ofEpochMilli(readLong(parser, context, "epoch milliseconds"));
        }
    }

    /** Reads an epoch timestamp in seconds (Freqtrade {@code /health *_ts}, {@code last_analyzed_ts}; IBKR ledger). */
    public static final class EpochSeconds extends JsonDeserializer<Instant> {
        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return Instant.ofEpochSecond(readLong(parser, context, "epoch seconds"));
        }
    }

    private static long readLong(JsonParser parser, DeserializationContext context, String what) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return parser.getLongValue();
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = parser.getDoubleValue();
            if (Double.isFinite(value)) {
                return Math.round(value);
            }
        }
        throw context.wrongTokenException(parser, Instant.class, JsonToken.VALUE_NUMBER_INT, "expected " + what);
    }
}
