package com.portfolioorchestrator.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6: the real Freqtrade strategy mixin (adapters/src/main/python) against the real orchestrator jar. The jar
 * serves config/orchestrator.toml with a 100,000 USD portfolio file; the Python script drives the mixin's callbacks
 * through allow (and confirm, and fill), scale (the funding hook), deny (fat finger), a timeout and a refused
 * connection; then the jar is stopped and every ask must be a deny. Runs after package (failsafe).
 */
class MixinEndToEndIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path SCRIPT = ROOT.resolve("adapters/src/test/python/e2e/mixin_e2e.py");

    @Test
    void mixin_allowsScalesDeniesAndFailsClosed_againstTheRealJar(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("orchestrator.toml");
        Files.writeString(config, Files.readString(ROOT.resolve("config/orchestrator.toml"))
                .replace("database = \"data/orchestrator.db\"", "database = \"" + dir.resolve("o.db") + "\""));
        for (String p : List.of("conservative", "balanced", "aggressive")) {
            Files.createDirectories(dir.resolve("profiles"));
            Files.copy(ROOT.resolve("profiles/" + p + ".toml"), dir.resolve("profiles/" + p + ".toml"));
        }
        Files.createDirectories(dir.resolve("config"));
        Files.copy(ROOT.resolve("config/events.json"), dir.resolve("config/events.json"));
        Path portfolio = dir.resolve("portfolio.json");
        Files.writeString(portfolio, "{\"equity\": 100000, \"day_pnl\": 0}");

        String url;
        try (JarProcess jar = JarProcess.start(dir, "mixin", config, portfolio)) {
            url = jar.baseUrl();
            Run live = python(dir, url);
            assertThat(live.exit()).as(live.output()).isZero();
            assertThat(live.output()).contains("mixin e2e: 5 passed, 0 failed");
        }
        Run down = python(dir, url, "--down");
        assertThat(down.exit()).as(down.output()).isZero();
        assertThat(down.output()).contains("mixin e2e (down): 1 passed, 0 failed");
    }

    private record Run(int exit, String output) {}

    private static Run python(Path dir, String... args) throws Exception {
        Path out = dir.resolve("python-" + System.nanoTime() + ".out");
        List<String> command = new java.util.ArrayList<>(List.of("python3", SCRIPT.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the mixin script did not finish within 120 s:\n" + Files.readString(out, StandardCharsets.UTF_8));
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }
}
