package com.portfolioorchestrator.core.engine;

import static com.portfolioorchestrator.core.engine.Engines.T0;
import static com.portfolioorchestrator.core.engine.Engines.allowed;
import static com.portfolioorchestrator.core.engine.Engines.decide;
import static org.assertj.core.api.Assertions.assertThat;

import com.portfolioorchestrator.core.DenyCode;
import com.portfolioorchestrator.core.TestPolicies;
import com.portfolioorchestrator.core.TradingState;
import com.portfolioorchestrator.core.policy.AssetClass;
import com.portfolioorchestrator.core.policy.BotPolicy;
import com.portfolioorchestrator.core.policy.NewsEvent;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import com.portfolioorchestrator.core.policy.Toggle;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** PRODUCT.md 5.11 and 5.13 (FLOF RiskOverlord, abstractfinance Phase 9), each at its boundary. */
class RiskOverlordRulesTest {

    @Nested
    class KillSwitch {
        @Test
        void killSwitch_whenTripped_deniesEveryEntryAndHalts() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            engine.tripKillSwitch("operator alice: exchange incident", T0);

            Decision d = decide(engine, Requests.entry("S1", "BTC/USDT:USDT"), T0);

            assertThat(d.deniedBy()).contains(DenyCode.KILL_SWITCH);
            assertThat(d.tradingState()).isEqualTo(TradingState.HALTED);
            assertThat(engine.drainEvents()).singleElement().isInstanceOf(EngineEvent.KillSwitchChanged.class);
        }

        @Test
        void killSwitch_whenReleased_allowsAgain() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            engine.tripKillSwitch("drill", T0);
            engine.releaseKillSwitch("drill over", T0.plusSeconds(1));

            allowed(decide(engine, Requests.entry("S1", "BTC/USDT:USDT"), T0.plusSeconds(2)));
        }

        @Test
        void killSwitch_whenToggledOffForReplayAblation_isNotEvaluated() {
            DecisionEngine engine = Engines.ready(TestPolicies.builder().off(Toggle.KILL_SWITCH).build());
            engine.tripKillSwitch("ignored", T0);

            Decision d = decide(engine, Requests.entry("S1", "BTC/USDT:USDT"), T0);

            assertThat(d.allowed()).isTrue();
            assertThat(d.findCheck(Gate.KILL_SWITCH)).isEmpty();
        }

        @Test
        void reducing_deniesEntriesWithTradingHalted_andClearsAgain() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            engine.setReducing(true, "de-risk before FOMC", T0);

            Decision d = decide(engine, Requests.entry("S1", "BTC/USDT:USDT"), T0);
            assertThat(d.deniedBy()).contains(DenyCode.TRADING_HALTED);
            assertThat(d.tradingState()).isEqualTo(TradingState.REDUCING);

            engine.setReducing(false, "done", T0);
            allowed(decide(engine, Requests.entry("S1", "BTC/USDT:USDT"), T0));
        }
    }

    @Nested
    class StaleData {
        @Test
        void staleData_whenOneBotIsStale_deniesOnlyThatBot() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            engine.onBotHealth("S2", BotHealth.STALE, T0);

            assertThat(decide(engine, Requests.entry("S2", "ETH/USDT:USDT"), T0).deniedBy()).contains(DenyCode.STALE_DATA);
            allowed(decide(engine, Requests.entry("S1", "ETH/USDT:USDT"), T0));
        }

        @Test
        void staleData_whenThePortfolioViewIsStale_deniesEveryBot() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            engine.onPortfolioStale(true);

            assertThat(decide(engine, Requests.entry("S1", "BTC/USDT:USDT"), T0).deniedBy()).contains(DenyCode.STALE_DATA);
        }

        @Test
        void staleData_aBotNeverReported_isStale() {
            DecisionEngine engine = new DecisionEngine(TestPolicies.defaults());
            engine.onEquity(T0, 100_000, 0);
            engine.onPortfolioStale(false);

            assertThat(decide(engine, Requests.entry("S1", "BTC/USDT:USDT"), T0).deniedBy()).contains(DenyCode.STALE_DATA);
        }
    }

    @Nested
    class RateLimits {
        @Test
        void rateLimit_threeAllowedEntriesPerMinute_theFourthIsDenied() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            String[] pairs = {"XRP/USDT", "ADA/USDT", "LINK/USDT"};
            for (int i = 0; i < 3; i++) {
                allowed(decide(engine, Requests.entry("S1", pairs[i]), T0.plusSeconds(i)));
            }

            Decision fourth = decide(engine, Requests.entry("S1", "BTC/USDT:USDT"), T0.plusSeconds(3));

            assertThat(fourth.deniedBy()).contains(DenyCode.RATE_LIMITED);
            assertThat(fourth.findCheck(Gate.RATE_LIMIT_MINUTE)).get().satisfies(c -> {
                assertThat(c.value()).isEqualTo(3);
                assertThat(c.limit()).isEqualTo(3);
            });
            assertThat(decide(engine, Requests.entry("S2", "BTC/USDT:USDT"), T0.plusSeconds(3)).allowed())
                    .as("the limit is per bot").isTrue();
        }

        @Test
        void rateLimit_anEntryExactlySixtySecondsOld_hasLeftTheWindow() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            for (String pair : new String[] {"XRP/USDT", "ADA/USDT", "LINK/USDT"}) {
                decide(engine, Requests.entry("S1", pair), T0);
            }

            assertThat(decide(engine, Requests.entry("S1", "BTC/USDT:USDT"), T0.plusMillis(59_999)).deniedBy())
                    .contains(DenyCode.RATE_LIMITED);
            allowed(decide(engine, Requests.entry("S1", "BTC/USDT:USDT"), T0.plusSeconds(60)));
        }

        @Test
        void rateLimit_tenAllowedEntriesPerHour_theEleventhIsDenied() {
            DecisionEngine engine = Engines.ready(TestPolicies.builder().off(Toggle.TURNOVER).build());
            for (int i = 0; i < 10; i++) {
                Instant at = T0.plusSeconds(61L * i);
                Decision d = decide(engine, Requests.entry("S5", "BTC/USDT").stake(100), at);
                assertThat(d.allowed()).as("entry %d", i + 1).isTrue();
                engine.cancel(d.decisionId(), at);
            }

            Decision eleventh = decide(engine, Requests.entry("S5", "BTC/USDT").stake(100), T0.plusSeconds(61L * 10));

            assertThat(eleventh.deniedBy()).contains(DenyCode.RATE_LIMITED);
            assertThat(eleventh.findCheck(Gate.RATE_LIMIT_HOUR)).get().extracting(GateCheck::value).isEqualTo(10.0);
        }

        @Test
        void rateLimit_deniedRequestsDoNotCount() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            for (int i = 0; i < 5; i++) {
                decide(engine, Requests.entry("S1", "BTC/USDT:USDT").spread(50), T0); // spread guard denies
            }
            engine.expireReservations(T0.plus(Duration.ofMinutes(31))); // past the symbol cooldown

            allowed(decide(engine, Requests.entry("S1", "ETH/USDT:USDT"), T0.plusSeconds(1)));
        }
    }

    @Nested
    class FatFinger {
        @Test
        void fatFinger_atTenPercentOfEquity_isAllowed_justAbove_isDeniedNotScaled() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());

            Decision at = decide(engine, Requests.entry("S3", "ETH/USDT:USDT").stake(2_500).leverage(4), T0);
            Decision above = decide(engine, Requests.entry("S4", "ETH/USDT:USDT").stake(2_500.25).leverage(4), T0);
            Decision below = decide(engine, Requests.entry("S5", "SOL/USDT:USDT").stake(9_999), T0);

            assertThat(at.allowed()).isTrue();
            assertThat(above.deniedBy()).contains(DenyCode.FAT_FINGER);
            assertThat(above.findCheck(Gate.FAT_FINGER)).get().satisfies(c -> {
                assertThat(c.value()).isCloseTo(0.10001, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(c.limit()).isEqualTo(0.10);
            });
            assertThat(below.allowed()).isTrue();
        }
    }

    @Nested
    class Turnover {
        @Test
        void turnover_upToFiftyPercentOfEquityADay_isAllowed_beyond_isDenied() {
            RiskPolicy policy = TestPolicies.builder().off(Toggle.ASSET_CAPS, Toggle.ALLOCATION, Toggle.GATE_P1,
                    Toggle.GATE_P5, Toggle.GATE_P2).maxOpenPositions(40).build();
            DecisionEngine engine = Engines.ready(policy);
            // 5 entries of 10,000 = 50,000 = 50 % of equity, spread over bots for the rate limit
            String[] bots = {"S1", "S2", "S3", "S4", "S5"};
            for (String bot : bots) {
                allowed(decide(engine, Requests.entry(bot, "BTC/USDT").stake(10_000), T0));
            }

            Decision above = decide(engine, Requests.entry("S6", "BTC/USDT").stake(0.01), T0);

            assertThat(above.deniedBy()).contains(DenyCode.TURNOVER_CAP);
        }

        @Test
        void turnover_aCancelledOrderLeavesTheTurnover_andANewUtcDayResetsIt() {
            RiskPolicy policy = TestPolicies.builder().off(Toggle.ASSET_CAPS, Toggle.ALLOCATION, Toggle.GATE_P1,
                    Toggle.GATE_P5, Toggle.GATE_P2).build();
            DecisionEngine engine = Engines.ready(policy);
            String last = "";
            for (String bot : new String[] {"S1", "S2", "S3", "S4", "S5"}) {
                last = decide(engine, Requests.entry(bot, "BTC/USDT").stake(10_000), T0).decisionId();
            }
            engine.cancel(last, T0);
            allowed(decide(engine, Requests.entry("S6", "BTC/USDT").stake(10_000), T0));
            assertThat(decide(engine, Requests.entry("S7", "BTC/USDT").stake(1), T0).deniedBy())
                    .contains(DenyCode.TURNOVER_CAP);

            Instant nextDay = Instant.parse("2026-11-24T00:00:00Z");
            engine.onEquity(nextDay, 100_000, 0);
            allowed(decide(engine, Requests.entry("S7", "BTC/USDT").stake(1), nextDay));
        }
        @Test
        void turnover_cancellingYesterdaysReservation_doesNotLowerTodaysTurnover() {
            RiskPolicy policy = TestPolicies.builder().off(Toggle.ASSET_CAPS, Toggle.ALLOCATION, Toggle.GATE_P1,
                    Toggle.GATE_P5, Toggle.GATE_P2).build();
            Instant lateEvening = Instant.parse("2026-11-23T23:59:00Z");
            Instant midnight = Instant.parse("2026-11-24T00:00:00Z");
            DecisionEngine engine = Engines.ready(policy, lateEvening);
            String yesterday = allowed(decide(engine, Requests.entry("S5", "BTC/USDT").stake(10_000), lateEvening)).decisionId();
            for (String bot : new String[] {"S1", "S2", "S3", "S4", "S6"}) {
                allowed(decide(engine, Requests.entry(bot, "BTC/USDT").stake(10_000), midnight));
            }

            engine.cancel(yesterday, midnight.plusSeconds(1));

            assertThat(decide(engine, Requests.entry("S7", "BTC/USDT").stake(1), midnight.plusSeconds(2)).deniedBy())
                    .contains(DenyCode.TURNOVER_CAP);
        }
    }

    @Nested
    class NewsShield {
        private final Instant cpi = Instant.parse("2026-11-23T13:30:00Z");

        private DecisionEngine engine() {
            return Engines.ready(TestPolicies.builder()
                    .news(new NewsEvent(cpi, "US CPI", "high", List.of("BTC", "ES")),
                            new NewsEvent(cpi.plusSeconds(3600), "minor", "low", List.of("*")))
                    .build());
        }

        @Test
        void newsShield_fromFiveMinutesBefore_toThreeMinutesAfter_inclusive() {
            DecisionEngine engine = engine();

            assertThat(decide(engine, Requests.entry("S1", "BTC/USDT"), cpi.minusSeconds(300).minusMillis(1)).allowed())
                    .isTrue();
            assertThat(decide(engine, Requests.entry("S2", "BTC/USDT"), cpi.minusSeconds(300)).deniedBy())
                    .contains(DenyCode.NEWS_SHIELD);
            assertThat(decide(engine, Requests.entry("S3", "BTC/USDT"), cpi).deniedBy()).contains(DenyCode.NEWS_SHIELD);
            assertThat(decide(engine, Requests.entry("S4", "BTC/USDT"), cpi.plusSeconds(180)).deniedBy())
                    .contains(DenyCode.NEWS_SHIELD);
            assertThat(decide(engine, Requests.entry("S5", "BTC/USDT"), cpi.plusSeconds(180).plusMillis(1)).allowed())
                    .isTrue();
        }

        @Test
        void newsShield_onlyAffectsTheEventsAssets_andOnlyConfiguredImpacts() {
            DecisionEngine engine = engine();

            allowed(decide(engine, Requests.entry("S1", "ETH/USDT"), cpi));
            assertThat(decide(engine, Requests.entry("S2", "ETH/USDT"), cpi.plusSeconds(3600)).allowed())
                    .as("a low-impact event shields nothing").isTrue();
        }
    }

    @Nested
    class Broker {
        private RiskPolicy futuresPolicy() {
            return TestPolicies.builder().ibkr(true).off(Toggle.ALLOCATION)
                    .bot(new BotPolicy("F1", AssetClass.FUTURES, "lft", 0.01, false)).build();
        }

        @Test
        void maintenanceWindow_weeklySunday2345ToMonday0045_deniesFuturesEntriesOnly() {
            DecisionEngine engine = Engines.ready(futuresPolicy(), Instant.parse("2026-11-22T23:00:00Z"));

            Instant before = Instant.parse("2026-11-22T23:44:59Z"); // Sunday
            Instant start = Instant.parse("2026-11-22T23:45:00Z");
            Instant last = Instant.parse("2026-11-23T00:44:59Z"); // Monday
            Instant end = Instant.parse("2026-11-23T00:45:00Z");
            allowed(decide(engine, Requests.entry("F1", "ES").stake(100), before));
            assertThat(decide(engine, Requests.entry("F1", "ES").stake(100), start).deniedBy())
                    .contains(DenyCode.MAINTENANCE_WINDOW);
            allowed(decide(engine, Requests.entry("S1", "BTC/USDT"), start));
            assertThat(decide(engine, Requests.entry("F1", "ES").stake(100), last).deniedBy())
                    .contains(DenyCode.MAINTENANCE_WINDOW);
            allowed(decide(engine, Requests.entry("F1", "ES").stake(100), end));
        }

        @Test
        void maintenanceWindow_daily2200To2215() {
            DecisionEngine engine = Engines.ready(futuresPolicy());

            assertThat(decide(engine, Requests.entry("F1", "ES").stake(100), Instant.parse("2026-11-25T21:59:59Z"))
                    .allowed()).isTrue();
            assertThat(decide(engine, Requests.entry("F1", "ES").stake(100), Instant.parse("2026-11-25T22:00:00Z"))
                    .deniedBy()).contains(DenyCode.MAINTENANCE_WINDOW);
            assertThat(decide(engine, Requests.entry("F1", "ES").stake(100), Instant.parse("2026-11-25T22:15:00Z"))
                    .allowed()).isTrue();
        }

        @Test
        void reconciliation_haltOrEmergency_deniesFuturesEntries_normalAllowsThemAgain() {
            DecisionEngine engine = Engines.ready(futuresPolicy());

            engine.onReconciliation(ReconciliationState.HALT, T0);
            assertThat(decide(engine, Requests.entry("F1", "ES").stake(100), T0).deniedBy())
                    .contains(DenyCode.RECONCILIATION_HALT);
            engine.onReconciliation(ReconciliationState.EMERGENCY, T0);
            assertThat(decide(engine, Requests.entry("F1", "ES").stake(100), T0).deniedBy())
                    .contains(DenyCode.RECONCILIATION_HALT);
            allowed(decide(engine, Requests.entry("S1", "BTC/USDT"), T0));
            engine.onReconciliation(ReconciliationState.NORMAL, T0);
            allowed(decide(engine, Requests.entry("F1", "ES").stake(100), T0.plusSeconds(1)));
            assertThat(engine.drainEvents()).filteredOn(e -> e instanceof EngineEvent.ReconciliationChanged).hasSize(3);
        }
    }
}
