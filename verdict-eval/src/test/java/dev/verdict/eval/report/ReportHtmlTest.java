package dev.verdict.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report page: one SVG per chart, the headline figures, escaping, and errors naming the file. */
class ReportHtmlTest {

    @TempDir
    Path tmp;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void evalRunHasCategoryVotingAndOrderChartsAndHeadlineFigures() throws IOException {
        Path run = ReportRuns.evalRun(ReportRuns.data(tmp), tmp.resolve("run"), false);
        Path out = HtmlReport.write(ReportData.read(run), Optional.empty());
        assertEquals(run.resolve("report.html"), out);
        String html = Files.readString(out);
        assertEquals(3, count(html, "<svg"), "categories, voting@K/any@K, orders");
        JsonNode m = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
        for (String k : new String[] {"overall", "macro", "acc_plus", "invalid_rate"}) {
            String v = String.format(Locale.ROOT, "%.2f", m.get(k).asDouble());
            assertTrue(html.contains("<td>" + k + "</td><td>" + v + "</td>"), k + " = " + v);
        }
        String pc = String.format(
                Locale.ROOT, "%.2f", m.at("/orders/position_consistency").asDouble());
        assertTrue(html.contains("position consistency: " + pc), pc);
        assertTrue(html.contains("<td>judgments</td><td>60</td>"), "30 pairs x 2 passes");
        assertTrue(html.contains("<td>items.jsonl lines</td><td>60</td>"));
        assertTrue(html.contains(
                "<td>data_sha256</td><td>" + m.at("/provenance/data_sha256").asText()));
        assertTrue(html.contains("<td>votes</td><td>3</td>"), "resolved config");
        assertFalse(html.contains("src=\"http") || html.contains("href=\"http"), "self-contained");
    }

    @Test
    void categoryNamesAreEscapedInTablesAndCharts() throws IOException {
        Path run = ReportRuns.evalRun(ReportRuns.data(tmp), tmp.resolve("run"), false);
        String html = HtmlReport.render(ReportData.read(run), Optional.empty());
        assertFalse(html.contains("<script>"), "a category named <script> must not become markup");
        assertTrue(html.contains("<td>&lt;script&gt;</td>"), "escaped in the category table");
        String categoryChart = html.substring(html.indexOf("<svg"), html.indexOf("</svg>"));
        assertTrue(categoryChart.contains("&lt;script&gt;"), "escaped as an axis label of the category chart");
    }

    @Test
    void trainingCurvesGiveOneChartPerNumericField() throws IOException {
        Path dir = tmp.resolve("train");
        ReportRuns.trainingCurves(dir);
        String html = HtmlReport.render(ReportData.read(dir), Optional.empty());
        assertEquals(2, count(html, "<svg"), "loss and lr; the text field phase is not plotted");
        assertTrue(html.contains("Training curves"));
        assertFalse(html.contains("Headline figures"), "no eval metrics in a training folder");
    }

    @Test
    void evalRunWithTrainingCurvesAndABlindSiblingShowsEverything() throws IOException {
        Path data = ReportRuns.data(tmp);
        Path run = ReportRuns.evalRun(data, tmp.resolve("run"), false);
        Path blind = ReportRuns.evalRun(data, tmp.resolve("blind"), true);
        ReportRuns.trainingCurves(run);
        String html = HtmlReport.render(ReportData.read(run), Optional.of(ReportData.read(blind)));
        assertEquals(3 + 1 + 2, count(html, "<svg"), "eval charts, blind gap, two training curves");
        assertTrue(html.contains("<h2>Blind gap</h2>"));
        JsonNode a = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
        JsonNode b = new ObjectMapper().readTree(blind.resolve("metrics.json").toFile());
        String gap = String.format(
                Locale.ROOT,
                "%+.2f",
                a.get("overall").asDouble() - b.get("overall").asDouble());
        assertTrue(html.contains("<td>overall</td><td>"
                + String.format(Locale.ROOT, "%.2f", a.get("overall").asDouble()) + "</td><td>"
                + String.format(Locale.ROOT, "%.2f", b.get("overall").asDouble()) + "</td><td>" + gap));
    }

    @Test
    void blindRunAloneSaysSo() throws IOException {
        Path blind = ReportRuns.evalRun(ReportRuns.data(tmp), tmp.resolve("blind"), true);
        String html = HtmlReport.render(ReportData.read(blind), Optional.empty());
        assertTrue(html.contains("<h2>Blind gap</h2>"));
        assertTrue(html.contains("withheld the images"));
    }

    @Test
    void missingMetricsIsAnErrorNamingTheFile() throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        ReportException e = assertThrows(ReportException.class, () -> ReportData.read(empty));
        assertTrue(e.getMessage().contains(empty.resolve("metrics.json").toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void corruptMetricsIsAnErrorNamingTheFile() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bad"));
        Files.writeString(dir.resolve("metrics.json"), "{\"overall\": 50, \"categories\": {");
        ReportException e = assertThrows(ReportException.class, () -> ReportData.read(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("metrics.json") + ": not valid JSON"), e.getMessage());
        Files.writeString(dir.resolve("metrics.json"), "[1, 2]");
        e = assertThrows(ReportException.class, () -> ReportData.read(dir));
        assertTrue(e.getMessage().contains("metrics.json: expected a JSON object"), e.getMessage());
    }

    @Test
    void corruptTrainingLineIsAnErrorNamingFileAndLine() throws IOException {
        Path dir = tmp.resolve("train");
        ReportRuns.trainingCurves(dir);
        Path f = dir.resolve("metrics.jsonl");
        Files.writeString(f, Files.readString(f).replaceFirst("\\{\"step\":2,", "{\"step\":\"two\","));
        ReportException e = assertThrows(ReportException.class, () -> ReportData.read(dir));
        assertTrue(e.getMessage().startsWith(f + ":2: no numeric \"step\""), e.getMessage());
    }
}
