package com.portfolioorchestrator.api;

/** Who is calling: a bot (speaks only for itself), an operator (may act) or a viewer (reads only). */
public sealed interface Principal permits Principal.Bot, Principal.Operator, Principal.Viewer {
    /** The key rate limits are counted by. */
    String id();

    record Bot(String id) implements Principal {}

    record Operator(String name) implements Principal {
        @Override
        public String id() {
            return "operator:" + name;
        }
    }

    record Viewer(String name) implements Principal {
        @Override
        public String id() {
            return "viewer:" + name;
        }
    }
}
