package com.portfolioorchestrator.persistence;

/**
 * The database could not do what was asked: an I/O error, a constraint the caller's value broke (the SQLite message
 * names the column), or a database this build cannot use. Unchecked: callers on the decision path cannot recover
 * from a broken store and must fail closed (deny), which the app layer does by catching this type.
 */
public class PersistenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PersistenceException(String message, Throwable cause) {
        super(message, cause);
    }

    public PersistenceException(String message) {
        super(message);
    }
}
