package com.portfolioorchestrator.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "version", description = "Print the orchestrator's version and the Java runtime.")
final class VersionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().println("portfolio-orchestrator " + Cli.version() + " (Java "
                + Runtime.version() + ", " + System.getProperty("java.vm.name") + ")");
        return 0;
    }
}
