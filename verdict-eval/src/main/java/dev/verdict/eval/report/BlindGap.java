package dev.verdict.eval.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.jfree.chart.JFreeChart;

/**
 * The comparison with a sibling run ({@code --compare DIR2}): accuracy overall and per category of both runs side by
 * side, and the gap (this run minus the other). With one run blind and the other not, the gap is the blind gap: how
 * much of the accuracy comes from the images.
 */
final class BlindGap {

    private BlindGap() {}

    /** The section markup; {@code chart} turns a chart into inline SVG markup. */
    static String section(JsonNode m, ReportData other, boolean blind, Function<JFreeChart, String> chart) {
        JsonNode o = other.metrics().orElseThrow();
        boolean otherBlind = o.path("config").path("blind").asBoolean(false);
        String thisName = blind != otherBlind ? (blind ? "blind" : "with images") : "this run";
        String otherName = blind != otherBlind ? (otherBlind ? "blind" : "with images") : "other run";
        Map<String, Double> mine = accuracies(m);
        Map<String, Double> theirs = accuracies(o);
        Map<String, Map<String, Double>> series = new LinkedHashMap<>();
        series.put(thisName, mine);
        series.put(otherName, theirs);
        List<List<String>> rows = new ArrayList<>();
        for (String k : mine.keySet()) {
            Double a = mine.get(k);
            Double b = theirs.get(k);
            String gap = a == null || b == null ? "n/a" : String.format(Locale.ROOT, "%+.2f", a - b);
            rows.add(List.of(k, show(a), show(b), gap));
        }
        String heading = blind != otherBlind ? "Blind gap" : "Comparison";
        String note = "<p class=\"note\">"
                + Html.esc("compared with " + other.dir() + "; gap = " + thisName + " - " + otherName) + "</p>\n";
        return Html.section(
                "blind",
                heading,
                note
                        + chart.apply(Charts.percentBars(heading + " (accuracy)", "category", series))
                        + Html.table(List.of("", thisName, otherName, "gap"), rows));
    }

    private static Map<String, Double> accuracies(JsonNode m) {
        Map<String, Double> acc = new LinkedHashMap<>();
        acc.put("overall", HtmlReport.num(m.get("overall")));
        for (Map.Entry<String, JsonNode> e : m.path("categories").properties()) {
            acc.put(e.getKey(), HtmlReport.num(e.getValue().get("acc")));
        }
        return acc;
    }

    private static String show(Double v) {
        return v == null ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }
}
