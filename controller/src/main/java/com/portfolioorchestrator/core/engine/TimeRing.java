package com.portfolioorchestrator.core.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Fixed-capacity ring of epoch-millisecond stamps, oldest first; when full the oldest is overwritten. Counting and
 * adding allocate nothing (the hot path of rate limits and the new-position throttle).
 */
final class TimeRing {
    private final long[] stamps;
    private int head;
    private int size;

    TimeRing(int capacity) {
        stamps = new long[Math.max(1, capacity)];
    }

    void add(long ms) {
        int tail = (head + size) % stamps.length;
        stamps[tail] = ms;
        if (size < stamps.length) {
            size++;
        } else {
            head = (head + 1) % stamps.length;
        }
    }

    /** Stamps strictly after {@code afterMs} (an entry exactly a window ago has left the window). */
    int countAfter(long afterMs) {
        int n = 0;
        for (int i = size - 1; i >= 0; i--) {
            if (stamps[(head + i) % stamps.length] > afterMs) {
                n++;
            }
        }
        return n;
    }

    /** Drops stamps at or before {@code ms} from the old end. */
    void dropUpTo(long ms) {
        while (size > 0 && stamps[head] <= ms) {
            head = (head + 1) % stamps.length;
            size--;
        }
    }

    List<Long> toList() {
        List<Long> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(stamps[(head + i) % stamps.length]);
        }
        return out;
    }
}
