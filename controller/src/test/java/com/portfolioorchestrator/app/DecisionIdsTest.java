package com.portfolioorchestrator.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DecisionIdsTest {
    private static final long T0 = 1_795_000_000_000L; // 2026-11

    @Test
    void idsHaveTheFormerShape_andStartWithTheirMillisecond() {
        String id = DecisionIds.next(T0);

        assertThat(id).matches("d-[0-9a-f]{32}").startsWith("d-" + String.format("%012x", T0));
    }

    @Test
    void laterIdsSortAfterEarlierOnes_andIdsOfOneMillisecondDiffer() {
        List<String> ids = new ArrayList<>();
        Set<String> unique = new HashSet<>();
        for (int ms = 0; ms < 1_000; ms++) {
            for (int k = 0; k < 100; k++) {
                String id = DecisionIds.next(T0 + ms);
                ids.add(id);
                unique.add(id);
            }
        }
        assertThat(unique).hasSize(100_000);
        for (int i = 100; i < ids.size(); i += 100) {
            assertThat(ids.get(i)).as("the first id of a millisecond sorts after every id of the one before")
                    .isGreaterThan(ids.get(i - 1));
        }
    }
}
