package com.portfolioorchestrator.core.engine;

import static com.portfolioorchestrator.core.engine.Engines.T0;
import static com.portfolioorchestrator.core.engine.Engines.allowed;
import static com.portfolioorchestrator.core.engine.Engines.decide;
import static org.assertj.core.api.Assertions.assertThat;

import com.portfolioorchestrator.core.DenyCode;
import com.portfolioorchestrator.core.TestPolicies;
import com.portfolioorchestrator.core.policy.ProfileName;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Playbook 2.1-2.3 (= M16 P3, P4): daily loss, drawdown breaker, loss streak, each at its boundary. */
class BreakerRulesTest {

    private static Decision probe(DecisionEngine engine, Instant at) {
        return decide(engine, Requests.entry("S3", "XRP/USDT").stake(100), at);
    }

    @Nested
    class DailyLoss {
        /** Start of day 100,000; equity = 100,000 + pnl. */
        private DecisionEngine withDayPnl(double pnl) {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            engine.onEquity(T0.plusSeconds(1), 100_000 + pnl, pnl);
            return engine;
        }

        @Test
        void dailyLossSoft_justAboveMinusTwoPercent_allows() {
            allowed(probe(withDayPnl(-1_990), T0.plusSeconds(2)));
        }

        @Test
        void dailyLossSoft_atMinusTwoPercent_freezesEntriesForTwoHours() {
            DecisionEngine engine = withDayPnl(-2_000);

            Decision d = probe(engine, T0.plusSeconds(2));
            assertThat(d.deniedBy()).contains(DenyCode.DAILY_LOSS_SOFT);
            assertThat(d.findCheck(Gate.DAILY_LOSS)).get().satisfies(c -> {
                assertThat(c.value()).isEqualTo(-0.02);
                assertThat(c.limit()).isEqualTo(-0.02);
            });
            assertThat(probe(engine, T0.plusSeconds(1).plus(Duration.ofHours(2)).minusMillis(1)).deniedBy())
                    .contains(DenyCode.DAILY_LOSS_SOFT);
            allowed(probe(engine, T0.plusSeconds(1).plus(Duration.ofHours(2))));
        }

        @Test
        void dailyLossSoft_justBelowMinusTwoPercent_freezes_andTripsOncePerCrossing() {
            DecisionEngine engine = withDayPnl(-2_010);
            engine.onEquity(T0.plusSeconds(60), 97_980, -2_020);

            assertThat(probe(engine, T0.plusSeconds(61)).deniedBy()).contains(DenyCode.DAILY_LOSS_SOFT);
            assertThat(engine.drainEvents()).filteredOn(e -> e instanceof EngineEvent.BreakerTripped b
                    && b.breaker().equals("DAILY_LOSS_SOFT")).hasSize(1);
        }

        @Test
        void dailyLossHard_justAboveTheProfileLimit_isOnlyTheSoftFreeze() {
            DecisionEngine engine = withDayPnl(-2_990);

            assertThat(probe(engine, T0.plusSeconds(2)).deniedBy()).contains(DenyCode.DAILY_LOSS_SOFT);
            allowed(probe(engine, T0.plus(Duration.ofHours(3))));
        }

        @Test
        void dailyLossHard_atMinusThreePercent_deniesUntilTheNextUtcDay() {
            DecisionEngine engine = withDayPnl(-3_000);

            assertThat(probe(engine, T0.plusSeconds(2)).deniedBy()).contains(DenyCode.DAILY_LOSS_HARD);
            assertThat(probe(engine, Instant.parse("2026-11-23T23:59:59.999Z")).deniedBy())
                    .contains(DenyCode.DAILY_LOSS_HARD);
            Instant midnight = Instant.parse("2026-11-24T00:00:00Z");
            engine.onEquity(midnight, 97_000, 0);
            allowed(probe(engine, midnight));
        }

        @Test
        void dailyLossHard_justBelowMinusThreePercent_denies() {
            assertThat(probe(withDayPnl(-3_010), T0.plusSeconds(2)).deniedBy()).contains(DenyCode.DAILY_LOSS_HARD);
        }

        @Test
        void dailyLossHard_followsTheActiveProfile_conservativeIsMinus2point2() {
            DecisionEngine engine = Engines.ready(TestPolicies.builder().profile(ProfileName.CONSERVATIVE).build());
            engine.onEquity(T0.plusSeconds(1), 97_800, -2_200);

            assertThat(probe(engine, T0.plusSeconds(2)).deniedBy()).contains(DenyCode.DAILY_LOSS_HARD);
        }

        @Test
        void dailyLossHard_m16GlobalDailyLossLimit_overridesTheProfile() {
            DecisionEngine engine = Engines.ready(TestPolicies.builder().globalDailyLossLimit(0.025).build());
            engine.onEquity(T0.plusSeconds(1), 97_500, -2_500);

            assertThat(probe(engine, T0.plusSeconds(2)).deniedBy()).contains(DenyCode.DAILY_LOSS_HARD);
        }

        @Test
        void dailyLossSoft_operatorDisable_skipsTheSoftFreezeButNeverTheHardLimit() {
            DecisionEngine engine = withDayPnl(-2_500);
            engine.disableBreaker(Breaker.DAILY_LOSS_SOFT, Duration.ofHours(12), "known data glitch", T0.plusSeconds(1));
            allowed(probe(engine, T0.plusSeconds(2)));

            engine.onEquity(T0.plusSeconds(3), 97_000, -3_000);
            assertThat(probe(engine, T0.plusSeconds(4)).deniedBy()).contains(DenyCode.DAILY_LOSS_HARD);
        }
    }

    @Nested
    class Drawdown {
        private DecisionEngine afterPeakThen(double equity) {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            engine.onEquity(T0.plusSeconds(1), equity, 0);
            return engine;
        }

        @Test
        void drawdownWarn_justBelowSixPercent_fullSize() {
            Decision d = allowed(probe(afterPeakThen(94_010), T0.plusSeconds(2)));
            assertThat(d.multipliers().drawdown()).isEqualTo(1.0);
        }

        @Test
        void drawdownWarn_atSixPercent_halvesTheSize() {
            Decision d = allowed(probe(afterPeakThen(94_000), T0.plusSeconds(2)));

            assertThat(d.multipliers().drawdown()).isEqualTo(0.5);
            assertThat(d.approvedStake()).isEqualTo(50);
            assertThat(d.reasons()).anyMatch(x -> x.startsWith("SIZE_MULTIPLIED"));
        }

        @Test
        void drawdownBreaker_justBelowNinePercent_onlyWarns() {
            allowed(probe(afterPeakThen(91_010), T0.plusSeconds(2)));
        }

        @Test
        void drawdownBreaker_atNinePercent_noEntriesFor24Hours_thenHalfSize() {
            DecisionEngine engine = afterPeakThen(91_000);
            Instant trip = T0.plusSeconds(1);

            assertThat(probe(engine, trip.plusSeconds(1)).deniedBy()).contains(DenyCode.DRAWDOWN_BREAKER);
            assertThat(probe(engine, trip.plus(Duration.ofHours(24)).minusMillis(1)).deniedBy())
                    .contains(DenyCode.DRAWDOWN_BREAKER);
            Decision after = allowed(probe(engine, trip.plus(Duration.ofHours(24))));
            assertThat(after.multipliers().drawdown()).isEqualTo(0.5);
        }

        @Test
        void drawdownRecovery_needsBelowFivePercentAnd12HoursWithoutLoss() {
            DecisionEngine engine = afterPeakThen(91_000);
            Instant trip = T0.plusSeconds(1);
            Instant back = trip.plus(Duration.ofHours(25));
            engine.onEquity(back, 95_000, 0); // dd exactly 5 %: not below
            engine.onEquity(back.plus(Duration.ofHours(13)), 95_000, 0);
            assertThat(allowed(probe(engine, back.plus(Duration.ofHours(13)))).multipliers().drawdown()).isEqualTo(0.5);

            Instant below = back.plus(Duration.ofHours(14));
            engine.onEquity(below, 95_100, 0); // dd 4.9 %: the stretch starts
            engine.onEquity(below.plus(Duration.ofHours(6)), 95_050, 0); // a loss restarts it
            engine.onEquity(below.plus(Duration.ofHours(18)).minusMillis(1), 95_200, 0);
            assertThat(allowed(probe(engine, below.plus(Duration.ofHours(18)))).multipliers().drawdown()).isEqualTo(0.5);
            engine.onEquity(below.plus(Duration.ofHours(18)), 95_200, 0); // 12 h after the restart
            assertThat(allowed(probe(engine, below.plus(Duration.ofHours(18)))).multipliers().drawdown()).isEqualTo(1.0);
        }

        @Test
        void drawdownBreaker_aNewLowWhileRecovering_tripsAgain() {
            DecisionEngine engine = afterPeakThen(91_000);
            Instant later = T0.plus(Duration.ofHours(25));
            engine.onEquity(later, 90_000, 0);

            assertThat(probe(engine, later.plusSeconds(1)).deniedBy()).contains(DenyCode.DRAWDOWN_BREAKER);
        }
    }

    @Nested
    class LossStreak {
        private int trade;

        private void close(DecisionEngine engine, double profitRatio, Instant at) {
            engine.onClosedTrade(new ClosedTrade("S" + (1 + trade % 7), "t" + (++trade), profitRatio, at));
        }

        private DecisionEngine afterLosses(int n) {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            for (int i = 0; i < n; i++) {
                close(engine, -0.01, T0);
            }
            return engine;
        }

        @Test
        void lossStreak_threeLosses_noCooldown() {
            allowed(probe(afterLosses(3), T0));
        }

        @Test
        void lossStreak_fourLosses_cooldownOf90Minutes() {
            DecisionEngine engine = afterLosses(4);

            assertThat(probe(engine, T0.plus(Duration.ofMinutes(90)).minusMillis(1)).deniedBy())
                    .contains(DenyCode.LOSS_STREAK_COOLDOWN);
            allowed(probe(engine, T0.plus(Duration.ofMinutes(90))));
        }

        @Test
        void lossStreak_fiveLosses_restartTheTierOfFour() {
            DecisionEngine engine = afterLosses(4);
            close(engine, -0.01, T0.plus(Duration.ofMinutes(30)));

            assertThat(probe(engine, T0.plus(Duration.ofMinutes(119))).deniedBy()).contains(DenyCode.LOSS_STREAK_COOLDOWN);
        }

        @Test
        void lossStreak_sixLosses_cooldownOfSixHours() {
            DecisionEngine engine = afterLosses(6);

            assertThat(probe(engine, T0.plus(Duration.ofHours(6)).minusMillis(1)).deniedBy())
                    .contains(DenyCode.LOSS_STREAK_COOLDOWN);
            allowed(probe(engine, T0.plus(Duration.ofHours(6))));
        }

        @Test
        void lossStreak_eightLosses_24HoursAndTheProfileStepsDown() {
            DecisionEngine engine = afterLosses(7);
            assertThat(engine.activeProfile()).isEqualTo(ProfileName.BALANCED);
            close(engine, -0.01, T0);

            assertThat(engine.activeProfile()).isEqualTo(ProfileName.CONSERVATIVE);
            assertThat(probe(engine, T0.plus(Duration.ofHours(24)).minusMillis(1)).deniedBy())
                    .contains(DenyCode.LOSS_STREAK_COOLDOWN);
            Decision after = allowed(probe(engine, T0.plus(Duration.ofHours(24))));
            assertThat(after.profile()).isEqualTo(ProfileName.CONSERVATIVE);
            assertThat(engine.drainEvents()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(
                    EngineEvent.ProfileChanged.class, p -> assertThat(p.automatic()).isTrue()));
        }

        @Test
        void lossStreak_breakEven_countsAsNeither() {
            DecisionEngine engine = afterLosses(3);
            close(engine, 0.0004, T0); // |0.0004| < 0.0005: break-even
            close(engine, -0.0004, T0);
            allowed(probe(engine, T0));

            close(engine, -0.0005, T0); // at epsilon: a loss, the 4th
            assertThat(probe(engine, T0).deniedBy()).contains(DenyCode.LOSS_STREAK_COOLDOWN);
        }

        @Test
        void lossStreak_oneWinDoesNotReset_twoWinsInARowDo() {
            DecisionEngine engine = afterLosses(3);
            close(engine, 0.01, T0);
            close(engine, -0.01, T0); // 4th loss: a single win did not reset
            assertThat(probe(engine, T0).deniedBy()).contains(DenyCode.LOSS_STREAK_COOLDOWN);

            DecisionEngine other = afterLosses(3);
            close(other, 0.01, T0);
            close(other, 0.01, T0);
            close(other, -0.01, T0); // streak restarted at 1
            allowed(probe(other, T0));
        }

        @Test
        void lossStreak_aFullCooldownWithoutNewLoss_resetsTheStreak() {
            DecisionEngine engine = afterLosses(4);
            Instant over = T0.plus(Duration.ofMinutes(90));
            close(engine, -0.01, over); // first loss after the reset: 1, not 5

            allowed(probe(engine, over));
        }

        @Test
        void lossStreak_m16MaxConsecutiveLosses_addsAFirstTier() {
            DecisionEngine engine = Engines.ready(TestPolicies.builder().m16LossStreak(3, 30).build());
            for (int i = 0; i < 3; i++) {
                close(engine, -0.01, T0);
            }

            assertThat(probe(engine, T0.plus(Duration.ofMinutes(29))).deniedBy()).contains(DenyCode.LOSS_STREAK_COOLDOWN);
            allowed(probe(engine, T0.plus(Duration.ofMinutes(30))));
        }

        @Test
        void lossStreak_theSameClosedTradeTwice_countsOnce() {
            DecisionEngine engine = Engines.ready(TestPolicies.defaults());
            for (int i = 0; i < 4; i++) {
                engine.onClosedTrade(new ClosedTrade("S1", "42", -0.02, T0));
            }

            allowed(probe(engine, T0));
        }
    }

    @Test
    void breakerDisable_isAtMost12Hours_andReEnablesItself() {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());
        for (int i = 0; i < 4; i++) {
            engine.onClosedTrade(new ClosedTrade("S1", "t" + i, -0.01, T0));
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                engine.disableBreaker(Breaker.LOSS_STREAK, Duration.ofHours(12).plusMillis(1), "too long", T0))
                .isInstanceOf(IllegalArgumentException.class);
        engine.disableBreaker(Breaker.LOSS_STREAK, Duration.ofMinutes(10), "false positives", T0);

        allowed(probe(engine, T0.plus(Duration.ofMinutes(9))));
        assertThat(probe(engine, T0.plus(Duration.ofMinutes(10))).deniedBy()).contains(DenyCode.LOSS_STREAK_COOLDOWN);
    }
}
