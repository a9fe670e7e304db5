package dev.verdict.data.synth;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The task kinds of the world. Each builds a {@link Draft} so that the text alone cannot tell the right response
 * from the wrong one: the two answer values are chosen as an unordered pair first, then a coin decides which one
 * is true, and only then is the scene built to make it true. Every text template is chosen independently of
 * which response is right.
 */
final class Tasks {
    static final String PERCEPTION = "perception";
    static final String HALLUCINATION = "hallucination";
    static final String REASONING = "reasoning";
    static final List<String> CATEGORIES = List.of(PERCEPTION, HALLUCINATION, REASONING);

    private final WorldConfig cfg;
    private final BarCharts charts;

    Tasks(WorldConfig cfg) {
        this.cfg = cfg;
        this.charts = new BarCharts(cfg);
    }

    /** A draft of {@code category}, its kind drawn uniformly among the config's kinds of that category. */
    Draft draft(String category, SplittableRandom rnd) {
        List<TaskKind> kinds = TaskKind.of(cfg.kinds(), category);
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("no " + category + " kind in " + cfg.kinds());
        }
        return draft(kinds.get(rnd.nextInt(kinds.size())), rnd);
    }

    /** A draft of one kind. */
    Draft draft(TaskKind kind, SplittableRandom rnd) {
        return switch (kind) {
            case COUNT -> count(rnd);
            case CELL_COLOUR -> cellColour(rnd);
            case CELL_SHAPE -> cellShape(rnd);
            case BAR_HEIGHT -> barHeight(rnd);
            case SHAPE_COLOUR -> shapeColour(rnd);
            case EXISTS -> exists(rnd);
            case DESCRIBE -> describe(rnd);
            case SHAPE_EXISTS -> shapeExists(rnd);
            case SUM -> sum(rnd);
            case MINUS -> minus(rnd);
            case BAR_DIFF -> cfg.grid() >= 3 && charts.bars() >= 2 ? barDiff(rnd) : minus(rnd);
            case SAME_COLOUR -> sameColour(rnd);
        };
    }

    /** Two distinct values in [lo, hi] at most maxDelta apart, as an unordered pair {small, large}. */
    private int[] valuePair(SplittableRandom rnd, int lo, int hi) {
        int small = lo + rnd.nextInt(hi - lo);
        int d = 1 + rnd.nextInt(Math.min(cfg.maxDelta(), hi - small));
        return new int[] {small, small + d};
    }

    /** Splits an unordered pair into {true, false} with a fair coin. */
    private static int[] assign(SplittableRandom rnd, int[] pair) {
        return rnd.nextBoolean() ? new int[] {pair[0], pair[1]} : new int[] {pair[1], pair[0]};
    }

    private String colour(int c) {
        return cfg.palette().get(c).name();
    }

    private ShapeKind shape(SplittableRandom rnd) {
        return cfg.shapeKinds().get(rnd.nextInt(cfg.shapes()));
    }

    Draft count(SplittableRandom rnd) {
        int c = rnd.nextInt(cfg.colours());
        ShapeKind s = shape(rnd);
        int[] tf = assign(rnd, valuePair(rnd, 0, cfg.maxClassCount()));
        Scene scene = new SceneBuilder(cfg, rnd)
                .require(c, s, tf[0])
                .fillerOnly((fc, fs) -> !(fc == c && fs == s))
                .build();
        Map<String, Object> base = Map.of("colour", colour(c), "noun", s.noun(), "plural", s.plural());
        String question = Phrases.pick(rnd, Phrases.COUNT_Q, base);
        String[] responses = new String[2];
        String[] claims = new String[2];
        String[] words = new String[2];
        for (int i = 0; i < 2; i++) {
            int v = tf[i];
            words[i] = v == 0 ? "no" : String.valueOf(v);
            List<String> options = v == 0 ? Phrases.COUNT_NONE : v == 1 ? Phrases.COUNT_ONE : Phrases.COUNT_MANY;
            Map<String, Object> m = with(base, "n", v);
            responses[i] = Phrases.pick(rnd, options, m);
            claims[i] = lowerFirst(strip(Phrases.fill(options.getFirst(), m)));
        }
        return new Draft(
                PERCEPTION,
                TaskKind.COUNT.wireName(),
                scene,
                question,
                responses[0],
                responses[1],
                Phrases.fill(Phrases.COUNT_TOPIC, base),
                claims[0],
                claims[0],
                claims[1],
                new Draft.Lookup(claims[0], words[0], words[1]));
    }

    Draft cellColour(SplittableRandom rnd) {
        int[] tf = assign(rnd, distinct(rnd, cfg.colours()));
        int cell = rnd.nextInt(cfg.cells());
        ShapeKind s = shape(rnd);
        Scene scene = new SceneBuilder(cfg, rnd).place(cell, tf[0], s).build();
        Map<String, Object> pos = Map.of("row", cell / cfg.grid() + 1, "col", cell % cfg.grid() + 1);
        Map<String, Object> t = with(pos, "colour", colour(tf[0]));
        Map<String, Object> f = with(pos, "colour", colour(tf[1]));
        return oneValue(TaskKind.CELL_COLOUR, scene, Phrases.CELL_COLOUR, pos, t, f, "colour", rnd);
    }

    Draft cellShape(SplittableRandom rnd) {
        int[] tf = assign(rnd, distinct(rnd, cfg.shapes()));
        ShapeKind right = cfg.shapeKinds().get(tf[0]);
        ShapeKind wrong = cfg.shapeKinds().get(tf[1]);
        int cell = rnd.nextInt(cfg.cells());
        Scene scene = new SceneBuilder(cfg, rnd)
                .place(cell, rnd.nextInt(cfg.colours()), right)
                .build();
        Map<String, Object> pos = Map.of("row", cell / cfg.grid() + 1, "col", cell % cfg.grid() + 1);
        Map<String, Object> t = with(pos, "noun", right.noun());
        Map<String, Object> f = with(pos, "noun", wrong.noun());
        return oneValue(TaskKind.CELL_SHAPE, scene, Phrases.CELL_SHAPE, pos, t, f, "noun", rnd);
    }

    Draft exists(SplittableRandom rnd) {
        int c = rnd.nextInt(cfg.colours());
        ShapeKind s = shape(rnd);
        boolean present = rnd.nextBoolean();
        SceneBuilder b = new SceneBuilder(cfg, rnd).fillerOnly((fc, fs) -> !(fc == c && fs == s));
        if (present) {
            b.require(c, s, 1 + rnd.nextInt(2));
        }
        Scene scene = b.build();
        Map<String, Object> m = Map.of("colour", colour(c), "noun", s.noun());
        return yesNo(TaskKind.EXISTS, scene, Phrases.EXIST, m, present, rnd);
    }

    /**
     * A draft whose two responses name two values of one thing; {@code t} fills the true one, {@code f} the other,
     * and they differ in the value under {@code key}.
     */
    private static Draft oneValue(
            TaskKind kind,
            Scene scene,
            Phrases.OneValue p,
            Map<String, Object> base,
            Map<String, Object> t,
            Map<String, Object> f,
            String key,
            SplittableRandom rnd) {
        String fact = Phrases.fill(p.fact(), t);
        return new Draft(
                kind.category(),
                kind.wireName(),
                scene,
                Phrases.pick(rnd, p.question(), base),
                Phrases.pick(rnd, p.answer(), t),
                Phrases.pick(rnd, p.answer(), f),
                Phrases.fill(p.topic(), base),
                fact,
                Phrases.fill(p.claim(), t),
                Phrases.fill(p.claim(), f),
                new Draft.Lookup(fact, t.get(key).toString(), f.get(key).toString()));
    }

    /** A yes/no draft; {@code present} says which answer the scene makes true. */
    private static Draft yesNo(
            TaskKind kind, Scene scene, Phrases.YesNo p, Map<String, Object> m, boolean present, SplittableRandom rnd) {
        String question = Phrases.pick(rnd, p.question(), m);
        String yes = Phrases.pick(rnd, p.yes(), m);
        String no = Phrases.pick(rnd, p.no(), m);
        String yesClaim = Phrases.fill(p.yesClaim(), m);
        String noClaim = Phrases.fill(p.noClaim(), m);
        String fact = (present ? yesClaim : noClaim) + " in the image";
        return new Draft(
                kind.category(),
                kind.wireName(),
                scene,
                question,
                present ? yes : no,
                present ? no : yes,
                Phrases.fill(p.topic(), m),
                fact,
                present ? yesClaim : noClaim,
                present ? noClaim : yesClaim,
                new Draft.Lookup(fact, present ? "yes" : "no", present ? "no" : "yes"));
    }

    Draft describe(SplittableRandom rnd) {
        // an unordered pair of kinds that differ in exactly one attribute (a near miss), then which one is real
        int c1 = rnd.nextInt(cfg.colours());
        ShapeKind s1 = shape(rnd);
        int c2 = c1;
        ShapeKind s2 = s1;
        if (rnd.nextBoolean()) {
            c2 = (c1 + 1 + rnd.nextInt(cfg.colours() - 1)) % cfg.colours();
        } else {
            s2 = cfg.shapeKinds().get((s1.ordinal() + 1 + rnd.nextInt(cfg.shapes() - 1)) % cfg.shapes());
        }
        boolean firstIsReal = rnd.nextBoolean();
        int rc = firstIsReal ? c1 : c2;
        int fc = firstIsReal ? c2 : c1;
        ShapeKind rs = firstIsReal ? s1 : s2;
        ShapeKind fs = firstIsReal ? s2 : s1;
        int[] xc = {c1, c2};
        ShapeKind[] xs = {s1, s2};
        Scene scene = new SceneBuilder(cfg, rnd)
                .require(rc, rs, 1)
                .fillerOnly((c, s) -> !(c == xc[0] && s == xs[0]) && !(c == xc[1] && s == xs[1]))
                .build();
        List<String> real = new ArrayList<>();
        List<String> fake = new ArrayList<>();
        for (Scene.Thing t : scene.things()) {
            String item = Phrases.fill(
                    Phrases.ITEM,
                    Map.of("colour", colour(t.colour()), "noun", t.shape().noun()));
            real.add(item);
            fake.add(
                    t.sameKind(rc, rs)
                            ? Phrases.fill(Phrases.ITEM, Map.of("colour", colour(fc), "noun", fs.noun()))
                            : item);
        }
        int n = real.size();
        String question = Phrases.pick(rnd, Phrases.DESCRIBE_Q, Map.of());
        Map<String, Object> rm = Map.of("colour", colour(rc), "noun", rs.noun());
        Map<String, Object> fm = Map.of("colour", colour(fc), "noun", fs.noun());
        String fact = Phrases.fill(
                Phrases.DESCRIBE_FACT,
                Map.of("colour", colour(rc), "noun", rs.noun(), "colour2", colour(fc), "noun2", fs.noun()));
        return new Draft(
                HALLUCINATION,
                TaskKind.DESCRIBE.wireName(),
                scene,
                question,
                Phrases.pick(rnd, Phrases.DESCRIBE_A, Map.of("n", n, "list", Phrases.list(real))),
                Phrases.pick(rnd, Phrases.DESCRIBE_A, Map.of("n", n, "list", Phrases.list(fake))),
                Phrases.DESCRIBE_TOPIC,
                fact,
                Phrases.fill(Phrases.DESCRIBE_CLAIM, rm),
                Phrases.fill(Phrases.DESCRIBE_CLAIM, fm),
                rc != fc
                        ? new Draft.Lookup(fact, colour(rc), colour(fc))
                        : new Draft.Lookup(fact, rs.noun(), fs.noun()));
    }

    Draft sum(SplittableRandom rnd) {
        int[] ab = distinct(rnd, cfg.shapes());
        ShapeKind sa = cfg.shapeKinds().get(ab[0]);
        ShapeKind sb = cfg.shapeKinds().get(ab[1]);
        int max = cfg.maxClassCount();
        int fixed = rnd.nextInt(max + 1);
        int[] tf = assign(rnd, valuePair(rnd, 0, max));
        boolean varyFirst = rnd.nextBoolean();
        int[] a = varyFirst ? tf : new int[] {fixed, fixed};
        int[] b = varyFirst ? new int[] {fixed, fixed} : tf;
        SceneBuilder builder = new SceneBuilder(cfg, rnd).fillerOnly((c, s) -> s != sa && s != sb);
        for (int i = 0; i < a[0]; i++) {
            builder.require(rnd.nextInt(cfg.colours()), sa, 1);
        }
        for (int i = 0; i < b[0]; i++) {
            builder.require(rnd.nextInt(cfg.colours()), sb, 1);
        }
        Scene scene = builder.build();
        Map<String, Object> base = Map.of("plural", sa.plural(), "plural2", sb.plural());
        String question = Phrases.pick(rnd, Phrases.SUM_Q, base);
        String[] responses = new String[2];
        String[] claims = new String[2];
        for (int i = 0; i < 2; i++) {
            Map<String, Object> m =
                    Map.of("a", a[i], "b", b[i], "s", a[i] + b[i], "nouna", sa.noun(a[i]), "nounb", sb.noun(b[i]));
            responses[i] = Phrases.pick(rnd, Phrases.SUM_A, m);
            claims[i] = Phrases.fill(Phrases.SUM_CLAIM, m);
        }
        String fact = Phrases.fill(
                Phrases.SUM_FACT,
                Map.of("a", a[0], "b", b[0], "s", a[0] + b[0], "nouna", sa.noun(a[0]), "nounb", sb.noun(b[0])));
        return new Draft(
                REASONING,
                TaskKind.SUM.wireName(),
                scene,
                question,
                responses[0],
                responses[1],
                Phrases.fill(Phrases.SUM_TOPIC, base),
                fact,
                claims[0],
                claims[1],
                new Draft.Lookup(fact, String.valueOf(a[0] + b[0]), String.valueOf(a[1] + b[1])));
    }

    Draft minus(SplittableRandom rnd) {
        int c = rnd.nextInt(cfg.colours());
        int k = 1 + rnd.nextInt(Math.min(3, cfg.maxObjects() - 2));
        int lo = Math.max(0, cfg.minObjects() - k);
        int hi = cfg.maxObjects() - k;
        int[] tf = assign(rnd, valuePair(rnd, lo, hi));
        SceneBuilder builder = new SceneBuilder(cfg, rnd).fillerOnly((fc, fs) -> fc != c);
        for (int i = 0; i < k; i++) {
            builder.require(c, shape(rnd), 1);
        }
        Scene scene = builder.build(k + tf[0]);
        Map<String, Object> base = Map.of("colour", colour(c));
        String question = Phrases.pick(rnd, Phrases.MINUS_Q, base);
        String[] responses = new String[2];
        String[] claims = new String[2];
        for (int i = 0; i < 2; i++) {
            Map<String, Object> m = Map.of("colour", colour(c), "t", tf[i] + k, "k", k, "m", tf[i]);
            responses[i] = Phrases.pick(rnd, Phrases.MINUS_A, m);
            claims[i] = Phrases.fill(Phrases.MINUS_CLAIM, m);
        }
        String fact = Phrases.fill(Phrases.MINUS_FACT, Map.of("colour", colour(c), "t", tf[0] + k, "k", k, "m", tf[0]));
        return new Draft(
                REASONING,
                TaskKind.MINUS.wireName(),
                scene,
                question,
                responses[0],
                responses[1],
                Phrases.fill(Phrases.MINUS_TOPIC, base),
                fact,
                claims[0],
                claims[1],
                new Draft.Lookup(fact, String.valueOf(tf[0]), String.valueOf(tf[1])));
    }

    Draft barHeight(SplittableRandom rnd) {
        int[][] chart = charts.layout(rnd);
        int asked = rnd.nextInt(chart[0].length);
        int[] tf = assign(rnd, valuePair(rnd, 1, cfg.grid()));
        chart[1][asked] = tf[0];
        Scene scene = charts.chart(chart[0], chart[1], chart[2]);
        Map<String, Object> base = Map.of("colour", charts.name(chart[0][asked]));
        Map<String, Object> t = with(base, "n", tf[0]);
        Map<String, Object> f = with(base, "n", tf[1]);
        return oneValue(TaskKind.BAR_HEIGHT, scene, Phrases.BAR, base, t, f, "n", rnd);
    }

    Draft barDiff(SplittableRandom rnd) {
        int[][] chart = charts.layout(rnd);
        int[] ij = distinct(rnd, chart[0].length);
        int b = 1 + rnd.nextInt(cfg.grid() - 2);
        int[] tf = assign(rnd, valuePair(rnd, b + 1, cfg.grid()));
        chart[1][ij[0]] = tf[0];
        chart[1][ij[1]] = b;
        Scene scene = charts.chart(chart[0], chart[1], chart[2]);
        Map<String, Object> base =
                Map.of("colour", charts.name(chart[0][ij[0]]), "colour2", charts.name(chart[0][ij[1]]));
        String[] responses = new String[2];
        String[] claims = new String[2];
        for (int i = 0; i < 2; i++) {
            Map<String, Object> m = new HashMap<>(base);
            m.putAll(Map.of("a", tf[i], "b", b, "d", tf[i] - b));
            responses[i] = Phrases.pick(rnd, Phrases.BAR_DIFF_A, m);
            claims[i] = Phrases.fill(Phrases.BAR_DIFF_CLAIM, m);
        }
        Map<String, Object> fm = new HashMap<>(base);
        fm.putAll(Map.of("a", tf[0], "b", b, "d", tf[0] - b));
        String fact = Phrases.fill(Phrases.BAR_DIFF_FACT, fm);
        return new Draft(
                REASONING,
                TaskKind.BAR_DIFF.wireName(),
                scene,
                Phrases.pick(rnd, Phrases.BAR_DIFF_Q, base),
                responses[0],
                responses[1],
                Phrases.fill(Phrases.BAR_DIFF_TOPIC, base),
                fact,
                claims[0],
                claims[1],
                new Draft.Lookup(fact, String.valueOf(tf[0] - b), String.valueOf(tf[1] - b)));
    }

    Draft shapeColour(SplittableRandom rnd) {
        int[] tf = assign(rnd, distinct(rnd, cfg.colours()));
        ShapeKind s = shape(rnd);
        Scene scene = new SceneBuilder(cfg, rnd)
                .require(tf[0], s, 1)
                .fillerOnly((fc, fs) -> fs != s)
                .build();
        Map<String, Object> base = Map.of("noun", s.noun());
        Map<String, Object> t = with(base, "colour", colour(tf[0]));
        Map<String, Object> f = with(base, "colour", colour(tf[1]));
        return oneValue(TaskKind.SHAPE_COLOUR, scene, Phrases.SHAPE_COLOUR, base, t, f, "colour", rnd);
    }

    Draft shapeExists(SplittableRandom rnd) {
        ShapeKind s = shape(rnd);
        boolean present = rnd.nextBoolean();
        SceneBuilder b = new SceneBuilder(cfg, rnd).fillerOnly((fc, fs) -> fs != s);
        if (present) {
            b.require(rnd.nextInt(cfg.colours()), s, 1 + rnd.nextInt(2));
        }
        Scene scene = b.build();
        return yesNo(TaskKind.SHAPE_EXISTS, scene, Phrases.SHAPE_EXIST, Map.of("noun", s.noun()), present, rnd);
    }

    /**
     * Whether the only object of one shape has the colour of the only object of another. The wrong "no" names a
     * colour pair that differs in one of the two; the wrong "yes" names one of the two true colours for both.
     */
    Draft sameColour(SplittableRandom rnd) {
        int[] ab = distinct(rnd, cfg.shapes());
        ShapeKind sa = cfg.shapeKinds().get(ab[0]);
        ShapeKind sb = cfg.shapeKinds().get(ab[1]);
        boolean same = rnd.nextBoolean();
        int[] pair = distinct(rnd, cfg.colours());
        int ca = pair[0];
        int cb = same ? ca : pair[1];
        Scene scene = new SceneBuilder(cfg, rnd)
                .require(ca, sa, 1)
                .require(cb, sb, 1)
                .fillerOnly((fc, fs) -> fs != sa && fs != sb)
                .build();
        Map<String, Object> nouns = Map.of("noun", sa.noun(), "noun2", sb.noun());
        int[] claimedNo =
                same ? (rnd.nextBoolean() ? new int[] {ca, pair[1]} : new int[] {pair[1], ca}) : new int[] {ca, cb};
        int claimedYes = same ? ca : (rnd.nextBoolean() ? ca : cb);
        Map<String, Object> yesM = with(nouns, "colour", colour(claimedYes));
        Map<String, Object> noM = with(with(nouns, "colour", colour(claimedNo[0])), "colour2", colour(claimedNo[1]));
        String yes = Phrases.pick(rnd, Phrases.SAME_COLOUR_YES, yesM);
        String no = Phrases.pick(rnd, Phrases.SAME_COLOUR_NO, noM);
        String yesClaim = Phrases.fill(Phrases.SAME_COLOUR_YES_CLAIM, yesM);
        String noClaim = Phrases.fill(Phrases.SAME_COLOUR_NO_CLAIM, noM);
        Map<String, Object> fact = with(with(nouns, "colour", colour(ca)), "colour2", colour(cb));
        Map<String, Object> swapped = with(
                with(with(with(nouns, "noun", sb.noun()), "noun2", sa.noun()), "colour", colour(cb)),
                "colour2",
                colour(ca));
        String chain = Phrases.fill(Phrases.SAME_COLOUR_CHAIN, with(fact, "same", same ? "yes" : "no"));
        String swappedChain = Phrases.fill(Phrases.SAME_COLOUR_CHAIN, with(swapped, "same", same ? "yes" : "no"));
        return new Draft(
                REASONING,
                TaskKind.SAME_COLOUR.wireName(),
                scene,
                Phrases.pick(rnd, Phrases.SAME_COLOUR_Q, nouns),
                same ? yes : no,
                same ? no : yes,
                Phrases.fill(Phrases.SAME_COLOUR_TOPIC, nouns),
                Phrases.fill(Phrases.SAME_COLOUR_FACT, fact),
                same ? yesClaim : noClaim,
                same ? noClaim : yesClaim,
                new Draft.Lookup(chain, same ? "yes" : "no", same ? "no" : "yes", swappedChain),
                Phrases.fill(Phrases.SAME_COLOUR_FACT, swapped));
    }

    /** Two distinct indices in [0, n), unordered pair. */
    private static int[] distinct(SplittableRandom rnd, int n) {
        int a = rnd.nextInt(n);
        int b = (a + 1 + rnd.nextInt(n - 1)) % n;
        return new int[] {a, b};
    }

    private static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new HashMap<>(base);
        m.put(key, value);
        return m;
    }

    private static String strip(String sentence) {
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }

    private static String lowerFirst(String s) {
        return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }
}
