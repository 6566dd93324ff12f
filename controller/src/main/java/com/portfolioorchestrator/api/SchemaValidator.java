package com.portfolioorchestrator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates request bodies against the JSON Schemas of {@code schemas/} (copied onto the classpath by the build, so the
 * files the docs show are the files that validate). Each violation becomes a field error naming the field and the value.
 */
public final class SchemaValidator {
    private final Schema schema;

    private SchemaValidator(Schema schema) {
        this.schema = schema;
    }

    /** Loads {@code schemas/<name>} from the classpath. */
    public static SchemaValidator load(String name) {
        String resource = "/schemas/" + name;
        try (InputStream in = SchemaValidator.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema " + resource + " is not on the classpath");
            }
            SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
            return new SchemaValidator(registry.getSchema(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The field errors of a body, in document order, at most one per field; empty when valid. */
    public List<Problem.FieldError> validate(JsonNode body) {
        List<Error> errors = schema.validate(body);
        Map<String, Problem.FieldError> byField = new LinkedHashMap<>();
        for (Error e : errors) {
            String field = fieldOf(e);
            byField.putIfAbsent(field, new Problem.FieldError(field, messageOf(e, field, body)));
        }
        return new ArrayList<>(byField.values());
    }

    private static String fieldOf(Error e) {
        StringBuilder p = new StringBuilder();
        var location = e.getInstanceLocation();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer index) {
                p.append('[').append(index).append(']');
            } else {
                p.append(p.length() == 0 ? "" : ".").append(element);
            }
        }
        String path = p.toString();
        String property = e.getProperty();
        if (property != null && ("required".equals(e.getKeyword()) || "additionalProperties".equals(e.getKeyword())
                || "dependentRequired".equals(e.getKeyword()))) {
            return path.isEmpty() ? property : path + "." + property;
        }
        return path.isEmpty() ? "(body)" : path;
    }

    private static String messageOf(Error e, String field, JsonNode body) {
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        switch (keyword) {
            case "required":
                return "is required";
            case "additionalProperties":
                return "is not a field of this request (unknown fields are rejected)";
            default:
                break;
        }
        String message = e.getMessage();
        // networknt prefixes the location ("/side: ..."): keep only what is said about the value
        int colon = message.indexOf(": ");
        if (colon >= 0 && (message.startsWith("$") || message.startsWith("/"))) {
            message = message.substring(colon + 2);
        }
        JsonNode value = e.getInstanceNode();
        return message + ", was " + shown(value);
    }

    static String shown(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "absent";
        }
        String text = value.isTextual() ? "'" + value.asText() + "'" : value.toString();
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
