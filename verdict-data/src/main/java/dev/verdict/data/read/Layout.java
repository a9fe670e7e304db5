package dev.verdict.data.read;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    /**
     * The layout a record's fields suggest; empty when they fit none (a record with a {@code question} field and
     * nothing else recognisable is taken as a broken verdict row, so its problems are listed field by field).
     */
    public static Optional<Layout> recognise(JsonNode r) {
        if (r.has("response_1") || r.has("answer_1")) {
            return Optional.of(VERDICT);
        }
        if (r.has("message") && r.has("answer")) {
            return Optional.of(R1_REWARD);
        }
        if (r.has("query") && r.has("response") && r.has("human_ranking")) {
            return Optional.of(VL_REWARDBENCH);
        }
        if (r.has("chosen") && r.has("rejected")) {
            return Optional.of(MM_RLHF);
        }
        if (r.has("Output1") && r.has("Output2")) {
            return Optional.of(MULTIMODAL_REWARDBENCH);
        }
        return r.has("question") ? Optional.of(VERDICT) : Optional.empty();
    }

    /**
     * One line saying that a record is no preference pair: its fields, what the file looks like where that is
     * known, and the layouts that are read.
     */
    public static String unrecognised(RawRecord first) {
        List<String> fields = new ArrayList<>();
        first.node().fieldNames().forEachRemaining(fields::add);
        JsonNode n = first.node();
        String looksLike = n.has("caption") && n.has("qa") && n.has("cells")
                ? "; it is the synthetic world's pretraining data, which `verdict train pretrain` reads"
                : "";
        return first.file() + " " + first.locationKind() + " " + first.location()
                + ": not a preference pair in any layout verdict reads (fields: "
                + (fields.isEmpty() ? "none" : String.join(", ", fields)) + ")" + looksLike
                + ". Layouts: verdict (question, response_1, response_2), r1-reward (message, answer),"
                + " vl-rewardbench (query, response, human_ranking), mm-rlhf (chosen, rejected),"
                + " multimodal-rewardbench (Output1, Output2); --layout forces one";
    }

    /** The lowercase, dashed name. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
