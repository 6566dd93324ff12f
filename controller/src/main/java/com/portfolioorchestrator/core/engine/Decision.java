package com.portfolioorchestrator.core.engine;

import com.portfolioorchestrator.core.Checks;
import com.portfolioorchestrator.core.DenyCode;
import com.portfolioorchestrator.core.TradingState;
import com.portfolioorchestrator.core.policy.ProfileName;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The answer to a {@link DecisionRequest} (PRODUCT.md section 3); the API layer serialises it field by field.
 * Stakes are in the request's stake currency.
 *
 * @param approvedStake        0 when denied
 * @param sizeMultiplier       approvedStake / requestedStake (multipliers, caps and retry size together); 0 when denied
 * @param deniedBy             the first failing gate's code; empty when allowed
 * @param reasons              human-readable lines, each starting with a code ({@code ASSET_CAP_SCALED: ...})
 * @param checks               the evaluated checks in evaluation order; evaluation stops at the first deny
 * @param multipliers          every named multiplier, also when the decision is denied
 * @param reservationExpiresAt when the reservation of an allowed decision lapses without a fill; empty when denied
 */
public record Decision(String decisionId, String requestId, boolean allowed, double approvedStake,
                       double requestedStake, double sizeMultiplier, Optional<DenyCode> deniedBy, List<String> reasons,
                       List<GateCheck> checks, Multipliers multipliers, ExecutionPlan execution, ProfileName profile,
                       TradingState tradingState, Optional<Instant> reservationExpiresAt) {
    public Decision {
        Checks.notBlank(decisionId, "decision_id");
        Checks.notBlank(requestId, "request_id");
        Checks.nonNegative(approvedStake, "approved_stake_amount");
        Checks.positive(requestedStake, "requested_stake_amount");
        Checks.nonNegative(sizeMultiplier, "size_multiplier");
        Checks.notNull(deniedBy, "denied_by");
        reasons = List.copyOf(reasons);
        checks = List.copyOf(checks);
        Checks.notNull(multipliers, "multipliers");
        Checks.notNull(execution, "execution");
        Checks.notNull(profile, "profile");
        Checks.notNull(tradingState, "trading_state");
        Checks.notNull(reservationExpiresAt, "reservation_expires_at");
        if (allowed != deniedBy.isEmpty()) {
            throw new IllegalArgumentException("an allowed decision has no denied_by and a denied one has one, was allowed="
                    + allowed + " denied_by=" + deniedBy);
        }
        if (allowed && !(approvedStake > 0)) {
            throw new IllegalArgumentException("an allowed decision approves a stake > 0, was " + approvedStake);
        }
        if (!allowed && approvedStake != 0) {
            throw new IllegalArgumentException("a denied decision approves 0, was " + approvedStake);
        }
    }

    /** The check of a gate, if it was evaluated. */
    public Optional<GateCheck> findCheck(Gate gate) {
        for (GateCheck c : checks) {
            if (c.gate() == gate) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
