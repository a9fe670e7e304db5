package dev.verdict.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.tensor.DType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads and writes Hugging Face {@code config.json} for Qwen2.5-VL and Qwen2-VL. Reading accepts every
 * layout seen in the wild: text keys at the top level or in {@code text_config}; {@code mrope_section} in
 * {@code rope_scaling} or {@code rope_parameters}; minimal {@code vision_config} objects completed with the
 * transformers class defaults; legacy keys {@code in_chans} and {@code spatial_patch_size}. Writing uses the
 * transformers 4.49-4.51 layout (top-level text keys, full vision config), which every later version loads.
 */
public final class ConfigJson {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigJson() {}

    public static ModelConfig read(Path file) {
        try {
            return parse(JSON.readTree(file.toFile()), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model config " + file + ": " + e.getMessage(), e);
        }
    }

    public static ModelConfig parse(String json, String source) {
        try {
            return parse(JSON.readTree(json), source);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON in " + source + ": " + e.getMessage(), e);
        }
    }

    static ModelConfig parse(JsonNode root, String source) {
        Fields r = new Fields(root, source);
        String type = r.string("model_type", ModelConfig.QWEN2_5_VL);
        if (!type.equals(ModelConfig.QWEN2_5_VL) && !type.equals(ModelConfig.QWEN2_VL)) {
            throw new IllegalArgumentException(source + ": model_type \"" + type + "\" is not qwen2_5_vl or qwen2_vl");
        }
        Fields t = root.hasNonNull("text_config") ? r.child("text_config") : r;
        TextConfig text = parseText(t, r);
        Fields v = r.child("vision_config");
        VisionConfig vision = type.equals(ModelConfig.QWEN2_VL) ? parseQwen2Vision(v) : parseVision(v);
        DType dtype =
                parseDtype(r.string("torch_dtype", r.string("dtype", t.string("torch_dtype", "bfloat16"))), source);
        return new ModelConfig(
                type,
                text,
                vision,
                r.integer("image_token_id", t.integer("image_token_id", 151655)),
                r.integer("video_token_id", t.integer("video_token_id", 151656)),
                r.integer("vision_start_token_id", t.integer("vision_start_token_id", 151652)),
                r.integer("vision_end_token_id", t.integer("vision_end_token_id", 151653)),
                t.integer("bos_token_id", r.integer("bos_token_id", 151643)),
                t.integer("eos_token_id", r.integer("eos_token_id", 151645)),
                dtype);
    }

    private static TextConfig parseText(Fields t, Fields root) {
        Fields ropeParams = t.has("rope_parameters") ? t.child("rope_parameters") : null;
        Fields ropeScaling = t.has("rope_scaling")
                ? t.child("rope_scaling")
                : root.has("rope_scaling") ? root.child("rope_scaling") : null;
        int[] section = null;
        if (ropeScaling != null && ropeScaling.has("mrope_section")) {
            section = ropeScaling.ints("mrope_section");
        } else if (ropeParams != null && ropeParams.has("mrope_section")) {
            section = ropeParams.ints("mrope_section");
        }
        double theta = t.number("rope_theta", ropeParams != null ? ropeParams.number("rope_theta", 1e6) : 1e6);
        int hidden = t.integer("hidden_size", 8192);
        int heads = t.integer("num_attention_heads", 64);
        if (section == null) {
            throw new IllegalArgumentException(t.source + ": no mrope_section in rope_scaling or rope_parameters");
        }
        return new TextConfig(
                t.integer("vocab_size", 152064),
                hidden,
                t.integer("intermediate_size", 29568),
                t.integer("num_hidden_layers", 80),
                heads,
                t.integer("num_key_value_heads", 8),
                t.number("rms_norm_eps", 1e-5),
                theta,
                section,
                t.integer("max_position_embeddings", 32768),
                t.bool("tie_word_embeddings", root.bool("tie_word_embeddings", false)));
    }

    private static VisionConfig parseVision(Fields v) {
        return new VisionConfig(
                v.integer("depth", 32),
                v.integer("hidden_size", 3584),
                v.integer("intermediate_size", 3420),
                v.integer("num_heads", 16),
                v.integer("in_channels", v.integer("in_chans", 3)),
                v.integer("patch_size", v.integer("spatial_patch_size", 14)),
                v.integer("spatial_merge_size", 2),
                v.integer("temporal_patch_size", 2),
                v.integer("window_size", 112),
                v.integer("out_hidden_size", 3584),
                v.has("fullatt_block_indexes") ? v.ints("fullatt_block_indexes") : new int[] {7, 15, 23, 31},
                v.number("tokens_per_second", 4));
    }

    /** Qwen2-VL: embed_dim is the ViT width, hidden_size the output width, every block attends fully. */
    private static VisionConfig parseQwen2Vision(Fields v) {
        int depth = v.integer("depth", 32);
        int embed = v.integer("embed_dim", 1280);
        int patch = v.integer("patch_size", v.integer("spatial_patch_size", 14));
        int merge = v.integer("spatial_merge_size", 2);
        int[] all = new int[depth];
        for (int i = 0; i < depth; i++) {
            all[i] = i;
        }
        return new VisionConfig(
                depth,
                embed,
                (int) Math.round(embed * v.number("mlp_ratio", 4)),
                v.integer("num_heads", 16),
                v.integer("in_channels", v.integer("in_chans", 3)),
                patch,
                merge,
                v.integer("temporal_patch_size", 2),
                patch * merge,
                v.integer("hidden_size", 3584),
                all,
                0);
    }

    private static DType parseDtype(String s, String source) {
        try {
            return DType.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": torch_dtype: " + e.getMessage(), e);
        }
    }

    /** The config as Hugging Face writes it for Qwen2.5-VL. */
    public static String write(ModelConfig c) {
        ObjectNode root = JSON.createObjectNode();
        root.putArray("architectures").add("Qwen2_5_VLForConditionalGeneration");
        root.put("model_type", ModelConfig.QWEN2_5_VL);
        TextConfig t = c.text();
        root.put("vocab_size", t.vocabSize());
        root.put("hidden_size", t.hiddenSize());
        root.put("intermediate_size", t.intermediateSize());
        root.put("num_hidden_layers", t.numLayers());
        root.put("num_attention_heads", t.numHeads());
        root.put("num_key_value_heads", t.numKvHeads());
        root.put("hidden_act", "silu");
        root.put("rms_norm_eps", t.rmsNormEps());
        root.put("rope_theta", t.ropeTheta());
        root.put("max_position_embeddings", t.maxPositionEmbeddings());
        root.put("tie_word_embeddings", t.tieWordEmbeddings());
        root.put("attention_dropout", 0.0);
        root.put("use_sliding_window", false);
        root.put("sliding_window", t.maxPositionEmbeddings());
        root.put("max_window_layers", t.numLayers());
        root.put("initializer_range", 0.02);
        root.put("use_cache", true);
        ObjectNode rope = root.putObject("rope_scaling");
        var sec = rope.putArray("mrope_section");
        for (int s : t.mropeSection()) {
            sec.add(s);
        }
        rope.put("rope_type", "default");
        rope.put("type", "default");
        root.put("bos_token_id", c.bosTokenId());
        root.put("eos_token_id", c.eosTokenId());
        root.put("image_token_id", c.imageTokenId());
        root.put("video_token_id", c.videoTokenId());
        root.put("vision_start_token_id", c.visionStartTokenId());
        root.put("vision_end_token_id", c.visionEndTokenId());
        root.put("vision_token_id", c.visionEndTokenId() + 1);
        root.put("torch_dtype", c.dtype().hfName());
        root.put("transformers_version", "4.51.3");
        root.set("vision_config", visionJson(c.vision()));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode visionJson(VisionConfig v) {
        ObjectNode n = JSON.createObjectNode();
        n.put("model_type", "qwen2_5_vl");
        n.put("depth", v.depth());
        n.put("hidden_size", v.hiddenSize());
        n.put("intermediate_size", v.intermediateSize());
        n.put("num_heads", v.numHeads());
        n.put("in_channels", v.inChannels());
        n.put("in_chans", v.inChannels());
        n.put("patch_size", v.patchSize());
        n.put("spatial_patch_size", v.patchSize());
        n.put("spatial_merge_size", v.spatialMergeSize());
        n.put("temporal_patch_size", v.temporalPatchSize());
        n.put("window_size", v.windowSize());
        n.put("out_hidden_size", v.outHiddenSize());
        var full = n.putArray("fullatt_block_indexes");
        for (int b : v.fullattBlockIndexes()) {
            full.add(b);
        }
        // transformers 5 validates config fields by type and takes tokens_per_second only as an int (2, not 2.0)
        double tps = v.tokensPerSecond();
        if (tps == Math.rint(tps)) {
            n.put("tokens_per_second", (long) tps);
        } else {
            n.put("tokens_per_second", tps);
        }
        n.put("hidden_act", "silu");
        n.put("initializer_range", 0.02);
        return n;
    }

    public static void write(ModelConfig c, Path file) {
        try {
            Files.writeString(file, write(c));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Typed access to one JSON object with errors that name the key and the file. */
    private record Fields(JsonNode node, String source) {
        boolean has(String key) {
            return node.hasNonNull(key);
        }

        Fields child(String key) {
            JsonNode c = node.get(key);
            if (c == null || c.isNull()) {
                return new Fields(JSON.createObjectNode(), source + ": " + key);
            }
            if (!c.isObject()) {
                throw wrong(key, "an object");
            }
            return new Fields(c, source + ": " + key);
        }

        int integer(String key, int dflt) {
            JsonNode n = node.get(key);
            if (n == null || n.isNull()) {
                return dflt;
            }
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                throw wrong(key, "an integer");
            }
            return n.intValue();
        }

        double number(String key, double dflt) {
            JsonNode n = node.get(key);
            if (n == null || n.isNull()) {
                return dflt;
            }
            if (!n.isNumber()) {
                throw wrong(key, "a number");
            }
            return n.doubleValue();
        }

        boolean bool(String key, boolean dflt) {
            JsonNode n = node.get(key);
            if (n == null || n.isNull()) {
                return dflt;
            }
            if (!n.isBoolean()) {
                throw wrong(key, "true or false");
            }
            return n.booleanValue();
        }

        String string(String key, String dflt) {
            JsonNode n = node.get(key);
            if (n == null || n.isNull()) {
                return dflt;
            }
            if (!n.isTextual()) {
                throw wrong(key, "a string");
            }
            return n.textValue();
        }

        int[] ints(String key) {
            JsonNode n = node.get(key);
            if (n == null || !n.isArray()) {
                throw wrong(key, "an array of integers");
            }
            int[] out = new int[n.size()];
            for (int i = 0; i < out.length; i++) {
                if (!n.get(i).isIntegralNumber()) {
                    throw wrong(key, "an array of integers");
                }
                out[i] = n.get(i).intValue();
            }
            return out;
        }

        private IllegalArgumentException wrong(String key, String what) {
            return new IllegalArgumentException(
                    source + ": \"" + key + "\" must be " + what + ", found " + node.get(key));
        }
    }
}
