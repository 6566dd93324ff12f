package com.portfolioorchestrator.config;

/** Telegram Bot API alerts. */
public record TelegramSettings(boolean enabled, Secret botToken, Secret chatId) {}
