package dev.verdict.data.synth;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * Builds a scene that satisfies a task's constraints: the required objects, plus filler objects drawn from the
 * colour x shape classes the task allows, placed in random distinct cells.
 */
final class SceneBuilder {
    /** A colour and shape, without size or position. */
    record Kind(int colour, ShapeKind shape) {}

    private final WorldConfig cfg;
    private final SplittableRandom rnd;
    private final List<Kind> required = new ArrayList<>();
    private final Map<Integer, Kind> placed = new HashMap<>();
    private BiPredicate<Integer, ShapeKind> fillerAllowed = (c, s) -> true;

    SceneBuilder(WorldConfig cfg, SplittableRandom rnd) {
        this.cfg = cfg;
        this.rnd = rnd;
    }

    SceneBuilder require(int colour, ShapeKind shape, int times) {
        for (int i = 0; i < times; i++) {
            required.add(new Kind(colour, shape));
        }
        return this;
    }

    /** Puts an object of this kind in {@code cell} (row-major index); it counts towards the total. */
    SceneBuilder place(int cell, int colour, ShapeKind shape) {
        placed.put(cell, new Kind(colour, shape));
        return this;
    }

    /** Filler objects must satisfy {@code allowed(colour, shape)}. */
    SceneBuilder fillerOnly(BiPredicate<Integer, ShapeKind> allowed) {
        this.fillerAllowed = allowed;
        return this;
    }

    /** A random kind allowed as filler. */
    Kind randomFiller() {
        List<Kind> allowed = allowedFillers();
        if (allowed.isEmpty()) {
            throw new IllegalStateException("no filler kind allowed");
        }
        return allowed.get(rnd.nextInt(allowed.size()));
    }

    /** Builds with a total object count drawn from the config range (never below the required count). */
    Scene build() {
        int fixed = required.size() + placed.size();
        if (allowedFillers().isEmpty()) {
            return build(fixed);
        }
        int lo = Math.max(cfg.minObjects(), fixed);
        int hi = Math.max(lo, cfg.maxObjects());
        return build(lo + rnd.nextInt(hi - lo + 1));
    }

    /** Builds with exactly {@code total} objects. */
    Scene build(int total) {
        int fixed = required.size() + placed.size();
        if (total < fixed || total > cfg.cells()) {
            throw new IllegalArgumentException(
                    "cannot place " + total + " objects (" + fixed + " required) in " + cfg.cells() + " cells");
        }
        List<Kind> kinds = new ArrayList<>(required);
        List<Kind> allowed = allowedFillers();
        while (kinds.size() + placed.size() < total) {
            if (allowed.isEmpty()) {
                throw new IllegalStateException("no filler kind allowed");
            }
            kinds.add(allowed.get(rnd.nextInt(allowed.size())));
        }
        List<Integer> cellIds = new ArrayList<>();
        for (int i = 0; i < cfg.cells(); i++) {
            if (!placed.containsKey(i)) {
                cellIds.add(i);
            }
        }
        shuffle(cellIds);
        List<Scene.Thing> cells = new ArrayList<>(Collections.nCopies(cfg.cells(), null));
        for (var e : new TreeMap<>(placed).entrySet()) {
            cells.set(e.getKey(), thing(e.getValue()));
        }
        for (int i = 0; i < kinds.size(); i++) {
            cells.set(cellIds.get(i), thing(kinds.get(i)));
        }
        return new Scene(cfg.grid(), cells);
    }

    private Scene.Thing thing(Kind k) {
        int radius = cfg.minRadius() + rnd.nextInt(cfg.maxRadius() - cfg.minRadius() + 1);
        int dx = cfg.jitter() == 0 ? 0 : rnd.nextInt(-cfg.jitter(), cfg.jitter() + 1);
        int dy = cfg.jitter() == 0 ? 0 : rnd.nextInt(-cfg.jitter(), cfg.jitter() + 1);
        return new Scene.Thing(k.colour(), k.shape(), radius, dx, dy);
    }

    private List<Kind> allowedFillers() {
        List<Kind> out = new ArrayList<>();
        for (int c = 0; c < cfg.colours(); c++) {
            for (ShapeKind s : cfg.shapeKinds()) {
                if (fillerAllowed.test(c, s)) {
                    out.add(new Kind(c, s));
                }
            }
        }
        return out;
    }

    private <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, rnd.nextInt(i + 1));
        }
    }
}
