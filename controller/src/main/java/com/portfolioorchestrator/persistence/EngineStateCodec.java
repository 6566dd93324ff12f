package com.portfolioorchestrator.persistence;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.portfolioorchestrator.core.engine.EngineState;

/**
 * The engine's state as JSON for the {@code engine_state} table. Records are written field by field, so the text is a
 * faithful copy of the value: {@code decode(encode(s)).equals(s)} (tested on a state full of positions, reservations,
 * breakers and windows). Unknown fields fail decoding: a state written by a newer build is not silently half-read.
 */
public final class EngineStateCodec {
    /** The {@code engine_state} key the whole engine state is stored under. */
    public static final String PART = "engine";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EngineStateCodec() {}

    public static String encode(EngineState state) {
        try {
            return MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new PersistenceException("cannot encode the engine state: " + e.getOriginalMessage(), e);
        }
    }

    /** Any other plain value stored beside the engine state (records, lists, maps, Optional, Instant). */
    public static String encodeValue(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new PersistenceException("cannot encode " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    public static <T> T decodeValue(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new PersistenceException("stored " + type.getSimpleName() + " is unreadable: " + e.getOriginalMessage(), e);
        }
    }

    public static EngineState decode(String json) {
        try {
            return MAPPER.readValue(json, EngineState.class);
        } catch (JsonProcessingException e) {
            throw new PersistenceException("stored engine state is unreadable: " + e.getOriginalMessage(), e);
        }
    }
}
