package com.portfolioorchestrator.persistence;

import com.portfolioorchestrator.core.Checks;
import java.time.Instant;
import java.util.Optional;

/**
 * Which decisions {@link DecisionLog#find} and {@link DecisionLog#count} return; every criterion is optional and they
 * combine with AND. Build with {@link #all()} and the {@code with...} methods.
 *
 * @param botId    only this bot
 * @param since    only decisions received at or after this instant (millisecond precision)
 * @param denied   true: only denied; false: only allowed
 * @param denyCode only this deny code (implies denied)
 */
public record DecisionFilter(Optional<String> botId, Optional<Instant> since, Optional<Boolean> denied,
                             Optional<String> denyCode) {
    public DecisionFilter {
        Checks.notNull(botId, "bot");
        Checks.notNull(since, "since");
        Checks.notNull(denied, "denied");
        Checks.notNull(denyCode, "code");
        botId.ifPresent(value -> Checks.notBlank(value, "bot"));
        denyCode.ifPresent(value -> Checks.notBlank(value, "code"));
    }

    public static DecisionFilter all() {
        return new DecisionFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    public DecisionFilter withBot(String bot) {
        return new DecisionFilter(Optional.of(Checks.notBlank(bot, "bot")), since, denied, denyCode);
    }

    public DecisionFilter withSince(Instant instant) {
        return new DecisionFilter(botId, Optional.of(Checks.notNull(instant, "since")), denied, denyCode);
    }

    public DecisionFilter withDenied(boolean isDenied) {
        return new DecisionFilter(botId, since, Optional.of(isDenied), denyCode);
    }

    public DecisionFilter withDenyCode(String code) {
        return new DecisionFilter(botId, since, denied, Optional.of(Checks.notBlank(code, "code")));
    }
}
