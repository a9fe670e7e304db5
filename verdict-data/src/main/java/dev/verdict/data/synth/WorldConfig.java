package dev.verdict.data.synth;

import dev.verdict.config.With;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The synthetic world's knobs. One object sits in each occupied cell of a {@code grid x grid} grid whose cells
 * are {@code imageSize / grid} pixels: with the defaults (112 px, 4x4) a cell is 28 px, exactly one merged visual
 * token of a Qwen2.5-VL-style vision tower (14 px patches, 2x2 merge).
 *
 * @param imageSize square image side in pixels
 * @param grid cells per side
 * @param colours how many colours of {@link Palette#ALL} to use (2..6)
 * @param shapes how many shapes of {@link ShapeKind} to use (2..4)
 * @param minObjects fewest objects in a scene
 * @param maxObjects most objects in a scene (at most grid x grid)
 * @param maxDelta the largest gap between the right and the wrong number in a pair (1 = hardest: near misses)
 * @param minRadius smallest object radius in pixels
 * @param maxRadius largest object radius in pixels
 * @param jitter the most an object's centre moves from its cell centre, in pixels
 * @param backdrop what lies behind the objects (see {@link Backdrop})
 * @param kinds the judge item kinds drawn (at least one per category; see {@link TaskKind})
 * @param judgments how the rule teacher words its judgments (see {@link Judgments})
 */
public record WorldConfig(
        int imageSize,
        int grid,
        int colours,
        int shapes,
        int minObjects,
        int maxObjects,
        int maxDelta,
        int minRadius,
        int maxRadius,
        int jitter,
        Backdrop backdrop,
        Set<TaskKind> kinds,
        Judgments judgments)
        implements With<WorldConfig> {

    public WorldConfig {
        require(grid >= 2 && grid <= 8, "grid must be in 2..8, got " + grid);
        require(imageSize % grid == 0, "imageSize " + imageSize + " must be a multiple of grid " + grid);
        require(colours >= 2 && colours <= Palette.ALL.size(), "colours must be in 2.." + Palette.ALL.size());
        require(
                shapes >= 2 && shapes <= ShapeKind.values().length,
                "shapes must be in 2.." + ShapeKind.values().length);
        require(minObjects >= 2, "minObjects must be >= 2, got " + minObjects);
        require(maxObjects > minObjects, "maxObjects must be > minObjects");
        require(maxObjects <= grid * grid - 1, "maxObjects must be < grid*grid (" + grid * grid + ")");
        require(maxDelta >= 1, "maxDelta must be >= 1");
        require(minRadius >= 3 && maxRadius >= minRadius, "need 3 <= minRadius <= maxRadius");
        require(maxRadius + jitter <= imageSize / grid / 2, "maxRadius + jitter must fit in half a cell");
        require(jitter >= 0, "jitter must be >= 0");
        require(backdrop != null, "backdrop must be set");
        require(kinds != null, "kinds must be set");
        require(judgments != null, "judgments must be set");
        EnumSet<TaskKind> copy = EnumSet.noneOf(TaskKind.class);
        copy.addAll(kinds);
        kinds = Collections.unmodifiableSet(copy);
        for (String category : Tasks.CATEGORIES) {
            require(
                    !TaskKind.of(kinds, category).isEmpty(),
                    "kinds must include at least one " + category + " kind (have " + kinds + ")");
        }
    }

    /**
     * 112 px, 4x4 grid of 28 px cells, 4 colours, 3 shapes, 3..8 objects, gaps up to 2, radius 9..12, tiled
     * backdrop, every task kind, judgments in prose.
     */
    public static WorldConfig defaults() {
        return new WorldConfig(112, 4, 4, 3, 3, 8, 2, 9, 12, 1, Backdrop.TILED, TaskKind.ALL, Judgments.PROSE);
    }

    /** Side of one cell in pixels. */
    public int cellSize() {
        return imageSize / grid;
    }

    /** Number of cells. */
    public int cells() {
        return grid * grid;
    }

    public List<Palette.Colour> palette() {
        return Palette.ALL.subList(0, colours);
    }

    public List<ShapeKind> shapeKinds() {
        return List.of(ShapeKind.values()).subList(0, shapes);
    }

    /** Number of dense cell classes: 0 = empty, then colour x shape, then one bar class per colour. */
    public int cellClasses() {
        return 1 + colours * shapes + colours;
    }

    /**
     * The dense label of a cell's content: {@code 1 + colour * shapes + shape} for an object, {@code 1 + colours *
     * shapes + colour} for a bar cell of a bar chart.
     */
    public int cellClass(int colour, ShapeKind shape) {
        return shape == ShapeKind.BAR ? 1 + colours * shapes + colour : 1 + colour * shapes + shape.ordinal();
    }

    /** The largest count a "how many X" question asks about. */
    public int maxClassCount() {
        return Math.min(4, maxObjects);
    }

    /** Radius and jitter scaled to the cell size (about 0.32..0.43 of a cell, jitter 1/28). */
    public WorldConfig radiiForCell() {
        return of(imageSize, grid, colours, shapes, minObjects, maxObjects, maxDelta, backdrop, kinds, judgments);
    }

    /**
     * A whole world at once, so no intermediate state is validated (the withers check each step, and e.g. a 2 x 2
     * grid cannot be reached from the defaults' 8 objects one field at a time), with radius and jitter scaled to the
     * cell size (about 0.32..0.43 of a cell, jitter 1/28: the defaults' 9..12 and 1 at 28 px cells).
     */
    public static WorldConfig of(
            int imageSize,
            int grid,
            int colours,
            int shapes,
            int minObjects,
            int maxObjects,
            int maxDelta,
            Backdrop backdrop,
            Set<TaskKind> kinds,
            Judgments judgments) {
        int[] r = radiiForCell(grid > 0 ? imageSize / grid : imageSize); // the constructor rejects grid <= 0
        return new WorldConfig(
                imageSize,
                grid,
                colours,
                shapes,
                minObjects,
                maxObjects,
                maxDelta,
                r[0],
                r[1],
                r[2],
                backdrop,
                kinds,
                judgments);
    }

    /** {min radius, max radius, jitter} for a cell of {@code cell} pixels. */
    private static int[] radiiForCell(int cell) {
        int max = Math.max(3, (int) Math.floor(cell * 0.43));
        int min = Math.max(3, Math.min(max, (int) Math.round(cell * 0.32)));
        int jit = Math.max(0, Math.min(cell / 28, cell / 2 - max));
        return new int[] {min, max, jit};
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
