package com.portfolioorchestrator.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

/**
 * A seeded random-walk market for the demo: crypto perpetuals driven by one common factor (so their moves are
 * correlated), index futures driven by a second factor, volatility bursts (random, and scripted at chosen simulated
 * times) during which volatility and spreads widen, and slowly wandering funding rates.
 *
 * <p>Time is discrete: prices move once per {@link MarketSettings#tick()}; 5-minute OHLCV candles are kept for the
 * whole run and aggregated on demand to any multiple (1 h for the orchestrator's ATR regime). The series is a pure
 * function of the settings and the ticks processed, never of wall time: {@link #advanceTo(Instant)} may be called in
 * chunks of any size. Only one thread may advance the market; any thread may read it.
 *
 * <p>Model per tick of length dt (hours): log return = sigma * m * sqrt(dt) * (beta * Z_factor + sqrt(1 - beta^2) * Z_own)
 * + drift * dt, where m is the active volatility multiplier and drift the active events' drift (index futures: 0.3 of
 * it plus the events' own index drift). No mean reversion, no jumps besides bursts.
 */
public final class MarketSimulator {
    /** Called after every tick once the market is past its start (not during history generation). */
    @FunctionalInterface
    public interface TickListener {
        void onTick(Instant at);
    }

    private static final long HOUR_MS = 3_600_000L;
    private static final long FUNDING_INTERVAL_MS = 8 * HOUR_MS;

    private final MarketSettings settings;
    private final List<Instrument> instruments;
    private final Map<String, Integer> indexBySymbol = new LinkedHashMap<>();
    private final Random returnsRandom;
    private final Random regimeRandom;
    private final long tickMillis;
    private final long baseMillis = MarketSettings.BASE_CANDLE.toMillis();
    private final long historyStartMillis;
    private final double[] driftScale;
    /** Index futures: scale of an event's own index drift (volatility relative to the first index future); crypto 0. */
    private final double[] indexDriftScale;
    private final double[] baseVolumePerHour;
    private final double[] priceScale;

    private final double[] logPrice;
    private final double[] spreadBps;
    private final double[] fundingRate;
    private long tickTime;

    private final double[][] open;
    private final double[][] high;
    private final double[][] low;
    private final double[][] close;
    private final double[][] volume;
    private int candleCount;
    private final double[] formingOpen;
    private final double[] formingHigh;
    private final double[] formingLow;
    private final double[] formingVolume;

    private final List<MarketEvent> randomBursts = new ArrayList<>();
    private final List<TickListener> listeners = new CopyOnWriteArrayList<>();

    public MarketSimulator(MarketSettings settings) {
        this.settings = settings;
        this.instruments = settings.instruments();
        for (int i = 0; i < instruments.size(); i++) {
            indexBySymbol.put(instruments.get(i).symbol(), i);
        }
        this.returnsRandom = new Random(settings.seed());
        this.regimeRandom = new Random(settings.seed() * 0x9E3779B97F4A7C15L + 17);
        this.tickMillis = settings.tick().toMillis();
        this.historyStartMillis = settings.start().toEpochMilli() - settings.history().toMillis();
        int n = instruments.size();
        double referenceVol = instruments.stream().filter(i -> i.kind() == Instrument.Kind.CRYPTO).findFirst()
                .orElseThrow().hourlyVolatility();
        double referenceIndexVol = instruments.stream().filter(i -> i.kind() != Instrument.Kind.CRYPTO).findFirst()
                .map(Instrument::hourlyVolatility).orElse(1.0);
        driftScale = new double[n];
        indexDriftScale = new double[n];
        baseVolumePerHour = new double[n];
        priceScale = new double[n];
        logPrice = new double[n];
        spreadBps = new double[n];
        fundingRate = new double[n];
        formingOpen = new double[n];
        formingHigh = new double[n];
        formingLow = new double[n];
        formingVolume = new double[n];
        int capacity = (int) (settings.history().toMillis() / baseMillis) + 2 * 288;
        open = new double[n][capacity];
        high = new double[n][capacity];
        low = new double[n][capacity];
        close = new double[n][capacity];
        volume = new double[n][capacity];
        for (int i = 0; i < n; i++) {
            Instrument instrument = instruments.get(i);
            boolean crypto = instrument.kind() == Instrument.Kind.CRYPTO;
            driftScale[i] = crypto ? instrument.hourlyVolatility() / referenceVol : 0.3;
            indexDriftScale[i] = crypto ? 0.0 : instrument.hourlyVolatility() / referenceIndexVol;
            baseVolumePerHour[i] = crypto ? 10_000_000.0 / instrument.startPrice() : 20_000.0;
            priceScale[i] = scaleOf(instrument.priceStep());
            logPrice[i] = Math.log(instrument.startPrice());
            spreadBps[i] = instrument.baseSpreadBps();
            fundingRate[i] = crypto ? 0.0001 : 0.0;
            double p = rounded(i);
            formingOpen[i] = p;
            formingHigh[i] = p;
            formingLow[i] = p;
        }
        tickTime = historyStartMillis;
        while (tickTime + tickMillis <= settings.start().toEpochMilli()) {
            step();
        }
    }

    public MarketSettings settings() {
        return settings;
    }

    public List<Instrument> instruments() {
        return instruments;
    }

    public void addTickListener(TickListener listener) {
        listeners.add(listener);
    }

    public void removeTickListener(TickListener listener) {
        listeners.remove(listener);
    }

    /** The time of the last processed tick: the market's "now". */
    public synchronized Instant now() {
        return Instant.ofEpochMilli(tickTime);
    }

    /**
     * Processes every tick up to {@code target} (inclusive) and notifies the listeners after each one, outside the
     * market's lock (listeners read prices). Call from one thread only.
     */
    public void advanceTo(Instant target) {
        long targetMillis = target.toEpochMilli();
        while (true) {
            long at;
            synchronized (this) {
                if (tickTime + tickMillis > targetMillis) {
                    return;
                }
                step();
                at = tickTime;
            }
            Instant instant = Instant.ofEpochMilli(at);
            for (TickListener listener : listeners) {
                listener.onTick(instant);
            }
        }
    }

    /** Last traded price, rounded to the instrument's tick size. */
    public synchronized double price(String symbol) {
        return rounded(indexOf(symbol));
    }

    /** Current quoted spread in basis points (widens with the volatility multiplier). */
    public synchronized double spreadBps(String symbol) {
        return round(spreadBps[indexOf(symbol)], 100);
    }

    /** Projected funding rate of the next 8-hour funding event, a fraction (0.0001 = 0.01 %); 0 for index futures. */
    public synchronized double fundingRate(String symbol) {
        return round(fundingRate[indexOf(symbol)], 1e8);
    }

    /** The volatility multiplier in force now (1 in the calm regime). */
    public synchronized double volatilityMultiplier() {
        return multiplierAt(tickTime - 1);
    }

    /** Log return of {@code symbol} over the last {@code lookback} (from the 5-minute closes and the current price). */
    public synchronized double logReturn(String symbol, Duration lookback) {
        int i = indexOf(symbol);
        long from = tickTime - lookback.toMillis();
        int candle = (int) Math.floorDiv(from - historyStartMillis, baseMillis) - 1;
        double past = candle < 0 ? instruments.get(i).startPrice() : close[i][Math.min(candle, candleCount - 1)];
        return Math.log(rounded(i) / past);
    }

    /** Random bursts that have started so far (history included), oldest first. */
    public synchronized List<MarketEvent> randomBursts() {
        return List.copyOf(randomBursts);
    }

    /**
     * Closed candles of {@code timeframe} (a multiple of 5 minutes), oldest first, at most {@code limit} of them:
     * the newest is the last candle that closed at or before {@link #now()}.
     */
    public synchronized List<Candle> candles(String symbol, Duration timeframe, int limit) {
        int i = indexOf(symbol);
        long tf = timeframe.toMillis();
        if (tf < baseMillis || tf % baseMillis != 0) {
            throw new IllegalArgumentException("timeframe must be a multiple of 5 minutes, was " + timeframe);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        long lastClosedEnd = Math.floorDiv(tickTime, tf) * tf;
        long firstStart = Math.floorDiv(historyStartMillis + tf - 1, tf) * tf;
        long wanted = Math.max(firstStart, lastClosedEnd - (long) limit * tf);
        List<Candle> out = new ArrayList<>();
        for (long start = wanted; start + tf <= lastClosedEnd; start += tf) {
            int first = (int) ((start - historyStartMillis) / baseMillis);
            int count = (int) (tf / baseMillis);
            double o = open[i][first];
            double h = Double.NEGATIVE_INFINITY;
            double l = Double.POSITIVE_INFINITY;
            double v = 0;
            for (int k = first; k < first + count; k++) {
                h = Math.max(h, high[i][k]);
                l = Math.min(l, low[i][k]);
                v += volume[i][k];
            }
            out.add(new Candle(start, o, h, l, close[i][first + count - 1], round(v, 1000)));
        }
        return out;
    }

    private int indexOf(String symbol) {
        Integer i = indexBySymbol.get(symbol);
        if (i == null) {
            throw new IllegalArgumentException("unknown instrument '" + symbol + "', known: " + indexBySymbol.keySet());
        }
        return i;
    }

    private double multiplierAt(long epochMillis) {
        double m = 1.0;
        for (MarketEvent event : settings.events()) {
            if (event.isActiveAt(epochMillis)) {
                m = Math.max(m, event.volatilityFactor());
            }
        }
        if (!randomBursts.isEmpty() && randomBursts.get(randomBursts.size() - 1).isActiveAt(epochMillis)) {
            m = Math.max(m, randomBursts.get(randomBursts.size() - 1).volatilityFactor());
        }
        return m;
    }

    /** The sum of {@code drift} over the scripted events active at {@code epochMillis}. */
    private double activeDrift(long epochMillis, ToDoubleFunction<MarketEvent> drift) {
        double sum = 0.0;
        for (MarketEvent event : settings.events()) {
            if (event.isActiveAt(epochMillis)) {
                sum += drift.applyAsDouble(event);
            }
        }
        return sum;
    }

    private void step() {
        long start = tickTime;
        long end = start + tickMillis;
        if (start % HOUR_MS == 0) {
            onHour(start);
        }
        if (start % baseMillis == 0) {
            onCandleOpen();
        }
        double m = multiplierAt(start);
        double drift = activeDrift(start, MarketEvent::driftPerHour);
        double indexDrift = activeDrift(start, MarketEvent::indexDriftPerHour);
        double dtHours = (double) tickMillis / HOUR_MS;
        double sqrtDt = Math.sqrt(dtHours);
        double cryptoFactor = returnsRandom.nextGaussian();
        double equityFactor = 0.3 * cryptoFactor + Math.sqrt(1 - 0.09) * returnsRandom.nextGaussian();
        for (int i = 0; i < instruments.size(); i++) {
            Instrument instrument = instruments.get(i);
            boolean crypto = instrument.kind() == Instrument.Kind.CRYPTO;
            double beta = instrument.factorLoading();
            double own = returnsRandom.nextGaussian();
            double factor = crypto ? cryptoFactor : equityFactor;
            double multiplier = crypto ? m : Math.sqrt(m);
            double sigma = instrument.hourlyVolatility() * multiplier * sqrtDt;
            logPrice[i] += sigma * (beta * factor + Math.sqrt(1 - beta * beta) * own) + drift * driftScale[i] * dtHours
                    + indexDrift * indexDriftScale[i] * dtHours;
            double p = rounded(i);
            formingHigh[i] = Math.max(formingHigh[i], p);
            formingLow[i] = Math.min(formingLow[i], p);
            formingVolume[i] += baseVolumePerHour[i] * dtHours * multiplier * (0.5 + Math.abs(own));
        }
        tickTime = end;
        if (end % baseMillis == 0) {
            onCandleClose();
        }
    }

    private void onHour(long at) {
        if (settings.randomBurstsPerDay() > 0 && regimeRandom.nextDouble() < settings.randomBurstsPerDay() / 24.0
                && (randomBursts.isEmpty() || !randomBursts.get(randomBursts.size() - 1).isActiveAt(at))) {
            Duration length = Duration.ofHours(2 + regimeRandom.nextInt(5));
            randomBursts.add(new MarketEvent(Instant.ofEpochMilli(at), length, settings.randomBurstFactor(), 0.0));
        }
        double m = multiplierAt(at);
        for (int i = 0; i < instruments.size(); i++) {
            if (instruments.get(i).kind() != Instrument.Kind.CRYPTO) {
                regimeRandom.nextGaussian();
                continue;
            }
            double shock = regimeRandom.nextGaussian() * 0.00008 * Math.sqrt(m);
            double jump = regimeRandom.nextDouble() < 0.02 ? 0.0008 : 0.0;
            fundingRate[i] = 0.85 * fundingRate[i] + 0.15 * 0.0001 + shock + jump;
        }
    }

    private void onCandleOpen() {
        double m = multiplierAt(tickTime);
        for (int i = 0; i < instruments.size(); i++) {
            double p = rounded(i);
            formingOpen[i] = p;
            formingHigh[i] = p;
            formingLow[i] = p;
            formingVolume[i] = 0;
            double multiplier = instruments.get(i).kind() == Instrument.Kind.CRYPTO ? m : Math.sqrt(m);
            spreadBps[i] = instruments.get(i).baseSpreadBps() * multiplier * Math.exp(0.25 * regimeRandom.nextGaussian());
        }
    }

    private void onCandleClose() {
        if (candleCount == open[0].length) {
            int grown = candleCount * 2;
            for (int i = 0; i < instruments.size(); i++) {
                open[i] = Arrays.copyOf(open[i], grown);
                high[i] = Arrays.copyOf(high[i], grown);
                low[i] = Arrays.copyOf(low[i], grown);
                close[i] = Arrays.copyOf(close[i], grown);
                volume[i] = Arrays.copyOf(volume[i], grown);
            }
        }
        for (int i = 0; i < instruments.size(); i++) {
            open[i][candleCount] = formingOpen[i];
            high[i][candleCount] = formingHigh[i];
            low[i][candleCount] = formingLow[i];
            close[i][candleCount] = rounded(i);
            volume[i][candleCount] = formingVolume[i];
        }
        candleCount++;
    }

    private double rounded(int i) {
        double step = instruments.get(i).priceStep();
        double steps = Math.max(1, Math.rint(Math.exp(logPrice[i]) / step));
        return Math.rint(steps * step * priceScale[i]) / priceScale[i];
    }

    private static double scaleOf(double step) {
        double scale = 1;
        while (Math.abs(Math.rint(step * scale) - step * scale) > 1e-9 && scale < 1e12) {
            scale *= 10;
        }
        return scale;
    }

    static double round(double value, double scale) {
        return Math.rint(value * scale) / scale;
    }

    /** The end of the funding interval that contains {@code epochMillis} (funding is paid at 00, 08 and 16 UTC). */
    static long nextFundingTime(long epochMillis) {
        return Math.floorDiv(epochMillis, FUNDING_INTERVAL_MS) * FUNDING_INTERVAL_MS + FUNDING_INTERVAL_MS;
    }
}
