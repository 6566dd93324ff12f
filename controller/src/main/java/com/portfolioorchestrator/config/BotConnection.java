package com.portfolioorchestrator.config;

/**
 * How to reach one Freqtrade bot and how it authenticates to us.
 *
 * @param url      the bot's REST API base, e.g. {@code http://127.0.0.1:8081}
 * @param token    the bearer token this bot presents to the decision API
 */
public record BotConnection(String id, String url, AuthKind auth, Secret username, Secret password, Secret token) {
    /** Freqtrade REST API authentication. */
    public enum AuthKind { BASIC, JWT }
}
