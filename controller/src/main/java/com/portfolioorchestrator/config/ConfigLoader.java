package com.portfolioorchestrator.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.portfolioorchestrator.core.policy.AllocationPolicy;
import com.portfolioorchestrator.core.policy.AssetCapPolicy;
import com.portfolioorchestrator.core.policy.AssetClass;
import com.portfolioorchestrator.core.policy.BotPolicy;
import com.portfolioorchestrator.core.policy.BucketPolicy;
import com.portfolioorchestrator.core.policy.CorrelationPolicy;
import com.portfolioorchestrator.core.policy.DailyLossPolicy;
import com.portfolioorchestrator.core.policy.DrawdownPolicy;
import com.portfolioorchestrator.core.policy.FundingPolicy;
import com.portfolioorchestrator.core.policy.GuardPolicy;
import com.portfolioorchestrator.core.policy.IbkrRiskPolicy;
import com.portfolioorchestrator.core.policy.LossStreakPolicy;
import com.portfolioorchestrator.core.policy.LossStreakTier;
import com.portfolioorchestrator.core.policy.MaintenanceWindow;
import com.portfolioorchestrator.core.policy.Mode;
import com.portfolioorchestrator.core.policy.NewsEvent;
import com.portfolioorchestrator.core.policy.NewsShieldPolicy;
import com.portfolioorchestrator.core.policy.PortfolioManagerPolicy;
import com.portfolioorchestrator.core.policy.Profile;
import com.portfolioorchestrator.core.policy.ProfileName;
import com.portfolioorchestrator.core.policy.RateLimitPolicy;
import com.portfolioorchestrator.core.policy.RegimeAdjustment;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import com.portfolioorchestrator.core.policy.SafetyPolicy;
import com.portfolioorchestrator.core.policy.Toggle;
import com.portfolioorchestrator.core.policy.Toggles;
import com.portfolioorchestrator.core.policy.VolatilityPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * Loads {@code orchestrator.toml} and the three profiles into an {@link OrchestratorConfig}. Nothing is thrown for a
 * bad file: every problem (syntax, unknown key, wrong type, out-of-range value, inconsistent combination, missing
 * environment variable) is collected and returned together, each as {@code file:line:col key: message}.
 * Defaults are the seeds' numbers (PRODUCT.md section 4), so a key left out means the seed's value.
 */
public final class ConfigLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);
    private static final String BUCKET_KEYS = "strategies, cap, limit_timeout_s, max_spread_bps, max_slippage_bps";

    /** The outcome of a load: a config, or the list of problems (never both). */
    public sealed interface Result permits Loaded, Invalid {}

    public record Loaded(OrchestratorConfig config) implements Result {}

    public record Invalid(List<ConfigProblem> problems) implements Result {
        public Invalid {
            problems = List.copyOf(problems);
        }
    }

    private final Map<String, String> env;
    private final Path baseDir;

    /**
     * @param env     environment variables for {@code ${VAR}} substitution
     * @param baseDir relative paths in the file ({@code profiles_dir}, {@code database}, the news calendar) resolve
     *                against this directory, the one the orchestrator runs in
     */
    public ConfigLoader(Map<String, String> env, Path baseDir) {
        this.env = Map.copyOf(env);
        this.baseDir = baseDir;
    }

    public Result load(Path file) {
        List<ConfigProblem> problems = new ArrayList<>();
        TomlReader root = parse(file, problems);
        if (root == null) {
            return new Invalid(problems);
        }
        OrchestratorConfig config = read(file, root, problems);
        return problems.isEmpty() && config != null ? new Loaded(config) : new Invalid(problems);
    }

    private TomlReader parse(Path file, List<ConfigProblem> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(new ConfigProblem(file, 0, 0, "(file)", "cannot read: no such file"));
            return null;
        }
        TomlParseResult toml;
        try {
            toml = Toml.parse(file);
        } catch (IOException e) {
            problems.add(new ConfigProblem(file, 0, 0, "(file)", "cannot read: " + e.getMessage()));
            return null;
        }
        if (toml.hasErrors()) {
            toml.errors().forEach(err -> problems.add(new ConfigProblem(file, err.position().line(),
                    err.position().column(), "(syntax)", err.getMessage())));
            return null;
        }
        return new TomlReader(file, toml, "", null, problems, env);
    }

    private OrchestratorConfig read(Path file, TomlReader root, List<ConfigProblem> problems) {
        TomlReader orch = section(root, "orchestrator");
        Mode mode = orch.choice("mode", Mode.PAPER, s -> find(Mode.values(), s, Mode::configName), "paper, live");
        String baseCurrency = orch.string("base_currency", "USD");
        ProfileName active = orch.choice("profile", ProfileName.BALANCED,
                ProfileName::find, "conservative, balanced, aggressive");
        Path profilesDir = resolve(orch.string("profiles_dir", "profiles"));
        String listen = orch.string("listen", "127.0.0.1:8080");
        Path database = resolve(orch.string("database", "data/orchestrator.db"));
        Map<String, Double> rates = new LinkedHashMap<>();
        orch.table("stake_currency_rates").ifPresentOrElse(t -> {
            for (String k : t.keys()) {
                rates.put(k, t.number(k, 1.0, 1e-12, 1e12));
            }
            t.finish();
        }, () -> rates.putAll(Map.of("USDT", 1.0, "USDC", 1.0)));
        orch.finish();
        String[] hostPort = parseListen(orch, listen);

        TomlReader sched = section(root, "schedule");
        ScheduleSettings schedule = new ScheduleSettings(
                sched.integer("risk_cycle_s", 60, 1, 3600),
                sched.integer("guard_cycle_s", 15, 1, 3600),
                sched.integer("stale_after_intervals", 3, 1, 100),
                sched.integer("heartbeat_max_age_s", 60, 1, 86400),
                sched.string("postmortem_cron", "0 5 0 ? * MON"));
        sched.finish();

        // buckets first: a bot's bucket comes from the bucket that lists it
        TomlReader bucketsTable = section(root, "buckets");
        List<BucketPolicy> buckets = new ArrayList<>();
        Map<String, String> bucketOfBot = new HashMap<>();
        for (String name : bucketsTable.keys()) {
            TomlReader b = bucketsTable.table(name).orElse(null);
            if (b == null) {
                continue;
            }
            List<String> strategies = b.strings("strategies", List.of());
            if (strategies.isEmpty()) {
                b.problem("strategies", "a bucket needs at least one strategy (bot id)");
            }
            for (String s : strategies) {
                String previous = bucketOfBot.putIfAbsent(s, name);
                if (previous != null) {
                    b.problem("strategies", "bot " + s + " is in two buckets: " + previous + " and " + name);
                }
            }
            buckets.add(new BucketPolicy(name, strategies, b.number("cap", 0.40, 0, 1),
                    b.integer("limit_timeout_s", 180, 1, 86400), b.number("max_spread_bps", 15, 0, 10000),
                    b.number("max_slippage_bps", 20, 0, 10000)));
            b.finish();
        }
        bucketsTable.finish();
        if (buckets.isEmpty()) {
            bucketsTable.problem(null, "at least one [buckets.<name>] table is required (" + BUCKET_KEYS + ")");
        }

        List<BotConnection> botConnections = new ArrayList<>();
        List<BotPolicy> bots = new ArrayList<>();
        Set<String> tokens = new HashSet<>();
        for (TomlReader b : root.tables("bots")) {
            String id = b.requiredString("id");
            String url = b.requiredString("url");
            if (!url.isEmpty() && !url.matches("https?://.+")) {
                b.problem("url", "must be an http:// or https:// URL, was '" + url + "'");
            }
            BotConnection.AuthKind auth = b.choice("auth", BotConnection.AuthKind.BASIC,
                    s -> find(BotConnection.AuthKind.values(), s, k -> k.name().toLowerCase(Locale.ROOT)), "basic, jwt");
            Secret user = b.secret("username");
            Secret password = b.secret("password");
            Secret token = b.secret("token");
            if (token.isEmpty()) {
                b.problem("token", "every bot needs the bearer token it presents to the decision API");
            } else if (!tokens.add(token.reveal())) {
                b.problem("token", "is the same as another bot's or operator's token");
            }
            AssetClass assetClass = b.choice("asset_class", AssetClass.CRYPTO, AssetClass::find, assetClasses());
            double stoploss = b.number("stoploss", 0.05, 1e-6, 1.0);
            boolean override = b.bool("extreme_vol_override", false);
            b.finish();
            if (id.isEmpty()) {
                continue;
            }
            if (botConnections.stream().anyMatch(c -> c.id().equals(id))) {
                b.problem("id", "bot id " + id + " is configured twice");
                continue;
            }
            String bucket = bucketOfBot.get(id);
            if (bucket == null) {
                b.problem("id", "bot " + id + " is in no bucket: list it in one [buckets.<name>] strategies");
                bucket = "unassigned";
            }
            botConnections.add(new BotConnection(id, url, auth, user, password, token));
            bots.add(new BotPolicy(id, assetClass, bucket, stoploss, override));
        }
        if (bots.isEmpty()) {
            root.problem(null, "at least one [[bots]] table is required");
        }
        for (BucketPolicy bucket : buckets) {
            for (String s : bucket.strategies()) {
                if (bots.stream().noneMatch(b -> b.id().equals(s))) {
                    bucketsTable.problem(bucket.name(), "lists " + s + ", which is not a configured bot");
                }
            }
        }

        List<OperatorAccount> operators = new ArrayList<>();
        for (TomlReader o : root.tables("operators")) {
            String name = o.requiredString("name");
            Secret token = o.secret("token");
            OperatorAccount.Role role = o.choice("role", OperatorAccount.Role.VIEWER,
                    s -> find(OperatorAccount.Role.values(), s, r -> r.name().toLowerCase(Locale.ROOT)), "operator, viewer");
            o.finish();
            if (token.isEmpty()) {
                o.problem("token", "every operator needs a token");
            } else if (!tokens.add(token.reveal())) {
                o.problem("token", "is the same as another bot's or operator's token");
            }
            if (operators.stream().anyMatch(x -> x.name().equals(name))) {
                o.problem("name", "operator " + name + " is configured twice");
            }
            operators.add(new OperatorAccount(name, token, role));
        }

        TomlReader ib = section(root, "ibkr");
        boolean ibkrEnabled = ib.bool("enabled", false);
        String ibkrUrl = ib.string("url", "https://127.0.0.1:5000/v1/api");
        String account = ib.string("account", "");
        AssetClass ibkrClass = ib.choice("asset_class", AssetClass.FUTURES, AssetClass::find, assetClasses());
        boolean verifyTls = ib.bool("verify_tls", true);
        List<MaintenanceWindow> windows = new ArrayList<>();
        for (String w : ib.strings("maintenance_windows", List.of("Sun 23:45-Mon 00:45", "daily 22:00-22:15"))) {
            try {
                windows.add(MaintenanceWindow.parse(w));
            } catch (IllegalArgumentException e) {
                ib.problem("maintenance_windows", e.getMessage());
            }
        }
        double reconHalt = ib.number("reconciliation_halt", 0.0025, 0, 1);
        double reconEmergency = ib.number("reconciliation_emergency", 0.01, 0, 1);
        double ibkrStoploss = ib.number("stoploss", IbkrRiskPolicy.DEFAULT_STOPLOSS, 1e-6, 1.0);
        if (reconHalt > reconEmergency) {
            ib.problem("reconciliation_halt", "must not exceed reconciliation_emergency (" + reconEmergency + "), was " + reconHalt);
        }
        if (ibkrEnabled && account.isBlank()) {
            ib.problem("account", "is required when [ibkr] is enabled");
        }
        ib.finish();

        AllocationPolicy allocation = readAllocation(section(root, "allocation"));
        for (BucketPolicy b : buckets) {
            if (b.cap() < allocation.minBucketWeight()) {
                bucketsTable.problem(b.name(), "cap " + b.cap() + " is below allocation.min_bucket_weight "
                        + allocation.minBucketWeight() + ": the floor could never be met");
            }
        }
        if (buckets.size() * allocation.minBucketWeight() > 1 + 1e-12) {
            bucketsTable.problem(null, buckets.size() + " buckets x floor " + allocation.minBucketWeight()
                    + " = " + buckets.size() * allocation.minBucketWeight() + " exceeds 1: floors cannot all be met");
        }

        AssetCapPolicy assetCaps = readAssetCaps(section(root, "asset_caps"));
        CorrelationPolicy correlation = readCorrelation(section(root, "correlation"));
        TomlReader dl = section(root, "daily_loss");
        DailyLossPolicy dailyLoss = new DailyLossPolicy(dl.number("soft", 0.02, 0, 1), dl.number("soft_freeze_h", 2, 0, 24));
        dl.finish();
        DrawdownPolicy drawdown = readDrawdown(section(root, "drawdown"));
        LossStreakPolicy lossStreak = readLossStreak(section(root, "loss_streak"));
        VolatilityPolicy volatility = readVolatility(section(root, "volatility"));
        if (bots.stream().noneMatch(b -> b.id().equals(volatility.sourceBot())) && !bots.isEmpty()) {
            root.problem("volatility", "source_bot " + volatility.sourceBot() + " is not a configured bot");
        }
        GuardPolicy guards = readGuards(section(root, "guards"));
        TomlReader fu = section(root, "funding");
        FundingPolicy funding = new FundingPolicy(fu.number("scale_threshold", 0.0004, 0, 1),
                fu.number("scale_multiplier", 0.75, 0, 1), fu.number("deny_threshold", 0.0008, 0, 1),
                fu.number("min_edge", 0.0, -1e6, 1e6));
        if (funding.scaleThreshold() > funding.denyThreshold()) {
            fu.problem("scale_threshold", "must not exceed deny_threshold (" + funding.denyThreshold() + "), was " + funding.scaleThreshold());
        }
        fu.finish();
        TomlReader rl = section(root, "rate_limits");
        RateLimitPolicy rateLimits = new RateLimitPolicy(rl.integer("per_bot_per_minute", 3, 1, 100000),
                rl.integer("per_bot_per_hour", 10, 1, 1000000), rl.integer("requests_per_second", 20, 1, 100000));
        if (rateLimits.perBotPerHour() < rateLimits.perBotPerMinute()) {
            rl.problem("per_bot_per_hour", "must be at least per_bot_per_minute (" + rateLimits.perBotPerMinute() + "), was " + rateLimits.perBotPerHour());
        }
        rl.finish();
        TomlReader sa = section(root, "safety");
        SafetyPolicy safety = new SafetyPolicy(sa.number("fat_finger_max_order", 0.10, 1e-6, 100),
                sa.number("max_daily_turnover", 0.50, 1e-6, 1000), sa.number("min_size_multiplier", 0.25, 0, 1));
        sa.finish();
        TomlReader ns = section(root, "news_shield");
        Path calendar = resolve(ns.string("calendar", "config/events.json"));
        int before = ns.integer("before_min", 5, 0, 1440);
        int after = ns.integer("after_min", 3, 0, 1440);
        List<String> impact = ns.strings("impact", List.of("high"));
        List<NewsEvent> events = readCalendar(ns, calendar);
        ns.finish();
        NewsShieldPolicy newsShield = new NewsShieldPolicy(before, after, Set.copyOf(impact), events);

        PortfolioManagerPolicy pm = readPortfolioManager(section(root, "portfolio_manager"));
        TomlReader alerts = section(root, "alerts");
        TomlReader tg = alerts.table("telegram").orElse(null);
        TelegramSettings telegram;
        if (tg != null) {
            boolean enabled = tg.bool("enabled", false);
            Secret botToken = tg.secret("bot_token");
            Secret chatId = tg.secret("chat_id");
            if (enabled && (botToken.isEmpty() || chatId.isEmpty())) {
                tg.problem(botToken.isEmpty() ? "bot_token" : "chat_id", "is required when alerts.telegram is enabled");
            }
            telegram = new TelegramSettings(enabled, botToken, chatId);
            tg.finish();
        } else {
            telegram = new TelegramSettings(false, Secret.of(""), Secret.of(""));
        }
        alerts.finish();

        List<String> refusals = new ArrayList<>();
        Toggles toggles = readToggles(section(root, "toggles"), mode, refusals);

        Map<ProfileName, Profile> profiles = new EnumMap<>(ProfileName.class);
        for (ProfileName name : ProfileName.values()) {
            Profile p = readProfile(profilesDir.resolve(name.configName() + ".toml"), name, problems);
            if (p != null) {
                profiles.put(name, p);
            }
        }
        Profile activeProfile = profiles.get(active);
        double hardLoss = pm.globalDailyLossLimit().orElse(activeProfile == null ? 1 : activeProfile.dailyHardLoss());
        if (activeProfile != null && dailyLoss.soft() >= hardLoss) {
            root.problem("daily_loss", "soft " + dailyLoss.soft() + " must be below the hard daily loss " + hardLoss
                    + " (profile " + active.configName() + ")");
        }
        root.finish();

        if (!problems.isEmpty() || profiles.size() != ProfileName.values().length) {
            return null;
        }
        try {
            RiskPolicy risk = new RiskPolicy(mode, baseCurrency, profiles, active, rates, bots, buckets, allocation,
                    assetCaps, correlation, dailyLoss, drawdown, lossStreak, volatility, guards, funding, rateLimits,
                    safety, newsShield, pm, new IbkrRiskPolicy(ibkrEnabled, ibkrClass, windows, reconHalt, reconEmergency, ibkrStoploss),
                    toggles);
            return new OrchestratorConfig(file, risk, hostPort[0], Integer.parseInt(hostPort[1]), database, profilesDir,
                    schedule, botConnections, operators, new IbkrConnection(ibkrEnabled, ibkrUrl, account, verifyTls),
                    telegram, calendar, refusals);
        } catch (IllegalArgumentException e) {
            // the readers check every range the records check; this is a last line of defence
            problems.add(new ConfigProblem(file, 0, 0, "(config)", e.getMessage()));
            return null;
        }
    }

    private Toggles readToggles(TomlReader t, Mode mode, List<String> refusals) {
        EnumSet<Toggle> on = EnumSet.allOf(Toggle.class);
        for (Toggle toggle : Toggle.values()) {
            if (!t.bool(toggle.configName(), true)) {
                if (mode == Mode.LIVE && Toggle.SAFETY_LOCKED.contains(toggle)) {
                    String line = "toggles." + toggle.configName() + " = false refused in live mode: the safety lock keeps it on";
                    refusals.add(line);
                    LOG.error("CRITICAL safety lock: {}", line);
                } else {
                    on.remove(toggle);
                }
            }
        }
        t.finish();
        return Toggles.of(on);
    }

    private Profile readProfile(Path file, ProfileName name, List<ConfigProblem> problems) {
        TomlReader p = parse(file, problems);
        if (p == null) {
            return null;
        }
        double leverage = p.number("leverage", Double.NaN, 0.01, 100);
        int maxOpen = p.integer("max_open_trades", -1, 1, 10000);
        double riskBudget = p.number("risk_budget", Double.NaN, 0, 1);
        double strategyCap = p.number("strategy_cap", Double.NaN, 0, 1);
        double assetMult = p.number("asset_cap_multiplier", Double.NaN, 0, 10);
        double hard = p.number("daily_hard_loss", Double.NaN, 0, 1);
        for (String key : List.of("leverage", "max_open_trades", "risk_budget", "strategy_cap", "asset_cap_multiplier", "daily_hard_loss")) {
            if (!p.has(key)) {
                p.problem(null, "missing required key '" + key + "'");
            }
        }
        p.finish();
        int before = problems.size();
        if (Double.isNaN(leverage) || maxOpen < 0 || Double.isNaN(riskBudget) || Double.isNaN(strategyCap)
                || Double.isNaN(assetMult) || Double.isNaN(hard) || problems.size() > before) {
            return null;
        }
        return new Profile(name, leverage, maxOpen, riskBudget, strategyCap, assetMult, hard);
    }

    private AllocationPolicy readAllocation(TomlReader t) {
        AllocationPolicy a = new AllocationPolicy(t.number("min_bucket_weight", 0.10, 0, 1),
                t.integer("vol_ewma_days", 20, 2, 3650), t.integer("min_trades_for_vol", 100, 0, 1_000_000));
        t.finish();
        return a;
    }

    private AssetCapPolicy readAssetCaps(TomlReader t) {
        Map<String, Double> caps = new LinkedHashMap<>();
        double def = 0.15;
        double top3 = 0.60;
        for (String key : t.keys()) {
            switch (key) {
                case "default" -> def = t.number("default", 0.15, 0, 1);
                case "top3_combined" -> top3 = t.number("top3_combined", 0.60, 0, 1);
                default -> caps.put(key, t.number(key, 0.15, 0, 1));
            }
        }
        if (!t.has("default") && !t.has("top3_combined") && caps.isEmpty()) {
            caps.putAll(Map.of("BTC", 0.30, "ETH", 0.25, "SOL", 0.18));
        }
        t.finish();
        return new AssetCapPolicy(caps, def, top3);
    }

    private CorrelationPolicy readCorrelation(TomlReader t) {
        CorrelationPolicy c = new CorrelationPolicy(t.strings("alignment_assets", List.of("BTC", "ETH", "SOL")),
                t.integer("alignment_window_h", 24, 1, 24 * 30), t.integer("alignment_min_signals", 5, 1, 100000),
                t.number("alignment_warn", 0.75, 0, 1), t.number("alignment_warn_budget_cut", 0.25, 0, 1),
                t.number("alignment_high", 0.90, 0, 1), t.number("alignment_high_budget_cut", 0.45, 0, 1),
                t.integer("pnl_corr_window_d", 7, 1, 365), t.number("pnl_corr_threshold", 0.65, -1, 1),
                t.number("pnl_corr_multiplier", 0.80, 0, 1), t.number("combined_multiplier", 0.60, 0, 1),
                t.integer("combined_max_new_positions", 1, 1, 1000), t.integer("combined_window_min", 15, 1, 1440));
        if (c.alignmentWarn() > c.alignmentHigh()) {
            t.problem("alignment_warn", "must not exceed alignment_high (" + c.alignmentHigh() + "), was " + c.alignmentWarn());
        }
        if (c.alignmentWarnBudgetCut() > c.alignmentHighBudgetCut()) {
            t.problem("alignment_warn_budget_cut", "must not exceed alignment_high_budget_cut (" + c.alignmentHighBudgetCut()
                    + "), was " + c.alignmentWarnBudgetCut());
        }
        if (c.alignmentAssets().isEmpty()) {
            t.problem("alignment_assets", "must name at least one asset");
        }
        t.finish();
        return c;
    }

    private DrawdownPolicy readDrawdown(TomlReader t) {
        DrawdownPolicy d = new DrawdownPolicy(t.number("warn", 0.06, 0, 1), t.number("warn_multiplier", 0.50, 0, 1),
                t.number("breaker", 0.09, 0, 1), t.number("breaker_pause_h", 24, 0, 24 * 30),
                t.number("recover_below", 0.05, 0, 1), t.number("recover_after_h", 12, 0, 24 * 30));
        if (d.warn() >= d.breaker()) {
            t.problem("warn", "must be below breaker (" + d.breaker() + "), was " + d.warn());
        }
        if (d.recoverBelow() > d.warn()) {
            t.problem("recover_below", "must not exceed warn (" + d.warn() + "), was " + d.recoverBelow());
        }
        t.finish();
        return d;
    }

    private LossStreakPolicy readLossStreak(TomlReader t) {
        List<LossStreakTier> tiers = new ArrayList<>();
        if (!t.has("tiers")) {
            tiers.addAll(List.of(new LossStreakTier(4, 90, false), new LossStreakTier(6, 360, false),
                    new LossStreakTier(8, 1440, true)));
        }
        int last = 0;
        for (TomlReader tier : t.tables("tiers")) {
            int losses = tier.integer("losses", 1, 1, 1000);
            int cooldown = tier.integer("cooldown_min", 1, 1, 60 * 24 * 30);
            boolean downgrade = tier.bool("downgrade_profile", false);
            if (!tier.has("losses") || !tier.has("cooldown_min")) {
                tier.problem(null, "a tier needs losses and cooldown_min");
            }
            if (losses <= last) {
                tier.problem("losses", "tiers must be in increasing order of losses, " + losses + " follows " + last);
            }
            last = losses;
            tier.finish();
            tiers.add(new LossStreakTier(losses, cooldown, downgrade));
        }
        LossStreakPolicy p = new LossStreakPolicy(tiers, t.integer("reset_after_wins", 2, 1, 100),
                t.number("breakeven_epsilon", 0.0005, 0, 1));
        t.finish();
        return p;
    }

    private VolatilityPolicy readVolatility(TomlReader t) {
        String sourceBot = t.string("source_bot", "S5");
        String pair = t.string("pair", "BTC/USDT:USDT");
        String timeframe = t.string("timeframe", "1h");
        int atr = t.integer("atr_period", 14, 1, 1000);
        int window = t.integer("zscore_window_d", 30, 1, 3650);
        double highZ = t.number("high_z", 1.5, -100, 100);
        int persist = t.integer("high_persist_h", 3, 1, 1000);
        double highExit = t.number("high_exit_z", 1.0, -100, 100);
        double extremeZ = t.number("extreme_z", 2.2, -100, 100);
        double extremeExit = t.number("extreme_exit_z", 1.8, -100, 100);
        if (highExit > highZ) {
            t.problem("high_exit_z", "must not exceed high_z (" + highZ + "), was " + highExit);
        }
        if (extremeExit > extremeZ) {
            t.problem("extreme_exit_z", "must not exceed extreme_z (" + extremeZ + "), was " + extremeExit);
        }
        if (extremeZ < highZ) {
            t.problem("extreme_z", "must be at least high_z (" + highZ + "), was " + extremeZ);
        }
        RegimeAdjustment high = regime(t, "high", new RegimeAdjustment(0.70, 0.80, 0.80, List.of()));
        // playbook 2.4 names no slippage factor for the extreme regime: it is at least as tight as the high one
        RegimeAdjustment extreme = regime(t, "extreme", new RegimeAdjustment(0.50, 0.60, high.slippage(), List.of("S2", "S7")));
        t.finish();
        return new VolatilityPolicy(sourceBot, pair, timeframe, atr, window, highZ, persist, highExit, extremeZ,
                extremeExit, high, extreme);
    }

    private RegimeAdjustment regime(TomlReader parent, String key, RegimeAdjustment defaults) {
        return parent.table(key).map(t -> {
            RegimeAdjustment r = new RegimeAdjustment(t.number("leverage", defaults.leverage(), 0, 1),
                    t.number("max_open_trades", defaults.maxOpenTrades(), 0, 1),
                    t.number("slippage", defaults.slippage(), 0, 1),
                    t.strings("blocked_strategies", defaults.blockedStrategies()));
            t.finish();
            return r;
        }).orElse(defaults);
    }

    private GuardPolicy readGuards(TomlReader t) {
        GuardPolicy g = new GuardPolicy(t.bool("require_quotes", true), t.integer("symbol_failures", 2, 1, 1000),
                t.integer("symbol_failure_window_min", 10, 1, 1440), t.integer("symbol_cooldown_min", 30, 1, 1440),
                t.numbers("retry_size_factors", List.of(0.90, 0.75), 1e-6, 1));
        t.finish();
        return g;
    }

    private PortfolioManagerPolicy readPortfolioManager(TomlReader t) {
        boolean enabled = t.bool("enabled", true);
        int perGroup = t.integer("max_positions_per_group", 2, 1, 1000);
        int maxOpen = t.integer("max_open_positions", 20, 1, 100000);
        OptionalDouble globalMax = t.has("global_max_exposure_pct")
                ? OptionalDouble.of(t.number("global_max_exposure_pct", 0.06, 0, 1)) : OptionalDouble.empty();
        OptionalDouble dailyLimit = t.has("global_daily_loss_limit")
                ? OptionalDouble.of(t.number("global_daily_loss_limit", 0.03, 0, 1)) : OptionalDouble.empty();
        OptionalInt maxLosses = t.has("max_consecutive_losses")
                ? OptionalInt.of(t.integer("max_consecutive_losses", 3, 1, 1000)) : OptionalInt.empty();
        OptionalInt cooldown = t.has("cooldown_minutes")
                ? OptionalInt.of(t.integer("cooldown_minutes", 30, 1, 60 * 24 * 30)) : OptionalInt.empty();
        if (maxLosses.isPresent() != cooldown.isPresent()) {
            t.problem(maxLosses.isPresent() ? "max_consecutive_losses" : "cooldown_minutes",
                    "max_consecutive_losses and cooldown_minutes go together: set both or neither");
        }
        t.integer("target_gate_latency_ms", 1, 0, 1000); // accepted verbatim from seed M16 section 9; informative
        Map<AssetClass, Double> allocations = new EnumMap<>(AssetClass.class);
        allocations.putAll(Map.of(AssetClass.FUTURES, 0.40, AssetClass.EQUITIES, 0.30, AssetClass.CRYPTO, 0.25,
                AssetClass.OPTIONS_BUY, 0.20, AssetClass.OPTIONS_SELL, 0.15, AssetClass.FOREX_INTRADAY, 0.20,
                AssetClass.FOREX_CARRY, 0.15));
        t.table("profile_allocations").ifPresent(a -> {
            for (String key : a.keys()) {
                AssetClass c = AssetClass.find(key).orElse(null);
                if (c == null) {
                    a.problem(key, "is not an asset class (" + assetClasses() + ")");
                    a.number(key, 0, -1e300, 1e300);
                    continue;
                }
                allocations.put(c, a.number(key, allocations.get(c), 0, 1));
            }
            a.finish();
        });
        Map<String, List<String>> groups = new LinkedHashMap<>();
        t.table("correlation_groups").ifPresentOrElse(g -> {
            Map<String, String> groupOf = new HashMap<>();
            for (String name : g.keys()) {
                List<String> members = g.strings(name, List.of());
                for (String m : members) {
                    String previous = groupOf.putIfAbsent(m, name);
                    if (previous != null) {
                        g.problem(name, m + " is in two correlation groups: " + previous + " and " + name);
                    }
                }
                groups.put(name, members);
            }
            g.finish();
        }, () -> groups.putAll(defaultGroups()));
        t.finish();
        return new PortfolioManagerPolicy(enabled, perGroup, maxOpen, globalMax, dailyLimit, maxLosses, cooldown,
                allocations, groups);
    }

    /** Groups A..G of seed M16 3.2. */
    static Map<String, List<String>> defaultGroups() {
        Map<String, List<String>> g = new LinkedHashMap<>();
        g.put("A_US_LARGE_CAP", List.of("ES", "SPY", "QQQ", "SPX", "AAPL", "MSFT", "NVDA", "GOOGL", "AMZN", "META"));
        g.put("B_US_SMALL_CAP", List.of("RTY", "IWM"));
        g.put("C_CRYPTO_MAJOR", List.of("BTC", "ETH"));
        g.put("D_CRYPTO_ALT", List.of("SOL", "AVAX", "DOGE"));
        g.put("E_FX_SAFE", List.of("USD/JPY", "USD/CHF", "EUR/USD"));
        g.put("F_FX_CARRY", List.of("AUD/JPY", "NZD/JPY", "USD/MXN", "USD/TRY"));
        g.put("G_ENERGY", List.of("CL", "NG"));
        return g;
    }

    /**
     * The economic calendar: a JSON array of {@code {"time": ISO-8601 instant, "title", "impact", "assets": [..]}}.
     * A missing file is a problem (the news shield would silently do nothing otherwise).
     */
    private List<NewsEvent> readCalendar(TomlReader t, Path calendar) {
        if (!Files.isRegularFile(calendar)) {
            t.problem("calendar", "no such file: " + calendar);
            return List.of();
        }
        List<NewsEvent> events = new ArrayList<>();
        try {
            JsonNode root = new ObjectMapper().readTree(calendar.toFile());
            if (root == null || !root.isArray()) {
                t.problem("calendar", calendar + " must hold a JSON array of events");
                return List.of();
            }
            for (int i = 0; i < root.size(); i++) {
                JsonNode e = root.get(i);
                String where = calendar.getFileName() + "[" + i + "]";
                try {
                    Instant time = Instant.parse(text(e, "time", where));
                    List<String> assets = new ArrayList<>();
                    JsonNode a = e.get("assets");
                    if (a == null || !a.isArray() || a.isEmpty()) {
                        throw new IllegalArgumentException(where + ".assets must be a non-empty array of asset names or \"*\"");
                    }
                    a.forEach(x -> assets.add(x.asText()));
                    events.add(new NewsEvent(time, text(e, "title", where), text(e, "impact", where), assets));
                } catch (DateTimeParseException ex) {
                    t.problem("calendar", where + ".time must be an ISO-8601 instant like 2026-11-25T13:30:00Z, was '"
                            + e.path("time").asText() + "'");
                } catch (IllegalArgumentException ex) {
                    t.problem("calendar", ex.getMessage());
                }
            }
        } catch (IOException e) {
            t.problem("calendar", "cannot read " + calendar + ": " + e.getMessage());
        }
        return events;
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node == null ? null : node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException(where + "." + field + " must be a string");
        }
        return v.asText();
    }

    private static String[] parseListen(TomlReader t, String listen) {
        int colon = listen.lastIndexOf(':');
        if (colon > 0) {
            try {
                int port = Integer.parseInt(listen.substring(colon + 1));
                if (port >= 0 && port <= 65535) {
                    return new String[] {listen.substring(0, colon), String.valueOf(port)};
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        t.problem("listen", "must be host:port with a port in 0..65535, was '" + listen + "'");
        return new String[] {"127.0.0.1", "8080"};
    }

    private Path resolve(String path) {
        Path p = Path.of(path);
        return p.isAbsolute() ? p : baseDir.resolve(p).normalize();
    }

    private static TomlReader section(TomlReader root, String key) {
        return root.table(key).orElseGet(() -> new TomlReader(root.file(), org.tomlj.Toml.parse(""), key, null,
                root.problems(), Map.of()));
    }

    private static String assetClasses() {
        StringBuilder s = new StringBuilder();
        for (AssetClass c : AssetClass.values()) {
            s.append(s.length() == 0 ? "" : ", ").append(c.configName());
        }
        return s.toString();
    }

    private static <E> java.util.Optional<E> find(E[] values, String name, java.util.function.Function<E, String> nameOf) {
        for (E e : values) {
            if (nameOf.apply(e).equals(name)) {
                return java.util.Optional.of(e);
            }
        }
        return java.util.Optional.empty();
    }
}
