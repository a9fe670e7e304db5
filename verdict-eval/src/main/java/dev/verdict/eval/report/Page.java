package dev.verdict.eval.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A self-contained HTML page of notes, tables and line charts (inline SVG), in the style of {@link HtmlReport}: for
 * reports that are not one evaluation run, such as a benchmark's table of runs and their training curves.
 */
public final class Page {
    private final String title;
    private final StringBuilder body = new StringBuilder();
    private int charts;

    public Page(String title) {
        this.title = title;
    }

    /** A heading for what follows. */
    public Page heading(String text) {
        body.append("<h2>").append(Html.esc(text)).append("</h2>\n");
        return this;
    }

    /** A paragraph of plain text. */
    public Page note(String text) {
        body.append("<p class=\"note\">").append(Html.esc(text)).append("</p>\n");
        return this;
    }

    /** A table with a header row; every cell is escaped. */
    public Page table(List<String> header, List<List<String>> rows) {
        body.append(Html.table(header, rows));
        return this;
    }

    /**
     * A line chart of series in groups: one colour per group, the group's series told apart by dashes.
     *
     * @param series series name to its points (x, y)
     * @param groupOf the group of a series name
     */
    public Page lines(
            String chartTitle,
            String xLabel,
            String yLabel,
            Map<String, List<TrainingCurves.Point>> series,
            Function<String, String> groupOf) {
        String id = "page_chart_" + charts++;
        body.append(Html.figure(Charts.svg(Charts.lines(chartTitle, xLabel, yLabel, series, groupOf), id)));
        return this;
    }

    public String html() {
        return Html.document(title, HtmlReport.STYLE, body.toString());
    }

    /** Writes the page to {@code file}. */
    public Path write(Path file) {
        try {
            Files.writeString(file, html(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportException(file + ": cannot write: " + e.getMessage(), e);
        }
        return file;
    }
}
