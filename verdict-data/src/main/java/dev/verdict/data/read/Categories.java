package dev.verdict.data.read;

import java.util.List;
import java.util.Locale;

/** The benchmarks' category rules ({@code spec/benchmarks.md}), each a pure function of an id or a path. */
public final class Categories {
    private Categories() {}

    /** A category and a finer subset. */
    public record Split(String category, String subset) {}

    /**
     * VL-RewardBench, official mapping (the benchmark's {@code cal.py}, case-insensitive id prefixes): reasoning =
     * mathverse / mmmu_pro; hallucination = POVID ({@code hallucination_pair-}), RLAIF-V, RLHF-V; general =
     * wildvision-battle, and everything else as vlfeedback.
     */
    public static Split vlRewardBenchOfficial(String id) {
        String s = id.toLowerCase(Locale.ROOT);
        if (s.startsWith("mathverse")) {
            return new Split("reasoning", "mathverse");
        }
        if (s.startsWith("mmmu")) {
            return new Split("reasoning", "mmmu-pro");
        }
        if (s.startsWith("hallucination_pair")) {
            return new Split("hallucination", "povid");
        }
        if (s.startsWith("rlaif-v")) {
            return new Split("hallucination", "rlaif-v");
        }
        if (s.startsWith("rlhf-v")) {
            return new Split("hallucination", "rlhf-v");
        }
        if (s.startsWith("wildvision-battle")) {
            return new Split("general", "wildvision-battle");
        }
        return new Split("general", "vlfeedback");
    }

    /**
     * VL-RewardBench as R1-Reward's {@code get_acc.py} maps it: "mmmu" or "mathverse" in the id -> reasoning; else
     * "hallucination", "rlhf" or "rlaif" (case-sensitive) -> hallucination; else general.
     */
    public static String vlRewardBenchR1Script(String id) {
        if (id.contains("mmmu") || id.contains("mathverse")) {
            return "reasoning";
        }
        if (id.contains("hallucination") || id.contains("rlhf") || id.contains("rlaif")) {
            return "hallucination";
        }
        return "general";
    }

    /** MM-RLHF-RewardBench: the first of mcq, long, short, safety, video contained in the media path, or "". */
    public static String mmRlhf(String mediaPath) {
        for (String k : List.of("mcq", "long", "short", "safety", "video")) {
            if (mediaPath.contains(k)) {
                return k;
            }
        }
        return "";
    }

    /**
     * Multimodal RewardBench's reported split of a category: safety -> safety/bias (ID starts with "pairs") or
     * safety/toxicity; reasoning -> reasoning/math (ID starts with "math") or reasoning/coding; else the category.
     */
    public static String multimodalRewardBenchSubset(String id, String category) {
        if (category.contains("safety")) {
            return id.startsWith("pairs") ? "safety/bias" : "safety/toxicity";
        }
        if (category.contains("reasoning")) {
            return id.startsWith("math") ? "reasoning/math" : "reasoning/coding";
        }
        return category;
    }
}
