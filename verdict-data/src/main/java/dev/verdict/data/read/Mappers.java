package dev.verdict.data.read;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.verdict.data.PairSchema;
import dev.verdict.judge.ImageRef;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.Preference;
import dev.verdict.judge.prompt.R1RewardPrompt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps one raw record of a layout to a {@link PairExample}. Benchmark layouts keep the file's response order
 * (chosen first where the file puts it first) and record the original fields of interest in the source map;
 * order randomisation is the evaluator's job.
 */
final class Mappers {
    private final ReadOptions options;
    private final Path root;
    private final Map<String, Integer> groupCounters = new HashMap<>();

    Mappers(ReadOptions options, Path root) {
        this.options = options;
        this.root = root;
    }

    PairExample map(Layout layout, RawRecord rec) throws RowException {
        JsonNode r = rec.node();
        Map<String, String> src = new LinkedHashMap<>();
        src.put("file", rec.file());
        src.put(rec.locationKind(), String.valueOf(rec.location()));
        return switch (layout) {
            case VERDICT, AUTO -> verdict(r, src);
            case R1_REWARD -> r1Reward(r, rec, src);
            case VL_REWARDBENCH -> vlRewardBench(r, src);
            case MM_RLHF -> chosenRejected(r, src);
            case MULTIMODAL_REWARDBENCH -> multimodalRewardBench(r, src);
        };
    }

    private PairExample verdict(JsonNode r, Map<String, String> src) throws RowException {
        String id = Fields.text(r, PairSchema.ID);
        Preference pref = preferred(r.get(PairSchema.PREFERRED));
        JsonNode meta = r.get(PairSchema.META);
        if (meta != null && !meta.isNull()) {
            if (!meta.isObject()) {
                throw new RowException(PairSchema.META, "must be an object");
            }
            meta.properties()
                    .forEach(e -> src.put(
                            e.getKey(),
                            e.getValue().isTextual()
                                    ? e.getValue().asText()
                                    : e.getValue().toString()));
        }
        return new PairExample(
                id,
                Fields.optional(r, PairSchema.GROUP_ID),
                Fields.images(r, PairSchema.IMAGES, root),
                Fields.text(r, PairSchema.QUESTION),
                Fields.firstText(r, PairSchema.RESPONSE_1, "answer_1"),
                Fields.firstText(r, PairSchema.RESPONSE_2, "answer_2"),
                pref,
                Fields.optional(r, PairSchema.CATEGORY),
                Fields.optional(r, PairSchema.SUBSET),
                src);
    }

    private static Preference preferred(JsonNode v) throws RowException {
        if (v == null || v.isNull()) {
            return Preference.UNKNOWN;
        }
        String s = v.asText().trim();
        return switch (s) {
            case "1" -> Preference.ONE;
            case "2" -> Preference.TWO;
            default -> throw new RowException(PairSchema.PREFERRED, "must be 1, 2 or null, got " + v);
        };
    }

    private PairExample r1Reward(JsonNode r, RawRecord rec, Map<String, String> src) throws RowException {
        String message = Fields.text(r, "message");
        JsonNode chat;
        try {
            chat = RecordSource.JSON.readTree(message);
        } catch (JsonProcessingException e) {
            throw new RowException("message", "not a JSON chat list: " + e.getOriginalMessage());
        }
        JsonNode content = chat.path(0).path("content");
        if (!chat.isArray() || !content.isArray()) {
            throw new RowException("message", "expected [{\"role\":\"user\",\"content\":[...]}]");
        }
        String text = null;
        List<ImageRef> images = new ArrayList<>();
        for (JsonNode part : content) {
            switch (part.path("type").asText()) {
                case "text" -> text = part.path("text").asText();
                case "image" -> images.addAll(Fields.images(part, "image", root));
                default ->
                    throw new RowException(
                            "message",
                            "unknown content part type '" + part.path("type").asText() + "'");
            }
        }
        if (text == null) {
            throw new RowException("message", "no text part");
        }
        List<String> qa = R1RewardPrompt.unrender(text)
                .orElseThrow(() -> new RowException("message", "text part is not the R1-Reward prompt template"));
        JsonNode answer = r.get("answer");
        if (answer == null || !answer.isArray() || answer.isEmpty()) {
            throw new RowException("answer", "must be a non-empty list like [\"<answer>2</answer>\"]");
        }
        String gt = answer.get(0)
                .asText()
                .replace("<answer>", "")
                .replace("</answer>", "")
                .trim();
        Preference pref = switch (gt) {
            case "1" -> Preference.ONE;
            case "2" -> Preference.TWO;
            default ->
                throw new RowException(
                        "answer",
                        "ground truth must be 1 or 2, got '" + answer.get(0).asText() + "'");
        };
        String id = r.hasNonNull("id") ? r.get("id").asText() : "row-" + rec.location();
        return new PairExample(id, id, images, qa.get(0), qa.get(1), qa.get(2), pref, "", "", src);
    }

    private PairExample vlRewardBench(JsonNode r, Map<String, String> src) throws RowException {
        String id = Fields.text(r, "id");
        JsonNode resp = r.get("response");
        if (resp == null
                || !resp.isArray()
                || resp.size() != 2
                || !resp.get(0).isTextual()
                || !resp.get(1).isTextual()) {
            throw new RowException("response", "must be a list of two strings");
        }
        JsonNode rank = r.get("human_ranking");
        if (rank == null
                || !rank.isArray()
                || rank.size() != 2
                || rank.get(0).asInt(-1) == rank.get(1).asInt(-1)) {
            throw new RowException("human_ranking", "must be [0,1] or [1,0], got " + rank);
        }
        Preference pref = rank.get(0).asInt() < rank.get(1).asInt() ? Preference.ONE : Preference.TWO;
        Categories.Split official = Categories.vlRewardBenchOfficial(id);
        String r1 = Categories.vlRewardBenchR1Script(id);
        src.put("category_official", official.category());
        src.put("category_r1reward_script", r1);
        for (String k : List.of("query_source", "judge")) {
            if (r.hasNonNull(k)) {
                src.put(k, r.get(k).asText());
            }
        }
        String category = options.categories() == ReadOptions.CategoryMapping.OFFICIAL ? official.category() : r1;
        return new PairExample(
                id,
                id,
                Fields.images(r, "image", root),
                Fields.text(r, "query"),
                responseText(resp.get(0), "response[0]"),
                responseText(resp.get(1), "response[1]"),
                pref,
                category,
                official.subset(),
                src);
    }

    private static String responseText(JsonNode v, String field) throws RowException {
        if (v.asText().isBlank()) {
            throw new RowException(field, "is empty");
        }
        return v.asText();
    }

    private PairExample chosenRejected(JsonNode r, Map<String, String> src) throws RowException {
        String group = Fields.text(r, "id");
        int k = groupCounters.merge(group, 1, Integer::sum) - 1;
        String media = r.hasNonNull("image") ? "image" : r.hasNonNull("video") ? "video" : null;
        String mediaPath =
                media == null ? "" : r.get(media).isTextual() ? r.get(media).asText() : "";
        List<ImageRef> images = media == null ? List.of() : Fields.images(r, media, root);
        if ("video".equals(media)) {
            src.put("video", mediaPath);
            images = List.of(); // a frame folder: the video reader samples it, not the image path
        }
        for (String f : List.of("chosen_reason", "rejected_reason")) {
            if (r.hasNonNull(f) && !r.get(f).asText().isEmpty()) {
                src.put(f, r.get(f).asText());
            }
        }
        String category = Categories.mmRlhf(mediaPath);
        return new PairExample(
                group + "#" + k,
                group,
                images,
                Fields.text(r, "prompt"),
                Fields.text(r, "chosen"),
                Fields.text(r, "rejected"),
                Preference.ONE,
                category,
                category,
                src);
    }

    private PairExample multimodalRewardBench(JsonNode r, Map<String, String> src) throws RowException {
        String id = Fields.text(r, "ID");
        String better = Fields.text(r, "Better");
        Preference pref = switch (better) {
            case "Output1" -> Preference.ONE;
            case "Output2" -> Preference.TWO;
            default -> throw new RowException("Better", "must be Output1 or Output2, got '" + better + "'");
        };
        String category = Fields.text(r, "Category");
        return new PairExample(
                id,
                id,
                Fields.images(r, "Image", root),
                Fields.text(r, "Text"),
                Fields.text(r, "Output1"),
                Fields.text(r, "Output2"),
                pref,
                category,
                Categories.multimodalRewardBenchSubset(id, category),
                src);
    }
}
