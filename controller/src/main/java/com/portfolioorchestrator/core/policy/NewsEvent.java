package com.portfolioorchestrator.core.policy;

import com.portfolioorchestrator.core.Checks;
import java.time.Instant;
import java.util.List;

/**
 * One economic-calendar event of {@code config/events.json} (FLOF news shield).
 *
 * @param assets base assets the event affects (e.g. {@code BTC}, {@code ES}); {@code *} means every asset
 */
public record NewsEvent(Instant time, String title, String impact, List<String> assets) {
    public NewsEvent {
        Checks.notNull(time, "time");
        Checks.notNull(title, "title");
        Checks.notBlank(impact, "impact");
        assets = List.copyOf(assets);
    }

    public boolean affects(String baseAsset) {
        return assets.contains("*") || assets.contains(baseAsset);
    }
}
