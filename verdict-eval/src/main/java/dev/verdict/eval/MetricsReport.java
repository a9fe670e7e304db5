package dev.verdict.eval;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.data.read.ReadOptions;
import dev.verdict.eval.metrics.CategoryFigures;
import dev.verdict.eval.metrics.ItemRecord;
import dev.verdict.eval.metrics.MetricOptions;
import dev.verdict.eval.metrics.Metrics;
import dev.verdict.eval.metrics.Summary;
import dev.verdict.judge.Choice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Builds {@code metrics.json} from the records of {@code items.jsonl}: every figure in percent (null where a
 * denominator is zero), then the resolved config and provenance. Keys are documented in {@code docs/eval.md}.
 */
public final class MetricsReport {
    private MetricsReport() {}

    /** The name of the metrics file in the output folder. */
    public static final String METRICS = "metrics.json";

    /** The metrics object for {@code records} under {@code config}. */
    public static ObjectNode build(List<ItemRecord> records, EvalConfig config, Provenance prov) {
        MetricOptions opt = new MetricOptions(config.invalid(), config.tieRule(), config.seed());
        int kmax = Math.max(config.votes(), Metrics.maxVotes(records));
        Summary s = Metrics.summarize(records, kmax, opt);
        ObjectNode o = ItemsFile.JSON.createObjectNode();
        o.put("bench", config.bench().cliName());
        putSummary(o, s);
        o.put("acc", s.overall());
        o.put("mean_of_columns", s.columnMean());
        ObjectNode cats = o.putObject(MetricsHeadline.CATEGORIES);
        s.categories().forEach((name, f) -> putFigures(cats.putObject(name), f));
        ObjectNode cols = o.putObject("columns");
        s.columns().forEach(cols::put);
        putCounts(o, records);
        ObjectNode voting = o.putObject("voting");
        ObjectNode any = o.putObject("any");
        for (int k = 1; k <= kmax; k++) {
            putSummary(voting.putObject(String.valueOf(k)), Metrics.summarize(records, k, opt));
            any.put(String.valueOf(k), Metrics.anyAt(records, k));
        }
        if (config.order() == OrderMode.BOTH) {
            putOrders(o.putObject("orders"), records, kmax, opt);
        }
        putConfig(o.putObject("config"), config);
        ObjectNode p = o.putObject("provenance");
        p.put("verdict_version", prov.version());
        p.put("data_file", config.data().toString());
        p.put("data_sha256", prov.dataSha256());
        p.put("data_records", prov.dataRecords());
        p.put("data_problems", prov.dataProblems());
        p.put("items", prov.items());
        p.put("seed", config.seed());
        p.put("date", prov.date());
        return o;
    }

    /** Writes {@code metrics} to {@code out/metrics.json}. */
    public static Path write(ObjectNode metrics, Path out) throws IOException {
        Path file = out.resolve(METRICS);
        Files.writeString(file, ItemsFile.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(metrics) + "\n");
        return file;
    }

    private static void putSummary(ObjectNode o, Summary s) {
        o.put(MetricsHeadline.OVERALL, s.overall());
        o.put("macro", s.macro());
        o.put("acc_plus", s.accPlus());
        o.put("invalid_rate", s.invalidRate());
    }

    private static void putFigures(ObjectNode o, CategoryFigures f) {
        o.put("judgments", f.judgments());
        o.put("counted", f.counted());
        o.put("correct", f.correct());
        o.put(MetricsHeadline.CATEGORY_ACCURACY, f.accuracy());
        o.put("groups", f.groups());
        o.put("groups_correct", f.groupsCorrect());
        o.put("acc_plus", f.accPlus());
    }

    private static void putCounts(ObjectNode o, List<ItemRecord> records) {
        long samples = records.stream().mapToLong(r -> r.votes().size()).sum();
        long invalidSamples = records.stream()
                .flatMap(r -> r.votes().stream())
                .filter(v -> v == Choice.INVALID)
                .count();
        long formatValid = records.stream()
                .flatMap(r -> r.formatValid().stream())
                .filter(b -> b)
                .count();
        o.put("judgments", records.size());
        o.put("errors", records.stream().filter(ItemRecord::failed).count());
        o.put("samples", samples);
        o.put("sample_invalid_rate", samples == 0 ? null : 100.0 * invalidSamples / samples);
        o.put(MetricsHeadline.FORMAT_VALID, samples == 0 ? null : 100.0 * formatValid / samples);
        o.put(
                "mean_latency_ms",
                records.stream().mapToLong(ItemRecord::latencyMs).average().orElse(0));
    }

    private static void putOrders(ObjectNode o, List<ItemRecord> records, int kmax, MetricOptions opt) {
        Summary fwd = Metrics.summarize(
                records.stream().filter(r -> r.order().equals("forward")).toList(), kmax, opt);
        Summary rev = Metrics.summarize(
                records.stream().filter(r -> r.order().equals("reverse")).toList(), kmax, opt);
        putSummary(o.putObject("forward"), fwd);
        putSummary(o.putObject("reverse"), rev);
        o.put("mean_overall", meanOf(fwd.overall(), rev.overall()));
        o.put("mean_macro", meanOf(fwd.macro(), rev.macro()));
        o.put("position_consistency", Metrics.positionConsistency(records, kmax, opt));
    }

    private static Double meanOf(Double a, Double b) {
        return a == null || b == null ? null : (a + b) / 2;
    }

    private static void putConfig(ObjectNode c, EvalConfig config) {
        c.put("bench", config.bench().cliName());
        c.put("data", config.data().toString());
        c.put(
                "image_root",
                config.imageRoot() == null ? null : config.imageRoot().toString());
        c.put("judge", config.judge());
        c.put("votes", config.votes());
        c.put("temperature", config.temperature());
        c.put("max_tokens", config.maxTokens());
        c.put("order", config.order().cliName());
        c.put("invalid", config.invalid().cliName());
        c.put("categories", config.categories() == ReadOptions.CategoryMapping.OFFICIAL ? "official" : "r1-scripts");
        c.put("tie_rule", config.tieRule().name().toLowerCase(Locale.ROOT));
        c.put("blind", config.blind().on());
        if (config.blind().on()) {
            c.put("blind_image", config.blind().label());
        }
        c.put("seed", config.seed());
        c.put("limit", config.limit());
        c.put("concurrency", config.concurrency());
    }
}
