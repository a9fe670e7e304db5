package dev.verdict.eval.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.text.DecimalFormat;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.labels.StandardCategoryItemLabelGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/** Builds the report's JFreeChart charts and renders them to SVG markup for inlining in HTML. */
public final class Charts {

    /** Width of every chart in pixels. */
    public static final int WIDTH = 760;
    /** Height of every chart in pixels. */
    public static final int HEIGHT = 380;

    private static final int MARKER_LIMIT = 60;

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd)
    };

    private Charts() {}

    /**
     * A bar chart of percentages: one group of bars per category, one bar per series.
     *
     * @param xLabel the label of the category axis
     * @param values series name to (category to percent); a null percent is left out
     */
    public static JFreeChart percentBars(String title, String xLabel, Map<String, Map<String, Double>> values) {
        DefaultCategoryDataset ds = new DefaultCategoryDataset();
        values.forEach((series, byCat) -> byCat.forEach((cat, v) -> {
            if (v != null) {
                ds.addValue(v, series, cat);
            }
        }));
        JFreeChart chart = ChartFactory.createBarChart(
                title, xLabel, "percent", ds, PlotOrientation.VERTICAL, values.size() > 1, false, false);
        CategoryPlot plot = chart.getCategoryPlot();
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 100);
        BarRenderer r = (BarRenderer) plot.getRenderer();
        r.setBarPainter(new StandardBarPainter());
        r.setShadowVisible(false);
        r.setDefaultItemLabelsVisible(true);
        r.setDefaultItemLabelGenerator(new StandardCategoryItemLabelGenerator("{2}", new DecimalFormat("0.0")));
        for (int i = 0; i < values.size(); i++) {
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        return style(chart);
    }

    /**
     * A line chart of one or more series against x.
     *
     * @param series series name to its points (x, y)
     */
    public static JFreeChart lines(
            String title, String xLabel, String yLabel, Map<String, List<TrainingCurves.Point>> series) {
        return lines(title, xLabel, yLabel, series, name -> name);
    }

    /**
     * A line chart whose series come in groups (a variant run with several seeds): one colour per group, in the order
     * groups first appear, and within a group solid, dashed, dotted, ... lines in series order.
     *
     * @param series series name to its points (x, y)
     * @param groupOf the group of a series name
     */
    public static JFreeChart lines(
            String title,
            String xLabel,
            String yLabel,
            Map<String, List<TrainingCurves.Point>> series,
            Function<String, String> groupOf) {
        XYSeriesCollection ds = new XYSeriesCollection();
        series.forEach((name, pts) -> {
            XYSeries s = new XYSeries(name, false, true);
            pts.forEach(p -> s.add(p.step(), p.value()));
            ds.addSeries(s);
        });
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, xLabel, yLabel, ds, PlotOrientation.VERTICAL, series.size() > 1, false, false);
        XYPlot plot = chart.getXYPlot();
        int most = series.values().stream().mapToInt(List::size).max().orElse(0);
        // point markers only while they stay readable (and the SVG small) on long training runs
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, most <= MARKER_LIMIT);
        Map<String, Integer> groups = new LinkedHashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        int i = 0;
        for (String name : series.keySet()) {
            String group = groupOf.apply(name);
            int colour = groups.computeIfAbsent(group, g -> groups.size());
            int within = seen.merge(group, 1, Integer::sum) - 1;
            r.setSeriesPaint(i, PALETTE[colour % PALETTE.length]);
            r.setSeriesStroke(i, stroke(within));
            i++;
        }
        plot.setRenderer(r);
        ((NumberAxis) plot.getRangeAxis()).setAutoRangeIncludesZero(false);
        return style(chart);
    }

    /** The k-th line style of a group: solid, then dashes of falling length. */
    private static BasicStroke stroke(int k) {
        if (k == 0) {
            return new BasicStroke(2f);
        }
        float dash = Math.max(1f, 9f - 3f * (k - 1));
        return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {dash, 3f}, 0f);
    }

    /** Percent lines with K on the x axis (integer ticks) and the y axis fixed to 0-100. */
    public static JFreeChart percentLines(String title, String xLabel, Map<String, List<TrainingCurves.Point>> s) {
        JFreeChart chart = lines(title, xLabel, "accuracy (%)", s);
        XYPlot plot = chart.getXYPlot();
        ((NumberAxis) plot.getRangeAxis()).setRange(0, 100);
        ((NumberAxis) plot.getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return chart;
    }

    /**
     * Renders {@code chart} as an {@code <svg>} element of {@link #WIDTH} x {@link #HEIGHT}.
     *
     * @param id the element id, also the prefix of its definitions so that several charts can share one page
     */
    public static String svg(JFreeChart chart, String id) {
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        g.setDefsKeyPrefix(id + "_");
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        return g.getSVGElement(id);
    }

    private static JFreeChart style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        chart.getPlot().setBackgroundPaint(new Color(0xf7f7f7));
        return chart;
    }
}
