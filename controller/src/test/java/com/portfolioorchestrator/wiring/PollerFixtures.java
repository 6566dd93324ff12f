package com.portfolioorchestrator.wiring;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.portfolioorchestrator.adapters.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads the fixture bodies under {@code src/test/resources/poller/} (copied from shared/fixtures). */
public final class PollerFixtures {
    private static final ObjectMapper MAPPER = Json.newMapper();

    private PollerFixtures() {}

    public static String text(String path) {
        try (InputStream in = PollerFixtures.class.getResourceAsStream("/poller/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture /poller/" + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(String path, Class<T> type) {
        try {
            return MAPPER.readValue(text(path), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(String path, JavaType type) {
        try {
            return MAPPER.readValue(text(path), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
