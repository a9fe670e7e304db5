package dev.verdict.cli;

import dev.verdict.eval.report.HtmlReport;
import dev.verdict.eval.report.ReportData;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code verdict report DIR}: renders an eval or training run folder as one self-contained HTML page. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = "Render a run folder (metrics.json and items.jsonl of verdict eval, a training run's"
                + " metrics.jsonl) as DIR/report.html: one self-contained page with SVG charts (docs/eval.md).")
public final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "the run folder")
    Path dir;

    @Option(
            names = "--compare",
            paramLabel = "DIR2",
            description = "a sibling eval run (e.g. the --blind run) to show side by side, with the gap")
    Path compare;

    @Override
    public Integer call() {
        System.setProperty("java.awt.headless", "true");
        ReportData data = ReportData.read(dir);
        Optional<ReportData> other = Optional.ofNullable(compare).map(ReportData::read);
        Path out = HtmlReport.write(data, other);
        spec.commandLine().getOut().println("wrote " + out);
        return 0;
    }
}
