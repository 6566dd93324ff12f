package com.portfolioorchestrator.cli;

import com.portfolioorchestrator.config.ConfigLoader;
import com.portfolioorchestrator.config.OrchestratorConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code serve --config FILE}: runs the orchestrator until interrupted. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the orchestrator: decision API, state, polling.")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, paramLabel = "FILE", description = "the orchestrator.toml")
    Path configFile;

    @Option(names = "--base-dir", paramLabel = "DIR", description = "directory relative paths in the config resolve against (default: the current directory)")
    Path baseDir = Path.of("");

    @Option(names = "--portfolio", paramLabel = "FILE",
            description = "take the portfolio view from this JSON file instead of polling the bots (offline what-if)")
    Path portfolio;

    @Option(names = "--port", paramLabel = "PORT", description = "listen on this port instead of the configured one (0: any free port)")
    Integer port;

    @Option(names = "--virtual-threads", description = "serve HTTP requests on virtual threads (Java 21+)")
    boolean virtualThreads;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        ConfigLoader.Result result = Cli.loader(baseDir).load(configFile);
        if (result instanceof ConfigLoader.Invalid invalid) {
            invalid.problems().forEach(err::println);
            err.println(invalid.problems().size() + " problem(s) in " + configFile + ": not starting");
            err.flush();
            return 2;
        }
        OrchestratorConfig config = ((ConfigLoader.Loaded) result).config();
        config.safetyLockRefusals().forEach(r -> err.println("SAFETY LOCK: " + r));
        Clock clock = Clock.systemUTC();
        OrchestratorRuntime runtime = OrchestratorRuntime.start(config, clock, port == null ? -1 : port, virtualThreads, portfolio == null);
        if (portfolio != null) {
            try {
                PortfolioFile.apply(portfolio, runtime.decisions(), runtime.readiness(), config.risk(), clock.instant());
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                err.flush();
                runtime.close();
                return 2;
            }
        }
        spec.commandLine().getOut().println("portfolio-orchestrator listening on http://" + config.listenHost() + ":" + runtime.port());
        spec.commandLine().getOut().flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runtime.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
        return 0;
    }
}
