package com.portfolioorchestrator.core.engine;

import static com.portfolioorchestrator.core.engine.Engines.T0;
import static com.portfolioorchestrator.core.engine.Engines.allowed;
import static com.portfolioorchestrator.core.engine.Engines.decide;
import static org.assertj.core.api.Assertions.assertThat;

import com.portfolioorchestrator.core.DenyCode;
import com.portfolioorchestrator.core.TestPolicies;
import com.portfolioorchestrator.core.policy.BotPolicy;
import com.portfolioorchestrator.core.policy.AssetClass;
import com.portfolioorchestrator.core.regime.VolatilityRegime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Playbook 2.4 and 3.1-3.3 (PRODUCT.md 5.8, 5.9): volatility regime, execution guards, retries, funding. */
class ExecutionRulesTest {

    @Nested
    class Guards {
        @ParameterizedTest(name = "{0}: spread {1} bps allowed, {2} denied")
        @CsvSource({"S1, 8, 8.01", "S3, 15, 15.01", "S5, 20, 20.01", "S7, 20, 20.01"})
        void spreadGuard_byBucket_atTheLimitPasses_justAboveIsDenied(String bot, double at, double above) {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());

            allowed(decide(engine, Requests.entry(bot, "XRP/USDT").spread(at), T0));
            assertThat(decide(engine, Requests.entry(bot, "ADA/USDT").spread(above), T0).deniedBy())
                    .contains(DenyCode.SPREAD_TOO_WIDE);
        }

        @ParameterizedTest(name = "{0}: slippage {1} bps allowed, {2} denied")
        @CsvSource({"S1, 10, 10.01", "S3, 20, 20.01", "S5, 30, 30.01", "S7, 30, 30.01"})
        void slippageGuard_byBucket_atTheLimitPasses_justAboveIsDenied(String bot, double at, double above) {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());

            allowed(decide(engine, Requests.entry(bot, "XRP/USDT").slippage(at), T0));
            assertThat(decide(engine, Requests.entry(bot, "ADA/USDT").slippage(above), T0).deniedBy())
                    .contains(DenyCode.SLIPPAGE_TOO_HIGH);
        }

        @Test
        void requireQuotes_anEntryWithoutSpreadOrSlippage_isDenied() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());

            assertThat(decide(engine, Requests.entry("S1", "XRP/USDT").noQuotes(), T0).deniedBy())
                    .contains(DenyCode.QUOTES_REQUIRED);
        }

        @Test
        void symbolCooldown_twoGuardFailuresWithin10Minutes_coolTheSymbolFor30Minutes() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            decide(engine, Requests.entry("S1", "XRP/USDT").spread(9), T0);
            Instant second = T0.plus(Duration.ofMinutes(10));
            decide(engine, Requests.entry("S2", "XRP/USDT").spread(9), second);

            assertThat(decide(engine, Requests.entry("S3", "XRP/USDT"), second.plusSeconds(1)).deniedBy())
                    .contains(DenyCode.SYMBOL_COOLDOWN);
            allowed(decide(engine, Requests.entry("S3", "ADA/USDT"), second.plusSeconds(1)));
            assertThat(decide(engine, Requests.entry("S3", "XRP/USDT"), second.plus(Duration.ofMinutes(30)).minusMillis(1))
                    .deniedBy()).contains(DenyCode.SYMBOL_COOLDOWN);
            allowed(decide(engine, Requests.entry("S4", "XRP/USDT"), second.plus(Duration.ofMinutes(30))));
            assertThat(engine.drainEvents()).filteredOn(e -> e instanceof EngineEvent.SymbolCooledDown).hasSize(1);
        }

        @Test
        void symbolCooldown_failuresMoreThan10MinutesApart_doNotCool() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            decide(engine, Requests.entry("S1", "XRP/USDT").spread(9), T0);
            Instant second = T0.plus(Duration.ofMinutes(10)).plusMillis(1);
            decide(engine, Requests.entry("S2", "XRP/USDT").spread(9), second);

            allowed(decide(engine, Requests.entry("S3", "XRP/USDT"), second.plusSeconds(1)));
        }

        @Test
        void symbolCooldown_aPassingGuardInBetween_breaksTheRun() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            decide(engine, Requests.entry("S1", "XRP/USDT").spread(9), T0);
            allowed(decide(engine, Requests.entry("S2", "XRP/USDT"), T0.plusSeconds(10)));
            decide(engine, Requests.entry("S3", "XRP/USDT").slippage(11), T0.plusSeconds(20));

            allowed(decide(engine, Requests.entry("S4", "XRP/USDT"), T0.plusSeconds(30)));
        }
    }

    @Nested
    class Retries {
        @Test
        void retry_attempt2At90Percent_attempt3At75PercentOfTheFirstApprovedSize() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            Decision first = allowed(decide(engine, Requests.entry("S3", "XRP/USDT").stake(1000), T0));

            Decision second = allowed(decide(engine, Requests.entry("S3", "XRP/USDT").stake(1000)
                    .retry(2, first.decisionId()), T0.plusSeconds(180)));
            Decision third = allowed(decide(engine, Requests.entry("S3", "XRP/USDT").stake(1000)
                    .retry(3, second.decisionId()), T0.plusSeconds(360)));

            assertThat(second.approvedStake()).isCloseTo(900, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(third.approvedStake()).as("75 %% of the first, not of the second")
                    .isCloseTo(750, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(engine.reservations()).as("each retry replaces the timed-out order's reservation")
                    .singleElement().extracting(r -> r.id()).isEqualTo(third.decisionId());
        }

        @Test
        void retry_beyondTheConfiguredSizes_isOrderTimeoutFail_withAnEvent() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            Decision first = allowed(decide(engine, Requests.entry("S3", "XRP/USDT"), T0));
            Decision second = allowed(decide(engine, Requests.entry("S3", "XRP/USDT").retry(2, first.decisionId()),
                    T0.plusSeconds(180)));
            Decision third = allowed(decide(engine, Requests.entry("S3", "XRP/USDT").retry(3, second.decisionId()),
                    T0.plusSeconds(360)));
            engine.drainEvents();

            Decision fourth = decide(engine, Requests.entry("S3", "XRP/USDT").retry(4, third.decisionId()),
                    T0.plusSeconds(540));

            assertThat(fourth.deniedBy()).contains(DenyCode.ORDER_TIMEOUT_FAIL);
            assertThat(engine.drainEvents()).singleElement().isInstanceOf(EngineEvent.OrderTimeoutFail.class);
            assertThat(engine.reservations()).isEmpty();
        }

        @Test
        void retry_afterAGuardFailure_isNeverAllowed() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            Decision failed = decide(engine, Requests.entry("S1", "XRP/USDT").spread(9), T0);

            Decision retry = decide(engine, Requests.entry("S1", "XRP/USDT").retry(2, failed.decisionId()), T0);

            assertThat(retry.deniedBy()).contains(DenyCode.RETRY_NOT_ALLOWED);
        }

        @Test
        void retry_ofAnotherBotsOrAnUnknownDecision_isNotAllowed() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            Decision s1 = allowed(decide(engine, Requests.entry("S1", "XRP/USDT"), T0));

            assertThat(decide(engine, Requests.entry("S2", "XRP/USDT").retry(2, s1.decisionId()), T0).deniedBy())
                    .contains(DenyCode.RETRY_NOT_ALLOWED);
            assertThat(decide(engine, Requests.entry("S2", "XRP/USDT").retry(2, "d-unknown"), T0).deniedBy())
                    .contains(DenyCode.RETRY_NOT_ALLOWED);
            assertThat(engine.reservations()).as("a foreign retry releases nothing").hasSize(1);
        }
    }

    @Nested
    class Funding {
        @ParameterizedTest(name = "side {0}, funding {1} -> multiplier {2}")
        @CsvSource({"LONG, 0.0004, 1.0", "LONG, 0.00041, 0.75", "LONG, -0.00041, 1.0",
                "SHORT, -0.0004, 1.0", "SHORT, -0.00041, 0.75", "SHORT, 0.00041, 1.0"})
        void funding_scalesWhenItWorksAgainstTheSideBeyondFourBps(com.portfolioorchestrator.core.Side side,
                                                                 double funding, double multiplier) {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());

            Decision d = allowed(decide(engine, Requests.entry("S1", "XRP/USDT:USDT").side(side).funding(funding), T0));

            assertThat(d.multipliers().funding()).isEqualTo(multiplier);
        }

        @Test
        void funding_beyondEightBpsWithAWeakEdge_isDenied_atEightBpsIsNot() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());

            allowed(decide(engine, Requests.entry("S1", "XRP/USDT:USDT").funding(0.0008).edge(-1), T0));
            assertThat(decide(engine, Requests.entry("S2", "XRP/USDT:USDT").funding(0.00081).edge(-0.001), T0).deniedBy())
                    .contains(DenyCode.FUNDING_TOO_HIGH);
            assertThat(decide(engine, Requests.entry("S3", "XRP/USDT:USDT").funding(-0.00081), T0).deniedBy())
                    .as("no edge score at all is not a strong edge").contains(DenyCode.FUNDING_TOO_HIGH);
            Decision strong = allowed(decide(engine, Requests.entry("S4", "XRP/USDT:USDT").funding(0.00081).edge(0), T0));
            assertThat(strong.multipliers().funding()).isEqualTo(0.75);
        }

        @Test
        void funding_usesTheStrategysRollingEdgeWhenTheRequestHasNone() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            engine.onEdgeScores(java.util.Map.of("S1", 0.02, "S2", -0.01));

            allowed(decide(engine, Requests.entry("S1", "XRP/USDT:USDT").funding(0.001), T0));
            assertThat(decide(engine, Requests.entry("S2", "XRP/USDT:USDT").funding(0.001), T0).deniedBy())
                    .contains(DenyCode.FUNDING_TOO_HIGH);
        }

        @Test
        void funding_withoutData_isDegradedAndTheDecisionGoesOn() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());

            Decision perp = allowed(decide(engine, Requests.entry("S1", "XRP/USDT:USDT"), T0));
            Decision spot = allowed(decide(engine, Requests.entry("S2", "XRP/USDT"), T0));

            assertThat(perp.findCheck(Gate.FUNDING)).get().satisfies(c -> assertThat(c.degraded()).isTrue());
            assertThat(perp.reasons()).anyMatch(x -> x.startsWith("FUNDING_DEGRADED"));
            assertThat(spot.findCheck(Gate.FUNDING)).as("spot pairs pay no funding").isEmpty();
        }
    }

    @Nested
    class Volatility {
        @Test
        void highRegime_leverageTimes0point7_maxOpenTradesTimes0point8_slippageTimes0point8() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            engine.onRegime(VolatilityRegime.HIGH, T0);

            Decision d = allowed(decide(engine, Requests.entry("S1", "XRP/USDT").stake(1000).slippage(8), T0));
            assertThat(d.multipliers().volatility()).isEqualTo(0.70);
            assertThat(d.approvedStake()).isCloseTo(700, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(decide(engine, Requests.entry("S2", "ADA/USDT").slippage(8.01), T0).deniedBy())
                    .as("HFT slippage 10 bps x 0.8").contains(DenyCode.SLIPPAGE_TOO_HIGH);
            assertThat(engine.allocationState(T0).grossCapacity()).isCloseTo(100_000 * 2.5 * 0.7,
                    org.assertj.core.data.Offset.offset(1e-6));
        }

        @Test
        void highRegime_maxOpenTrades10Becomes8() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            engine.onRegime(VolatilityRegime.HIGH, T0);
            String[] pairs = {"A1/USDT", "A2/USDT", "A3/USDT", "A4/USDT", "A5/USDT", "A6/USDT", "A7/USDT"};
            for (int i = 0; i < pairs.length; i++) {
                allowed(decide(engine, Requests.entry("S" + (1 + i % 7), pairs[i]).stake(100), T0));
            }
            allowed(decide(engine, Requests.entry("S1", "A8/USDT").stake(100), T0)); // 7 open -> the 8th passes

            Decision ninth = decide(engine, Requests.entry("S2", "A9/USDT").stake(100), T0);

            assertThat(ninth.deniedBy()).contains(DenyCode.MAX_OPEN_TRADES);
            assertThat(ninth.findCheck(Gate.MAX_OPEN_TRADES)).get().satisfies(c -> {
                assertThat(c.value()).isEqualTo(8);
                assertThat(c.limit()).isEqualTo(8);
            });
        }

        @Test
        void extremeRegime_blocksS2AndS7_unlessTheirOverrideIsSet() {
            DecisionEngine engine = Engines.ready(TestPolicies.builder()
                    .bot(new BotPolicy("S7", AssetClass.CRYPTO, "event", 0.05, true)).build());
            engine.onRegime(VolatilityRegime.EXTREME, T0);

            assertThat(decide(engine, Requests.entry("S2", "XRP/USDT"), T0).deniedBy())
                    .contains(DenyCode.VOLATILITY_BLOCKED);
            Decision s7 = allowed(decide(engine, Requests.entry("S7", "XRP/USDT"), T0));
            Decision s1 = allowed(decide(engine, Requests.entry("S1", "ADA/USDT"), T0));
            assertThat(s1.multipliers().volatility()).isEqualTo(0.5);
            assertThat(s7.multipliers().volatility()).isEqualTo(0.5);
            assertThat(engine.drainEvents()).anySatisfy(e -> assertThat(e).isInstanceOf(EngineEvent.RegimeChanged.class));
        }

        @Test
        void extremeRegime_maxOpenTrades10Becomes6() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            engine.onRegime(VolatilityRegime.EXTREME, T0);
            String[] bots = {"S1", "S3", "S4", "S5", "S6", "S1"};
            for (int i = 0; i < 6; i++) {
                allowed(decide(engine, Requests.entry(bots[i], "B" + i + "/USDT").stake(100), T0));
            }
            assertThat(decide(engine, Requests.entry("S4", "B9/USDT").stake(100), T0).deniedBy())
                    .contains(DenyCode.MAX_OPEN_TRADES);
        }
    }
}
