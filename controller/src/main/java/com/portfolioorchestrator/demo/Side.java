package com.portfolioorchestrator.demo;

/** Trade direction, written as PRODUCT.md section 3 and Freqtrade write it ("long", "short"). */
public enum Side {
    LONG, SHORT;

    public String wire() {
        return this == LONG ? "long" : "short";
    }

    public boolean isShort() {
        return this == SHORT;
    }
}
