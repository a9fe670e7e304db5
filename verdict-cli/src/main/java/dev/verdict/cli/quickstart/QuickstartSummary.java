package dev.verdict.cli.quickstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.verdict.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The quickstart's result: the four evaluations (SFT greedy, RL greedy, RL voting@5, RL blind) and the wall time
 * of every stage, as {@code summary.json} and as a console table.
 */
record QuickstartSummary(
        EvalResult sft,
        EvalResult rl,
        EvalResult rlVoting5,
        EvalResult rlBlind,
        List<Stages.Timed> stages,
        Path checkpoint,
        Path report) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static QuickstartSummary collect(
            Path evals, Tokenizer tok, List<Stages.Timed> stages, Path checkpoint, Path report) {
        return new QuickstartSummary(
                EvalResult.read(evals.resolve("sft"), tok),
                EvalResult.read(evals.resolve("rl"), tok),
                EvalResult.read(evals.resolve("rl-voting5"), tok),
                EvalResult.read(evals.resolve("rl-blind"), tok),
                stages,
                checkpoint,
                report);
    }

    /** summary.json: {@code sft.accuracy}, {@code rl.accuracy}, {@code rl.voting5_accuracy}, ... */
    Map<String, Object> json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("sft", sft.json());
        Map<String, Object> r = new LinkedHashMap<>(rl.json());
        r.put("voting5_accuracy", rlVoting5.accuracy());
        r.put("voting5_categories", rlVoting5.categories());
        r.put("blind_accuracy", rlBlind.accuracy());
        r.put("blind_categories", rlBlind.categories());
        r.put("blind_fact_stated", rlBlind.factStated());
        root.put("rl", r);
        root.put("stages", stages.stream().map(QuickstartSummary::stage).toList());
        root.put(
                "total_seconds",
                stages.stream().mapToDouble(Stages.Timed::seconds).sum());
        root.put("checkpoint", checkpoint.toString());
        root.put("report", report.toString());
        return root;
    }

    private static Map<String, Object> stage(Stages.Timed t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("seconds", t.seconds());
        return m;
    }

    void write(Path file) {
        try {
            JSON.writeValue(file.toFile(), json());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
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
        row(b, "RL", rl, cats);
        row(b, "RL voting@5", rlVoting5, cats);
        row(b, "RL blind", rlBlind, cats);
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
