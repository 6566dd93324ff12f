package com.portfolioorchestrator.app.polling.ports;

import com.portfolioorchestrator.app.portfolio.source.BotBalance;
import com.portfolioorchestrator.app.portfolio.source.BotConfig;
import com.portfolioorchestrator.app.portfolio.source.BotProfit;
import com.portfolioorchestrator.app.portfolio.source.Candle;
import com.portfolioorchestrator.app.portfolio.source.ClosedTrade;
import com.portfolioorchestrator.app.portfolio.source.DailyProfit;
import com.portfolioorchestrator.app.portfolio.source.OpenTrade;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Read port of one Freqtrade bot. Every method performs one logical call (the implementation's retries included) and
 * returns validated app records, or throws {@link SourceException}. Implementations must be thread-safe: the guard and
 * risk cycles may call the same bot at once.
 */
public interface FreqtradeSource {
    /** The configured bot id (S1..S7). */
    String botId();

    /** {@code GET /show_config}. */
    BotConfig showConfig();

    /** {@code GET /health}: {@code last_process}, the bot loop's heartbeat; empty before the first loop. */
    Optional<Instant> heartbeat();

    /** {@code GET /balance}. */
    BotBalance balance();

    /** {@code GET /status}: open trades, in trade id order. */
    List<OpenTrade> openTrades();

    /** The newest {@code count} closed trades ({@code /trades} paged back from the newest), in trade id order. */
    List<ClosedTrade> newestClosedTrades(int count);

    /** {@code GET /profit}. */
    BotProfit profit();

    /** {@code GET /daily?timescale=days}: today (partial) and the {@code days - 1} days before, any order. */
    List<DailyProfit> daily(int days);

    /** {@code GET /pair_candles}: the bot's analysed candles, oldest first (the newest may still be forming). */
    List<Candle> candles(String pair, String timeframe, int limit);
}
