package dev.verdict.eval;

import dev.verdict.data.read.Categories;
import dev.verdict.data.read.Layout;
import dev.verdict.data.read.ReadOptions;
import dev.verdict.judge.PairExample;
import java.util.Locale;

/**
 * The benchmarks {@code verdict eval} knows, each with the layout it reads and the category rule its metrics use
 * ({@code spec/benchmarks.md} §1-3).
 *
 * <ul>
 *   <li>{@link #VL_REWARDBENCH}: the Hugging Face field layout or R1-Reward's chosen/rejected copy (detected);
 *       the category is recomputed from the original id with the official mapping (183 / 749 / 318) or the
 *       R1-Reward scripts' case-sensitive one (484 / 448 / 318), whatever layout the file has.
 *   <li>{@link #MM_RLHF_REWARDBENCH}: chosen/rejected pairs; category = media-path keyword, group = prompt id.
 *   <li>{@link #MULTIMODAL_REWARDBENCH}: Meta's layout; the category is the reported split (safety/bias,
 *       safety/toxicity, reasoning/math, reasoning/coding, the rest as given); the column for the R1-Reward
 *       paper's mean-of-columns overall merges the two safety splits.
 *   <li>{@link #JSONL}: our own schema (or any detected layout); the category is the record's, "all" if empty.
 * </ul>
 */
public enum Bench {
    VL_REWARDBENCH(Layout.AUTO),
    MM_RLHF_REWARDBENCH(Layout.MM_RLHF),
    MULTIMODAL_REWARDBENCH(Layout.MULTIMODAL_REWARDBENCH),
    JSONL(Layout.AUTO);

    private final Layout layout;

    Bench(Layout layout) {
        this.layout = layout;
    }

    /** The layout files of this benchmark are read with. */
    public Layout layout() {
        return layout;
    }

    /** Parses a command-line name such as {@code vl-rewardbench}. */
    public static Bench parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Bench b : values()) {
            if (b.name().equals(n)) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown benchmark '" + name
                + "' (vl-rewardbench, mm-rlhf-rewardbench, multimodal-rewardbench, jsonl)");
    }

    /** The lowercase, dashed name. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The category a pair is scored under. */
    public String category(PairExample pair, ReadOptions.CategoryMapping mapping) {
        return switch (this) {
            case VL_REWARDBENCH ->
                mapping == ReadOptions.CategoryMapping.OFFICIAL
                        ? Categories.vlRewardBenchOfficial(pair.groupId()).category()
                        : Categories.vlRewardBenchR1Script(pair.groupId());
            case MM_RLHF_REWARDBENCH -> orAll(pair.category());
            case MULTIMODAL_REWARDBENCH -> orAll(pair.subset().isEmpty() ? pair.category() : pair.subset());
            case JSONL -> orAll(pair.category());
        };
    }

    /** The column a category belongs to for a mean-of-columns overall (safety splits merge into "safety"). */
    public String column(String category) {
        if (this == MULTIMODAL_REWARDBENCH && category.startsWith("safety")) {
            return "safety";
        }
        return category;
    }

    private static String orAll(String c) {
        return c == null || c.isEmpty() ? "all" : c;
    }
}
