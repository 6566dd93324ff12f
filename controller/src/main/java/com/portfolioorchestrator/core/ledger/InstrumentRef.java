package com.portfolioorchestrator.core.ledger;

import com.portfolioorchestrator.core.Checks;
import java.util.Optional;

/**
 * An instrument as the ledger indexes it: the pair, its base asset (asset caps) and its correlation group (M16 P2).
 * Made once by {@link PositionLedger#instrumentRef} and cached by the caller.
 *
 * @param group      the correlation group, empty when the instrument is in none
 * @param groupIndex the ledger's dense index of the group, -1 when none
 */
public record InstrumentRef(String pair, String baseAsset, Optional<String> group, int assetIndex, int groupIndex) {
    public InstrumentRef {
        Checks.notBlank(pair, "pair");
        Checks.notBlank(baseAsset, "base_asset");
        Checks.notNull(group, "group");
    }
}
