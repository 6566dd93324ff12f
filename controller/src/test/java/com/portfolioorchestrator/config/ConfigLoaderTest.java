package com.portfolioorchestrator.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.portfolioorchestrator.core.policy.AssetClass;
import com.portfolioorchestrator.core.policy.BucketPolicy;
import com.portfolioorchestrator.core.policy.Mode;
import com.portfolioorchestrator.core.policy.Profile;
import com.portfolioorchestrator.core.policy.ProfileName;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import com.portfolioorchestrator.core.policy.Toggle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    @TempDir
    Path dir;

    private static List<String> problems(ConfigLoader.Result r) {
        assertThat(r).isInstanceOf(ConfigLoader.Invalid.class);
        return ((ConfigLoader.Invalid) r).problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void shippedDefaults_validate_asTheS1toS7Deployment() {
        OrchestratorConfig c = ShippedConfig.loaded(Map.of());
        RiskPolicy risk = c.risk();
        assertThat(risk.mode()).isEqualTo(Mode.PAPER);
        assertThat(risk.activeProfile()).isEqualTo(ProfileName.BALANCED);
        assertThat(risk.bots()).extracting(b -> b.id()).containsExactly("S1", "S2", "S3", "S4", "S5", "S6", "S7");
        assertThat(risk.buckets()).extracting(BucketPolicy::name).containsExactly("hft", "mft", "lft", "event");
        assertThat(risk.findBot("S1").orElseThrow().bucket()).isEqualTo("hft");
        assertThat(risk.findBot("S4").orElseThrow().bucket()).isEqualTo("mft");
        assertThat(risk.findBot("S6").orElseThrow().bucket()).isEqualTo("lft");
        assertThat(risk.findBot("S7").orElseThrow().bucket()).isEqualTo("event");
        assertThat(c.ibkr().enabled()).isFalse();
        assertThat(risk.toggles().enabled()).containsExactlyInAnyOrder(Toggle.values());
        assertThat(c.listenHost()).isEqualTo("127.0.0.1");
        assertThat(c.listenPort()).isEqualTo(8080);
    }

    @Test
    void shippedDefaults_carryTheSeedNumbers() {
        RiskPolicy r = ShippedConfig.loaded(Map.of()).risk();
        // playbook 1.2 caps and floor; 3.1 timeouts; 3.2 spreads and slippage (event uses LFT)
        assertThat(r.buckets()).extracting(BucketPolicy::cap).containsExactly(0.40, 0.40, 0.45, 0.20);
        assertThat(r.buckets()).extracting(BucketPolicy::limitTimeoutS).containsExactly(90, 180, 300, 300);
        assertThat(r.buckets()).extracting(BucketPolicy::maxSpreadBps).containsExactly(8.0, 15.0, 20.0, 20.0);
        assertThat(r.buckets()).extracting(BucketPolicy::maxSlippageBps).containsExactly(10.0, 20.0, 30.0, 30.0);
        assertThat(r.allocation().minBucketWeight()).isEqualTo(0.10);
        assertThat(r.allocation().volEwmaDays()).isEqualTo(20);
        assertThat(r.allocation().minTradesForVol()).isEqualTo(100);
        // playbook 1.4
        assertThat(r.assetCaps().capOf("BTC")).isEqualTo(0.30);
        assertThat(r.assetCaps().capOf("ETH")).isEqualTo(0.25);
        assertThat(r.assetCaps().capOf("SOL")).isEqualTo(0.18);
        assertThat(r.assetCaps().capOf("XRP")).isEqualTo(0.15);
        assertThat(r.assetCaps().top3Combined()).isEqualTo(0.60);
        // playbook 1.5
        assertThat(r.correlation().alignmentWarn()).isEqualTo(0.75);
        assertThat(r.correlation().alignmentWarnBudgetCut()).isEqualTo(0.25);
        assertThat(r.correlation().alignmentHigh()).isEqualTo(0.90);
        assertThat(r.correlation().alignmentHighBudgetCut()).isEqualTo(0.45);
        assertThat(r.correlation().pnlCorrThreshold()).isEqualTo(0.65);
        assertThat(r.correlation().pnlCorrMultiplier()).isEqualTo(0.80);
        assertThat(r.correlation().combinedMultiplier()).isEqualTo(0.60);
        assertThat(r.correlation().combinedMaxNewPositions()).isEqualTo(1);
        assertThat(r.correlation().combinedWindowMin()).isEqualTo(15);
        // playbook 2.1-2.4
        assertThat(r.dailyLoss().soft()).isEqualTo(0.02);
        assertThat(r.dailyLoss().softFreezeH()).isEqualTo(2.0);
        assertThat(r.drawdown()).isEqualTo(new com.portfolioorchestrator.core.policy.DrawdownPolicy(0.06, 0.50, 0.09, 24, 0.05, 12));
        assertThat(r.lossStreak().tiers()).extracting(t -> t.losses() + "/" + t.cooldownMin() + "/" + t.downgradeProfile())
                .containsExactly("4/90/false", "6/360/false", "8/1440/true");
        assertThat(r.lossStreak().resetAfterWins()).isEqualTo(2);
        assertThat(r.lossStreak().breakevenEpsilon()).isEqualTo(0.0005);
        assertThat(r.volatility().highZ()).isEqualTo(1.5);
        assertThat(r.volatility().highPersistH()).isEqualTo(3);
        assertThat(r.volatility().extremeZ()).isEqualTo(2.2);
        assertThat(r.volatility().high().leverage()).isEqualTo(0.70);
        assertThat(r.volatility().high().maxOpenTrades()).isEqualTo(0.80);
        assertThat(r.volatility().high().slippage()).isEqualTo(0.80);
        assertThat(r.volatility().extreme().leverage()).isEqualTo(0.50);
        assertThat(r.volatility().extreme().maxOpenTrades()).isEqualTo(0.60);
        assertThat(r.volatility().extreme().blockedStrategies()).containsExactly("S2", "S7");
        // playbook 3.1-3.3
        assertThat(r.guards().retrySizeFactors()).containsExactly(0.90, 0.75);
        assertThat(r.guards().symbolFailures()).isEqualTo(2);
        assertThat(r.guards().symbolFailureWindowMin()).isEqualTo(10);
        assertThat(r.guards().symbolCooldownMin()).isEqualTo(30);
        assertThat(r.funding().scaleThreshold()).isEqualTo(0.0004);
        assertThat(r.funding().scaleMultiplier()).isEqualTo(0.75);
        assertThat(r.funding().denyThreshold()).isEqualTo(0.0008);
        // FLOF RiskOverlord, PRODUCT.md 5.11/5.13
        assertThat(r.rateLimits().perBotPerMinute()).isEqualTo(3);
        assertThat(r.rateLimits().perBotPerHour()).isEqualTo(10);
        assertThat(r.safety().fatFingerMaxOrder()).isEqualTo(0.10);
        assertThat(r.safety().maxDailyTurnover()).isEqualTo(0.50);
        assertThat(r.safety().minSizeMultiplier()).isEqualTo(0.25);
        assertThat(r.newsShield().beforeMin()).isEqualTo(5);
        assertThat(r.newsShield().afterMin()).isEqualTo(3);
        assertThat(r.newsShield().events()).isNotEmpty();
        // seed M16 section 9
        assertThat(r.portfolioManager().maxPositionsPerGroup()).isEqualTo(2);
        assertThat(r.portfolioManager().globalMaxExposurePct()).isEmpty();
        assertThat(r.portfolioManager().profileAllocations()).containsEntry(AssetClass.FUTURES, 0.40)
                .containsEntry(AssetClass.EQUITIES, 0.30).containsEntry(AssetClass.CRYPTO, 0.25)
                .containsEntry(AssetClass.OPTIONS_BUY, 0.20).containsEntry(AssetClass.OPTIONS_SELL, 0.15)
                .containsEntry(AssetClass.FOREX_INTRADAY, 0.20).containsEntry(AssetClass.FOREX_CARRY, 0.15);
        assertThat(r.portfolioManager().correlationGroups()).containsKeys("A_US_LARGE_CAP", "B_US_SMALL_CAP",
                "C_CRYPTO_MAJOR", "D_CRYPTO_ALT", "E_FX_SAFE", "F_FX_CARRY", "G_ENERGY");
        assertThat(r.ibkr().reconciliationHalt()).isEqualTo(0.0025);
        assertThat(r.ibkr().reconciliationEmergency()).isEqualTo(0.01);
        assertThat(r.ibkr().maintenanceWindows()).hasSize(2);
    }

    @Test
    void profiles_matchPlaybookSection4Exactly() {
        RiskPolicy r = ShippedConfig.loaded(Map.of()).risk();
        assertThat(r.profile(ProfileName.CONSERVATIVE))
                .isEqualTo(new Profile(ProfileName.CONSERVATIVE, 1.5, 6, 0.008, 0.12, 0.85, 0.022));
        assertThat(r.profile(ProfileName.BALANCED))
                .isEqualTo(new Profile(ProfileName.BALANCED, 2.5, 10, 0.014, 0.18, 1.00, 0.030));
        assertThat(r.profile(ProfileName.AGGRESSIVE))
                .isEqualTo(new Profile(ProfileName.AGGRESSIVE, 3.5, 14, 0.021, 0.22, 1.15, 0.038));
    }

    @Test
    void threeInjectedFaults_areAllReportedWithLineAndColumn() {
        UnaryOperator<String> edits = ShippedConfig.replaceLine("soft_freeze_h =", "soft_freeze_hours = 2")
                .andThen(ShippedConfig.replaceLine("risk_cycle_s =", "risk_cycle_s = \"sixty\""))
                .andThen(ShippedConfig.replaceLine("breaker = ", "breaker = 1.9"))::apply;
        List<String> problems = problems(ShippedConfig.loadEdited(dir, edits, Map.of()));
        String file = dir.resolve("orchestrator.toml").toString();
        int freezeLine = lineOf("soft_freeze_h =");
        int cycleLine = lineOf("risk_cycle_s =");
        int breakerLine = lineOf("breaker = ");
        assertThat(problems).containsExactlyInAnyOrder(
                file + ":" + freezeLine + ":1 daily_loss.soft_freeze_hours: unknown key",
                file + ":" + cycleLine + ":1 schedule.risk_cycle_s: must be an integer, was a string 'sixty'",
                file + ":" + breakerLine + ":1 drawdown.breaker: must be in [0, 1], was 1.9");
    }

    private static int lineOf(String startsWith) {
        String[] lines = ShippedConfig.text().split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(startsWith)) {
                return i + 1;
            }
        }
        throw new AssertionError(startsWith);
    }

    @Test
    void syntaxError_isReportedWithItsPosition() throws Exception {
        Path file = dir.resolve("broken.toml");
        Files.writeString(file, "[orchestrator]\nmode = \"paper\nx = 1\n");
        List<String> problems = problems(new ConfigLoader(Map.of(), ShippedConfig.ROOT).load(file));
        assertThat(problems).hasSize(1);
        assertThat(problems.get(0)).startsWith(file + ":2:").contains("(syntax)");
    }

    @Test
    void missingFile_isAProblemNotAnException() {
        assertThat(problems(new ConfigLoader(Map.of(), dir).load(dir.resolve("nope.toml"))))
                .containsExactly(dir.resolve("nope.toml") + ":0:0 (file): cannot read: no such file");
    }

    @Test
    void botInTwoBuckets_isAnError() {
        List<String> p = problems(ShippedConfig.loadEdited(dir,
                ShippedConfig.replaceLine("strategies = [\"S3\", \"S4\"]", "strategies = [\"S3\", \"S4\", \"S1\"]"), Map.of()));
        assertThat(p).anyMatch(s -> s.contains("buckets.mft.strategies: bot S1 is in two buckets: hft and mft"));
    }

    @Test
    void floorsAboveOne_andCapBelowFloor_areErrors() {
        List<String> p = problems(ShippedConfig.loadEdited(dir,
                ShippedConfig.replaceLine("min_bucket_weight =", "min_bucket_weight = 0.30"), Map.of()));
        assertThat(p).anyMatch(s -> s.contains("4 buckets x floor 0.3 = 1.2 exceeds 1"));
        assertThat(p).anyMatch(s -> s.contains("buckets.event: cap 0.2 is below allocation.min_bucket_weight 0.3"));
    }

    @Test
    void strategyCapAboveOne_inAProfile_isAnErrorNamingTheProfileFile() throws Exception {
        Path profiles = dir.resolve("profiles");
        Files.createDirectories(profiles);
        for (String name : List.of("conservative", "balanced", "aggressive")) {
            Files.copy(ShippedConfig.ROOT.resolve("profiles/" + name + ".toml"), profiles.resolve(name + ".toml"));
        }
        Files.writeString(profiles.resolve("aggressive.toml"),
                Files.readString(profiles.resolve("aggressive.toml")).replace("strategy_cap = 0.22", "strategy_cap = 1.22"));
        List<String> p = problems(ShippedConfig.loadEdited(dir,
                ShippedConfig.replaceLine("profiles_dir =", "profiles_dir = \"" + profiles + "\""), Map.of()));
        assertThat(p).containsExactly(profiles.resolve("aggressive.toml") + ":5:1 strategy_cap: must be in [0, 1], was 1.22");
    }

    @Test
    void inconsistentThresholds_areErrors() {
        UnaryOperator<String> edits = ShippedConfig.replaceLine("warn = 0.06", "warn = 0.10")
                .andThen(ShippedConfig.replaceLine("high_exit_z =", "high_exit_z = 1.6"))
                .andThen(ShippedConfig.replaceLine("soft = 0.02", "soft = 0.035"))::apply;
        List<String> p = problems(ShippedConfig.loadEdited(dir, edits, Map.of()));
        assertThat(p).anyMatch(s -> s.contains("drawdown.warn: must be below breaker (0.09), was 0.1"));
        assertThat(p).anyMatch(s -> s.contains("volatility.high_exit_z: must not exceed high_z (1.5), was 1.6"));
        assertThat(p).anyMatch(s -> s.contains("soft 0.035 must be below the hard daily loss 0.03"));
    }

    @Test
    void environmentVariables_areSubstituted_withDefaults_andMissingOnesAreErrors() {
        OrchestratorConfig withEnv = ShippedConfig.loaded(Map.of("S1_TOKEN", "from-env-s1", "FT_S2_URL", "http://10.0.0.2:9000"));
        assertThat(withEnv.findBot("S1").orElseThrow().token().reveal()).isEqualTo("from-env-s1");
        assertThat(withEnv.findBot("S2").orElseThrow().url()).isEqualTo("http://10.0.0.2:9000");
        assertThat(withEnv.findBot("S3").orElseThrow().token().reveal()).isEqualTo("paper-s3-token");

        List<String> p = problems(ShippedConfig.loadEdited(dir,
                ShippedConfig.replaceLine("password = \"${FT_S4_PASSWORD", "password = \"${FT_S4_PASSWORD}\""), Map.of()));
        assertThat(p).singleElement().asString().contains("bots[3].password: environment variable FT_S4_PASSWORD is not set");
    }

    @Test
    void secrets_neverAppearInTheSummaryOrInProblems() {
        String secret = "s3cr3t-Value-42";
        OrchestratorConfig c = ShippedConfig.loaded(Map.of("FT_S1_PASSWORD", secret, "S2_TOKEN", secret + "b",
                "OP_ALICE_TOKEN", secret + "c"));
        assertThat(c.findBot("S1").orElseThrow().password().reveal()).isEqualTo(secret);
        assertThat(c.findBot("S1").orElseThrow().password()).hasToString("***");
        assertThat(ConfigSummary.of(c)).doesNotContain(secret).contains("password ***");
        assertThat(c.toString()).doesNotContain(secret);

        // a secret of the wrong type is reported without its value
        List<String> p = problems(ShippedConfig.loadEdited(dir,
                ShippedConfig.replaceLine("token = \"${S5_TOKEN", "token = 987654321"), Map.of()));
        assertThat(p).anyMatch(s -> s.contains("bots[4].token: must be a string, was an integer"));
        assertThat(String.join("\n", p)).doesNotContain("987654321");
    }

    @Test
    void duplicateTokens_areErrors() {
        List<String> p = problems(ShippedConfig.loadEdited(dir,
                ShippedConfig.replaceLine("token = \"${S2_TOKEN", "token = \"paper-s1-token\""), Map.of()));
        assertThat(p).anyMatch(s -> s.contains("bots[1].token: is the same as another bot's or operator's token"));
    }

    @Test
    void safetyLock_inLiveMode_refusesToDisableSafetyToggles_andKeepsThemOn() {
        UnaryOperator<String> edits = ShippedConfig.replaceLine("mode = \"paper\"", "mode = \"live\"")
                .andThen(ShippedConfig.replaceLine("kill_switch = true", "kill_switch = false"))
                .andThen(ShippedConfig.replaceLine("stale_data = true", "stale_data = false"))
                .andThen(ShippedConfig.replaceLine("rate_limits = true", "rate_limits = false"))
                .andThen(ShippedConfig.replaceLine("fat_finger = true", "fat_finger = false"))
                .andThen(ShippedConfig.replaceLine("daily_loss = true", "daily_loss = false"))
                .andThen(ShippedConfig.replaceLine("funding = true", "funding = false"))::apply;
        ConfigLoader.Result r = ShippedConfig.loadEdited(dir, edits, Map.of());
        OrchestratorConfig c = ((ConfigLoader.Loaded) r).config();
        assertThat(c.risk().mode()).isEqualTo(Mode.LIVE);
        for (Toggle t : Toggle.SAFETY_LOCKED) {
            assertThat(c.risk().toggles().isOn(t)).as(t.configName()).isTrue();
        }
        assertThat(c.risk().toggles().isOn(Toggle.FUNDING)).as("a non-safety toggle may be switched off").isFalse();
        assertThat(c.safetyLockRefusals()).containsExactlyInAnyOrder(
                "toggles.kill_switch = false refused in live mode: the safety lock keeps it on",
                "toggles.stale_data = false refused in live mode: the safety lock keeps it on",
                "toggles.rate_limits = false refused in live mode: the safety lock keeps it on",
                "toggles.fat_finger = false refused in live mode: the safety lock keeps it on",
                "toggles.daily_loss = false refused in live mode: the safety lock keeps it on");
        assertThat(ConfigSummary.of(c)).contains("SAFETY LOCK: toggles.kill_switch = false refused");
    }

    @Test
    void safetyLock_inPaperMode_allowsDisablingSafetyToggles() {
        UnaryOperator<String> edits = ShippedConfig.replaceLine("kill_switch = true", "kill_switch = false")
                .andThen(ShippedConfig.replaceLine("daily_loss = true", "daily_loss = false"))::apply;
        OrchestratorConfig c = ((ConfigLoader.Loaded) ShippedConfig.loadEdited(dir, edits, Map.of())).config();
        assertThat(c.risk().toggles().isOn(Toggle.KILL_SWITCH)).isFalse();
        assertThat(c.risk().toggles().isOn(Toggle.DAILY_LOSS)).isFalse();
        assertThat(c.safetyLockRefusals()).isEmpty();
    }

    @Test
    void m16Keys_areAcceptedVerbatim() {
        UnaryOperator<String> edits = ShippedConfig.replaceLine("max_open_positions = 20",
                "max_open_positions = 20\nglobal_max_exposure_pct = 0.06\nglobal_daily_loss_limit = 0.03\n"
                        + "max_consecutive_losses = 3\ncooldown_minutes = 30\ntarget_gate_latency_ms = 1")::apply;
        OrchestratorConfig c = ((ConfigLoader.Loaded) ShippedConfig.loadEdited(dir, edits, Map.of())).config();
        var pm = c.risk().portfolioManager();
        assertThat(pm.globalMaxExposurePct()).hasValue(0.06);
        assertThat(pm.globalDailyLossLimit()).hasValue(0.03);
        assertThat(pm.maxConsecutiveLosses()).hasValue(3);
        assertThat(pm.cooldownMinutes()).hasValue(30);
    }

    @Test
    void flofExampleConfig_validates() {
        ConfigLoader.Result r = new ConfigLoader(Map.of(), ShippedConfig.ROOT).load(ShippedConfig.ROOT.resolve("config/flof-example.toml"));
        assertThat(r).isInstanceOf(ConfigLoader.Loaded.class);
        assertThat(((ConfigLoader.Loaded) r).config().risk().portfolioManager().globalMaxExposurePct()).hasValue(0.06);
    }
}
