package dev.verdict.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.awt.BasicStroke;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.junit.jupiter.api.Test;

class ChartsTest {

    private static Map<String, List<TrainingCurves.Point>> runs(String... names) {
        Map<String, List<TrainingCurves.Point>> series = new LinkedHashMap<>();
        for (String n : names) {
            series.put(n, List.of(new TrainingCurves.Point(1, 0.5), new TrainingCurves.Point(2, 0.4)));
        }
        return series;
    }

    @Test
    void groupedSeriesShareAColourAndDifferInDashes() {
        // seed-major order, as an ablation lists its runs: four variants, so a five-colour cycle would drift
        Map<String, List<TrainingCurves.Point>> series =
                runs("a (seed 0)", "b (seed 0)", "c (seed 0)", "d (seed 0)", "a (seed 1)", "b (seed 1)");
        JFreeChart chart = Charts.lines("t", "x", "y", series, n -> n.substring(0, 1));
        XYItemRenderer r = chart.getXYPlot().getRenderer();

        assertEquals(r.getSeriesPaint(0), r.getSeriesPaint(4), "a's two seeds");
        assertEquals(r.getSeriesPaint(1), r.getSeriesPaint(5), "b's two seeds");
        assertNotEquals(r.getSeriesPaint(0), r.getSeriesPaint(1));
        assertNotEquals(r.getSeriesPaint(0), r.getSeriesPaint(3));
        assertNull(((BasicStroke) r.getSeriesStroke(0)).getDashArray(), "a group's first series is solid");
        assertNotEquals(null, ((BasicStroke) r.getSeriesStroke(4)).getDashArray(), "its second is dashed");
    }

    @Test
    void ungroupedSeriesTakeOneColourEach() {
        JFreeChart chart = Charts.lines("t", "x", "y", runs("a", "b", "c"));
        XYItemRenderer r = chart.getXYPlot().getRenderer();

        assertNotEquals(r.getSeriesPaint(0), r.getSeriesPaint(1));
        assertNotEquals(r.getSeriesPaint(1), r.getSeriesPaint(2));
        assertNull(((BasicStroke) r.getSeriesStroke(2)).getDashArray());
    }
}
