package dev.verdict.cli;

import dev.verdict.lifecycle.StoppedException;
import java.util.Optional;
import picocli.CommandLine;

/**
 * Turns an exception escaping a command into one clear line on stderr and exit code 1 (130 for a run stopped
 * by a signal, as a shell reports Ctrl-C). Set VERDICT_DEBUG=1 to get the stack trace as well.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    /** Exit code of a command stopped by a signal. */
    static final int STOPPED = 130;

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
        String msg = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
        Optional<StoppedException> stop = StoppedException.in(ex);
        if (stop.isPresent()) {
            cmd.getErr().println("stopped: " + stop.get().getMessage());
            return STOPPED;
        }
        cmd.getErr().println("error: " + msg);
        if (System.getenv("VERDICT_DEBUG") != null) {
            ex.printStackTrace(cmd.getErr());
        }
        return 1;
    }
}
