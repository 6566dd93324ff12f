package com.portfolioorchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PairTest {
    @ParameterizedTest(name = "{0} -> base {1}, stake {2}, instrument {3}")
    @CsvSource({"BTC/USDT:USDT, BTC, USDT, BTC/USDT", "ETH/USDC, ETH, USDC, ETH/USDC", "ES, ES, '', ES",
            "SPY C600, SPY, '', SPY C600", "USD/JPY, USD, JPY, USD/JPY", "1000PEPE/USDT:USDT, 1000PEPE, USDT, 1000PEPE/USDT"})
    void parse_findsTheBaseAssetAndTheStakeCurrency(String text, String base, String stake, String instrument) {
        Pair p = Pair.parse(text);

        assertThat(p.baseAsset()).isEqualTo(base);
        assertThat(p.stakeCurrency()).isEqualTo(stake.isEmpty() ? Optional.empty() : Optional.of(stake));
        assertThat(p.instrument()).isEqualTo(instrument);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "/USDT", "BTC/", "BTC/USDT:"})
    void parse_rejectsMalformedPairs_quotingThem(String text) {
        assertThatThrownBy(() -> Pair.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pair");
    }
}
