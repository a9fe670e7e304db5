package dev.verdict.cli;

import dev.verdict.cli.bench.BenchCommand;
import dev.verdict.cli.launch.LaunchCommand;
import dev.verdict.cli.quickstart.QuickstartCommand;
import dev.verdict.cli.tree.CommandTree;
import dev.verdict.lifecycle.StopRequest;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code verdict} command line. Each job is a subcommand. */
@Command(
        name = "verdict",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Train, evaluate and serve generative multimodal reward models.",
        subcommands = {
            CommandLine.HelpCommand.class,
            QuickstartCommand.class,
            SynthCommand.class,
            DataCommand.class,
            ModelCommand.class,
            GenerateCommand.class,
            JudgeCommand.class,
            EvalCommand.class,
            ReportCommand.class,
            TrainCommand.class,
            DistillCommand.class,
            CurateCommand.class,
            LaunchCommand.class,
            ServeCommand.class,
            BenchCommand.class
        })
public final class VerdictCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static {
        CommandTree.install(VerdictCli::commandLine);
    }

    /** Builds the command tree; tests call this to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new VerdictCli());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        // help texts are written for about 120 columns; a narrower terminal gets its own width
        cli.setUsageHelpWidth(120);
        cli.setUsageHelpAutoWidth(true);
        // `verdict launch --nproc 2 synth --out x`: the worker's options are not launch's
        cli.getSubcommands().get("launch").setStopAtPositional(true);
        return cli;
    }

    public static void main(String[] args) {
        Duration grace;
        try {
            grace = StopRequest.graceFromEnvironment();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
            return;
        }
        StopRequest.installHook(grace, System.err);
        int code;
        try {
            code = commandLine().execute(args);
        } finally {
            // after a signal, the shutdown hook was waiting for this; the exit below then waits for the hook
            StopRequest.workFinished();
        }
        System.exit(code);
    }
}
