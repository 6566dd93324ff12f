package com.portfolioorchestrator.adapters.freqtrade;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.portfolioorchestrator.adapters.http.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code GET /api/v1/pair_candles?pair=&timeframe=&limit=} ({@code PairHistory}): the bot's analysed dataframe.
 *
 * <p>{@code data} is row-major in the order of {@code columns}, which holds OHLCV, {@code __date_ts} (epoch ms of the
 * candle open) and any strategy columns: find columns by name, which {@link #candles()} does. Units differ:
 * {@code last_analyzed_ts} is epoch <b>seconds</b>, {@code data_start_ts}/{@code data_stop_ts} epoch ms.
 */
public record PairCandles(
        @JsonProperty("strategy") String strategy,
        @JsonProperty("pair") String pair,
        @JsonProperty("timeframe") String timeframe,
        @JsonProperty("timeframe_ms") Long timeframeMs,
        @JsonProperty("columns") List<String> columns,
        @JsonProperty("data") List<List<JsonNode>> data,
        @JsonProperty("length") Integer length,
        @JsonProperty("last_analyzed_ts") @JsonDeserialize(using = Json.EpochSeconds.class) Instant lastAnalyzed,
        @JsonProperty("data_start_ts") @JsonDeserialize(using = Json.EpochMillis.class) Instant dataStart,
        @JsonProperty("data_stop_ts") @JsonDeserialize(using = Json.EpochMillis.class) Instant dataStop) {

    public PairCandles {
        if (columns == null || data == null) {
            throw new IllegalArgumentException("columns and data are required");
        }
        columns = List.copyOf(columns);
        List<List<JsonNode>> rows = new ArrayList<>(data.size());
        for (List<JsonNode> row : data) {
            if (row == null) {
                throw new IllegalArgumentException("a data row is null");
            }
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a data row has " + row.size() + " values for " + columns.size() + " columns");
            }
            rows.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        data = Collections.unmodifiableList(rows);
    }

    /**
     * One candle. Prices may be null (NaN in the dataframe).
     *
     * @param openTime the candle's open time (from {@code __date_ts})
     */
    public record Candle(Instant openTime, Double open, Double high, Double low, Double close, Double volume) {
    }

    /** The OHLCV candles in data order (oldest first). Throws if a needed column is missing. */
    public List<Candle> candles() {
        int time = column("__date_ts");
        int open = column("open");
        int high = column("high");
        int low = column("low");
        int close = column("close");
        int volume = column("volume");
        List<Candle> candles = new ArrayList<>(data.size());
        for (List<JsonNode> row : data) {
            JsonNode ts = row.get(time);
            if (ts == null || !ts.isIntegralNumber()) {
                throw new IllegalArgumentException("__date_ts must be an integer (epoch ms), was " + ts);
            }
            candles.add(new Candle(Instant.ofEpochMilli(ts.longValue()), number(row.get(open)), number(row.get(high)),
                    number(row.get(low)), number(row.get(close)), number(row.get(volume))));
        }
        return candles;
    }

    private int column(String name) {
        int index = columns.indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException("column '" + name + "' is missing from " + columns);
        }
        return index;
    }

    private static Double number(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw new IllegalArgumentException("expected a number, was " + node);
        }
        return node.doubleValue();
    }
}
