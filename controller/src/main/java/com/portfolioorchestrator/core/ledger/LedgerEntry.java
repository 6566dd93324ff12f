package com.portfolioorchestrator.core.ledger;

import com.portfolioorchestrator.core.Checks;
import com.portfolioorchestrator.core.EntryKind;
import com.portfolioorchestrator.core.Side;
import com.portfolioorchestrator.core.policy.AssetClass;

/**
 * One ledger entry as a plain value (seed M16 5.1): the read-only view for {@code GET /api/v1/state} and the form in
 * which the ledger is saved and restored. Amounts are in the base currency; times are epoch milliseconds (UTC).
 *
 * @param sequence      insertion order, kept across a restart so that views and snapshots stay in the same order
 * @param id            a position: {@code botId/tradeId}; a reservation: the decision id
 * @param kind          for a reservation, what it opens; a position is always {@link EntryKind#ENTRY}
 * @param notional      gross notional (|size| x price x leverage), base currency, >= 0
 * @param riskAtStop    loss if the stop is hit, base currency, >= 0 (0 when the stop is at or beyond break-even)
 * @param expiresAtMs   a reservation's expiry; {@link Long#MAX_VALUE} for a position
 * @param tradeId       the bot's trade id: of the position, or linked to a reservation by a fill report; "" if none
 * @param filledAtMs    when a fill report linked the reservation, -1 if none
 * @param correlationGroup "" when the instrument is in no group
 */
public record LedgerEntry(long sequence, LedgerEntryType type, String id, String botId, String bucket,
                          AssetClass assetClass, String pair, String baseAsset, String correlationGroup, Side side,
                          EntryKind kind, double notional, double riskAtStop, long openedAtMs, long expiresAtMs,
                          String tradeId, long filledAtMs) {
    public LedgerEntry {
        Checks.notNull(type, "type");
        Checks.notBlank(id, "id");
        Checks.notBlank(botId, "bot_id");
        Checks.notBlank(bucket, "bucket");
        Checks.notNull(assetClass, "asset_class");
        Checks.notBlank(pair, "pair");
        Checks.notBlank(baseAsset, "base_asset");
        Checks.notNull(correlationGroup, "correlation_group");
        Checks.notNull(side, "side");
        Checks.notNull(kind, "kind");
        Checks.nonNegative(notional, "notional");
        Checks.nonNegative(riskAtStop, "risk_at_stop");
        Checks.notNull(tradeId, "trade_id");
    }

    /** The strategy is the bot (S1..S7 each run one strategy). */
    public String strategy() {
        return botId;
    }

    /** True when the entry occupies a position slot: every position, and a reservation for a new entry. */
    public boolean opensPosition() {
        return type == LedgerEntryType.POSITION || kind == EntryKind.ENTRY;
    }
}
