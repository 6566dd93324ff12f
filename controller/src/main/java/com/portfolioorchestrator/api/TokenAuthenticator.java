package com.portfolioorchestrator.api;

import com.portfolioorchestrator.config.BotConnection;
import com.portfolioorchestrator.config.OperatorAccount;
import com.portfolioorchestrator.config.OrchestratorConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bearer-token authentication. Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, against every
 * configured token without stopping at a match, so the time taken says nothing about which token or how much of it
 * matched. The caller answers 401 without detail when this returns empty.
 */
public final class TokenAuthenticator {
    private record Entry(byte[] digest, Principal principal) {}

    private final List<Entry> entries;

    public TokenAuthenticator(List<BotConnection> bots, List<OperatorAccount> operators) {
        List<Entry> e = new ArrayList<>();
        for (BotConnection b : bots) {
            e.add(new Entry(digest(b.token().reveal()), new Principal.Bot(b.id())));
        }
        for (OperatorAccount o : operators) {
            e.add(new Entry(digest(o.token().reveal()), o.role() == OperatorAccount.Role.OPERATOR
                    ? new Principal.Operator(o.name()) : new Principal.Viewer(o.name())));
        }
        this.entries = List.copyOf(e);
    }

    public static TokenAuthenticator of(OrchestratorConfig config) {
        return new TokenAuthenticator(config.bots(), config.operators());
    }

    /** The principal of an {@code Authorization} header value, or empty for a missing, malformed or unknown token. */
    public Optional<Principal> authenticate(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = authorizationHeader.substring(7).trim();
        if (token.isEmpty()) {
            return Optional.empty();
        }
        byte[] presented = digest(token);
        Principal found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), presented) && found == null) {
                found = entry.principal();
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
