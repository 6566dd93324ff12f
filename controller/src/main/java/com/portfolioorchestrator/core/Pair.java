package com.portfolioorchestrator.core;

import java.util.Optional;

/**
 * A traded instrument as bots name it: a Freqtrade pair ({@code BTC/USDT}, futures {@code BTC/USDT:USDT}) or an IBKR
 * symbol ({@code ES}, {@code SPY}, {@code SPY C600}).
 *
 * <p>The base asset drives asset caps and correlation groups: the part before {@code /}, {@code :} or a space. The
 * stake currency is the settle currency after {@code :} if present, else the quote after {@code /}; an IBKR symbol has
 * none (it is valued in the base currency of the portfolio).
 *
 * @param symbol        the pair exactly as given
 * @param baseAsset     e.g. {@code BTC}, {@code ES}
 * @param stakeCurrency e.g. {@code USDT}; empty for a plain symbol
 */
public record Pair(String symbol, String baseAsset, Optional<String> stakeCurrency) {
    public Pair {
        Checks.notBlank(symbol, "pair");
        Checks.notBlank(baseAsset, "pair base asset");
        Checks.notNull(stakeCurrency, "pair stake currency");
    }

    /** Parses a pair; the message quotes the bad text. */
    public static Pair parse(String text) {
        Checks.notNull(text, "pair");
        String s = text.trim();
        if (s.isEmpty() || s.length() > 64) {
            throw new IllegalArgumentException("pair must be 1..64 characters, was '" + text + "'");
        }
        int end = s.length();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' || c == ':' || c == ' ') {
                end = i;
                break;
            }
        }
        if (end == 0) {
            throw new IllegalArgumentException("pair must start with its base asset, was '" + text + "'");
        }
        String base = s.substring(0, end);
        Optional<String> stake = Optional.empty();
        int colon = s.indexOf(':');
        int slash = s.indexOf('/');
        if (colon >= 0) {
            stake = Optional.of(nonEmpty(s.substring(colon + 1).trim(), text));
        } else if (slash >= 0) {
            String quote = s.substring(slash + 1).trim();
            int space = quote.indexOf(' ');
            stake = Optional.of(nonEmpty(space >= 0 ? quote.substring(0, space) : quote, text));
        }
        return new Pair(s, base, stake);
    }

    /** The symbol without a settle suffix: {@code BTC/USDT:USDT -> BTC/USDT}; used to look up groups like {@code USD/JPY}. */
    public String instrument() {
        int colon = symbol.indexOf(':');
        return colon >= 0 ? symbol.substring(0, colon) : symbol;
    }

    private static String nonEmpty(String part, String text) {
        if (part.isEmpty()) {
            throw new IllegalArgumentException("pair '" + text + "' has an empty quote or settle currency");
        }
        return part;
    }

    @Override
    public String toString() {
        return symbol;
    }
}
