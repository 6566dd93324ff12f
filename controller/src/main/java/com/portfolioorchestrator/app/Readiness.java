package com.portfolioorchestrator.app;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether the orchestrator can decide: not before the first complete portfolio view after start (decisions are then
 * 503), and not while the view is stale ({@code /ready} is 503; decisions are a 200 deny {@code STALE_DATA}).
 * Written by whoever feeds the engine, read by the API; immutable snapshots swapped atomically.
 */
public final class Readiness {
    /** One published state. */
    public record State(boolean hadCompleteView, boolean stale, Instant at, List<String> staleBots, String detail) {
        public State {
            staleBots = List.copyOf(staleBots);
        }
    }

    private volatile State state = new State(false, true, Instant.EPOCH, List.of(), "no portfolio view yet");

    public void publish(State next) {
        state = next;
    }

    public State state() {
        return state;
    }

    /** True after the first complete view. */
    public boolean canDecide() {
        return state.hadCompleteView();
    }

    /** The reason /ready is not 200, or empty when ready. */
    public Optional<String> notReadyReason() {
        State s = state;
        if (!s.hadCompleteView()) {
            return Optional.of(s.detail());
        }
        if (s.stale()) {
            return Optional.of("portfolio view is stale: " + s.detail());
        }
        return Optional.empty();
    }
}
