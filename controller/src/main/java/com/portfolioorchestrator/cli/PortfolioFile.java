package com.portfolioorchestrator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.portfolioorchestrator.app.DecisionService;
import com.portfolioorchestrator.app.Readiness;
import com.portfolioorchestrator.core.Pair;
import com.portfolioorchestrator.core.Side;
import com.portfolioorchestrator.core.allocation.Allocation;
import com.portfolioorchestrator.core.engine.BotHealth;
import com.portfolioorchestrator.core.engine.OpenPosition;
import com.portfolioorchestrator.core.policy.BotPolicy;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import com.portfolioorchestrator.core.regime.VolatilityRegime;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * {@code serve --portfolio FILE}: a fixed portfolio view from a JSON file instead of polling the bots, for offline
 * what-if checks and for using the API without bots. The view never goes stale (it is a hypothesis, not a poll).
 * <pre>
 * {"equity": 100000, "day_pnl": -250,
 *  "stale_bots": [],
 *  "positions": {"S1": [{"trade_id": "7", "pair": "BTC/USDT:USDT", "side": "long", "stake_amount": 1000,
 *                        "leverage": 2, "entry_price": 90000, "stop_price": 88000, "opened_at": "2026-11-23T09:00:00Z"}]},
 *  "volatility_regime": "NORMAL", "mean_strategy_correlation": 0.3, "edge_scores": {"S1": 0.01}}
 * </pre>
 * Only {@code equity} is required. A bad file is refused with a message naming the field.
 */
public final class PortfolioFile {
    private PortfolioFile() {}

    public static void apply(Path file, DecisionService decisions, Readiness readiness, RiskPolicy policy, Instant now) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("portfolio file " + file + " is not readable JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("portfolio file " + file + " must hold a JSON object");
        }
        double equity = number(root, "equity", true, 0);
        if (!(equity > 0)) {
            throw new IllegalArgumentException("portfolio file: equity must be > 0, was " + equity);
        }
        double dayPnl = number(root, "day_pnl", false, 0);
        List<String> stale = new ArrayList<>();
        root.path("stale_bots").forEach(n -> stale.add(n.asText()));
        Map<String, List<OpenPosition>> positions = new LinkedHashMap<>();
        for (BotPolicy bot : policy.bots()) {
            positions.put(bot.id(), new ArrayList<>());
        }
        JsonNode pos = root.path("positions");
        for (var it = pos.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!positions.containsKey(e.getKey())) {
                throw new IllegalArgumentException("portfolio file: positions names bot '" + e.getKey() + "', which is not configured");
            }
            int i = 0;
            for (JsonNode p : e.getValue()) {
                String where = "positions." + e.getKey() + "[" + i++ + "]";
                positions.get(e.getKey()).add(new OpenPosition(text(p, "trade_id", where), Pair.parse(text(p, "pair", where)),
                        Side.find(text(p, "side", where)).orElseThrow(() -> new IllegalArgumentException(where + ".side must be long or short")),
                        number(p, "stake_amount", true, 0), number(p, "leverage", false, 1), number(p, "entry_price", true, 0),
                        p.has("stop_price") ? OptionalDouble.of(number(p, "stop_price", true, 0)) : OptionalDouble.empty(),
                        p.has("opened_at") ? Instant.parse(text(p, "opened_at", where)) : now));
            }
        }
        VolatilityRegime regime = VolatilityRegime.valueOf(root.path("volatility_regime").asText("NORMAL"));
        Map<String, Double> edges = new HashMap<>();
        root.path("edge_scores").fields().forEachRemaining(e -> edges.put(e.getKey(), e.getValue().asDouble()));
        decisions.withEngine(engine -> {
            engine.onEquity(now, equity, dayPnl);
            for (BotPolicy bot : policy.bots()) {
                engine.onBotHealth(bot.id(), stale.contains(bot.id()) ? BotHealth.STALE : BotHealth.FRESH, now);
                engine.syncPositions(bot.id(), positions.get(bot.id()), now);
            }
            engine.onAllocation(Allocation.equal(policy, policy.profile(engine.activeProfile()).strategyCap(), now));
            engine.onRegime(regime, now);
            if (root.has("mean_strategy_correlation")) {
                engine.onStrategyCorrelation(root.get("mean_strategy_correlation").asDouble(), now);
            }
            if (!edges.isEmpty()) {
                engine.onEdgeScores(edges);
            }
            engine.onPortfolioStale(false);
            return null;
        });
        readiness.publish(new Readiness.State(true, false, now, stale, "portfolio file " + file.getFileName()));
    }

    private static double number(JsonNode node, String field, boolean required, double defaultValue) {
        JsonNode v = node.get(field);
        if (v == null) {
            if (required) {
                throw new IllegalArgumentException("portfolio file: " + field + " is required");
            }
            return defaultValue;
        }
        if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new IllegalArgumentException("portfolio file: " + field + " must be a finite number, was " + v);
        }
        return v.asDouble();
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !(v.isTextual() || v.isNumber())) {
            throw new IllegalArgumentException("portfolio file: " + where + "." + field + " is required (a string)");
        }
        return v.asText();
    }
}
