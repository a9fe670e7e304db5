package dev.verdict.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs a verdict command in-process and captures its exit code, stdout and stderr. */
record CliRun(int code, String out, String err) {
    static CliRun of(String... args) {
        CommandLine cli = VerdictCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }
}
