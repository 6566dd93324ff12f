package com.portfolioorchestrator.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writes through {@link StateStore} and {@link DecisionLog} and is killed with SIGKILL in the middle of
 * its writes; what it had acknowledged must be in the file on reopen.
 */
class KillDuringWritesTest {
    private static final int ACKS_BEFORE_KILL = 300;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a guard against a hung child, not a speed assertion
    void kill9_afterWritesReturned_keepsEveryAcknowledgedWrite() throws Exception {
        Path file = dir.resolve("orchestrator.db");
        Path stderr = dir.resolve("child.err");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), CrashingWriterMain.class.getName(), file.toString())
                .redirectError(stderr.toFile())
                .start();
        int acknowledged = 0;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (acknowledged < ACKS_BEFORE_KILL && (line = lines.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acknowledged = Integer.parseInt(line.substring(4));
                }
            }
            // The child keeps writing while we kill it: the kill lands in the middle of a write.
            new ProcessBuilder("kill", "-9", String.valueOf(child.pid())).inheritIO().start().waitFor();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        if (acknowledged < ACKS_BEFORE_KILL) {
            fail("child stopped after " + acknowledged + " acks: " + Files.readString(stderr));
        }
        assertThat(child.exitValue()).as("killed by SIGKILL").isEqualTo(128 + 9);

        try (Database database = Database.open(file); StateStore store = StateStore.open(database)) {
            DecisionLog log = DecisionLog.start(database, DecisionLog.Settings.defaults());
            Map<String, String> state = store.loadState();
            int counter = Integer.parseInt(state.get("counter").replaceAll("\\D", ""));
            assertThat(counter).isGreaterThanOrEqualTo(acknowledged);
            assertThat(state.get("kill_switch")).isEqualTo("{\"active\":" + (counter % 2 == 0) + "}");
            Set<String> reservations = store.loadReservations().stream().map(Reservation::decisionId)
                    .collect(Collectors.toSet());
            for (int i = 1; i <= acknowledged; i++) {
                assertThat(reservations).contains("d-" + i);
                assertThat(log.findById("d-" + i)).as("decision d-%d", i).isPresent();
            }
            log.close();
        }
    }
}
