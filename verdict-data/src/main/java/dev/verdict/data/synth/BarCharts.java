package dev.verdict.data.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Simple bar charts on the same grid: each bar fills one grid column from the bottom, its height a whole number of
 * cells, so every cell still holds one thing (a bar cell) and keeps its dense label. Bars have distinct colours.
 */
final class BarCharts {
    private final WorldConfig cfg;

    BarCharts(WorldConfig cfg) {
        this.cfg = cfg;
    }

    /** How many bars a chart has: one per column, at most one per colour. */
    int bars() {
        return Math.min(cfg.grid(), cfg.colours());
    }

    /** A chart with {@code heights[i]} cells for the bar of colour {@code colours[i]} in column {@code columns[i]}. */
    Scene chart(int[] colours, int[] heights, int[] columns) {
        List<Scene.Thing> cells = new ArrayList<>(Collections.nCopies(cfg.cells(), null));
        for (int i = 0; i < colours.length; i++) {
            for (int h = 0; h < heights[i]; h++) {
                int row = cfg.grid() - 1 - h;
                cells.set(row * cfg.grid() + columns[i], new Scene.Thing(colours[i], ShapeKind.BAR, 0, 0, 0));
            }
        }
        return new Scene(cfg.grid(), cells);
    }

    /** Random distinct colours and columns for {@link #bars()} bars, and heights 1..grid. */
    int[][] layout(SplittableRandom rnd) {
        int n = bars();
        int[] colours = pick(rnd, cfg.colours(), n);
        int[] columns = pick(rnd, cfg.grid(), n);
        Arrays.sort(columns);
        int[] heights = new int[n];
        for (int i = 0; i < n; i++) {
            heights[i] = 1 + rnd.nextInt(cfg.grid());
        }
        return new int[][] {colours, heights, columns};
    }

    /** The chart's caption, bars from left to right. */
    String caption(int[] colours, int[] heights) {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < colours.length; i++) {
            items.add(Phrases.fill(Phrases.BAR_ITEM, Map.of("colour", name(colours[i]), "n", heights[i])));
        }
        return Phrases.fill(Phrases.BAR_CAPTION, Map.of("n", colours.length, "list", Phrases.list(items)));
    }

    String name(int colour) {
        return cfg.palette().get(colour).name();
    }

    private static int[] pick(SplittableRandom rnd, int from, int n) {
        List<Integer> all = new ArrayList<>();
        for (int i = 0; i < from; i++) {
            all.add(i);
        }
        for (int i = all.size() - 1; i > 0; i--) {
            Collections.swap(all, i, rnd.nextInt(i + 1));
        }
        return all.subList(0, n).stream().mapToInt(Integer::intValue).toArray();
    }
}
