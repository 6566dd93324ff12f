package com.portfolioorchestrator.core.engine;

import static com.portfolioorchestrator.core.engine.Engines.T0;
import static com.portfolioorchestrator.core.engine.Engines.allowed;
import static com.portfolioorchestrator.core.engine.Engines.decide;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.portfolioorchestrator.core.DenyCode;
import com.portfolioorchestrator.core.Side;
import com.portfolioorchestrator.core.TestPolicies;
import com.portfolioorchestrator.core.allocation.Allocation;
import com.portfolioorchestrator.core.policy.ProfileName;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import com.portfolioorchestrator.core.policy.Toggle;
import com.portfolioorchestrator.core.regime.VolatilityRegime;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Playbook 1.2-1.5 and M16 P1, P2, P5 (PRODUCT.md 5.1-5.4, 5.10, 5.13). Balanced profile, equity 100,000: gross
 * capacity C = 250,000, risk budget 1,400.
 */
class PortfolioRulesTest {

    /** Requests by a stale bot are denied at once but still count as signals for the alignment window. */
    private static void signals(DecisionEngine engine, int longs, int shorts, Instant at) {
        engine.onBotHealth("S7", BotHealth.STALE, at);
        for (int i = 0; i < longs + shorts; i++) {
            decide(engine, Requests.entry("S7", "BTC/USDT:USDT").side(i < longs ? Side.LONG : Side.SHORT), at);
        }
        engine.onBotHealth("S7", BotHealth.FRESH, at);
    }

    private static double p1Limit(Decision d) {
        return d.findCheck(Gate.P1_RISK_BUDGET).orElseThrow().limit();
    }

    @Nested
    class CorrelationThrottle {
        @Test
        void alignment_withFewerThanFiveRequests_cutsNothing() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            signals(engine, 4, 0, T0);

            assertThat(p1Limit(allowed(decide(engine, Requests.entry("S1", "XRP/USDT"), T0)))).isEqualTo(0.014);
        }

        @Test
        void alignment_justBelow0point75_cutsNothing_at0point75_cuts25Percent() {
            DecisionEngine below = Engines.ready(TestPolicies.defaults());
            signals(below, 14, 5, T0); // 14/19 = 0.737
            DecisionEngine at = Engines.ready(TestPolicies.defaults());
            signals(at, 6, 2, T0); // 6/8 = 0.75

            assertThat(p1Limit(allowed(decide(below, Requests.entry("S1", "XRP/USDT"), T0)))).isEqualTo(0.014);
            assertThat(p1Limit(allowed(decide(at, Requests.entry("S1", "XRP/USDT"), T0))))
                    .isCloseTo(0.014 * 0.75, offset(1e-12));
        }

        @Test
        void alignment_justBelow0point90_cuts25_at0point90_cuts45PercentAndBlocksTheLowestEdge() {
            DecisionEngine below = Engines.ready(TestPolicies.defaults());
            below.onEdgeScores(Map.of("S1", 0.01, "S3", -0.02));
            signals(below, 8, 1, T0); // 0.889
            DecisionEngine at = Engines.ready(TestPolicies.defaults());
            at.onEdgeScores(Map.of("S1", 0.01, "S3", -0.02));
            signals(at, 9, 1, T0); // 0.90

            assertThat(p1Limit(allowed(decide(below, Requests.entry("S3", "XRP/USDT"), T0))))
                    .isCloseTo(0.014 * 0.75, offset(1e-12));
            assertThat(decide(at, Requests.entry("S3", "XRP/USDT"), T0).deniedBy())
                    .contains(DenyCode.LOWEST_EDGE_BLOCKED);
            assertThat(p1Limit(allowed(decide(at, Requests.entry("S1", "XRP/USDT"), T0))))
                    .isCloseTo(0.014 * 0.55, offset(1e-12));
        }

        @Test
        void alignment_requestsOlderThan24Hours_leaveTheWindow() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            signals(engine, 10, 0, T0);
            Instant later = T0.plus(Duration.ofHours(24));

            assertThat(p1Limit(allowed(decide(engine, Requests.entry("S1", "XRP/USDT"), later)))).isEqualTo(0.014);
        }

        @Test
        void strategyCorrelation_justBelow0point65_fullSize_at0point65_times0point80() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            engine.onStrategyCorrelation(0.6499, T0);
            assertThat(allowed(decide(engine, Requests.entry("S1", "XRP/USDT"), T0)).multipliers().correlation())
                    .isEqualTo(1.0);

            engine.onStrategyCorrelation(0.65, T0);
            Decision d = allowed(decide(engine, Requests.entry("S2", "XRP/USDT").stake(1000), T0));
            assertThat(d.multipliers().correlation()).isEqualTo(0.80);
            assertThat(d.approvedStake()).isCloseTo(800, offset(1e-9));
        }

        @Test
        void alignmentHighAndCorrelationHigh_clampTo0point60_andOneNewPositionPer15Minutes() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            engine.onStrategyCorrelation(0.70, T0);
            signals(engine, 10, 0, T0);

            Decision first = allowed(decide(engine, Requests.entry("S1", "XRP/USDT").stake(1000), T0));
            assertThat(first.multipliers().correlation()).isEqualTo(0.60);
            Decision second = decide(engine, Requests.entry("S3", "ADA/USDT"), T0.plus(Duration.ofMinutes(15)).minusMillis(1));
            assertThat(second.deniedBy()).contains(DenyCode.NEW_POSITION_THROTTLE);
            allowed(decide(engine, Requests.entry("S1", "XRP/USDT").increase(), T0.plusSeconds(1)));
            allowed(decide(engine, Requests.entry("S3", "ADA/USDT"), T0.plus(Duration.ofMinutes(15))));
        }
    }

    @Nested
    class M16Gates {
        @Test
        void p1RiskBudget_atTheBudget_isAllowed_justAbove_isDeniedNotScaled() {
            DecisionEngine engine = Engines.ready(TestPolicies.builder().off(Toggle.GATE_P5).build());

            allowed(decide(engine, Requests.entry("S1", "XRP/USDT").stake(9_999).stopDistance(0.14), T0));
            allowed(decide(engine, Requests.entry("S2", "ADA/USDT").stake(14).stopDistance(0.01), T0)); // 1399.86 + 0.14
            Decision above = decide(engine, Requests.entry("S3", "LINK/USDT").stake(1).stopDistance(0.01), T0);

            assertThat(above.deniedBy()).contains(DenyCode.RISK_BUDGET);
            assertThat(above.findCheck(Gate.P1_RISK_BUDGET)).get().satisfies(c -> {
                assertThat(c.value()).isCloseTo(0.0140001, offset(1e-12));
                assertThat(c.limit()).isEqualTo(0.014);
            });
        }

        @Test
        void p1RiskBudget_globalMaxExposurePct_replacesTheProfileBudget() {
            DecisionEngine engine = Engines.ready(TestPolicies.builder().off(Toggle.GATE_P5).globalMaxExposure(0.06).build());

            Decision d = allowed(decide(engine, Requests.entry("S1", "XRP/USDT").stake(10_000).stopDistance(0.5), T0));

            assertThat(p1Limit(d)).isEqualTo(0.06);
        }

        @Test
        void p5AssetClass_cryptoGets25PercentOfTheP1Cap() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());

            allowed(decide(engine, Requests.entry("S1", "XRP/USDT").stake(10_000).stopDistance(0.035), T0)); // 350
            Decision above = decide(engine, Requests.entry("S2", "ADA/USDT").stake(1).stopDistance(0.01), T0);

            assertThat(above.deniedBy()).contains(DenyCode.ASSET_CLASS_CAP);
            assertThat(above.findCheck(Gate.P5_ASSET_CLASS)).get().extracting(GateCheck::limit)
                    .isEqualTo(0.25 * 0.014);
        }

        @Test
        void p5IsEvaluatedBeforeP1() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());

            Decision d = decide(engine, Requests.entry("S1", "XRP/USDT").stake(10_000).stopDistance(0.2), T0);

            assertThat(d.deniedBy()).contains(DenyCode.ASSET_CLASS_CAP);
            assertThat(d.findCheck(Gate.P1_RISK_BUDGET)).as("remaining gates are skipped").isEmpty();
        }

        @Test
        void p2CorrelationGroup_twoPositionsFillAGroup_theThirdSignalLoses() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            allowed(decide(engine, Requests.entry("S1", "BTC/USDT:USDT"), T0));
            allowed(decide(engine, Requests.entry("S3", "ETH/USDT:USDT"), T0));

            Decision third = decide(engine, Requests.entry("S5", "BTC/USDT"), T0);

            assertThat(third.deniedBy()).contains(DenyCode.CORRELATION_GROUP_FULL);
            assertThat(third.findCheck(Gate.P2_CORRELATION_GROUP)).get().satisfies(c -> {
                assertThat(c.value()).isEqualTo(2);
                assertThat(c.limit()).isEqualTo(2);
            });
            assertThat(engine.reservations()).as("open positions are never pre-empted").hasSize(2);
            allowed(decide(engine, Requests.entry("S5", "SOL/USDT"), T0)); // another group
            allowed(decide(engine, Requests.entry("S6", "XRP/USDT"), T0)); // no group
            allowed(decide(engine, Requests.entry("S1", "BTC/USDT:USDT").increase(), T0.plusSeconds(1)));
        }

        @Test
        void maxOpenTrades_balancedTen_theEleventhIsDenied_anIncreaseIsNot() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            String[] bots = {"S1", "S2", "S3", "S4", "S5", "S6", "S7", "S1", "S2", "S3"};
            for (int i = 0; i < 10; i++) {
                allowed(decide(engine, Requests.entry(bots[i], "C" + i + "/USDT").stake(100), T0));
            }

            assertThat(decide(engine, Requests.entry("S4", "C10/USDT").stake(100), T0).deniedBy())
                    .contains(DenyCode.MAX_OPEN_TRADES);
            allowed(decide(engine, Requests.entry("S4", "C3/USDT").stake(100).increase(), T0));
        }
    }

    @Nested
    class Caps {
        /** Asset caps isolated: no fat finger, turnover, strategy budget; tiny stops keep P1/P5 out of the way. */
        private RiskPolicy capsOnly(ProfileName profile) {
            return TestPolicies.builder().profile(profile).off(Toggle.FAT_FINGER, Toggle.TURNOVER, Toggle.ALLOCATION).build();
        }

        private Requests big(String bot, String pair, double notional) {
            return Requests.entry(bot, pair).stake(notional).stopDistance(0.0001);
        }

        @Test
        void assetCap_btcThirtyPercentOfCapacity_aBreachingOrderIsScaledDown() {
            DecisionEngine engine = Engines.ready(capsOnly(ProfileName.BALANCED));

            Decision d = allowed(decide(engine, big("S1", "BTC/USDT", 80_000), T0));

            assertThat(d.approvedStake()).isCloseTo(75_000, offset(1e-6));
            assertThat(d.sizeMultiplier()).isCloseTo(75_000 / 80_000.0, offset(1e-12));
            assertThat(d.reasons()).anyMatch(x -> x.startsWith("ASSET_CAP_SCALED: BTC"));
        }

        @Test
        void assetCap_atTheCap_isNotScaled_theNextOrderIsBelowMinNotional() {
            DecisionEngine engine = Engines.ready(capsOnly(ProfileName.BALANCED));

            assertThat(allowed(decide(engine, big("S1", "ETH/USDT", 62_500), T0)).approvedStake()).isEqualTo(62_500);
            Decision next = decide(engine, big("S2", "ETH/USDT", 100).minStake(10), T0);

            assertThat(next.deniedBy()).contains(DenyCode.BELOW_MIN_NOTIONAL);
        }

        @Test
        void belowMinNotional_whatTheCapLeavesMustReachMinStake() {
            DecisionEngine engine = Engines.ready(capsOnly(ProfileName.BALANCED));
            allowed(decide(engine, big("S1", "SOL/USDT", 44_500), T0)); // SOL cap 45,000

            assertThat(decide(engine, big("S2", "SOL/USDT", 1_000).minStake(500.01), T0).deniedBy())
                    .contains(DenyCode.BELOW_MIN_NOTIONAL);
            assertThat(allowed(decide(engine, big("S3", "SOL/USDT", 1_000).minStake(500), T0)).approvedStake())
                    .isCloseTo(500, offset(1e-6));
        }

        @Test
        void assetCap_otherAssets15Percent_conservativeMultiplier0point85() {
            DecisionEngine balanced = Engines.ready(capsOnly(ProfileName.BALANCED));
            DecisionEngine conservative = Engines.ready(capsOnly(ProfileName.CONSERVATIVE));

            assertThat(allowed(decide(balanced, big("S1", "XRP/USDT", 50_000), T0)).approvedStake())
                    .isCloseTo(0.15 * 250_000, offset(1e-6));
            assertThat(allowed(decide(conservative, big("S1", "BTC/USDT", 50_000), T0)).approvedStake())
                    .isCloseTo(0.30 * 0.85 * 150_000, offset(1e-6));
        }

        @Test
        void top3Combined_sixtyPercentOfCapacity_scalesTheOrderThatWouldBreachIt() {
            DecisionEngine engine = Engines.ready(capsOnly(ProfileName.BALANCED));
            allowed(decide(engine, big("S1", "BTC/USDT", 75_000), T0));
            allowed(decide(engine, big("S2", "ETH/USDT", 62_500), T0));

            Decision sol = allowed(decide(engine, big("S3", "SOL/USDT", 45_000), T0));
            assertThat(sol.approvedStake()).as("150,000 - 137,500").isCloseTo(12_500, offset(1e-6));
            assertThat(sol.reasons()).anyMatch(x -> x.startsWith("TOP3_SCALED"));

            Decision small = allowed(decide(engine, big("S4", "DOGE/USDT", 10_000), T0));
            assertThat(small.approvedStake()).as("stays below the third largest").isEqualTo(10_000);
            Decision large = allowed(decide(engine, big("S5", "LINK/USDT", 20_000), T0));
            assertThat(large.approvedStake()).isCloseTo(12_500, offset(1e-6));
            assertThat(engine.exposure().top3Notional()).isLessThanOrEqualTo(150_000 + 1e-6);
        }

        @Test
        void strategyBudget_capacityTimesTheStrategyWeight_scalesDown() {
            DecisionEngine engine = Engines.ready(TestPolicies.builder().off(Toggle.FAT_FINGER, Toggle.TURNOVER).build());

            // equal allocation: event capped at 0.20, the others at (1 - 0.2) / 3; hft split over S1, S2
            Decision d = allowed(decide(engine, Requests.entry("S1", "XRP/USDT").stake(40_000).stopDistance(0.0001), T0));
            assertThat(d.approvedStake()).isCloseTo(250_000 * (0.8 / 3) / 2, offset(1e-6));
            assertThat(d.reasons()).anyMatch(x -> x.startsWith("STRATEGY_BUDGET_SCALED"));
            assertThat(decide(engine, Requests.entry("S1", "ADA/USDT").stake(100).stopDistance(0.0001), T0).deniedBy())
                    .contains(DenyCode.BELOW_MIN_NOTIONAL);
        }

        @Test
        void bucketDisabled_whenTheAllocationGivesTheBucketNoWeight() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            Map<String, Double> buckets = new LinkedHashMap<>(Map.of("hft", 0.0, "mft", 0.4, "lft", 0.4, "event", 0.2));
            Map<String, Double> strategies = new LinkedHashMap<>(Map.of("S1", 0.0, "S2", 0.0, "S3", 0.18, "S4", 0.18,
                    "S5", 0.18, "S6", 0.18, "S7", 0.18));
            engine.onAllocation(new Allocation(buckets, strategies, T0));

            assertThat(decide(engine, Requests.entry("S1", "XRP/USDT"), T0).deniedBy()).contains(DenyCode.BUCKET_DISABLED);
            allowed(decide(engine, Requests.entry("S3", "XRP/USDT"), T0));
        }

        @Test
        void multipliers_combineByProduct_neverBelowTheFloor() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            engine.onEquity(T0.plusSeconds(1), 94_000, 0); // drawdown 6 %: 0.5
            engine.onRegime(VolatilityRegime.EXTREME, T0.plusSeconds(1)); // 0.5
            engine.onStrategyCorrelation(0.9, T0.plusSeconds(1));
            signals(engine, 10, 0, T0.plusSeconds(1)); // with correlation: 0.6

            Decision d = allowed(decide(engine, Requests.entry("S1", "XRP/USDT:USDT").stake(1000).funding(0.0005),
                    T0.plusSeconds(2))); // funding 0.75

            assertThat(d.multipliers()).isEqualTo(new Multipliers(0.5, 0.6, 0.5, 0.75));
            assertThat(d.multipliers().product()).isCloseTo(0.1125, offset(1e-12));
            assertThat(d.sizeMultiplier()).isEqualTo(0.25);
            assertThat(d.approvedStake()).isEqualTo(250);
        }
    }
}
