package com.portfolioorchestrator.core.engine;

import static com.portfolioorchestrator.core.engine.Engines.T0;
import static com.portfolioorchestrator.core.engine.Engines.decide;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.portfolioorchestrator.core.DenyCode;
import com.portfolioorchestrator.core.TestPolicies;
import com.portfolioorchestrator.core.TradingState;
import com.portfolioorchestrator.core.policy.ProfileName;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecisionEngineBasicsTest {

    @Test
    void decide_whenEverythingIsQuiet_allowsTheFullStakeAndReservesIt() {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());

        Decision d = decide(engine, Requests.entry("S1", "BTC/USDT:USDT").stake(1000).leverage(3).noStop(), T0);

        assertThat(d.allowed()).isTrue();
        assertThat(d.deniedBy()).isEmpty();
        assertThat(d.approvedStake()).isEqualTo(1000);
        assertThat(d.sizeMultiplier()).isEqualTo(1.0);
        assertThat(d.multipliers()).isEqualTo(Multipliers.NONE);
        assertThat(d.profile()).isEqualTo(ProfileName.BALANCED);
        assertThat(d.tradingState()).isEqualTo(TradingState.ACTIVE);
        assertThat(d.execution().limitTimeoutS()).isEqualTo(90);
        assertThat(d.execution().retrySizeFactors()).containsExactly(0.90, 0.75);
        // limit timeout 90 s + the 60 s margin
        assertThat(d.reservationExpiresAt()).contains(T0.plusSeconds(150));
        assertThat(engine.reservations()).singleElement().satisfies(r -> {
            assertThat(r.notional()).isEqualTo(3000);
            assertThat(r.riskAtStop()).isEqualTo(150); // the bot's 5 % stoploss
            assertThat(r.correlationGroup()).isEqualTo("C_CRYPTO_MAJOR");
            assertThat(r.baseAsset()).isEqualTo("BTC");
            assertThat(r.bucket()).isEqualTo("hft");
        });
    }

    @Test
    void decide_listsTheChecksInEvaluationOrder() {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());

        Decision d = decide(engine, Requests.entry("S3", "BTC/USDT:USDT").funding(0.0001), T0);

        List<Gate> gates = d.checks().stream().map(GateCheck::gate).toList();
        assertThat(gates).containsExactly(Gate.KILL_SWITCH, Gate.TRADING_STATE, Gate.STALE_DATA, Gate.STAKE_CURRENCY,
                Gate.NEWS_SHIELD, Gate.RATE_LIMIT_MINUTE, Gate.RATE_LIMIT_HOUR, Gate.DAILY_LOSS_HARD, Gate.DAILY_LOSS,
                Gate.DRAWDOWN, Gate.LOSS_STREAK, Gate.VOLATILITY, Gate.BUCKET, Gate.SYMBOL_COOLDOWN, Gate.QUOTES,
                Gate.SPREAD, Gate.SLIPPAGE, Gate.FUNDING, Gate.FAT_FINGER, Gate.TURNOVER, Gate.MAX_OPEN_TRADES,
                Gate.SIGNAL_ALIGNMENT, Gate.STRATEGY_CORRELATION, Gate.P5_ASSET_CLASS, Gate.P1_RISK_BUDGET,
                Gate.P2_CORRELATION_GROUP, Gate.STRATEGY_BUDGET, Gate.ASSET_CAP, Gate.TOP3_ASSETS, Gate.MIN_NOTIONAL);
        assertThat(d.checks()).allMatch(GateCheck::passed);
    }

    @Test
    void decide_stopsAtTheFirstFailingGate() {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());
        engine.onBotHealth("S1", BotHealth.STALE, T0);

        Decision d = decide(engine, Requests.entry("S1", "BTC/USDT:USDT"), T0);

        assertThat(d.deniedBy()).contains(DenyCode.STALE_DATA);
        assertThat(d.approvedStake()).isZero();
        assertThat(d.reservationExpiresAt()).isEmpty();
        assertThat(d.checks()).last().satisfies(c -> {
            assertThat(c.gate()).isEqualTo(Gate.STALE_DATA);
            assertThat(c.passed()).isFalse();
        });
        assertThat(d.reasons()).singleElement().asString().startsWith("STALE_DATA: ");
        assertThat(engine.reservations()).isEmpty();
    }

    @Test
    void decide_forAnUnconfiguredBot_isRejectedAsBadInput() {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());

        assertThatThrownBy(() -> decide(engine, Requests.entry("S9", "BTC/USDT"), T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("S9");
        assertThatThrownBy(() -> decide(engine, Requests.entry(DecisionEngine.ACCOUNT_ID, "ES"), T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decide_withAStakeCurrencyWithoutRate_isDenied() {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());

        Decision d = decide(engine, Requests.entry("S1", "BTC/EUR"), T0);

        assertThat(d.deniedBy()).contains(DenyCode.UNKNOWN_STAKE_CURRENCY);
    }

    @Test
    void decide_convertsTheStakeCurrencyIntoTheBaseCurrency() {
        DecisionEngine engine = Engines.ready(TestPolicies.builder().rate("EUR", 1.10).build());

        decide(engine, Requests.entry("S1", "BTC/EUR").stake(1000), T0);

        assertThat(engine.reservations()).singleElement().satisfies(r -> assertThat(r.notional()).isCloseTo(1100, within()));
    }

    @Test
    void decide_beforeTheFirstEquityReport_deniesWithStaleData() {
        DecisionEngine engine = new DecisionEngine(TestPolicies.defaults());

        Decision d = decide(engine, Requests.entry("S1", "BTC/USDT:USDT"), T0);

        assertThat(d.deniedBy()).contains(DenyCode.STALE_DATA);
    }

    @Test
    void decide_usesTheCallersDecisionIdAndEchoesTheRequestId() {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());
        DecisionRequest r = Requests.entry("S1", "BTC/USDT:USDT").build();

        Decision d = engine.decide(r, "d-42", Instant.parse("2026-11-23T10:00:00Z"));

        assertThat(d.decisionId()).isEqualTo("d-42");
        assertThat(d.requestId()).isEqualTo(r.requestId());
        assertThat(d.requestedStake()).isEqualTo(r.stakeAmount());
    }

    static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(1e-6);
    }
}
