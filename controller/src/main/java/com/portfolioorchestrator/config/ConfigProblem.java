package com.portfolioorchestrator.config;

import java.nio.file.Path;

/**
 * One thing wrong with a configuration file, printed as {@code file:line:col key: message}. Line and column are
 * 1-based; 0 when the problem has no place in the file (a missing key, a missing file).
 */
public record ConfigProblem(Path file, int line, int column, String key, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + " " + key + ": " + message;
    }
}
