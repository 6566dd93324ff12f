package com.portfolioorchestrator.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How the simulated market is generated.
 *
 * @param seed                 the only source of randomness: same seed, same start and same advances give the same series
 * @param start                the simulated "now" at construction; history is generated before it
 * @param history              how much 5-minute history exists before {@code start} (at least 30 days for the
 *                             orchestrator's 30-day ATR z-score)
 * @param tick                 simulation step; prices move once per tick (divides 5 minutes)
 * @param instruments          the markets; at least one crypto instrument, the first crypto is the drift reference
 * @param randomBurstsPerDay   expected number of random volatility bursts per simulated day (0 = none)
 * @param randomBurstFactor    volatility multiplier of a random burst
 * @param events               scripted events (bursts, trends) at fixed simulated times
 */
public record MarketSettings(long seed, Instant start, Duration history, Duration tick, List<Instrument> instruments,
                             double randomBurstsPerDay, double randomBurstFactor, List<MarketEvent> events) {
    public static final Duration BASE_CANDLE = Duration.ofMinutes(5);

    public MarketSettings {
        if (start == null || history == null || tick == null) {
            throw new IllegalArgumentException("start, history and tick must not be null");
        }
        if (tick.toMillis() < 1000 || BASE_CANDLE.toMillis() % tick.toMillis() != 0) {
            throw new IllegalArgumentException("tick must be >= 1 s and divide 5 minutes, was " + tick);
        }
        if (history.isNegative() || history.toMillis() % BASE_CANDLE.toMillis() != 0) {
            throw new IllegalArgumentException("history must be >= 0 and a multiple of 5 minutes, was " + history);
        }
        if (start.toEpochMilli() % BASE_CANDLE.toMillis() != 0) {
            throw new IllegalArgumentException("start must be on a 5-minute boundary, was " + start);
        }
        instruments = List.copyOf(instruments);
        events = List.copyOf(events);
        if (instruments.stream().noneMatch(i -> i.kind() == Instrument.Kind.CRYPTO)) {
            throw new IllegalArgumentException("at least one crypto instrument is needed");
        }
        if (instruments.stream().map(Instrument::symbol).distinct().count() != instruments.size()) {
            throw new IllegalArgumentException("instrument symbols must be unique: " + instruments);
        }
        if (!(randomBurstsPerDay >= 0 && randomBurstsPerDay <= 24)) {
            throw new IllegalArgumentException("randomBurstsPerDay must be in [0, 24], was " + randomBurstsPerDay);
        }
        if (!(randomBurstFactor >= 1 && randomBurstFactor <= 20)) {
            throw new IllegalArgumentException("randomBurstFactor must be in [1, 20], was " + randomBurstFactor);
        }
    }

    /** The default markets: six crypto perpetuals and two index futures (ES, NQ). */
    public static List<Instrument> defaultInstruments() {
        return List.of(
                new Instrument("BTC/USDT:USDT", Instrument.Kind.CRYPTO, 90_000.0, 0.0060, 0.90, 1.0, 0.1),
                new Instrument("ETH/USDT:USDT", Instrument.Kind.CRYPTO, 3_200.0, 0.0080, 0.85, 1.5, 0.01),
                new Instrument("SOL/USDT:USDT", Instrument.Kind.CRYPTO, 210.0, 0.0110, 0.75, 3.0, 0.01),
                new Instrument("XRP/USDT:USDT", Instrument.Kind.CRYPTO, 1.10, 0.0100, 0.70, 3.0, 0.0001),
                new Instrument("DOGE/USDT:USDT", Instrument.Kind.CRYPTO, 0.38, 0.0120, 0.65, 4.0, 0.00001),
                new Instrument("AVAX/USDT:USDT", Instrument.Kind.CRYPTO, 35.0, 0.0120, 0.70, 5.0, 0.001),
                new Instrument("ES", Instrument.Kind.INDEX_FUTURE, 6_000.0, 0.0025, 0.90, 0.5, 0.25),
                new Instrument("NQ", Instrument.Kind.INDEX_FUTURE, 21_000.0, 0.0032, 0.90, 0.6, 0.25));
    }

    /** Default settings: 35 days of history, 10-second ticks, about one random 4x burst every four days, no scripted event. */
    public static MarketSettings defaults(long seed, Instant start) {
        return new MarketSettings(seed, start, Duration.ofDays(35), Duration.ofSeconds(10), defaultInstruments(),
                0.25, 4.0, List.of());
    }

    public MarketSettings withEvents(List<MarketEvent> newEvents) {
        return new MarketSettings(seed, start, history, tick, instruments, randomBurstsPerDay, randomBurstFactor, newEvents);
    }

    public MarketSettings withRandomBursts(double perDay, double factor) {
        return new MarketSettings(seed, start, history, tick, instruments, perDay, factor, events);
    }

    public MarketSettings withHistory(Duration newHistory) {
        return new MarketSettings(seed, start, newHistory, tick, instruments, randomBurstsPerDay, randomBurstFactor, events);
    }
}
