package com.portfolioorchestrator.core.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@value #CAPACITY} allowed or guard-denied decisions, for the retry protocol (first approved size, "no
 * retry after a guard failure", same bot) and for late fill reports. Pre-allocated mutable records overwritten in a
 * ring, so recording a decision allocates nothing; lookups scan from the newest (retries and fills are rare).
 */
final class DecisionBook {
    static final int CAPACITY = 512;

    static final class Rec {
        String decisionId;
        String botId;
        String pair;
        int attempt;
        double firstApprovedStake;
        boolean allowed;
        boolean guardFailed;
        long atMs;
        String tradeId;
    }

    private final Rec[] ring = new Rec[CAPACITY];
    private int head;
    private int size;

    DecisionBook() {
        for (int i = 0; i < CAPACITY; i++) {
            ring[i] = new Rec();
        }
    }

    void record(String decisionId, String botId, String pair, int attempt, double firstApprovedStake, boolean allowed,
                boolean guardFailed, long atMs, String tradeId) {
        Rec r;
        if (size < CAPACITY) {
            r = ring[(head + size) % CAPACITY];
            size++;
        } else {
            r = ring[head];
            head = (head + 1) % CAPACITY;
        }
        r.decisionId = decisionId;
        r.botId = botId;
        r.pair = pair;
        r.attempt = attempt;
        r.firstApprovedStake = firstApprovedStake;
        r.allowed = allowed;
        r.guardFailed = guardFailed;
        r.atMs = atMs;
        r.tradeId = tradeId;
    }

    /** The newest record with this id, or null (internal: callers check). */
    Rec find(String decisionId) {
        for (int i = size - 1; i >= 0; i--) {
            Rec r = ring[(head + i) % CAPACITY];
            if (r.decisionId.equals(decisionId)) {
                return r;
            }
        }
        return null;
    }

    List<EngineState.DecisionRecord> toList() {
        List<EngineState.DecisionRecord> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Rec r = ring[(head + i) % CAPACITY];
            out.add(new EngineState.DecisionRecord(r.decisionId, r.botId, r.pair, r.attempt, r.firstApprovedStake,
                    r.allowed, r.guardFailed, r.atMs, r.tradeId));
        }
        return out;
    }
}
