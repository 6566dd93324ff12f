package com.portfolioorchestrator.config;

import com.portfolioorchestrator.core.policy.BucketPolicy;
import com.portfolioorchestrator.core.policy.Profile;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import com.portfolioorchestrator.core.policy.Toggle;
import java.util.Locale;

/** The short, secret-free description of a loaded configuration that {@code check-config} prints. */
public final class ConfigSummary {
    private ConfigSummary() {}

    public static String of(OrchestratorConfig config) {
        RiskPolicy risk = config.risk();
        Profile p = risk.profile(risk.activeProfile());
        StringBuilder s = new StringBuilder();
        s.append("config ").append(config.file()).append(": OK\n");
        s.append(String.format(Locale.ROOT, "mode %s, base currency %s, listen %s:%d, database %s%n",
                risk.mode().configName(), risk.baseCurrency(), config.listenHost(), config.listenPort(), config.database()));
        s.append(String.format(Locale.ROOT,
                "profile %s: leverage %.2fx, max open trades %d, risk budget %.2f %%, strategy cap %.0f %%, asset cap x%.2f, daily hard loss -%.1f %%%n",
                p.name().configName(), p.leverage(), p.maxOpenTrades(), p.riskBudget() * 100, p.strategyCap() * 100,
                p.assetCapMultiplier(), p.dailyHardLoss() * 100));
        s.append("bots (").append(config.bots().size()).append("):\n");
        for (BotConnection b : config.bots()) {
            var policy = risk.findBot(b.id()).orElseThrow();
            s.append(String.format(Locale.ROOT, "  %-4s %-28s %-5s user %s password %s token %s  %s, bucket %s, stoploss %.3f%n",
                    b.id(), b.url(), b.auth().name().toLowerCase(Locale.ROOT), b.username(), b.password(), b.token(),
                    policy.assetClass().configName(), policy.bucket(), policy.stoploss()));
        }
        s.append("buckets (").append(risk.buckets().size()).append("), floor ")
                .append(pct(risk.allocation().minBucketWeight())).append(":\n");
        for (BucketPolicy b : risk.buckets()) {
            s.append(String.format(Locale.ROOT, "  %-6s %-12s cap %s, timeout %d s, spread <= %s bps, slippage <= %s bps%n",
                    b.name(), String.join(",", b.strategies()), pct(b.cap()), b.limitTimeoutS(),
                    TomlReader.fmt(b.maxSpreadBps()), TomlReader.fmt(b.maxSlippageBps())));
        }
        s.append("operators: ").append(config.operators().size())
                .append(", IBKR ").append(config.ibkr().enabled() ? "enabled (" + config.ibkr().url() + ")" : "disabled")
                .append(", Telegram ").append(config.telegram().enabled() ? "enabled" : "disabled")
                .append(", news events: ").append(risk.newsShield().events().size()).append('\n');
        StringBuilder off = new StringBuilder();
        for (Toggle t : Toggle.values()) {
            if (!risk.toggles().isOn(t)) {
                off.append(off.length() == 0 ? "" : ", ").append(t.configName());
            }
        }
        s.append("rules switched off: ").append(off.length() == 0 ? "none" : off).append('\n');
        for (String refusal : config.safetyLockRefusals()) {
            s.append("SAFETY LOCK: ").append(refusal).append('\n');
        }
        return s.toString();
    }

    private static String pct(double fraction) {
        return TomlReader.fmt(Math.round(fraction * 10000) / 100.0) + " %";
    }
}
