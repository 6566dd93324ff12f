package com.portfolioorchestrator.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code demo}: the whole product on loopback, no exchange account needed. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run seven simulated Freqtrade bots, a simulated IBKR gateway and strategies against the real orchestrator.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--speed", defaultValue = "120", description = "simulated time runs N times faster than the wall clock (default ${DEFAULT-VALUE})")
    double speed;

    @Option(names = "--seed", defaultValue = "42", description = "makes a run reproducible (default ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--duration", defaultValue = "0", description = "stop after this many wall-clock seconds (0: run until Ctrl-C)")
    long durationSeconds;

    @Option(names = "--database", paramLabel = "FILE", description = "keep the orchestrator's state here (default: a temporary file)")
    Path database;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "config/demo.toml", description = "default ${DEFAULT-VALUE}")
    Path config;

    @Option(names = "--status-every", defaultValue = "15", description = "console status interval in wall seconds (default ${DEFAULT-VALUE})")
    long statusEvery;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (!(speed > 0 && speed <= 10_000)) {
            spec.commandLine().getErr().println("--speed must be in (0, 10000], was " + speed);
            return 2;
        }
        DemoRun run = DemoRun.start(new DemoRun.Options(config, Path.of(""), seed, speed, true,
                database != null ? database : DemoRun.temporaryDatabase()));
        out.println("demo: 7 simulated Freqtrade bots on 127.0.0.1:18081-18087, IBKR gateway on :18500, orchestrator on http://127.0.0.1:"
                + run.runtime().port() + " (speed " + speed + "x, seed " + seed + ")");
        out.println("      try: curl -s localhost:" + run.runtime().port() + "/api/v1/state -H 'Authorization: Bearer paper-viewer-token'"
                + " | head -c 600; curl -s localhost:" + run.runtime().port() + "/metrics | grep ^orchestrator_decisions");
        out.flush();
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown, "demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        long deadline = durationSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds) : Long.MAX_VALUE;
        int eventsShown = 0;
        while (System.nanoTime() < deadline && !stop.await(Math.min(statusEvery, Math.max(1, (deadline - System.nanoTime()) / 1_000_000_000L)), TimeUnit.SECONDS)) {
            var events = run.events();
            for (; eventsShown < events.size(); eventsShown++) {
                out.println("  event: " + events.get(eventsShown));
            }
            out.println(run.statusLine());
            out.flush();
        }
        if (stop.getCount() == 0) {
            out.println(run.statusLine()); // stopped between two status lines (Ctrl-C): show where it ended
            out.flush();
        }
        run.close();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the JVM is already on its way out
        }
        return 0;
    }
}
