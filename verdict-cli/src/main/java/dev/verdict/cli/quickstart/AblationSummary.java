package dev.verdict.cli.quickstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdict.eval.report.Page;
import dev.verdict.eval.report.TrainingCurves;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ablation's result: every run, and per setting and variant the mean and spread over seeds, as
 * {@code ablation.json}, a console table and {@code report.html} with the loss and response-length curves.
 *
 * @param runs every finished run, in the order they ran
 */
record AblationSummary(List<AblationRun> runs) {
    private static final ObjectMapper JSON = AblationJson.mapper();

    /**
     * The runs of one setting and variant over seeds.
     *
     * @param accuracyMean mean greedy accuracy of the runs that left a model
     * @param accuracyStd population standard deviation of those accuracies
     */
    record Row(
            String setting,
            String variant,
            int seeds,
            int collapsed,
            double accuracyMean,
            double accuracyStd,
            double formatValid,
            double meanResponseTokens,
            double maxAbsLoss) {}

    /** One row per setting and variant, in the order they first ran. */
    List<Row> rows() {
        Map<String, List<AblationRun>> groups = new LinkedHashMap<>();
        runs.forEach(r -> groups.computeIfAbsent(r.setting() + "/" + r.variant(), k -> new ArrayList<>())
                .add(r));
        List<Row> out = new ArrayList<>();
        for (List<AblationRun> g : groups.values()) {
            double[] acc = g.stream()
                    .mapToDouble(AblationRun::accuracy)
                    .filter(Double::isFinite)
                    .toArray();
            double mean = mean(acc);
            double var = 0;
            for (double a : acc) {
                var += (a - mean) * (a - mean);
            }
            out.add(new Row(
                    g.get(0).setting(),
                    g.get(0).variant(),
                    g.size(),
                    (int) g.stream().filter(AblationRun::collapsed).count(),
                    mean,
                    acc.length == 0 ? Double.NaN : Math.sqrt(var / acc.length),
                    mean(g.stream()
                            .mapToDouble(AblationRun::formatValid)
                            .filter(Double::isFinite)
                            .toArray()),
                    mean(g.stream()
                            .mapToDouble(AblationRun::meanResponseTokens)
                            .filter(Double::isFinite)
                            .toArray()),
                    g.stream()
                            .mapToDouble(AblationRun::maxAbsLoss)
                            .filter(Double::isFinite)
                            .max()
                            .orElse(Double.NaN)));
        }
        return out;
    }

    private static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return xs.length == 0 ? Double.NaN : s / xs.length;
    }

    void write(Path file) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("rows", rows());
        root.put("runs", runs);
        try {
            JSON.writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The console table: one line per setting and variant. */
    String table() {
        StringBuilder b = new StringBuilder(String.format(
                "%-9s %-17s %5s %9s %9s %7s %8s %11s%n",
                "setting", "variant", "seeds", "collapsed", "accuracy", "+-", "format", "resp tokens"));
        for (Row r : rows()) {
            b.append(String.format(
                    "%-9s %-17s %5d %9s %9.3f %7.3f %8.3f %11.1f%n",
                    r.setting(),
                    r.variant(),
                    r.seeds(),
                    r.collapsed() + "/" + r.seeds(),
                    r.accuracyMean(),
                    r.accuracyStd(),
                    r.formatValid(),
                    r.meanResponseTokens()));
        }
        return b.toString();
    }

    /** report.html: the table, every run, then per setting the policy-loss and response-length curves. */
    Path writeReport(Path file, String note) {
        Page page = new Page("verdict ablation: StableReinforce on the synthetic world").note(note);
        page.heading("Mean over seeds");
        List<List<String>> rows = new ArrayList<>();
        for (Row r : rows()) {
            rows.add(List.of(
                    r.setting(),
                    r.variant(),
                    r.collapsed() + "/" + r.seeds(),
                    String.format("%.3f +- %.3f", r.accuracyMean(), r.accuracyStd()),
                    String.format("%.3f", r.formatValid()),
                    String.format("%.1f", r.meanResponseTokens()),
                    Double.isFinite(r.maxAbsLoss()) ? String.format("%.3g", r.maxAbsLoss()) : "-"));
        }
        page.table(
                List.of("setting", "variant", "collapsed", "accuracy", "format valid", "response tokens", "max |loss|"),
                rows);
        page.heading("Every run");
        List<List<String>> all = new ArrayList<>();
        for (AblationRun r : runs) {
            all.add(List.of(
                    r.setting(),
                    r.variant(),
                    Long.toString(r.seed()),
                    String.format("%.3f", r.accuracy()),
                    r.collapsed() ? "yes: " + r.reason() : "no",
                    String.format("%.0f", r.seconds())));
        }
        page.table(List.of("setting", "variant", "seed", "accuracy", "collapsed", "seconds"), all);
        for (String setting : runs.stream().map(AblationRun::setting).distinct().toList()) {
            curves(page, setting, "loss", "policy loss");
            curves(page, setting, "response_tokens", "mean response length (tokens)");
        }
        return page.write(file);
    }

    private void curves(Page page, String setting, String field, String label) {
        Map<String, List<TrainingCurves.Point>> series = new LinkedHashMap<>();
        Map<String, String> variantOf = new HashMap<>();
        for (AblationRun r : runs) {
            Path metrics = Path.of(r.dir()).resolve("metrics.jsonl");
            if (!r.setting().equals(setting) || !Files.isRegularFile(metrics)) {
                continue;
            }
            TrainingCurves.read(metrics).curves().stream()
                    .filter(c -> c.name().equals(field))
                    .findFirst()
                    .ifPresent(c -> {
                        String name = r.variant() + " (seed " + r.seed() + ")";
                        series.put(name, c.points());
                        variantOf.put(name, r.variant());
                    });
        }
        if (!series.isEmpty()) {
            // one colour per variant, one dash pattern per seed
            page.lines(setting + ": " + label, "RL step", label, series, variantOf::get);
        }
    }
}
