package dev.verdict.eval;

import dev.verdict.judge.Order;
import java.util.List;
import java.util.Locale;

/**
 * In which order(s) each pair is shown.
 *
 * <ul>
 *   <li>{@link #FIXED}: as the file gives it (chosen first in the R1-Reward copies): one pass named {@code fixed}.
 *   <li>{@link #RANDOM}: a coin per item seeded from the run seed and the item id (the default): one pass named
 *       {@code random}.
 *   <li>{@link #BOTH}: two passes, {@code forward} (as given) and {@code reverse} (swapped); metrics pool both
 *       (every judgment is a unit, as in MMRB2's positional-consistent protocol) and report each pass and the
 *       position-consistency rate.
 * </ul>
 */
public enum OrderMode {
    FIXED,
    RANDOM,
    BOTH;

    /** The passes this mode runs, by name as written to {@code items.jsonl}. */
    public List<String> passes() {
        return switch (this) {
            case FIXED -> List.of("fixed");
            case RANDOM -> List.of("random");
            case BOTH -> List.of("forward", "reverse");
        };
    }

    /** The judge order for a pass name. */
    public static Order orderOf(String pass) {
        return switch (pass) {
            case "fixed", "forward" -> Order.FIXED;
            case "reverse" -> Order.SWAPPED;
            case "random" -> Order.RANDOM;
            default -> throw new IllegalArgumentException("unknown order pass '" + pass + "'");
        };
    }

    public static OrderMode parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown order '" + name + "' (fixed, random, both)", e);
        }
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
