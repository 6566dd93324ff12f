package com.portfolioorchestrator;

import com.portfolioorchestrator.cli.Cli;

/** Entry point of the fat jar. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.run(args));
    }
}
