package dev.verdict.cli.quickstart;

import dev.verdict.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The quickstart's result: the five evaluations (SFT greedy and blind, RL greedy, voting@5 and blind), the method's
 * targets checked against them, and the wall time of every stage, as {@code summary.json} and as a console table.
 */
record QuickstartSummary(
        EvalResult sft,
        EvalResult sftBlind,
        EvalResult rl,
        EvalResult rlVoting5,
        EvalResult rlBlind,
        List<Stages.Timed> stages,
        Path checkpoint,
        Path report) {
    static QuickstartSummary collect(
            Path evals, Tokenizer tok, List<Stages.Timed> stages, Path checkpoint, Path report) {
        return new QuickstartSummary(
                EvalResult.read(evals.resolve("sft"), tok),
                EvalResult.read(evals.resolve("sft-blind"), tok),
                EvalResult.read(evals.resolve("rl"), tok),
                EvalResult.read(evals.resolve("rl-voting5"), tok),
                EvalResult.read(evals.resolve("rl-blind"), tok),
                stages,
                checkpoint,
                report);
    }

    /** The contents of summary.json. */
    SummaryFile file() {
        return new SummaryFile(
                SummaryFile.Judge.of(sft, sftBlind, null),
                SummaryFile.Judge.of(rl, rlBlind, rlVoting5),
                targets(),
                stages.stream()
                        .map(t -> new SummaryFile.Stage(t.name(), t.seconds()))
                        .toList(),
                stages.stream().mapToDouble(Stages.Timed::seconds).sum(),
                checkpoint.toString(),
                report.toString());
    }

    /**
     * The method's targets on the synthetic world, each true or false: the SFT judge at 0.80 or more and 25 points
     * or more above its blind control, RL at least 5 points above SFT, voting@5 at least greedy.
     */
    Map<String, Boolean> targets() {
        Map<String, Boolean> t = new LinkedHashMap<>();
        t.put("sft_accuracy_at_least_0.80", atLeast(sft.accuracy(), 0.80));
        t.put("sft_blind_gap_at_least_0.25", atLeast(sft.accuracy() - sftBlind.accuracy(), 0.25));
        t.put("rl_at_least_sft_plus_0.05", atLeast(rl.accuracy() - sft.accuracy(), 0.05));
        t.put("voting5_at_least_greedy", atLeast(rlVoting5.accuracy(), rl.accuracy()));
        return t;
    }

    /** {@code value >= threshold}, forgiving the rounding of accuracies read back as percentages. */
    private static boolean atLeast(double value, double threshold) {
        return value >= threshold - 1e-9;
    }

    /**
     * The console table: accuracy per category for each evaluation, format validity, response length and the share
     * of judgments that state the scene's true fact; then the stage times.
     */
    String table() {
        TreeSet<String> cats = new TreeSet<>(sft.categories().keySet());
        cats.addAll(rl.categories().keySet());
        StringBuilder b = new StringBuilder();
        b.append(String.format("%-16s %8s", "judge", "overall"));
        cats.forEach(c -> b.append(String.format(" %14s", c)));
        b.append(String.format(" %8s %12s %7s%n", "format", "resp tokens", "facts"));
        row(b, "SFT", sft, cats);
        row(b, "SFT blind", sftBlind, cats);
        row(b, "RL", rl, cats);
        row(b, "RL voting@5", rlVoting5, cats);
        row(b, "RL blind", rlBlind, cats);
        b.append(String.format("%ntargets%n"));
        targets().forEach((k, v) -> b.append(String.format("%-32s %s%n", k, v ? "met" : "not met")));
        b.append(String.format("%nstage                 seconds%n"));
        stages.forEach(t -> b.append(String.format("%-20s %9.1f%n", t.name(), t.seconds())));
        b.append(String.format(
                "%-20s %9.1f%n",
                "total", stages.stream().mapToDouble(Stages.Timed::seconds).sum()));
        return b.toString();
    }

    private static void row(StringBuilder b, String name, EvalResult e, TreeSet<String> cats) {
        b.append(String.format("%-16s %8.3f", name, e.accuracy()));
        cats.forEach(c -> b.append(String.format(" %14.3f", e.categories().getOrDefault(c, Double.NaN))));
        b.append(String.format(" %8.3f %12.1f %7.3f%n", e.formatValid(), e.meanResponseTokens(), e.factStated()));
    }
}
