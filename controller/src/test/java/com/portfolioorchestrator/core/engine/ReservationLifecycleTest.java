package com.portfolioorchestrator.core.engine;

import static com.portfolioorchestrator.core.engine.Engines.T0;
import static com.portfolioorchestrator.core.engine.Engines.allowed;
import static com.portfolioorchestrator.core.engine.Engines.decide;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import com.portfolioorchestrator.core.Pair;
import com.portfolioorchestrator.core.Side;
import com.portfolioorchestrator.core.TestPolicies;
import com.portfolioorchestrator.core.ledger.LedgerEntry;
import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** PRODUCT.md section 3 "Reservations" and issue 3 "Position ledger": events twice, late or out of order count once. */
class ReservationLifecycleTest {
    private static final Pair BTC = Pair.parse("BTC/USDT:USDT");

    private static OpenPosition position(String tradeId, double stake, Instant openedAt) {
        return new OpenPosition(tradeId, BTC, Side.LONG, stake, 1, 100, OptionalDouble.of(99), openedAt);
    }

    private static double gross(DecisionEngine engine) {
        return engine.exposure().grossNotional();
    }

    @Test
    void aPollThatSeesTheTrade_turnsTheReservationIntoAPosition() {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());
        allowed(decide(engine, Requests.entry("S1", "BTC/USDT:USDT").stake(1000), T0));

        engine.syncPositions("S1", List.of(position("42", 1000, T0.plusSeconds(5))), T0.plusSeconds(15));

        assertThat(engine.reservations()).isEmpty();
        assertThat(engine.positions()).singleElement().extracting(LedgerEntry::tradeId).isEqualTo("42");
        assertThat(gross(engine)).isEqualTo(1000);
    }

    @Test
    void aFillReportThenAPoll_countOnce_andALateFillAfterThePoll_changesNothing() {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());
        Decision d = allowed(decide(engine, Requests.entry("S1", "BTC/USDT:USDT").stake(1000), T0));

        assertThat(engine.fill(d.decisionId(), "42", T0.plusSeconds(3))).isEqualTo(FillResult.LINKED);
        assertThat(gross(engine)).as("still reserved until a poll sees the trade").isEqualTo(1000);
        engine.syncPositions("S1", List.of(position("42", 1000, T0.plusSeconds(2))), T0.plusSeconds(15));
        engine.syncPositions("S1", List.of(position("42", 1000, T0.plusSeconds(2))), T0.plusSeconds(15));
        assertThat(engine.fill(d.decisionId(), "42", T0.plusSeconds(16))).isEqualTo(FillResult.ALREADY_POSITION);

        assertThat(gross(engine)).isEqualTo(1000);
        assertThat(engine.positions()).hasSize(1);
        assertThat(engine.reservations()).isEmpty();
    }

    @Test
    void aPollBeforeTheFillReport_thenTheFillReport_countsOnce() {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());
        Decision d = allowed(decide(engine, Requests.entry("S1", "BTC/USDT:USDT").stake(1000), T0));

        engine.syncPositions("S1", List.of(position("42", 1000, T0.plusSeconds(2))), T0.plusSeconds(15));
        FillResult late = engine.fill(d.decisionId(), "42", T0.plusSeconds(20));

        assertThat(late).isEqualTo(FillResult.ALREADY_POSITION);
        assertThat(gross(engine)).isEqualTo(1000);
    }

    @Test
    void anOlderPollArrivingLate_isIgnored() {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());
        engine.syncPositions("S1", List.of(position("42", 1000, T0)), T0.plusSeconds(30));

        engine.syncPositions("S1", List.of(), T0.plusSeconds(15));

        assertThat(engine.positions()).hasSize(1);
    }

    @Test
    void aClosedTrade_removesThePosition_andAStalePollListingItDoesNotBringItBack() {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());
        engine.syncPositions("S1", List.of(position("42", 1000, T0)), T0.plusSeconds(15));

        engine.onClosedTrade(new ClosedTrade("S1", "42", 0.01, T0.plusSeconds(20)));
        engine.syncPositions("S1", List.of(position("42", 1000, T0)), T0.plusSeconds(30));

        assertThat(engine.positions()).isEmpty();
        assertThat(gross(engine)).isZero();
    }

    @Test
    void cancel_releasesTheReservation_andIsIdempotent() {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());
        Decision d = allowed(decide(engine, Requests.entry("S1", "BTC/USDT:USDT"), T0));

        assertThat(engine.cancel(d.decisionId(), T0.plusSeconds(1))).isTrue();
        assertThat(engine.cancel(d.decisionId(), T0.plusSeconds(2))).isFalse();
        assertThat(engine.fill(d.decisionId(), "7", T0.plusSeconds(3))).isEqualTo(FillResult.UNKNOWN_DECISION);
        assertThat(gross(engine)).isZero();
    }

    @Test
    void aReservation_expiresAtItsExpiry_withAnEvent() {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());
        Decision d = allowed(decide(engine, Requests.entry("S1", "BTC/USDT:USDT"), T0));
        Instant expiry = d.reservationExpiresAt().orElseThrow();

        engine.expireReservations(expiry.minusMillis(1));
        assertThat(engine.reservations()).hasSize(1);
        engine.expireReservations(expiry);

        assertThat(engine.reservations()).isEmpty();
        assertThat(engine.drainEvents()).singleElement().isInstanceOf(EngineEvent.ReservationExpired.class);
    }

    @Test
    void aLinkedReservationWhoseTradeNeverAppears_isReleasedByThePoll() {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());
        Decision d = allowed(decide(engine, Requests.entry("S1", "BTC/USDT:USDT"), T0));
        engine.fill(d.decisionId(), "42", T0.plusSeconds(2));

        engine.syncPositions("S1", List.of(), T0.plusSeconds(15));

        assertThat(engine.reservations()).isEmpty();
    }

    @Test
    void anIncrease_staysReservedUntilAPollAfterItsFillShowsTheNewSize() {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());
        engine.syncPositions("S1", List.of(position("42", 1000, T0)), T0);
        Decision more = allowed(decide(engine, Requests.entry("S1", "BTC/USDT:USDT").stake(500).increase(), T0.plusSeconds(1)));
        assertThat(engine.exposure().openPositions()).as("an increase is no new position").isEqualTo(1);

        engine.fill(more.decisionId(), "42", T0.plusSeconds(5));
        engine.syncPositions("S1", List.of(position("42", 1000, T0)), T0.plusSeconds(4)); // a poll from before the fill
        assertThat(gross(engine)).isEqualTo(1500);
        engine.syncPositions("S1", List.of(position("42", 1500, T0)), T0.plusSeconds(15));

        assertThat(gross(engine)).isEqualTo(1500);
        assertThat(engine.reservations()).isEmpty();
    }

    @Test
    void aPositionWithoutReservation_isCounted_andAStopAtBreakEvenHasNoRisk() {
        DecisionEngine engine = Engines.ready(TestPolicies.defaults());
        OpenPosition atBreakEven = new OpenPosition("9", BTC, Side.LONG, 2000, 2, 100, OptionalDouble.of(100), T0);

        engine.syncPositions("S2", List.of(atBreakEven), T0);

        assertThat(engine.exposure().grossNotional()).isEqualTo(4000);
        assertThat(engine.exposure().atRisk()).isZero();
        engine.syncPositions(DecisionEngine.ACCOUNT_ID, List.of(new OpenPosition("495512563", Pair.parse("ES"),
                Side.LONG, 300_000, 1, 5450, OptionalDouble.empty(), T0)), T0);
        assertThat(engine.exposure().riskByBot().get(DecisionEngine.ACCOUNT_ID))
                .isCloseTo(300_000 * DecisionEngine.ACCOUNT_DEFAULT_STOPLOSS, offset(1e-6));
    }
}
