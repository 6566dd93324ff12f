package com.portfolioorchestrator.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads one TOML table with typed accessors that never throw: a missing or bad value is recorded as a
 * {@link ConfigProblem} (with the key's line and column) and the default is returned, so that every problem of a file is
 * reported at once. {@link #finish()} reports the keys nobody asked for as unknown. A TomlTable never leaves this package.
 */
final class TomlReader {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Path file;
    private final TomlTable table;
    private final String prefix;
    private final TomlPosition position;
    private final List<ConfigProblem> problems;
    private final Map<String, String> env;
    private final Set<String> used = new LinkedHashSet<>();

    TomlReader(Path file, TomlTable table, String prefix, TomlPosition position, List<ConfigProblem> problems,
               Map<String, String> env) {
        this.file = file;
        this.table = table;
        this.prefix = prefix;
        this.position = position;
        this.problems = problems;
        this.env = env;
    }

    String path(String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    boolean has(String key) {
        return table.contains(quoted(key));
    }

    Set<String> keys() {
        return table.keySet();
    }

    void problem(String key, String message) {
        TomlPosition p = key == null ? position : table.inputPositionOf(quoted(key));
        if (p == null) {
            p = position;
        }
        problems.add(new ConfigProblem(file, p == null ? 0 : p.line(), p == null ? 0 : p.column(),
                key == null ? (prefix.isEmpty() ? "(file)" : prefix) : path(key), message));
    }

    /** The problem list is shared by every reader of a load. */
    List<ConfigProblem> problems() {
        return problems;
    }

    Path file() {
        return file;
    }

    private Object raw(String key) {
        used.add(key);
        return table.get(quoted(key));
    }

    private static String quoted(String key) {
        // keys such as "BTC" or "options_buy" are bare; quote anything else so dotted asset names stay one key
        return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key.replace("\"", "\\\"") + "\"";
    }

    private static String typeName(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Long) {
            return "an integer";
        }
        if (value instanceof Double) {
            return "a float";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof TomlArray) {
            return "an array";
        }
        if (value instanceof TomlTable) {
            return "a table";
        }
        return value == null ? "missing" : value.getClass().getSimpleName();
    }

    double number(String key, double defaultValue, double min, double max) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        double d;
        if (v instanceof Long l) {
            d = l;
        } else if (v instanceof Double x) {
            d = x;
        } else {
            problem(key, "must be a number, was " + typeName(v) + " " + shown(v));
            return defaultValue;
        }
        if (!Double.isFinite(d) || d < min || d > max) {
            problem(key, "must be in [" + fmt(min) + ", " + fmt(max) + "], was " + fmt(d));
            return defaultValue;
        }
        return d;
    }

    int integer(String key, int defaultValue, int min, int max) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Long l)) {
            problem(key, "must be an integer, was " + typeName(v) + " " + shown(v));
            return defaultValue;
        }
        if (l < min || l > max) {
            problem(key, "must be in [" + min + ", " + max + "], was " + l);
            return defaultValue;
        }
        return (int) (long) l;
    }

    boolean bool(String key, boolean defaultValue) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof Boolean b)) {
            problem(key, "must be true or false, was " + typeName(v) + " " + shown(v));
            return defaultValue;
        }
        return b;
    }

    /** A string with {@code ${VAR}} / {@code ${VAR:-default}} substituted from the environment. */
    String string(String key, String defaultValue) {
        return string(key, defaultValue, false);
    }

    String requiredString(String key) {
        if (!has(key)) {
            used.add(key);
            problem(null, "missing required key '" + key + "'");
            return "";
        }
        return string(key, "");
    }

    /** Like {@link #string} but the value is never shown in a message. */
    Secret secret(String key) {
        if (!has(key)) {
            used.add(key);
            return Secret.of("");
        }
        return Secret.of(string(key, "", true));
    }

    private String string(String key, String defaultValue, boolean secret) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof String s)) {
            problem(key, "must be a string, was " + typeName(v) + (secret ? "" : " " + shown(v)));
            return defaultValue;
        }
        return substitute(key, s);
    }

    private String substitute(String key, String s) {
        Matcher m = VARIABLE.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = env.get(name);
            if (value == null) {
                value = m.group(2);
                if (value == null) {
                    problem(key, "environment variable " + name + " is not set (write ${" + name + ":-default} for a default)");
                    value = "";
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    <E> E choice(String key, E defaultValue, Function<String, Optional<E>> parse, String allowed) {
        if (!has(key)) {
            used.add(key);
            return defaultValue;
        }
        String s = string(key, null);
        if (s == null) {
            return defaultValue;
        }
        Optional<E> e = parse.apply(s);
        if (e.isEmpty()) {
            problem(key, "must be one of " + allowed + ", was '" + s + "'");
            return defaultValue;
        }
        return e.get();
    }

    List<String> strings(String key, List<String> defaultValue) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof TomlArray a)) {
            problem(key, "must be an array of strings, was " + typeName(v) + " " + shown(v));
            return defaultValue;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            Object item = a.get(i);
            if (!(item instanceof String s)) {
                problem(key, "item " + i + " must be a string, was " + typeName(item) + " " + shown(item));
                continue;
            }
            out.add(substitute(key, s));
        }
        return out;
    }

    List<Double> numbers(String key, List<Double> defaultValue, double min, double max) {
        Object v = raw(key);
        if (v == null) {
            return defaultValue;
        }
        if (!(v instanceof TomlArray a)) {
            problem(key, "must be an array of numbers, was " + typeName(v) + " " + shown(v));
            return defaultValue;
        }
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            Object item = a.get(i);
            double d;
            if (item instanceof Long l) {
                d = l;
            } else if (item instanceof Double x) {
                d = x;
            } else {
                problem(key, "item " + i + " must be a number, was " + typeName(item) + " " + shown(item));
                continue;
            }
            if (!Double.isFinite(d) || d < min || d > max) {
                problem(key, "item " + i + " must be in [" + fmt(min) + ", " + fmt(max) + "], was " + fmt(d));
                continue;
            }
            out.add(d);
        }
        return out;
    }

    /** A sub-table (a {@code [section]} or an inline table); empty when absent or not a table. */
    Optional<TomlReader> table(String key) {
        Object v = raw(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v instanceof TomlTable t)) {
            problem(key, "must be a table, was " + typeName(v) + " " + shown(v));
            return Optional.empty();
        }
        return Optional.of(new TomlReader(file, t, path(key), table.inputPositionOf(quoted(key)), problems, env));
    }

    /** An array of tables ({@code [[bots]]} or {@code [ {..}, {..} ]}). */
    List<TomlReader> tables(String key) {
        Object v = raw(key);
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof TomlArray a)) {
            problem(key, "must be an array of tables, was " + typeName(v) + " " + shown(v));
            return List.of();
        }
        List<TomlReader> out = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            Object item = a.get(i);
            if (!(item instanceof TomlTable t)) {
                problem(key, "item " + i + " must be a table, was " + typeName(item));
                continue;
            }
            out.add(new TomlReader(file, t, path(key) + "[" + i + "]", a.inputPositionOf(i), problems, env));
        }
        return out;
    }

    /** Reports every key of this table that no accessor read. */
    void finish() {
        for (String key : table.keySet()) {
            if (!used.contains(key)) {
                problem(key, "unknown key");
            }
        }
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String shown(Object v) {
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof TomlTable || v instanceof TomlArray) {
            return "";
        }
        return String.valueOf(v);
    }
}
