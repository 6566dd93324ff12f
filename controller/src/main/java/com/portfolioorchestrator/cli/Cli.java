package com.portfolioorchestrator.cli;

import com.portfolioorchestrator.config.ConfigLoader;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The command line: {@code orchestrator <command>}. The composition root for every command lives under here. */
@Command(name = "orchestrator", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Portfolio Orchestrator: portfolio-wide risk gates for a fleet of Freqtrade bots.",
        subcommands = {CheckConfigCommand.class, DemoCommand.class, ServeCommand.class, VersionCommand.class})
public final class Cli {
    private Cli() {}

    /** Runs a command line and returns its exit code (no System.exit: tests call this). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        return new CommandLine(new Cli());
    }

    static ConfigLoader loader(Path baseDir) {
        return new ConfigLoader(System.getenv(), baseDir.toAbsolutePath().normalize());
    }

    static String version() {
        String v = Cli.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"portfolio-orchestrator " + version()};
        }
    }
}
