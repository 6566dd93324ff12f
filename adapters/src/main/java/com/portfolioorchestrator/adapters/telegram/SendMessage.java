package com.portfolioorchestrator.adapters.telegram;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code sendMessage} request.
 *
 * @param chatId              a numeric chat id ("-1001234567890") or "@channelusername"
 * @param text                1..4096 characters
 * @param parseMode           "HTML", "MarkdownV2" or "Markdown"; empty for plain text
 * @param disableNotification send silently
 */
public record SendMessage(String chatId, String text, Optional<String> parseMode, boolean disableNotification) {
    public static final int MAX_TEXT_LENGTH = 4096;

    public SendMessage {
        if (chatId == null || !chatId.matches("-?[0-9]{1,20}|@[A-Za-z0-9_]{4,64}")) {
            throw new IllegalArgumentException("chatId must be a number or @channelusername, was '" + chatId + "'");
        }
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("text must have 1.." + MAX_TEXT_LENGTH + " characters, had " + text.length());
        }
        Objects.requireNonNull(parseMode, "parseMode");
        parseMode.ifPresent(mode -> {
            if (!mode.equals("HTML") && !mode.equals("MarkdownV2") && !mode.equals("Markdown")) {
                throw new IllegalArgumentException("parseMode must be HTML, MarkdownV2 or Markdown, was '" + mode + "'");
            }
        });
    }

    public static SendMessage plain(String chatId, String text) {
        return new SendMessage(chatId, text, Optional.empty(), false);
    }
}
