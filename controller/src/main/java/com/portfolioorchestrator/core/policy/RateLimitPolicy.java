package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;

/**
 * Rate limits (FLOF RiskOverlord). Allowed entries per bot per minute and per hour are decided by the engine;
 * {@code requestsPerSecond} is the HTTP limit per bot token, answered 429 by the API.
 */
public record RateLimitPolicy(int perBotPerMinute, int perBotPerHour, int requestsPerSecond) {
    public RateLimitPolicy {
        Checks.positive(perBotPerMinute, "per_bot_per_minute");
        Checks.positive(perBotPerHour, "per_bot_per_hour");
        Checks.positive(requestsPerSecond, "requests_per_second");
    }
}
