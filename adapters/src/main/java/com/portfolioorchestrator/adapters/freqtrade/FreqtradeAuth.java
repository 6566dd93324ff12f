package com.portfolioorchestrator.adapters.freqtrade;

import java.util.Objects;

/**
 * How a client authenticates to one bot's REST API. {@code toString()} never shows the password.
 */
public sealed interface FreqtradeAuth permits FreqtradeAuth.Basic, FreqtradeAuth.Jwt {

    String username();

    String password();

    /** HTTP Basic on every request. */
    static FreqtradeAuth basic(String username, String password) {
        return new Basic(username, password);
    }

    /** JWT: {@code POST /token/login} with Basic once, then Bearer; refreshed at 14 min (tokens live 15 min). */
    static FreqtradeAuth jwt(String username, String password) {
        return new Jwt(username, password);
    }

    record Basic(String username, String password) implements FreqtradeAuth {
        public Basic {
            check(username, password);
        }

        @Override
        public String toString() {
            return "Basic[username=" + username + ", password=***]";
        }
    }

    record Jwt(String username, String password) implements FreqtradeAuth {
        public Jwt {
            check(username, password);
        }

        @Override
        public String toString() {
            return "Jwt[username=" + username + ", password=***]";
        }
    }

    private static void check(String username, String password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isBlank()) {
            throw new IllegalArgumentException("username must not be blank");
        }
    }
}
