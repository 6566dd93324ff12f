package com.portfolioorchestrator.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The HS256 JSON Web Tokens a Freqtrade API server issues (PyJWT): header {@code {"alg":"HS256","typ":"JWT"}}, payload
 * {@code {"identity":{"u":user},"exp":s,"iat":s,"type":"access"|"refresh"}}, compact JSON, base64url without padding.
 * Byte-for-byte the same tokens as Freqtrade for the same secret and times.
 */
final class Jwt {
    private static final String HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final ObjectMapper mapper;
    private final byte[] secret;

    Jwt(ObjectMapper mapper, String secret) {
        this.mapper = mapper;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    String issue(String username, long issuedAtSeconds, long lifetimeSeconds, String type) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("identity", Map.of("u", username));
        payload.put("exp", issuedAtSeconds + lifetimeSeconds);
        payload.put("iat", issuedAtSeconds);
        payload.put("type", type);
        try {
            String signingInput = ENCODER.encodeToString(HEADER.getBytes(StandardCharsets.UTF_8)) + "."
                    + ENCODER.encodeToString(mapper.writeValueAsBytes(payload));
            return signingInput + "." + ENCODER.encodeToString(sign(signingInput));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot serialise a JWT payload", e);
        }
    }

    /** The username of a valid, unexpired token of {@code type}, or empty (bad signature, malformed, expired, wrong type). */
    Optional<String> verify(String token, long nowSeconds, String type) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            byte[] expected = sign(parts[0] + "." + parts[1]);
            if (!MessageDigest.isEqual(expected, DECODER.decode(parts[2]))) {
                return Optional.empty();
            }
            JsonNode payload = mapper.readTree(DECODER.decode(parts[1]));
            JsonNode exp = payload.get("exp");
            if (exp == null || !exp.canConvertToLong() || exp.asLong() <= nowSeconds) {
                return Optional.empty();
            }
            if (!type.equals(payload.path("type").asText())) {
                return Optional.empty();
            }
            JsonNode user = payload.path("identity").path("u");
            return user.isTextual() ? Optional.of(user.asText()) : Optional.empty();
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    private byte[] sign(String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
