package dev.verdict.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jfree.chart.JFreeChart;

/**
 * Writes one self-contained {@code report.html} for a run folder: headline table, accuracy per category, voting@K
 * and any@K curves, the order passes, the blind gap (with a sibling run), training curves, config and provenance.
 * The charts are inline SVG; the page loads nothing else.
 */
public final class HtmlReport {

    /** The headline figures of {@code metrics.json}, in table order. */
    static final List<String> HEADLINE = List.of(
            "overall",
            "acc",
            "macro",
            "acc_plus",
            "mean_of_columns",
            "invalid_rate",
            "judgments",
            "errors",
            "samples",
            "sample_invalid_rate",
            "format_valid_rate",
            "mean_latency_ms");

    static final String STYLE = "body{font-family:sans-serif;margin:24px auto;max-width:980px;color:#222}"
            + "table{border-collapse:collapse;margin:8px 0 16px}td,th{border:1px solid #ccc;padding:3px 8px;"
            + "text-align:left}th{background:#eee}figure.chart{margin:8px 0}h2{border-bottom:1px solid #ccc}"
            + ".note{color:#555}";

    private final ReportData data;
    private final Optional<ReportData> compare;
    private int charts;

    private HtmlReport(ReportData data, Optional<ReportData> compare) {
        this.data = data;
        this.compare = compare;
    }

    /** Renders the page for {@code data} (and a sibling run to compare with, if any) as a string. */
    public static String render(ReportData data, Optional<ReportData> compare) {
        return new HtmlReport(data, compare).page();
    }

    /** Writes {@code DIR/report.html} and returns its path. */
    public static Path write(ReportData data, Optional<ReportData> compare) {
        Path out = data.dir().resolve("report.html");
        try {
            Files.writeString(out, render(data, compare), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportException(out + ": cannot write: " + e.getMessage(), e);
        }
        return out;
    }

    private String page() {
        String name = String.valueOf(data.dir().toAbsolutePath().normalize().getFileName());
        StringBuilder b = new StringBuilder();
        data.metrics().ifPresent(m -> b.append(evalSections(m)));
        data.training().ifPresent(t -> b.append(trainingSection(t)));
        return Html.document("verdict report: " + name, STYLE, b.toString());
    }

    private String evalSections(JsonNode m) {
        StringBuilder b = new StringBuilder();
        JsonNode cfg = m.path("config");
        b.append("<p class=\"note\">")
                .append(Html.esc("bench " + m.path("bench").asText("?") + ", judge "
                        + cfg.path("judge").asText("?")
                        + ", K = " + cfg.path("votes").asText("?") + ", order "
                        + cfg.path("order").asText("?")
                        + ", invalid " + cfg.path("invalid").asText("?") + (data.blind() ? ", blind" : "")))
                .append("</p>\n");
        b.append(headlineSection(m));
        b.append(categorySection(m));
        if (m.path("voting").size() > 0 || m.path("any").size() > 0) {
            b.append(votingSection(m));
        }
        if (m.path("orders").isObject()) {
            b.append(ordersSection(m.path("orders")));
        }
        if (compare.isPresent() && compare.get().metrics().isPresent()) {
            b.append(BlindGap.section(m, compare.get(), data.blind(), this::chart));
        } else if (data.blind()) {
            b.append(Html.section(
                    "blind",
                    "Blind gap",
                    "<p class=\"note\">This run withheld the images (config.blind). Give the run with images as"
                            + " <code>--compare DIR2</code> to see the gap.</p>\n"));
        }
        b.append(Html.section("config", "Resolved config", keyValues(cfg)));
        b.append(Html.section("provenance", "Provenance", keyValues(m.path("provenance"))));
        return b.toString();
    }

    private String headlineSection(JsonNode m) {
        List<List<String>> rows = new ArrayList<>();
        for (String k : HEADLINE) {
            if (m.has(k)) {
                rows.add(List.of(k, fmt(m.get(k))));
            }
        }
        data.items().ifPresent(c -> {
            rows.add(List.of("items.jsonl lines", Integer.toString(c.judgments())));
            rows.add(List.of("items.jsonl errors", Integer.toString(c.errors())));
        });
        return Html.section("headline", "Headline figures", Html.table(List.of("figure", "value"), rows));
    }

    private String categorySection(JsonNode m) {
        Map<String, Double> acc = new LinkedHashMap<>();
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : m.path("categories").properties()) {
            JsonNode c = e.getValue();
            acc.put(e.getKey(), num(c.get("acc")));
            rows.add(List.of(
                    e.getKey(),
                    fmt(c.get("judgments")),
                    fmt(c.get("counted")),
                    fmt(c.get("correct")),
                    fmt(c.get("acc")),
                    fmt(c.get("acc_plus"))));
        }
        String chart = chart(Charts.percentBars("Accuracy per category", "category", Map.of("accuracy", acc)));
        return Html.section(
                "categories",
                "Accuracy per category",
                chart + Html.table(List.of("category", "judgments", "counted", "correct", "acc", "acc_plus"), rows));
    }

    private String votingSection(JsonNode m) {
        Map<String, List<TrainingCurves.Point>> series = new LinkedHashMap<>();
        series.put("voting@K overall", kCurve(m.path("voting"), "overall"));
        series.put("voting@K macro", kCurve(m.path("voting"), "macro"));
        series.put("any@K", kCurve(m.path("any"), null));
        series.values().removeIf(List::isEmpty);
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : m.path("voting").properties()) {
            JsonNode v = e.getValue();
            rows.add(List.of(
                    e.getKey(),
                    fmt(v.get("overall")),
                    fmt(v.get("macro")),
                    fmt(v.get("acc_plus")),
                    fmt(v.get("invalid_rate")),
                    fmt(m.path("any").get(e.getKey()))));
        }
        String chart = chart(Charts.percentLines("Voting@K and any@K", "K (samples)", series));
        return Html.section(
                "voting",
                "Voting@K and any@K",
                chart + Html.table(List.of("K", "overall", "macro", "acc_plus", "invalid_rate", "any@K"), rows));
    }

    private String ordersSection(JsonNode o) {
        Map<String, Double> bars = new LinkedHashMap<>();
        bars.put("forward", num(o.path("forward").get("overall")));
        bars.put("reverse", num(o.path("reverse").get("overall")));
        bars.put("mean", num(o.get("mean_overall")));
        bars.put("position consistency", num(o.get("position_consistency")));
        List<List<String>> rows = new ArrayList<>();
        for (String pass : List.of("forward", "reverse")) {
            JsonNode p = o.path(pass);
            rows.add(List.of(
                    pass,
                    fmt(p.get("overall")),
                    fmt(p.get("macro")),
                    fmt(p.get("acc_plus")),
                    fmt(p.get("invalid_rate"))));
        }
        rows.add(List.of("mean", fmt(o.get("mean_overall")), fmt(o.get("mean_macro")), "", ""));
        String chart = chart(
                Charts.percentBars("Order passes (overall accuracy; consistency)", "pass", Map.of("percent", bars)));
        return Html.section(
                "orders",
                "Order passes",
                chart
                        + Html.table(List.of("pass", "overall", "macro", "acc_plus", "invalid_rate"), rows)
                        + "<p>position consistency: " + Html.esc(fmt(o.get("position_consistency"))) + "</p>\n");
    }

    private String trainingSection(TrainingCurves t) {
        StringBuilder b = new StringBuilder("<p class=\"note\">")
                .append(Html.esc(t.file().getFileName() + ": " + t.curves().size() + " numeric fields"))
                .append("</p>\n");
        for (TrainingCurves.Curve c : t.curves()) {
            b.append(chart(Charts.lines(c.name(), "step", c.name(), Map.of(c.name(), c.points()))));
        }
        return Html.section("training", "Training curves", b.toString());
    }

    private static String keyValues(JsonNode obj) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            rows.add(List.of(
                    e.getKey(),
                    e.getValue().isValueNode()
                            ? e.getValue().asText()
                            : e.getValue().toString()));
        }
        return Html.table(List.of("key", "value"), rows);
    }

    private String chart(JFreeChart c) {
        return Html.figure(Charts.svg(c, "chart" + (++charts)));
    }

    private static List<TrainingCurves.Point> kCurve(JsonNode byK, String field) {
        List<TrainingCurves.Point> pts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : byK.properties()) {
            Double v = num(field == null ? e.getValue() : e.getValue().get(field));
            if (v != null) {
                pts.add(new TrainingCurves.Point(Double.parseDouble(e.getKey()), v));
            }
        }
        return pts;
    }

    /** A number node as a double; null for absent, null or non-numeric. */
    static Double num(JsonNode n) {
        return n != null && n.isNumber() ? n.asDouble() : null;
    }

    /** A figure as text: integers as is, other numbers to two decimals, null as "n/a". */
    static String fmt(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return "n/a";
        }
        if (n.isIntegralNumber()) {
            return n.asText();
        }
        if (n.isNumber()) {
            return String.format(Locale.ROOT, "%.2f", n.asDouble());
        }
        return n.asText();
    }
}
