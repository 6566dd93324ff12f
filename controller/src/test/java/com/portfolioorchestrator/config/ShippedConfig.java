package com.portfolioorchestrator.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;

/** The repository's own config and profiles (tests run in controller/, so the root is one level up). */
public final class ShippedConfig {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path FILE = ROOT.resolve("config/orchestrator.toml");

    private ShippedConfig() {}

    static ConfigLoader.Result load(Map<String, String> env) {
        return new ConfigLoader(env, ROOT).load(FILE);
    }

    static OrchestratorConfig loaded(Map<String, String> env) {
        ConfigLoader.Result r = load(env);
        if (r instanceof ConfigLoader.Invalid invalid) {
            throw new AssertionError("shipped config invalid: " + invalid.problems());
        }
        return ((ConfigLoader.Loaded) r).config();
    }

    static String text() {
        try {
            return Files.readString(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an edited copy of the shipped config into dir and loads it (profiles and calendar from the repo). */
    static ConfigLoader.Result loadEdited(Path dir, UnaryOperator<String> edit, Map<String, String> env) {
        try {
            Path file = dir.resolve("orchestrator.toml");
            Files.writeString(file, edit.apply(text()));
            return new ConfigLoader(env, ROOT).load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces exactly one occurrence of a line prefix, failing loudly if the shipped file changed under the test. */
    public static UnaryOperator<String> replaceLine(String startsWith, String newLine) {
        return text -> {
            String[] lines = text.split("\n", -1);
            int hits = 0;
            for (int i = 0; i < lines.length; i++) {
                if (lines[i].startsWith(startsWith)) {
                    lines[i] = newLine;
                    hits++;
                }
            }
            if (hits != 1) {
                throw new AssertionError("expected one line starting with '" + startsWith + "', found " + hits);
            }
            return String.join("\n", lines);
        };
    }
}
