package dev.verdict.data.synth;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The kinds of judge item the world can write, each in one category. The subset a world uses is a knob
 * ({@code verdict synth --kinds}): the look-up kinds ({@link #SHAPE_COLOUR}, {@link #SHAPE_EXISTS}, {@link
 * #SAME_COLOUR}) find an object by what it is, one attention step from the question to an image token, while the
 * others need a position (row and column), a count or a conjunction of colour and shape.
 */
public enum TaskKind {
    COUNT(Tasks.PERCEPTION),
    CELL_COLOUR(Tasks.PERCEPTION),
    CELL_SHAPE(Tasks.PERCEPTION),
    BAR_HEIGHT(Tasks.PERCEPTION),
    SHAPE_COLOUR(Tasks.PERCEPTION),
    EXISTS(Tasks.HALLUCINATION),
    DESCRIBE(Tasks.HALLUCINATION),
    SHAPE_EXISTS(Tasks.HALLUCINATION),
    SUM(Tasks.REASONING),
    MINUS(Tasks.REASONING),
    BAR_DIFF(Tasks.REASONING),
    SAME_COLOUR(Tasks.REASONING);

    /** Every kind. */
    public static final Set<TaskKind> ALL = EnumSet.allOf(TaskKind.class);

    /** The look-up kinds, one per category. */
    public static final Set<TaskKind> LOOKUP = EnumSet.of(SHAPE_COLOUR, SHAPE_EXISTS, SAME_COLOUR);

    private final String category;

    TaskKind(String category) {
        this.category = category;
    }

    /** perception, hallucination or reasoning. */
    public String category() {
        return category;
    }

    /** The name written as an item's subset and accepted by {@link #parseList}: {@code shape_colour}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The kinds of {@code category} in {@code kinds}, in declaration order. */
    static List<TaskKind> of(Set<TaskKind> kinds, String category) {
        List<TaskKind> out = new ArrayList<>();
        for (TaskKind k : values()) {
            if (kinds.contains(k) && k.category.equals(category)) {
                out.add(k);
            }
        }
        return out;
    }

    /**
     * A comma-separated list of kind names, or {@code all} or {@code lookup}.
     *
     * @throws IllegalArgumentException naming an unknown kind and the known ones
     */
    public static Set<TaskKind> parseList(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("all")) {
            return ALL;
        }
        if (t.equals("lookup")) {
            return LOOKUP;
        }
        Set<TaskKind> out = EnumSet.noneOf(TaskKind.class);
        for (String part : t.split(",")) {
            String name = part.strip();
            TaskKind found = null;
            for (TaskKind k : values()) {
                if (k.wireName().equals(name)) {
                    found = k;
                }
            }
            if (found == null) {
                throw new IllegalArgumentException("unknown task kind \"" + name + "\" (known: all, lookup, "
                        + String.join(", ", ALL.stream().map(TaskKind::wireName).toList()) + ")");
            }
            out.add(found);
        }
        return out;
    }
}
