package com.portfolioorchestrator.core.ledger;

import com.portfolioorchestrator.core.Checks;
import com.portfolioorchestrator.core.policy.AssetClass;

/**
 * A bot (or the IBKR account) as the ledger indexes it. Made once by {@link PositionLedger#botRef} and cached by the
 * caller, so that adding a reservation looks nothing up. The strategy of a bot is the bot itself (S1..S7).
 *
 * @param index       the ledger's dense index of the bot
 * @param bucketIndex the ledger's dense index of the bucket
 */
public record BotRef(String botId, String bucket, AssetClass assetClass, int index, int bucketIndex) {
    public BotRef {
        Checks.notBlank(botId, "bot_id");
        Checks.notBlank(bucket, "bucket");
        Checks.notNull(assetClass, "asset_class");
    }
}
