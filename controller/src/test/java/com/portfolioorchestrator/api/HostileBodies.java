package com.portfolioorchestrator.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Malformed or hostile requests, generated from a seed. Every case is invalid by construction (no mutation can leave
 * a valid request behind), so none may be answered 200 and none may change any state. Bodies are built as text,
 * not through a JSON library, so that duplicate keys, NaN literals, truncations and broken UTF-8 reach the server as
 * written.
 */
final class HostileBodies {
    /** One request: where, with which token and content type, what body, and what kind of hostility (for messages). */
    record Case(String path, String token, String contentType, byte[] body, String kind) {
        String shown() {
            String text = new String(body, StandardCharsets.UTF_8);
            String cut = text.length() > 300 ? text.substring(0, 300) + "...(" + body.length + " bytes)" : text;
            return kind + " POST " + path + " [" + contentType + "] " + cut;
        }
    }

    static final String JSON = "application/json";
    private static final String[] BOTS = {"S1", "S2", "S3", "S4", "S5", "S6", "S7"};
    private static final String[] PAIRS = {"BTC/USDT:USDT", "ETH/USDT:USDT", "SOL/USDT:USDT", "XRP/USDT:USDT", "ETH/USDC", "ADA/USDT"};
    private static final String[] STRING_FIELDS = {"request_id", "bot_id", "pair"};
    private static final String[] ENUM_FIELDS = {"side", "kind", "order_type", "grade"};
    private static final String[] NUMBER_FIELDS = {"stake_amount", "leverage", "entry_price", "stop_price", "min_stake",
            "spread_bps", "expected_slippage_bps", "funding_rate", "edge_score"};
    /** Values of the wrong JSON type for a string or enum field (an enum also refuses every other string). */
    private static final String[] NOT_STRINGS = {"null", "true", "false", "0", "1", "-1", "1.5", "[]", "{}", "[\"long\"]",
            "{\"a\":1}", "[null]", "1e3"};
    /** Values of the wrong JSON type for a number field. */
    private static final String[] NOT_NUMBERS = {"null", "true", "false", "\"1\"", "\"100\"", "\"\"", "[]", "{}", "[1]",
            "{\"value\":1}", "\"0x10\"", "\"1e3\"", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"nan\"", "\"inf\""};
    private static final String[] NON_FINITE_LITERALS = {"NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "INF", "nan",
            "infinity", "+1", "01", "1.", ".5", "1e", "--1", "0x1F", "1_000", "١"};
    private static final String[] HUGE = {"1e400", "-1e400", "1e309", "-1e309", "1E+999999999", "1e16", "1e100"};
    /** Invalid values of each number field: out of the schema's range, zero or negative where it must be positive. */
    private static final Map<String, String[]> OUT_OF_RANGE = Map.of(
            "stake_amount", new String[] {"0", "-0", "-0.0", "-1", "-1e-300", "1e15000", "1.0000000001e15", "1e-400", "0e10"},
            "leverage", new String[] {"0", "0.999999", "-1", "1000.0001", "1e400", "-0"},
            "entry_price", new String[] {"0", "-1", "-0.0", "1e16", "1e-400", "0.0e-5"},
            "stop_price", new String[] {"0", "-5", "1e16", "1e-400"},
            "min_stake", new String[] {"-0.01", "-1", "1e16"},
            "spread_bps", new String[] {"-0.0001", "-1", "100000.5", "1e400"},
            "expected_slippage_bps", new String[] {"-0.5", "-1e-9", "100001"},
            "funding_rate", new String[] {"-1.0001", "1.5", "-2", "1e400"},
            "edge_score", new String[] {"-1000001", "1e7", "-1e400"});
    private static final String[] BAD_ATTEMPTS = {"0", "-1", "4", "100", "1.5", "2.5", "\"2\"", "null", "true", "[2]", "1e400"};
    private static final String[] CONTENT_TYPES = {"text/plain", "application/xml", "text/json", "application/jsonp",
            "application/json-seq", "application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz",
            "application/octet-stream", "application/problem+json", "application/json-patch+json", "json", "*/*",
            "text/html; charset=utf-8", "application/javascript", "application/x-json"};

    private final Random random;
    private final Map<String, String> tokens;
    private final String fillPath;
    private final String cancelPath;
    private final String usedRequestId;

    /**
     * @param tokens        bot id -> its bearer token
     * @param decisionId    an allowed decision of S1 whose reservation fill and cancel requests aim at
     * @param usedRequestId a request id S1 already used (a different body with it is a 409)
     */
    HostileBodies(long seed, Map<String, String> tokens, String decisionId, String usedRequestId) {
        this.random = new Random(seed);
        this.tokens = Map.copyOf(tokens);
        this.fillPath = "/api/v1/decisions/" + decisionId + "/fill";
        this.cancelPath = "/api/v1/decisions/" + decisionId + "/cancel";
        this.usedRequestId = usedRequestId;
    }

    /** At least {@code count} cases: every truncation of a few valid bodies, then random hostile ones. */
    List<Case> generate(int count) {
        List<Case> out = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            Map<String, String> valid = validRequest();
            String text = render(valid);
            for (int cut = 0; cut < text.length(); cut++) {
                out.add(decision(valid, text.substring(0, cut).getBytes(StandardCharsets.UTF_8), "truncated@" + cut));
            }
        }
        String fill = "{\"trade_id\": 4242}";
        for (int cut = 0; cut < fill.length(); cut++) {
            out.add(new Case(fillPath, tokens.get("S1"), JSON, bytes(fill.substring(0, cut)), "fill-truncated@" + cut));
        }
        out.add(new Case(cancelPath, tokens.get("S1"), JSON, bytes("{"), "cancel-truncated@1"));
        while (out.size() < count) {
            int pick = random.nextInt(100);
            if (pick < 80) {
                out.add(hostileDecision());
            } else if (pick < 90) {
                out.add(hostileFill());
            } else {
                out.add(hostileCancel());
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ decisions

    /** A valid decision request (as raw JSON values in field order) of a random bot. */
    Map<String, String> validRequest() {
        Map<String, String> m = new LinkedHashMap<>();
        String bot = BOTS[random.nextInt(BOTS.length)];
        double entry = 1 + random.nextInt(100_000);
        m.put("request_id", quote("hostile-" + Long.toHexString(random.nextLong())));
        m.put("bot_id", quote(bot));
        m.put("pair", quote(PAIRS[random.nextInt(PAIRS.length)]));
        boolean isLong = random.nextBoolean();
        m.put("side", quote(isLong ? "long" : "short"));
        if (random.nextBoolean()) {
            m.put("kind", quote(random.nextBoolean() ? "entry" : "increase"));
        }
        m.put("stake_amount", num(1 + random.nextInt(5000)));
        if (random.nextBoolean()) {
            m.put("leverage", num(1 + random.nextInt(5)));
        }
        m.put("entry_price", num(entry));
        if (random.nextBoolean()) {
            m.put("stop_price", num(isLong ? entry * 0.98 : entry * 1.02));
        }
        if (random.nextBoolean()) {
            m.put("min_stake", num(random.nextInt(10)));
        }
        if (random.nextBoolean()) {
            m.put("order_type", quote(random.nextBoolean() ? "limit" : "market"));
        }
        m.put("spread_bps", num(random.nextInt(10)));
        m.put("expected_slippage_bps", num(random.nextInt(10)));
        if (random.nextBoolean()) {
            m.put("funding_rate", num((random.nextInt(21) - 10) / 10_000.0));
        }
        if (random.nextBoolean()) {
            m.put("edge_score", num(random.nextGaussian() / 100));
        }
        if (random.nextBoolean()) {
            m.put("grade", quote(new String[] {"A+", "A", "B", "C"}[random.nextInt(4)]));
        }
        return m;
    }

    private Case hostileDecision() {
        Map<String, String> m = validRequest();
        int kind = random.nextInt(24);
        switch (kind) {
            case 0: {
                String f = pickPresent(m, STRING_FIELDS);
                m.put(f, NOT_STRINGS[random.nextInt(NOT_STRINGS.length)]);
                return decision(m, "wrong-type:" + f);
            }
            case 1: {
                String f = ENUM_FIELDS[random.nextInt(ENUM_FIELDS.length)];
                String[] bad = {"\"LONG\"", "\"Short\"", "\"\"", "\" long\"", "\"entry \"", "\"A++\"", "\"a\"", "\"limit\\u0000\"",
                        "\"market\\n\"", "\"buy\"", "\"sell\"", NOT_STRINGS[random.nextInt(NOT_STRINGS.length)]};
                m.put(f, bad[random.nextInt(bad.length)]);
                return decision(m, "bad-enum:" + f);
            }
            case 2: {
                String f = NUMBER_FIELDS[random.nextInt(NUMBER_FIELDS.length)];
                m.put(f, NOT_NUMBERS[random.nextInt(NOT_NUMBERS.length)]);
                return decision(m, "wrong-type:" + f);
            }
            case 3: {
                String f = NUMBER_FIELDS[random.nextInt(NUMBER_FIELDS.length)];
                m.put(f, NON_FINITE_LITERALS[random.nextInt(NON_FINITE_LITERALS.length)]);
                return decision(m, "non-finite-literal:" + f);
            }
            case 4: {
                String f = NUMBER_FIELDS[random.nextInt(NUMBER_FIELDS.length)];
                String v = HUGE[random.nextInt(HUGE.length)];
                // out of every number field's schema range, whatever its sign
                m.put(f, v);
                return decision(m, "huge:" + f + "=" + v);
            }
            case 5: {
                String f = NUMBER_FIELDS[random.nextInt(NUMBER_FIELDS.length)];
                m.put(f, digits(65 + random.nextInt(400)));
                return decision(m, "long-integer:" + f);
            }
            case 6: {
                String f = NUMBER_FIELDS[random.nextInt(NUMBER_FIELDS.length)];
                String[] bad = OUT_OF_RANGE.get(f);
                String v = bad[random.nextInt(bad.length)];
                m.put(f, v);
                return decision(m, "out-of-range:" + f + "=" + v);
            }
            case 7: {
                m.put("attempt", BAD_ATTEMPTS[random.nextInt(BAD_ATTEMPTS.length)]);
                if (random.nextBoolean()) {
                    m.put("retry_of", quote("d-" + Long.toHexString(random.nextLong())));
                }
                return decision(m, "bad-attempt");
            }
            case 8: {
                m.put("attempt", String.valueOf(2 + random.nextInt(2)));
                if (random.nextBoolean()) {
                    m.put("retry_of", quote("d-" + Long.toHexString(random.nextLong())));
                }
                return decision(m, "retry-of-unknown-or-missing");
            }
            case 9: {
                String[] names = {"colour", "x_" + random.nextInt(1000), "Request_Id", "stake", "__proto__", "constructor",
                        "bot_id ", " side", "", "\\u0000", "stake_amount\\u0000", "STAKE_AMOUNT", "decision_id", "allowed"};
                m.put(names[random.nextInt(names.length)], randomJsonValue(3));
                return decision(m, "unknown-field");
            }
            case 10: {
                String f = pickPresent(m, new String[] {"request_id", "bot_id", "pair", "side", "stake_amount", "entry_price"});
                m.remove(f);
                return decision(m, "missing:" + f);
            }
            case 11: {
                List<String> keys = new ArrayList<>(m.keySet());
                String f = keys.get(random.nextInt(keys.size()));
                String text = render(m);
                String dup = "\"" + f + "\":" + (random.nextBoolean() ? m.get(f) : randomJsonValue(1)) + ",";
                return decision(m, bytes("{" + dup + text.substring(1)), "duplicate-key:" + f);
            }
            case 12: {
                int depth = new int[] {17, 64, 1000, 10_000}[random.nextInt(4)];
                boolean arrays = random.nextBoolean();
                String nested = arrays ? "[".repeat(depth) + "]".repeat(depth) : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                if (random.nextBoolean()) {
                    return decision(m, bytes(nested), "deep-" + (arrays ? "array" : "object") + "-body:" + depth);
                }
                String f = pickPresent(m, m.keySet().toArray(new String[0]));
                m.put(f, nested);
                return decision(m, "deep-" + (arrays ? "array" : "object") + "-field:" + f + ":" + depth);
            }
            case 13: {
                String[] notObjects = {"[]", "[" + render(m) + "]", "\"" + "x".repeat(random.nextInt(100)) + "\"", "42", "-1.5e3",
                        "null", "true", "false", "[1,2,3]", "[null]", "\"{}\""};
                return decision(m, bytes(notObjects[random.nextInt(notObjects.length)]), "not-an-object");
            }
            case 14: {
                String[] empties = {"", " ", "\n\t ", "\r\n", "\u00a0"};
                return decision(m, bytes(empties[random.nextInt(empties.length)]), "empty");
            }
            case 15: {
                Map<String, String> valid = m;
                String type = CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)];
                return new Case("/api/v1/decisions", tokenOf(valid), random.nextInt(5) == 0 ? null : type,
                        bytes(render(valid)), "content-type:" + type);
            }
            case 16: {
                String f = new String[] {"request_id", "pair", "retry_of"}[random.nextInt(3)];
                int length = 65 + random.nextInt(random.nextBoolean() ? 100 : 60_000);
                m.put(f, quote("z".repeat(length)));
                if (f.equals("retry_of")) {
                    m.put("attempt", "2");
                }
                return decision(m, "long-string:" + f + ":" + length);
            }
            case 17: {
                String text = render(m);
                int length = ApiServer.MAX_BODY_BYTES + 1 + random.nextInt(4096);
                String padded = "{\"pad\":\"" + "p".repeat(Math.max(0, length - text.length() - 9)) + "\"," + text.substring(1);
                return decision(m, bytes(padded), "over-64KiB");
            }
            case 18: {
                // a raw (unescaped) control character inside a string or between tokens
                String text = render(m);
                char control = (char) random.nextInt(0x20);
                if (control == '\t' || control == '\n' || control == '\r') {
                    control = 0x01;
                }
                int at = text.indexOf("\"", 1 + random.nextInt(text.length() - 2));
                at = at < 0 ? 1 : at;
                return decision(m, bytes(text.substring(0, at + 1) + control + text.substring(at + 1)), "control-char");
            }
            case 19: {
                byte[][] invalid = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xFE}, {(byte) 0xE2, (byte) 0x82},
                        {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
                        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}};
                byte[] bad = invalid[random.nextInt(invalid.length)];
                // inside an enum value (refused whatever the parser makes of the bytes) or between tokens
                String f = ENUM_FIELDS[random.nextInt(ENUM_FIELDS.length)];
                m.put(f, "\"lo@@ng\"");
                String text = render(m);
                int at = random.nextBoolean() ? text.indexOf("@@") : 1;
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                byte[] before = bytes(text.substring(0, at));
                byte[] after = bytes(text.substring(at).replace("@@", ""));
                out.writeBytes(before);
                out.writeBytes(bad);
                out.writeBytes(after);
                return decision(m, out.toByteArray(), "invalid-utf8");
            }
            case 20: {
                // a semantic error the schema cannot see
                String v = m.get("entry_price");
                double entry = Double.parseDouble(v);
                int which = random.nextInt(4);
                if (which == 0) {
                    m.put("stop_price", num(m.get("side").contains("long") ? entry * 1.01 : entry * 0.99));
                } else if (which == 1) {
                    m.put("stop_price", v);
                } else if (which == 2) {
                    m.put("retry_of", quote("d-" + Long.toHexString(random.nextLong())));
                } else {
                    m.put("request_id", quote(" ".repeat(1 + random.nextInt(10))));
                }
                return decision(m, "semantic:" + which);
            }
            case 21: {
                // the request id S1 already used, with another body
                Map<String, String> s1 = validRequest();
                s1.put("bot_id", quote("S1"));
                s1.put("request_id", quote(usedRequestId));
                s1.put("stake_amount", num(1 + random.nextInt(5000) + 0.5));
                return decision(s1, "request-id-reused");
            }
            case 22: {
                // wrong or missing credentials for a valid body
                String[] wrong = {null, "", "nope", tokens.get("S2") + "x", tokens.get(other(m))};
                String token = wrong[random.nextInt(wrong.length)];
                return new Case("/api/v1/decisions", token, JSON, bytes(render(m)), "credentials");
            }
            default: {
                // several mutations at once
                m.put("stake_amount", NOT_NUMBERS[random.nextInt(NOT_NUMBERS.length)]);
                m.put("x_" + random.nextInt(100), randomJsonValue(4));
                m.remove("side");
                return decision(m, "several");
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ fill, cancel

    private Case hostileFill() {
        String s1 = tokens.get("S1");
        int kind = random.nextInt(9);
        String body;
        switch (kind) {
            case 0 -> body = "{\"trade_id\":" + new String[] {"null", "true", "[]", "{}", "-1", "1.5", "\"\"", "\"   \"",
                    "-0.5", "1e400", "[1]", digits(70), "NaN", "Infinity"}[random.nextInt(14)] + "}";
            case 1 -> body = "{\"trade_id\": 1, \"" + new String[] {"x", "trade", "decision_id", ""}[random.nextInt(4)] + "\": 2}";
            case 2 -> body = "{}";
            case 3 -> body = "{\"trade_id\": 1, \"trade_id\": 2}";
            case 4 -> body = new String[] {"[]", "[{\"trade_id\":1}]", "1", "\"7\"", "null", "", " "}[random.nextInt(7)];
            case 5 -> body = "{\"trade_id\":" + "[".repeat(1000) + "]".repeat(1000) + "}";
            case 6 -> body = "{\"trade_id\": \"" + "9".repeat(65 + random.nextInt(1000)) + "\"}";
            case 7 -> {
                return new Case(fillPath, s1, CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)], bytes("{\"trade_id\": 5}"),
                        "fill-content-type");
            }
            default -> {
                String[] wrong = {null, "nope", tokens.get("S2"), tokens.get("S3")};
                return new Case(fillPath, wrong[random.nextInt(wrong.length)], JSON, bytes("{\"trade_id\": 5}"), "fill-credentials");
            }
        }
        return new Case(fillPath, s1, JSON, bytes(body), "fill:" + kind);
    }

    private Case hostileCancel() {
        String s1 = tokens.get("S1");
        int kind = random.nextInt(6);
        switch (kind) {
            case 0:
                return new Case(cancelPath, s1, JSON, bytes(new String[] {"{", "}", "[]", "[{}]", "null", "1", "\"\"", "{}{}",
                        "{} x", "{\"a\":1}", "{\"reason\":\"x\"}", "{\"\":null}", " "}[random.nextInt(13)]), "cancel-body");
            case 1:
                return new Case(cancelPath, s1, JSON, bytes("[".repeat(10_000) + "]".repeat(10_000)), "cancel-deep");
            case 2:
                return new Case(cancelPath, s1, CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)], bytes("{}"), "cancel-content-type");
            case 3:
                return new Case(cancelPath, s1, JSON, bytes("{\"p\":\"" + "q".repeat(ApiServer.MAX_BODY_BYTES) + "\"}"), "cancel-over-64KiB");
            case 4: {
                String[] wrong = {null, "nope", tokens.get("S2"), tokens.get("S7")};
                return new Case(cancelPath, wrong[random.nextInt(wrong.length)], JSON, bytes("{}"), "cancel-credentials");
            }
            default:
                return new Case(cancelPath, s1, null, bytes("{}"), "cancel-no-content-type");
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private Case decision(Map<String, String> m, String kind) {
        return decision(m, bytes(render(m)), kind);
    }

    private Case decision(Map<String, String> m, byte[] body, String kind) {
        return new Case("/api/v1/decisions", tokenOf(m), JSON, body, kind);
    }

    /** The token of the body's bot when it names one, else S1's. */
    private String tokenOf(Map<String, String> m) {
        String bot = m.getOrDefault("bot_id", "\"S1\"");
        String id = bot.length() > 2 && bot.startsWith("\"") ? bot.substring(1, bot.length() - 1) : "S1";
        return tokens.getOrDefault(id, tokens.get("S1"));
    }

    private String other(Map<String, String> m) {
        String own = m.get("bot_id");
        String pick;
        do {
            pick = BOTS[random.nextInt(BOTS.length)];
        } while (own.equals(quote(pick)));
        return pick;
    }

    private String pickPresent(Map<String, String> m, String[] fields) {
        while (true) {
            String f = fields[random.nextInt(fields.length)];
            if (m.containsKey(f)) {
                return f;
            }
        }
    }

    private String randomJsonValue(int depth) {
        int k = random.nextInt(depth <= 0 ? 5 : 7);
        return switch (k) {
            case 0 -> "null";
            case 1 -> String.valueOf(random.nextInt());
            case 2 -> quote("v" + random.nextInt(100));
            case 3 -> random.nextBoolean() ? "true" : "false";
            case 4 -> num(random.nextGaussian());
            case 5 -> "[" + randomJsonValue(depth - 1) + "," + randomJsonValue(depth - 1) + "]";
            default -> "{\"k\":" + randomJsonValue(depth - 1) + "}";
        };
    }

    private String digits(int n) {
        StringBuilder b = new StringBuilder(n);
        b.append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < n; i++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    static String render(Map<String, String> m) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, String> e : m.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append('"').append(e.getKey()).append("\":").append(e.getValue());
        }
        return b.append('}').toString();
    }

    private static String quote(String s) {
        return "\"" + s + "\"";
    }

    private static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
