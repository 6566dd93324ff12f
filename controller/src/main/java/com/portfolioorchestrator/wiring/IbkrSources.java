package com.portfolioorchestrator.wiring;

import com.portfolioorchestrator.adapters.ibkr.Account;
import com.portfolioorchestrator.adapters.ibkr.IbkrClient;
import com.portfolioorchestrator.adapters.ibkr.IbkrException;
import com.portfolioorchestrator.app.polling.ports.IbkrSource;
import com.portfolioorchestrator.app.polling.ports.SourceException;
import com.portfolioorchestrator.app.portfolio.source.IbkrAccount;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The IBKR port over {@link IbkrClient}. {@code /portfolio/accounts} (allowed once per 5 s, and required before the
 * other portfolio endpoints) is called once and cached; a failure leaves the cache empty so the next poll tries again.
 */
public final class IbkrSources implements IbkrSource {
    private final IbkrClient client;
    private final String accountId;
    private volatile Account account; // cached after the first good /portfolio/accounts

    public IbkrSources(IbkrClient client, String accountId) {
        this.client = Objects.requireNonNull(client, "client");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
    }

    @Override
    public void tickle() {
        call(client::tickle);
    }

    @Override
    public IbkrAccount account() {
        Account known = account;
        if (known == null) {
            List<Account> accounts = call(client::getAccounts);
            known = accounts.stream().filter(a -> accountId.equals(a.accountId())).findFirst()
                    .orElseThrow(() -> new SourceException("ACCOUNT_NOT_FOUND", false, "IBKR account " + accountId
                            + " is not among the gateway's accounts " + accounts.stream().map(Account::accountId).toList(),
                            null));
            account = known;
        }
        String currency = known.currency();
        return IbkrSnapshots.parse(currency, call(() -> client.getSummary(accountId)),
                call(() -> client.getLedger(accountId)), call(() -> client.getPositions(accountId)));
    }

    private static <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (IbkrException e) {
            throw new SourceException(e.kind().name(), e.isRetryable(), "IBKR " + e.getMessage(), e);
        }
    }
}
