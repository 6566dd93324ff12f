package com.portfolioorchestrator.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.portfolioorchestrator.core.DenyCode;
import com.portfolioorchestrator.core.Grade;
import com.portfolioorchestrator.core.TestPolicies;
import com.portfolioorchestrator.core.policy.AssetClass;
import com.portfolioorchestrator.core.policy.BotPolicy;
import com.portfolioorchestrator.core.policy.BucketPolicy;
import com.portfolioorchestrator.core.policy.RiskPolicy;
import com.portfolioorchestrator.core.policy.Toggle;
import com.portfolioorchestrator.core.ledger.LedgerEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Seed M16 section 1.1, "the simultaneous signal scenario": four FLOF profiles fire on the same US equity move within a
 * minute. ES futures A+ risking 2.0 %, SPY call A+ 2.0 %, AAPL A 1.5 %, QQQ call A 1.5 %: 7.0 % of equity on one bet.
 *
 * <p>FLOF configuration (seed M16 section 9): global_max_exposure_pct 0.06, groups A..G, max 2 per group,
 * profile_allocations futures 0.40 / equities 0.30 / options_buy 0.20, global_daily_loss_limit 0.03,
 * max_consecutive_losses 3 / cooldown 30 min. The playbook's S1..S7 allocation and notional caps do not apply to FLOF
 * profiles (FLOF sizes by risk; its fat finger is a contract count), so allocation, asset caps, fat finger and turnover
 * are off; every other rule is on, including IBKR maintenance and reconciliation for the ES futures.
 *
 * <p>Equity 100,000 USD: the P1 cap is 6,000 of risk at stop. Each request's risk is exact: ES 5450 with its stop at
 * 5443.50 (the seed's ledger example) and a notional chosen for 2,000 of risk; options buyers risk their premium
 * (stoploss 1.0 of the stake); AAPL 4 % stop.
 */
class M16SimultaneousSignalScenarioTest {
    private static final Instant OPEN = Instant.parse("2026-11-23T14:31:00Z"); // 9:31 New York
    private static final double EQUITY = 100_000;
    private static final double CAP = 0.06 * EQUITY;

    private static RiskPolicy flof(boolean p5, int maxPerGroup) {
        List<BotPolicy> bots = List.of(
                new BotPolicy("ES_FUT", AssetClass.FUTURES, "flof", 0.01, false),
                new BotPolicy("SPY_OPT", AssetClass.OPTIONS_BUY, "flof", 1.0, false),
                new BotPolicy("AAPL_EQ", AssetClass.EQUITIES, "flof", 0.04, false),
                new BotPolicy("QQQ_OPT", AssetClass.OPTIONS_BUY, "flof", 1.0, false));
        var b = TestPolicies.builder()
                .bots(bots)
                .buckets(List.of(new BucketPolicy("flof", List.of("ES_FUT", "SPY_OPT", "AAPL_EQ", "QQQ_OPT"), 1.0, 60, 10, 10)))
                .globalMaxExposure(0.06).globalDailyLossLimit(0.03).m16LossStreak(3, 30)
                .maxPositionsPerGroup(maxPerGroup)
                .ibkr(true)
                .off(Toggle.ALLOCATION, Toggle.ASSET_CAPS, Toggle.FAT_FINGER, Toggle.TURNOVER);
        if (!p5) {
            b.off(Toggle.GATE_P5);
        }
        return b.build();
    }

    /** The four signals in the seed's order, 9:31 to 9:32. */
    private static List<Decision> fireAll(DecisionEngine engine) {
        double esStop = 5443.50;
        double esDistance = (5450.00 - esStop) / 5450.00;
        List<Decision> out = new ArrayList<>();
        out.add(Engines.decide(engine, Requests.entry("ES_FUT", "ES").grade(Grade.A_PLUS).price(5450)
                .stake(2_000 / esDistance).stopDistance(esDistance), OPEN));
        out.add(Engines.decide(engine, Requests.entry("SPY_OPT", "SPY C600").grade(Grade.A_PLUS).price(5.0)
                .stake(2_000).noStop(), OPEN.plusSeconds(20)));
        out.add(Engines.decide(engine, Requests.entry("AAPL_EQ", "AAPL").grade(Grade.A).price(230)
                .stake(1_500 / 0.04).stopDistance(0.04), OPEN.plusSeconds(60)));
        out.add(Engines.decide(engine, Requests.entry("QQQ_OPT", "QQQ C520").grade(Grade.A).price(4.0)
                .stake(1_500).noStop(), OPEN.plusSeconds(80)));
        return out;
    }

    private static DecisionEngine engine(RiskPolicy policy) {
        return Engines.ready(policy, OPEN.minusSeconds(60));
    }

    private static void assertPortfolioInvariants(DecisionEngine engine) {
        double reservedRisk = engine.reservations().stream().mapToDouble(LedgerEntry::riskAtStop).sum();
        assertThat(reservedRisk).as("approved risk never exceeds the 6 %% cap").isLessThanOrEqualTo(CAP + 1e-6);
        Map<String, Long> perGroup = engine.reservations().stream()
                .collect(Collectors.groupingBy(LedgerEntry::correlationGroup, Collectors.counting()));
        assertThat(perGroup.values()).as("no group holds more than 2").allMatch(n -> n <= 2);
    }

    @Test
    void seedConfiguration_p5DecidesFirst_esAndAaplPass_bothOptionBuysAreCappedByTheirClass() {
        DecisionEngine engine = engine(flof(true, 2));

        List<Decision> d = fireAll(engine);

        // ES: P5 futures 2.0 % <= 0.40 x 6 % = 2.4 %; P1 2.0 % <= 6 %; P2 group A holds 0 of 2 -> allowed.
        assertThat(d.get(0).allowed()).as("ES: %s", d.get(0).reasons()).isTrue();
        // SPY call: P5 options_buy 2.0 % > 0.20 x 6 % = 1.2 % -> denied at P5; P1 and P2 are never evaluated.
        assertThat(d.get(1).deniedBy()).contains(DenyCode.ASSET_CLASS_CAP);
        assertThat(d.get(1).findCheck(Gate.P1_RISK_BUDGET)).isEmpty();
        // AAPL: P5 equities 1.5 % <= 1.8 %; P1 2.0 + 1.5 = 3.5 % <= 6 %; P2 group A holds 1 (ES) of 2 -> allowed.
        assertThat(d.get(2).allowed()).as("AAPL: %s", d.get(2).reasons()).isTrue();
        // QQQ call: P5 options_buy 1.5 % > 1.2 % -> denied at P5 (P2 would have denied it too: A is now full).
        assertThat(d.get(3).deniedBy()).contains(DenyCode.ASSET_CLASS_CAP);

        assertThat(engine.reservations().stream().mapToDouble(LedgerEntry::riskAtStop).sum())
                .as("3.5 %% of equity instead of 7 %%").isCloseTo(3_500, offset(1e-6));
        assertPortfolioInvariants(engine);
    }

    @Test
    void withoutP5_p2Binds_theThirdAndFourthSignalOfGroupALose_openPositionsAreKept() {
        DecisionEngine engine = engine(flof(false, 2));

        List<Decision> d = fireAll(engine);

        // ES and SPY: P1 2 % then 4 % <= 6 %; P2 group A 0 then 1 of 2 -> both allowed.
        assertThat(d.get(0).allowed()).isTrue();
        assertThat(d.get(1).allowed()).isTrue();
        // AAPL: P1 4 + 1.5 = 5.5 % <= 6 % passes; P2 group A holds 2 of 2 -> the new signal loses.
        assertThat(d.get(2).deniedBy()).contains(DenyCode.CORRELATION_GROUP_FULL);
        assertThat(d.get(2).findCheck(Gate.P1_RISK_BUDGET)).get().extracting(GateCheck::passed).isEqualTo(true);
        // QQQ: the same; ES and SPY stay reserved (never pre-empted, whatever the new grade).
        assertThat(d.get(3).deniedBy()).contains(DenyCode.CORRELATION_GROUP_FULL);
        assertThat(engine.reservations()).extracting(LedgerEntry::botId).containsExactly("ES_FUT", "SPY_OPT");
        assertPortfolioInvariants(engine);
    }

    @Test
    void withoutP5AndThreePerGroup_p1Binds_theLastSignalWouldTake7PercentAndIsDenied() {
        DecisionEngine engine = engine(flof(false, 3));

        List<Decision> d = fireAll(engine);

        // ES 2 %, SPY 4 %, AAPL 5.5 %: all within 6 % and group A up to 3 -> allowed.
        assertThat(d.subList(0, 3)).allMatch(Decision::allowed);
        // QQQ: P1 5.5 + 1.5 = 7.0 % > 6 % -> denied, not scaled (a failing M16 gate never scales).
        assertThat(d.get(3).deniedBy()).contains(DenyCode.RISK_BUDGET);
        assertThat(d.get(3).findCheck(Gate.P1_RISK_BUDGET)).get().satisfies(c -> {
            assertThat(c.value()).isCloseTo(0.07, offset(1e-9));
            assertThat(c.limit()).isEqualTo(0.06);
        });
        assertThat(engine.reservations().stream().mapToDouble(LedgerEntry::riskAtStop).sum()).isCloseTo(5_500, offset(1e-6));
    }
}
