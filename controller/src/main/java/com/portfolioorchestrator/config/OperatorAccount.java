package com.portfolioorchestrator.config;

/** A person who may act ({@code operator}) or only read ({@code viewer}) through the API (PRODUCT.md section 6). */
public record OperatorAccount(String name, Secret token, Role role) {
    public enum Role { OPERATOR, VIEWER }
}
