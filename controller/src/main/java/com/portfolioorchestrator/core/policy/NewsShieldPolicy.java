package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * News shield (FLOF spec): an event whose impact is in {@code impact} blocks entries of the assets it affects from
 * {@code beforeMin} minutes before to {@code afterMin} minutes after it.
 *
 * @param events sorted by time
 */
public record NewsShieldPolicy(int beforeMin, int afterMin, Set<String> impact, List<NewsEvent> events) {
    public NewsShieldPolicy {
        Checks.nonNegative(beforeMin, "before_min");
        Checks.nonNegative(afterMin, "after_min");
        impact = Set.copyOf(impact);
        events = events.stream().sorted(Comparator.comparing(NewsEvent::time)).toList();
    }
}
