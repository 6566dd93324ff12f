package com.portfolioorchestrator.persistence;

/**
 * The database file was written by a newer build (its schema version is higher than any migration this build
 * knows), or an applied migration was edited after the fact. Opening it anyway could corrupt state, so it is refused.
 */
public final class IncompatibleSchemaException extends PersistenceException {
    private static final long serialVersionUID = 1L;

    public IncompatibleSchemaException(String message) {
        super(message);
    }
}
