package dev.verdict.data.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What an image shows: at most one object per grid cell, cells in row-major order (row 0 at the top).
 *
 * @param grid cells per side
 * @param cells {@code grid * grid} entries, null for an empty cell
 */
public record Scene(int grid, List<Thing> cells) {

    /**
     * One object.
     *
     * @param colour index into the world palette
     * @param shape its shape
     * @param radius half its extent in pixels
     * @param dx horizontal offset of its centre from the cell centre, pixels
     * @param dy vertical offset of its centre from the cell centre, pixels
     */
    public record Thing(int colour, ShapeKind shape, int radius, int dx, int dy) {
        /** Same colour and shape. */
        public boolean sameKind(int c, ShapeKind s) {
            return colour == c && shape == s;
        }
    }

    public Scene {
        if (cells.size() != grid * grid) {
            throw new IllegalArgumentException("scene needs " + grid * grid + " cells, got " + cells.size());
        }
        cells = Collections.unmodifiableList(new ArrayList<>(cells));
    }

    /** The objects in reading order. */
    public List<Thing> things() {
        return cells.stream().filter(Objects::nonNull).toList();
    }

    public int count(Predicate<Thing> p) {
        return (int) things().stream().filter(p).count();
    }

    public int count(int colour, ShapeKind shape) {
        return count(t -> t.sameKind(colour, shape));
    }

    public Thing at(int row, int col) {
        return cells.get(row * grid + col);
    }

    /** Dense per-cell class labels in row-major order: 0 empty, else {@link WorldConfig#cellClass}. */
    public int[] cellLabels(WorldConfig cfg) {
        int[] out = new int[cells.size()];
        for (int i = 0; i < out.length; i++) {
            Thing t = cells.get(i);
            out[i] = t == null ? 0 : cfg.cellClass(t.colour(), t.shape());
        }
        return out;
    }
}
