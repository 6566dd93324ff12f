package com.portfolioorchestrator.core.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Symbol cooldown of playbook 3.2: symbol_failures guard failures in a row on one symbol within
 * symbol_failure_window_min (measured from the first of them) cool the symbol down for symbol_cooldown_min. A passing
 * guard evaluation on the symbol breaks the run ("consecutive").
 */
final class SymbolGuards {
    private static final class State {
        int failures;
        long firstFailureMs = -1;
        long cooldownUntilMs = -1;
    }

    private final Map<String, State> bySymbol = new HashMap<>();
    private final int failuresToCool;
    private final long windowMs;
    private final long cooldownMs;

    SymbolGuards(int failuresToCool, long windowMs, long cooldownMs) {
        this.failuresToCool = failuresToCool;
        this.windowMs = windowMs;
        this.cooldownMs = cooldownMs;
    }

    /** The end of the symbol's cooldown if it runs at nowMs, else -1. */
    long cooldownUntil(String pair, long nowMs) {
        State s = bySymbol.get(pair);
        return s != null && s.cooldownUntilMs > nowMs ? s.cooldownUntilMs : -1;
    }

    void onPass(String pair) {
        State s = bySymbol.get(pair);
        if (s != null) {
            s.failures = 0;
            s.firstFailureMs = -1;
        }
    }

    /** Records a guard failure; returns the cooldown end when this failure started one, else -1. */
    long onFailure(String pair, long nowMs) {
        State s = bySymbol.computeIfAbsent(pair, p -> new State());
        if (s.failures == 0 || nowMs - s.firstFailureMs > windowMs) {
            s.failures = 0;
            s.firstFailureMs = nowMs;
        }
        s.failures++;
        if (s.failures >= failuresToCool) {
            s.failures = 0;
            s.firstFailureMs = -1;
            s.cooldownUntilMs = nowMs + cooldownMs;
            return s.cooldownUntilMs;
        }
        return -1;
    }

    /** Forgets symbols with nothing pending at nowMs (keeps the map small). */
    void prune(long nowMs) {
        bySymbol.values().removeIf(s -> s.cooldownUntilMs <= nowMs
                && (s.failures == 0 || nowMs - s.firstFailureMs > windowMs));
    }

    void restore(EngineState.SymbolGuardState saved) {
        State s = new State();
        s.failures = saved.failures();
        s.firstFailureMs = saved.firstFailureMs();
        s.cooldownUntilMs = saved.cooldownUntilMs();
        bySymbol.put(saved.pair(), s);
    }

    List<EngineState.SymbolGuardState> toList() {
        List<EngineState.SymbolGuardState> out = new ArrayList<>();
        bySymbol.forEach((pair, s) -> out.add(
                new EngineState.SymbolGuardState(pair, s.failures, s.firstFailureMs, s.cooldownUntilMs)));
        out.sort((a, b) -> a.pair().compareTo(b.pair()));
        return out;
    }
}
