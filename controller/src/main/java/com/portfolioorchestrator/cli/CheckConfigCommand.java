package com.portfolioorchestrator.cli;

import com.portfolioorchestrator.config.ConfigLoader;
import com.portfolioorchestrator.config.ConfigSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code check-config FILE}: validates a configuration and prints a secret-free summary, or every problem. */
@Command(name = "check-config", mixinStandardHelpOptions = true,
        description = "Validate a configuration file and its profiles; print a summary (secrets masked) or every problem.")
final class CheckConfigCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the orchestrator.toml to check")
    Path file;

    @Option(names = "--base-dir", paramLabel = "DIR",
            description = "directory that relative paths in the file resolve against (default: the current directory)")
    Path baseDir = Path.of("");

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ConfigLoader.Result result = Cli.loader(baseDir).load(file);
        if (result instanceof ConfigLoader.Loaded loaded) {
            out.print(ConfigSummary.of(loaded.config()));
            out.flush();
            return 0;
        }
        ConfigLoader.Invalid invalid = (ConfigLoader.Invalid) result;
        invalid.problems().forEach(err::println);
        err.println(invalid.problems().size() + " problem(s) in " + file);
        err.flush();
        return 2;
    }
}
