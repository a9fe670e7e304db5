package dev.verdict.cli.tree;

import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * The whole {@code verdict} command tree, for commands that run other commands in this process (the quickstart's
 * stages, a benchmark that starts {@code launch} or {@code model init}). The root command installs it when it
 * builds the tree, so subcommand packages need not depend on the root (which depends on them).
 */
public final class CommandTree {
    private static volatile Supplier<CommandLine> root;

    private CommandTree() {}

    /** Called by the root command: how to build a fresh command tree. */
    public static void install(Supplier<CommandLine> factory) {
        root = factory;
    }

    /** A fresh command tree, ready to {@code execute} a command line. */
    public static CommandLine fresh() {
        Supplier<CommandLine> r = root;
        if (r == null) {
            throw new IllegalStateException("the verdict command tree is not built yet (VerdictCli.commandLine())");
        }
        return r.get();
    }
}
