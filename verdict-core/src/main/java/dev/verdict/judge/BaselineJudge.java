package dev.verdict.judge;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Trivial judges for benchmark sanity checks ({@code spec/benchmarks.md} §5). Each writes a one-line judgment in
 * the R1-Reward format, so it goes through the same parser and voting as a model.
 *
 * <ul>
 *   <li>{@code first}: always Response 1 as presented.
 *   <li>{@code longer}: the response with more Unicode code points; equal lengths give an output with no answer
 *       (INVALID).
 *   <li>{@code random}: a seeded coin per (seed, item id, sample index), so reruns give the same votes.
 * </ul>
 */
public final class BaselineJudge extends SamplingJudge {

    /** The baseline rules. */
    public enum Kind {
        FIRST,
        LONGER,
        RANDOM
    }

    private final Kind kind;

    public BaselineJudge(Kind kind) {
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    /** The baseline named {@code first}, {@code longer} or {@code random} (case-insensitive). */
    public static BaselineJudge named(String name) {
        try {
            return new BaselineJudge(Kind.valueOf(name.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown baseline judge '" + name + "' (first, longer, random)", e);
        }
    }

    @Override
    public String name() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    @Override
    protected List<String> sample(PairExample presented, JudgeOptions options) {
        List<String> out = new ArrayList<>(options.votes());
        for (int i = 0; i < options.votes(); i++) {
            out.add(
                    switch (kind) {
                        case FIRST -> "<think>baseline: always the first response</think><answer>1</answer>";
                        case LONGER -> longer(presented);
                        case RANDOM -> random(presented, options.seed(), i);
                    });
        }
        return out;
    }

    private static String longer(PairExample p) {
        int a = p.response1().codePointCount(0, p.response1().length());
        int b = p.response2().codePointCount(0, p.response2().length());
        String think = "<think>baseline: response 1 has " + a + " code points, response 2 has " + b + "</think>";
        if (a == b) {
            return think;
        }
        return think + "<answer>" + (a > b ? 1 : 2) + "</answer>";
    }

    private static String random(PairExample p, long seed, int index) {
        boolean one = new SplittableRandom(ItemSeeds.of(seed, p.id(), "random-judge", index)).nextBoolean();
        return "<think>baseline: a seeded coin flip</think><answer>" + (one ? 1 : 2) + "</answer>";
    }
}
