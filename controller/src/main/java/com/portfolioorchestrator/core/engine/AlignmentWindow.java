package com.portfolioorchestrator.core.engine;

import com.portfolioorchestrator.core.Side;
import java.util.ArrayList;
import java.util.List;

/**
 * Signal alignment A of playbook 1.5: the share of same-direction entry requests on the alignment assets (BTC, ETH,
 * SOL) over the last alignment_window_h hours, max(longs, shorts) / all. Counts are kept incrementally; requests that
 * leave the window are dropped as time advances. Capacity-bound (4096 requests): beyond it the oldest is forgotten,
 * which only matters at more than ~170 requests an hour.
 */
final class AlignmentWindow {
    static final int CAPACITY = 4096;
    private final long[] at = new long[CAPACITY];
    private final boolean[] isLong = new boolean[CAPACITY];
    private final long windowMs;
    private int head;
    private int size;
    private int longs;

    AlignmentWindow(long windowMs) {
        this.windowMs = windowMs;
    }

    void record(long ms, Side side) {
        if (size == CAPACITY) {
            dropOldest();
        }
        int tail = (head + size) % CAPACITY;
        at[tail] = ms;
        isLong[tail] = side == Side.LONG;
        size++;
        if (side == Side.LONG) {
            longs++;
        }
    }

    /** Drops requests at or before now - window. */
    void advance(long nowMs) {
        long cutoff = nowMs - windowMs;
        while (size > 0 && at[head] <= cutoff) {
            dropOldest();
        }
    }

    private void dropOldest() {
        if (isLong[head]) {
            longs--;
        }
        head = (head + 1) % CAPACITY;
        size--;
    }

    int signals() {
        return size;
    }

    /** max(longs, shorts) / signals; 0 without signals. */
    double alignment() {
        return size == 0 ? 0 : (double) Math.max(longs, size - longs) / size;
    }

    List<EngineState.AlignmentSignal> toList() {
        List<EngineState.AlignmentSignal> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            int k = (head + i) % CAPACITY;
            out.add(new EngineState.AlignmentSignal(at[k], isLong[k] ? Side.LONG : Side.SHORT));
        }
        return out;
    }
}
