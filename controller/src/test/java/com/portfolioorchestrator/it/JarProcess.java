package com.portfolioorchestrator.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real orchestrator jar in its own JVM ({@code java -jar orchestrator.jar serve ... --port 0}), its output in files
 * of the working directory. {@link #killHard()} sends SIGKILL, as {@code kill -9} does.
 */
public final class JarProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("portfolio-orchestrator listening on http://([0-9.]+):(\\d+)");

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final String baseUrl;

    private JarProcess(Process process, Path stdout, Path stderr, String baseUrl) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.baseUrl = baseUrl;
    }

    /** The jar under test: the failsafe property {@code orchestrator.jar}, else target/orchestrator.jar. */
    public static Path jar() {
        Path jar = Path.of(System.getProperty("orchestrator.jar", "target/orchestrator.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no orchestrator jar at " + jar.toAbsolutePath()
                    + ": run the integration tests after package (mvn verify)");
        }
        return jar;
    }

    /**
     * Starts {@code serve --config config --base-dir dir --portfolio portfolio --port 0} and waits (up to 60 s) for its
     * "listening" line. {@code name} tells the output files of several starts apart.
     */
    public static JarProcess start(Path dir, String name, Path config, Path portfolio) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", jar().toAbsolutePath().toString(),
                "serve", "--config", config.toString(), "--base-dir", dir.toString(), "--portfolio", portfolio.toString(),
                "--port", "0"))
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        // the configuration's ${S1_TOKEN:-paper-s1-token} defaults are what the test sends
        pb.environment().keySet().removeIf(k -> k.matches("S\\d+_TOKEN|OP_[A-Z]+_TOKEN"));
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = LISTENING.matcher(read(out));
            if (m.find()) {
                return new JarProcess(p, out, err, "http://" + m.group(1) + ":" + m.group(2));
            }
            if (!p.isAlive()) {
                throw new IllegalStateException("the orchestrator exited with " + p.exitValue() + " before listening:\n"
                        + read(out) + read(err));
            }
            Thread.sleep(50);
        }
        p.destroyForcibly();
        throw new IllegalStateException("the orchestrator did not print its listening line within 60 s:\n" + read(out) + read(err));
    }

    public String baseUrl() {
        return baseUrl;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL (Process.destroyForcibly on Linux) and waits for the exit; returns the exit code (137 for SIGKILL). */
    public int killHard() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the orchestrator (pid " + process.pid() + ") did not die within 30 s of SIGKILL");
        }
        return process.exitValue();
    }

    public String output() {
        return read(stdout) + read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            killHard();
        }
    }
}
