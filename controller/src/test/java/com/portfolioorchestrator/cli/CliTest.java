package com.portfolioorchestrator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cli = Cli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void checkConfig_onTheShippedConfig_exitsZero_andPrintsASummary() {
        Run r = run("check-config", ROOT.resolve("config/orchestrator.toml").toString(), "--base-dir", ROOT.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains(": OK", "bots (7)", "profile balanced: leverage 2.50x, max open trades 10",
                "risk budget 1.40 %", "hft    S1,S2        cap 40 %", "password ***");
        assertThat(r.out()).doesNotContain("paper-s1-password", "paper-s1-token");
    }

    @Test
    void checkConfig_onABrokenFile_exitsNonZero_andListsEveryProblem(@TempDir Path dir) throws Exception {
        String text = Files.readString(ROOT.resolve("config/orchestrator.toml"))
                .replace("guard_cycle_s = 15", "guard_cycle_s = 0")
                .replace("symbol_cooldown_min = 30", "symbol_cooldown_min = 30\nsymbol_cooldown_hours = 1");
        Path file = dir.resolve("bad.toml");
        Files.writeString(file, text);
        Run r = run("check-config", file.toString(), "--base-dir", ROOT.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("schedule.guard_cycle_s: must be in [1, 3600], was 0",
                "guards.symbol_cooldown_hours: unknown key", "2 problem(s) in " + file);
    }

    @Test
    void version_printsTheVersion() {
        Run r = run("version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("portfolio-orchestrator ");
    }

    @Test
    void unknownCommand_isAUsageError() {
        assertThat(run("fly").code()).isEqualTo(2);
    }
}
