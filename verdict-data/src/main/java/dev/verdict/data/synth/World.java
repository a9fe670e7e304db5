package dev.verdict.data.synth;

import dev.verdict.judge.ItemSeeds;
import dev.verdict.judge.Preference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The synthetic multimodal world: judge items (question, two responses, teacher judgment) and pretraining items
 * (caption, short answers, per-cell labels), all deterministic given the config and the seed. Each item draws
 * from its own random stream, seeded by (seed, split, index), so generation can run in parallel and a subset can
 * be regenerated alone.
 *
 * <p>In every split of n items the preferred position is exactly balanced (n/2 each, the odd one out decided by
 * the seed) and the three categories take n/3 items each (remainder spread by the seed).
 */
public final class World {
    private final WorldConfig cfg;
    private final long seed;
    private final Tasks tasks;

    public World(WorldConfig cfg, long seed) {
        this.cfg = cfg;
        this.seed = seed;
        this.tasks = new Tasks(cfg);
    }

    public WorldConfig config() {
        return cfg;
    }

    public long seed() {
        return seed;
    }

    /** {@code n} judge items of split {@code split} ({@code train}, {@code test}, ...). */
    public List<WorldItem> judgeItems(String split, int n) {
        SplittableRandom plan = new SplittableRandom(ItemSeeds.of(seed, split, "plan", 0));
        List<Integer> labels = new ArrayList<>(n);
        List<Integer> categories = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            labels.add(i % 2 + 1);
            categories.add(i % Tasks.CATEGORIES.size());
        }
        shuffle(labels, plan);
        shuffle(categories, plan);
        return IntStream.range(0, n)
                .parallel()
                .mapToObj(i -> judgeItem(split, i, labels.get(i), Tasks.CATEGORIES.get(categories.get(i))))
                .toList();
    }

    private WorldItem judgeItem(String split, int index, int rightPosition, String category) {
        String id = "%s-%06d".formatted(split, index);
        SplittableRandom rnd = new SplittableRandom(ItemSeeds.of(seed, id, "item", 0));
        Draft d = tasks.draft(category, rnd);
        String judgment = Teacher.judge(d, rightPosition, cfg.judgments(), rnd);
        boolean rightFirst = rightPosition == 1;
        return new WorldItem(
                id,
                d.category(),
                d.kind(),
                d.scene(),
                d.question(),
                rightFirst ? d.right() : d.wrong(),
                rightFirst ? d.wrong() : d.right(),
                Preference.of(rightPosition),
                judgment,
                Teacher.statedFact(d, cfg.judgments()),
                Teacher.statedFactOtherOrder(d, cfg.judgments()),
                d.lookup().right());
    }

    /** {@code n} pretraining items (independent random scenes). */
    public List<PretrainItem> pretrainItems(int n) {
        return IntStream.range(0, n).parallel().mapToObj(this::pretrainItem).toList();
    }

    private PretrainItem pretrainItem(int index) {
        String id = "pretrain-%06d".formatted(index);
        SplittableRandom rnd = new SplittableRandom(ItemSeeds.of(seed, id, "item", 0));
        if (usesCharts() && rnd.nextInt(8) == 0) {
            return chartItem(id, rnd);
        }
        // half the scenes leave one shape out, so that "is there a triangle?" is "no" as often as "yes" (in a
        // free scene of 3..8 objects nearly every shape is present)
        ShapeKind missing = uses(TaskKind.SHAPE_EXISTS) && rnd.nextBoolean()
                ? cfg.shapeKinds().get(rnd.nextInt(cfg.shapes()))
                : null;
        Scene scene =
                new SceneBuilder(cfg, rnd).fillerOnly((c, s) -> s != missing).build();
        List<PretrainItem.QA> qa = new ArrayList<>();
        if (uses(TaskKind.MINUS, TaskKind.DESCRIBE)) {
            qa.add(new PretrainItem.QA(
                    Phrases.TOTAL_Q, String.valueOf(scene.things().size())));
        }
        if (uses(TaskKind.COUNT, TaskKind.SUM)) {
            SceneBuilder.Kind asked = randomKind(rnd, scene, rnd.nextBoolean());
            Map<String, Object> km = Map.of(
                    "colour",
                    colour(asked.colour()),
                    "noun",
                    asked.shape().noun(),
                    "plural",
                    asked.shape().plural());
            qa.add(new PretrainItem.QA(
                    Phrases.fill(Phrases.COUNT_Q.getFirst(), km),
                    String.valueOf(scene.count(asked.colour(), asked.shape()))));
        }
        if (uses(TaskKind.CELL_COLOUR, TaskKind.CELL_SHAPE)) {
            qa.addAll(cellQuestions(scene, rnd));
        }
        if (uses(TaskKind.EXISTS, TaskKind.DESCRIBE)) {
            SceneBuilder.Kind e = randomKind(rnd, scene, rnd.nextBoolean());
            Map<String, Object> em =
                    Map.of("colour", colour(e.colour()), "noun", e.shape().noun());
            qa.add(new PretrainItem.QA(
                    Phrases.fill(Phrases.EXIST_Q.getFirst(), em),
                    scene.count(e.colour(), e.shape()) > 0 ? "yes" : "no"));
        }
        if (uses(TaskKind.SHAPE_COLOUR, TaskKind.SAME_COLOUR)) {
            qa.addAll(shapeColourQuestions(scene));
        }
        if (uses(TaskKind.SHAPE_EXISTS)) {
            ShapeKind s = missing != null ? missing : presentShape(rnd, scene);
            qa.add(new PretrainItem.QA(
                    Phrases.fill(Phrases.SHAPE_EXIST_Q.getFirst(), Map.of("noun", s.noun())),
                    scene.count(t -> t.shape() == s) > 0 ? "yes" : "no"));
        }
        return new PretrainItem(id, scene, caption(scene), qa, scene.cellLabels(cfg));
    }

    /** The colour and the shape of one occupied cell, asked by its row and column. */
    private List<PretrainItem.QA> cellQuestions(Scene scene, SplittableRandom rnd) {
        List<Integer> occupied = IntStream.range(0, cfg.cells())
                .filter(i -> scene.cells().get(i) != null)
                .boxed()
                .toList();
        int cell = occupied.get(rnd.nextInt(occupied.size()));
        Scene.Thing t = scene.cells().get(cell);
        Map<String, Object> pos = Map.of("row", cell / cfg.grid() + 1, "col", cell % cfg.grid() + 1);
        return List.of(
                new PretrainItem.QA(Phrases.fill(Phrases.CELL_COLOUR_Q.getFirst(), pos), colour(t.colour())),
                new PretrainItem.QA(
                        Phrases.fill(Phrases.CELL_SHAPE_Q.getFirst(), pos),
                        t.shape().noun()));
    }

    /** "What colour is the triangle?" for every shape the scene holds exactly one of. */
    private List<PretrainItem.QA> shapeColourQuestions(Scene scene) {
        List<PretrainItem.QA> out = new ArrayList<>();
        for (ShapeKind s : cfg.shapeKinds()) {
            if (scene.count(t -> t.shape() == s) == 1) {
                Scene.Thing only = scene.things().stream()
                        .filter(t -> t.shape() == s)
                        .findFirst()
                        .orElseThrow();
                out.add(new PretrainItem.QA(
                        Phrases.fill(Phrases.SHAPE_COLOUR_Q.getFirst(), Map.of("noun", s.noun())),
                        colour(only.colour())));
            }
        }
        return out;
    }

    private boolean uses(TaskKind... kinds) {
        for (TaskKind k : kinds) {
            if (cfg.kinds().contains(k)) {
                return true;
            }
        }
        return false;
    }

    private boolean usesCharts() {
        return uses(TaskKind.BAR_HEIGHT, TaskKind.BAR_DIFF);
    }

    /** A bar-chart pretraining item: caption, bar count, one bar's height. */
    private PretrainItem chartItem(String id, SplittableRandom rnd) {
        BarCharts charts = new BarCharts(cfg);
        int[][] chart = charts.layout(rnd);
        Scene scene = charts.chart(chart[0], chart[1], chart[2]);
        int asked = rnd.nextInt(chart[0].length);
        List<PretrainItem.QA> qa = List.of(
                new PretrainItem.QA(Phrases.BAR_COUNT_Q, String.valueOf(chart[0].length)),
                new PretrainItem.QA(
                        Phrases.fill(Phrases.BAR_Q.getFirst(), Map.of("colour", charts.name(chart[0][asked]))),
                        String.valueOf(chart[1][asked])));
        return new PretrainItem(id, scene, charts.caption(chart[0], chart[1]), qa, scene.cellLabels(cfg));
    }

    /** The full description of a scene, objects in reading order. */
    public String caption(Scene scene) {
        List<String> items = scene.things().stream()
                .map(t -> Phrases.fill(
                        Phrases.ITEM,
                        Map.of("colour", colour(t.colour()), "noun", t.shape().noun())))
                .toList();
        return Phrases.fill(Phrases.DESCRIBE_A.getFirst(), Map.of("n", items.size(), "list", Phrases.list(items)));
    }

    /** A kind present in the scene when {@code present} (and one exists), else one absent (when one exists). */
    private SceneBuilder.Kind randomKind(SplittableRandom rnd, Scene scene, boolean present) {
        List<SceneBuilder.Kind> in = new ArrayList<>();
        List<SceneBuilder.Kind> out = new ArrayList<>();
        for (int c = 0; c < cfg.colours(); c++) {
            for (ShapeKind s : cfg.shapeKinds()) {
                (scene.count(c, s) > 0 ? in : out).add(new SceneBuilder.Kind(c, s));
            }
        }
        List<SceneBuilder.Kind> from = (present && !in.isEmpty()) || out.isEmpty() ? in : out;
        return from.get(rnd.nextInt(from.size()));
    }

    /** A shape the scene holds. */
    private ShapeKind presentShape(SplittableRandom rnd, Scene scene) {
        List<ShapeKind> in = cfg.shapeKinds().stream()
                .filter(s -> scene.count(t -> t.shape() == s) > 0)
                .toList();
        return in.get(rnd.nextInt(in.size()));
    }

    private String colour(int c) {
        return cfg.palette().get(c).name();
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rnd) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, rnd.nextInt(i + 1));
        }
    }
}
