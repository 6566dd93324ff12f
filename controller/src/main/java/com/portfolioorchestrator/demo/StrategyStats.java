package com.portfolioorchestrator.demo;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a simulated strategy has seen so far.
 *
 * @param requests        decision requests sent (retries included)
 * @param allowed         200 answers with {@code allowed: true}
 * @param scaled          allowed answers whose approved stake was below the requested stake
 * @param denied          200 answers with {@code allowed: false}
 * @param deniedByCode    denials by {@code denied_by} code
 * @param httpErrors      non-200 answers by status code (a bot treats them as denials)
 * @param transportErrors timeouts, refused connections, malformed bodies
 * @param retries         attempt-2 requests sent after a simulated limit-order timeout
 * @param tradesOpened    trades opened in the bot after an allowed decision
 * @param botRefusals     allowed decisions the bot could not execute (lock, max open trades, balance); cancelled
 * @param fillsReported   {@code /fill} calls answered 2xx
 */
public record StrategyStats(long requests, long allowed, long scaled, long denied, Map<String, Long> deniedByCode,
                            Map<Integer, Long> httpErrors, long transportErrors, long retries, long tradesOpened,
                            long botRefusals, long fillsReported) {
    public StrategyStats {
        deniedByCode = java.util.Collections.unmodifiableMap(new TreeMap<>(deniedByCode));
        httpErrors = java.util.Collections.unmodifiableMap(new TreeMap<>(httpErrors));
    }
}
