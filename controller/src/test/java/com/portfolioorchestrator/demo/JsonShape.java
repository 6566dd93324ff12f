package com.portfolioorchestrator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * Compares the shape of a JSON answer with a fixture: the same field names at every level and the same JSON types
 * (string, boolean, integer, float, object, array). A null on either side is accepted (the field is nullable).
 */
final class JsonShape {
    private JsonShape() {
    }

    /** Differences, empty when the shapes match. */
    static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> out = new ArrayList<>();
        compare(expected, actual, "$", out);
        return out;
    }

    private static void compare(JsonNode expected, JsonNode actual, String path, List<String> out) {
        if (expected == null || actual == null || expected.isNull() || actual.isNull()) {
            return;
        }
        if (expected.isObject()) {
            if (!actual.isObject()) {
                out.add(path + ": expected an object, was " + actual.getNodeType());
                return;
            }
            TreeSet<String> want = names(expected);
            TreeSet<String> got = names(actual);
            if (!want.equals(got)) {
                TreeSet<String> missing = new TreeSet<>(want);
                missing.removeAll(got);
                TreeSet<String> extra = new TreeSet<>(got);
                extra.removeAll(want);
                out.add(path + ": missing " + missing + ", extra " + extra);
            }
            for (String name : want) {
                compare(expected.get(name), actual.get(name), path + "." + name, out);
            }
            return;
        }
        if (expected.isArray()) {
            if (!actual.isArray()) {
                out.add(path + ": expected an array, was " + actual.getNodeType());
                return;
            }
            if (expected.isEmpty()) {
                return;
            }
            JsonNode first = expected.get(0);
            for (int i = 0; i < actual.size(); i++) {
                if (first.isArray() || first.isObject()) {
                    compare(first, actual.get(i), path + "[" + i + "]", out);
                } else if (i < expected.size()) {
                    compare(expected.get(i), actual.get(i), path + "[" + i + "]", out);
                }
            }
            return;
        }
        String want = kind(expected);
        String got = kind(actual);
        if (!want.equals(got)) {
            out.add(path + ": expected " + want + " (" + expected + "), was " + got + " (" + actual + ")");
        }
    }

    private static String kind(JsonNode node) {
        if (node.isTextual()) {
            return "string";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isFloatingPointNumber()) {
            return "float";
        }
        return node.getNodeType().toString();
    }

    private static TreeSet<String> names(JsonNode node) {
        TreeSet<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
