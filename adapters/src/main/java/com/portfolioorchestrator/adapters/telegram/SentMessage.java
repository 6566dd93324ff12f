package com.portfolioorchestrator.adapters.telegram;

import java.time.Instant;

/**
 * What Telegram returned for a sent message.
 *
 * @param date the server's send time (epoch seconds in the JSON)
 */
public record SentMessage(long messageId, long chatId, Instant date) {
}
