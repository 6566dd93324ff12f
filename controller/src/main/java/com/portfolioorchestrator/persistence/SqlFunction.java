package com.portfolioorchestrator.persistence;

import java.sql.Connection;
import java.sql.SQLException;

/** A unit of JDBC work on a connection the caller does not own. */
@FunctionalInterface
interface SqlFunction<T> {
    T apply(Connection connection) throws SQLException;
}
