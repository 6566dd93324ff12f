package com.portfolioorchestrator.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.portfolioorchestrator.core.EntryKind;
import com.portfolioorchestrator.core.Side;
import com.portfolioorchestrator.core.policy.AssetClass;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 3 proof: after any sequence of ledger events the incremental aggregates equal a recomputation. */
class PositionLedgerPropertiesTest {
    static LongStream seeds() {
        long base = Long.getLong("prop.seed", 20261123L);
        return LongStream.range(0, 300).map(i -> base + i);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aggregates_afterAnyEventSequence_equalARecomputationFromScratch(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        PositionLedger ledger = new PositionLedger(4); // small on purpose: growth is exercised too
        BotRef[] bots = new BotRef[5];
        for (int i = 0; i < bots.length; i++) {
            bots[i] = ledger.botRef("S" + i, "b" + (i % 3), AssetClass.values()[i % 3]);
        }
        String[] assets = {"BTC", "ETH", "SOL", "XRP", "ES", "AAPL"};
        String[] groups = {"C", "C", "D", "", "A", "A"};
        InstrumentRef[] instruments = new InstrumentRef[assets.length];
        for (int i = 0; i < assets.length; i++) {
            instruments[i] = ledger.instrumentRef(assets[i] + "/USDT", assets[i],
                    groups[i].isEmpty() ? Optional.empty() : Optional.of(groups[i]));
        }
        int next = 0;
        for (int step = 0; step < 200; step++) {
            int action = rnd.nextInt(10);
            BotRef bot = bots[rnd.nextInt(bots.length)];
            InstrumentRef inst = instruments[rnd.nextInt(instruments.length)];
            double notional = rnd.nextDouble() < 0.05 ? 0 : rnd.nextDouble(1, 50_000);
            double risk = notional * rnd.nextDouble(0, 0.1);
            if (action < 3) {
                ledger.addReservation("d-" + next++, bot, inst, rnd.nextBoolean() ? Side.LONG : Side.SHORT,
                        rnd.nextInt(4) == 0 ? EntryKind.INCREASE : EntryKind.ENTRY, notional, risk, step, step + 100);
            } else if (action < 6) {
                ledger.addPosition(bot, inst, "t" + next++, Side.LONG, notional, risk, step);
            } else if (action < 8 && ledger.size() > 0) {
                ledger.updateAt(rnd.nextInt(ledger.size()), notional, risk);
            } else if (ledger.size() > 0) {
                if (rnd.nextBoolean()) {
                    ledger.removeAt(rnd.nextInt(ledger.size()));
                } else {
                    ledger.remove(ledger.idAt(rnd.nextInt(ledger.size())));
                }
            }
            assertTotalsClose(ledger.totals(), PositionLedger.recompute(ledger.entries()), seed, step);
        }
    }

    static void assertTotalsClose(LedgerTotals incremental, LedgerTotals scratch, long seed, int step) {
        String at = "seed " + seed + " step " + step;
        assertThat(close(incremental.grossNotional(), scratch.grossNotional())).as(at + " gross").isTrue();
        assertThat(close(incremental.atRisk(), scratch.atRisk())).as(at + " at risk").isTrue();
        assertThat(incremental.openPositions()).as(at).isEqualTo(scratch.openPositions());
        assertThat(incremental.reservations()).as(at).isEqualTo(scratch.reservations());
        assertThat(incremental.groupCounts()).as(at).isEqualTo(scratch.groupCounts());
        assertMapClose(incremental.notionalByBot(), scratch.notionalByBot(), at + " by bot");
        assertMapClose(incremental.riskByBot(), scratch.riskByBot(), at + " risk by bot");
        assertMapClose(incremental.notionalByBucket(), scratch.notionalByBucket(), at + " by bucket");
        assertMapClose(incremental.notionalByAsset(), scratch.notionalByAsset(), at + " by asset");
        assertMapClose(incremental.riskByAssetClass(), scratch.riskByAssetClass(), at + " by class");
        assertThat(close(incremental.top3Notional(), scratch.top3Notional())).as(at + " top 3").isTrue();
        assertThat(incremental.top3Assets()).as(at).hasSameSizeAs(scratch.top3Assets());
    }

    private static <K> void assertMapClose(Map<K, Double> a, Map<K, Double> b, String what) {
        assertThat(a.keySet()).as(what).isEqualTo(b.keySet());
        a.forEach((k, v) -> assertThat(close(v, b.get(k))).as(what + " " + k + ": " + v + " vs " + b.get(k)).isTrue());
    }

    static boolean close(double a, double b) {
        return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.max(Math.abs(a), Math.abs(b)));
    }
}
