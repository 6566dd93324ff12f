package com.portfolioorchestrator.app.portfolio;

import com.portfolioorchestrator.app.portfolio.source.IbkrAccount;
import com.portfolioorchestrator.core.Checks;
import java.time.Instant;
import java.util.Optional;

/** The latest good IBKR account poll and when it was taken; the latest failure for the stale reason. */
public record IbkrData(Optional<IbkrAccount> account, Optional<Instant> polledAt, Optional<String> lastFailure) {
    public IbkrData {
        Checks.notNull(account, "account");
        Checks.notNull(polledAt, "polledAt");
        Checks.notNull(lastFailure, "lastFailure");
        if (account.isPresent() != polledAt.isPresent()) {
            throw new IllegalArgumentException("account and polledAt go together");
        }
    }

    public static IbkrData none() {
        return new IbkrData(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
