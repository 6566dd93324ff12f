package com.portfolioorchestrator.demo;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Freqtrade's value formats: dates, ISO datetimes as pydantic renders them, rounding, Python's timedelta and humanize. */
final class FreqtradeFormat {
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private FreqtradeFormat() {
    }

    /** {@code DATETIME_PRINT_FORMAT}: "2024-11-14 09:41:27", UTC without a zone. */
    static String dateTime(long epochMillis) {
        return DATE_TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** A pydantic-rendered aware datetime: "2024-11-14T09:41:24.518233Z". */
    static String isoMicros(long epochMillis) {
        return ISO_MICROS.format(Instant.ofEpochMilli(epochMillis));
    }

    /** A candle row's date: "2024-11-11T21:00:00Z". */
    static String isoSeconds(long epochMillis) {
        return ISO_SECONDS.format(Instant.ofEpochMilli(epochMillis));
    }

    /** str(pandas Timestamp): "2024-11-11 21:00:00+00:00". */
    static String pandasTimestamp(long epochMillis) {
        return dateTime(epochMillis) + "+00:00";
    }

    static String day(long epochMillis) {
        return DAY.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Python's round(value, digits) for the magnitudes used here (half-even is irrelevant at these precisions). */
    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.rint(value * scale) / scale;
    }

    /** Python's str(timedelta(seconds=...)).split('.')[0]: "0:05:00", "1 day, 0:11:38", "3 days, 4:00:00". */
    static String timedelta(long seconds) {
        long days = Math.floorDiv(seconds, 86_400);
        long rest = Math.floorMod(seconds, 86_400);
        String clock = String.format("%d:%02d:%02d", rest / 3600, (rest % 3600) / 60, rest % 60);
        if (days == 0) {
            return clock;
        }
        return days + (Math.abs(days) == 1 ? " day, " : " days, ") + clock;
    }

    /** humanize.naturaltime for past instants: "now", "30 seconds ago", "a minute ago", "6 hours ago", "6 days ago". */
    static String humanizedAgo(Duration ago) {
        long s = Math.max(0, ago.getSeconds());
        if (s == 0) {
            return "now";
        }
        if (s == 1) {
            return "a second ago";
        }
        if (s < 60) {
            return s + " seconds ago";
        }
        if (s < 120) {
            return "a minute ago";
        }
        if (s < 3600) {
            return s / 60 + " minutes ago";
        }
        if (s < 7200) {
            return "an hour ago";
        }
        if (s < 86_400) {
            return s / 3600 + " hours ago";
        }
        if (s < 2 * 86_400) {
            return "a day ago";
        }
        if (s < 30 * 86_400L) {
            return s / 86_400 + " days ago";
        }
        if (s < 60 * 86_400L) {
            return "a month ago";
        }
        return s / (30 * 86_400L) + " months ago";
    }

    /** Parses a Freqtrade timeframe ("5m", "1h", "4h", "1d") into a duration. */
    static Duration timeframe(String timeframe) {
        if (timeframe == null || timeframe.length() < 2) {
            throw new IllegalArgumentException("timeframe must look like 5m, 1h or 1d, was '" + timeframe + "'");
        }
        long amount;
        try {
            amount = Long.parseLong(timeframe.substring(0, timeframe.length() - 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("timeframe must look like 5m, 1h or 1d, was '" + timeframe + "'", e);
        }
        if (amount <= 0) {
            throw new IllegalArgumentException("timeframe must be positive, was '" + timeframe + "'");
        }
        return switch (timeframe.charAt(timeframe.length() - 1)) {
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            case 'w' -> Duration.ofDays(7 * amount);
            default -> throw new IllegalArgumentException("timeframe must look like 5m, 1h or 1d, was '" + timeframe + "'");
        };
    }
}
