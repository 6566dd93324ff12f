package com.portfolioorchestrator.core.engine;

import com.portfolioorchestrator.core.Checks;

/**
 * One evaluated check of a decision: the gate, whether it passed, the value it measured and the limit it compared
 * against (units per gate in docs/decision-engine.md; yes/no gates use 1 and 0). A scaling check that cut the order
 * still passed; the cut is in the decision's reasons.
 *
 * @param degraded the check could not run on real data (e.g. no funding data) and let the decision go on
 */
public record GateCheck(Gate gate, boolean passed, double value, double limit, boolean degraded) {
    public GateCheck {
        Checks.notNull(gate, "gate");
        Checks.finite(value, "value");
        Checks.finite(limit, "limit");
    }
}
