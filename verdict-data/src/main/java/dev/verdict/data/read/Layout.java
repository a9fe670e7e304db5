package dev.verdict.data.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The record layouts the readers understand (field lists in {@code docs/data.md}). */
public enum Layout {
    /** Detect from the first record's fields. */
    AUTO,
    /** verdict's own schema ({@link dev.verdict.data.PairSchema}). */
    VERDICT,
    /** R1-Reward training JSONL: {@code message} (JSON string of a chat), {@code question}, {@code answer}. */
    R1_REWARD,
    /** VL-RewardBench, Hugging Face fields: {@code id, query, response[2], human_ranking, image, ...}. */
    VL_REWARDBENCH,
    /**
     * Chosen / rejected pairs as in MM-RLHF-RewardBench and R1-Reward's eval copies: {@code id, image|video,
     * prompt, chosen, rejected, ...}.
     */
    MM_RLHF,
    /** Multimodal RewardBench: {@code ID, Text, Image, Output1, Output2, Better, Category}. */
    MULTIMODAL_REWARDBENCH;

    /** Parses a command-line name ({@code vl-rewardbench}, {@code r1_reward}, ...). */
    public static Layout parse(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Layout l : values()) {
            if (l.name().equals(n) || l.name().replace("_", "").equals(n.replace("_", ""))) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown layout '" + name
                + "' (auto, verdict, r1-reward, vl-rewardbench, mm-rlhf, multimodal-rewardbench)");
    }

    /** The layout a record's fields suggest, or VERDICT when none matches. */
    public static Layout detect(JsonNode r) {
        if (r.has("response_1") || r.has("answer_1")) {
            return VERDICT;
        }
        if (r.has("message") && r.has("answer")) {
            return R1_REWARD;
        }
        if (r.has("query") && r.has("response") && r.has("human_ranking")) {
            return VL_REWARDBENCH;
        }
        if (r.has("chosen") && r.has("rejected")) {
            return MM_RLHF;
        }
        if (r.has("Output1") && r.has("Output2")) {
            return MULTIMODAL_REWARDBENCH;
        }
        return VERDICT;
    }

    /** The lowercase, dashed name. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
