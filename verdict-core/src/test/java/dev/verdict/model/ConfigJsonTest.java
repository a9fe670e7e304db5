package dev.verdict.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.tensor.DType;
import org.junit.jupiter.api.Test;

/** Real Qwen2.5-VL config layouts parse to the published shapes (parameter counts from the fact sheet). */
class ConfigJsonTest {
    /** The original 7B layout: every text key at the top level, full vision config, rope type mrope. */
    static final String ORIGINAL_7B = """
            {"architectures": ["Qwen2_5_VLForConditionalGeneration"], "model_type": "qwen2_5_vl",
             "hidden_size": 3584, "intermediate_size": 18944, "num_hidden_layers": 28, "num_attention_heads": 28,
             "num_key_value_heads": 4, "vocab_size": 152064, "rms_norm_eps": 1e-06, "rope_theta": 1000000.0,
             "max_position_embeddings": 128000, "tie_word_embeddings": false, "torch_dtype": "bfloat16",
             "rope_scaling": {"type": "mrope", "mrope_section": [16, 24, 24]},
             "bos_token_id": 151643, "eos_token_id": 151645, "vision_start_token_id": 151652,
             "vision_end_token_id": 151653, "vision_token_id": 151654, "image_token_id": 151655, "video_token_id": 151656,
             "vision_config": {"depth": 32, "hidden_act": "silu", "hidden_size": 1280, "intermediate_size": 3420,
               "num_heads": 16, "in_chans": 3, "out_hidden_size": 3584, "patch_size": 14, "spatial_merge_size": 2,
               "spatial_patch_size": 14, "window_size": 112, "fullatt_block_indexes": [7, 15, 23, 31],
               "tokens_per_second": 2, "temporal_patch_size": 2}}
            """;

    /** The 4.49-style 3B layout: minimal vision config, tied embeddings. */
    static final String MINIMAL_3B = """
            {"model_type": "qwen2_5_vl", "hidden_size": 2048, "intermediate_size": 11008, "num_hidden_layers": 36,
             "num_attention_heads": 16, "num_key_value_heads": 2, "vocab_size": 151936, "rms_norm_eps": 1e-06,
             "rope_theta": 1000000.0, "tie_word_embeddings": true, "torch_dtype": "bfloat16",
             "rope_scaling": {"mrope_section": [16, 24, 24], "rope_type": "default", "type": "default"},
             "vision_config": {"hidden_size": 1280, "in_chans": 3, "model_type": "qwen2_5_vl", "spatial_patch_size": 14,
               "tokens_per_second": 2, "out_hidden_size": 2048}}
            """;

    /** A v5-style 72B layout: nested text_config with rope_parameters, "dtype" instead of torch_dtype. */
    static final String NESTED_72B = """
            {"model_type": "qwen2_5_vl", "dtype": "bfloat16", "image_token_id": 151655,
             "text_config": {"model_type": "qwen2_5_vl_text", "hidden_size": 8192, "intermediate_size": 29568,
               "num_hidden_layers": 80, "num_attention_heads": 64, "num_key_value_heads": 8, "vocab_size": 152064,
               "rms_norm_eps": 1e-06, "tie_word_embeddings": false,
               "rope_parameters": {"rope_type": "default", "rope_theta": 1000000.0, "mrope_section": [16, 24, 24]}},
             "vision_config": {"hidden_size": 1280, "intermediate_size": 3456, "out_hidden_size": 8192,
               "in_channels": 3, "fullatt_block_indexes": [7, 15, 23, 31]}}
            """;

    private static long[] counts(ModelConfig c) {
        long vision = 0;
        long text = 0;
        for (ParamSpec p : ParamSpec.of(c)) {
            if (p.name().startsWith("visual.")) {
                vision += p.numel();
            } else {
                text += p.numel();
            }
        }
        return new long[] {vision, text};
    }

    @Test
    void qwen25vl7bParsesToThePublishedParameterCount() {
        ModelConfig c = ConfigJson.parse(ORIGINAL_7B, "7b");
        assertArrayEquals(new long[] {676_550_144L, 7_615_616_512L}, counts(c));
        assertEquals(729, ParamSpec.of(c).size());
        assertEquals(128, c.text().headDim());
        assertEquals(DType.BF16, c.dtype());
        assertEquals(4, c.vision().windowTokens());
    }

    @Test
    void minimal3bConfigGetsTheClassDefaults() {
        ModelConfig c = ConfigJson.parse(MINIMAL_3B, "3b");
        assertArrayEquals(new long[] {668_684_288L, 3_085_938_688L}, counts(c));
        assertEquals(32, c.vision().depth());
        assertArrayEquals(new int[] {7, 15, 23, 31}, c.vision().fullattBlockIndexes());
        assertEquals(151655, c.imageTokenId());
        assertTrue(ParamSpec.of(c).stream().noneMatch(p -> p.name().equals("lm_head.weight")));
    }

    @Test
    void nestedV5ConfigParses() {
        ModelConfig c = ConfigJson.parse(NESTED_72B, "72b");
        assertArrayEquals(new long[] {704_573_696L, 72_706_203_648L}, counts(c));
        assertEquals(1e6, c.text().ropeTheta());
    }

    @Test
    void writtenConfigReadsBackEqual() {
        ModelConfig c = ConfigJson.parse(ORIGINAL_7B, "7b");
        ModelConfig back = ConfigJson.parse(ConfigJson.write(c), "written");
        assertEquals(c.text(), back.text());
        assertEquals(c.vision(), back.vision());
        assertEquals(c, back);
    }

    @Test
    void tokensPerSecondIsWrittenAsTheIntegerTransformersFiveRequires() {
        String json = ConfigJson.write(ConfigJson.parse(ORIGINAL_7B, "7b"));
        assertTrue(json.contains("\"tokens_per_second\" : 2,"), json);
    }

    @Test
    void qwen2VlConfigParses() {
        String json = """
                {"model_type": "qwen2_vl", "hidden_size": 3584, "intermediate_size": 18944, "num_hidden_layers": 28,
                 "num_attention_heads": 28, "num_key_value_heads": 4, "vocab_size": 152064, "rms_norm_eps": 1e-06,
                 "rope_theta": 1000000.0, "rope_scaling": {"type": "mrope", "mrope_section": [16, 24, 24]},
                 "vision_config": {"depth": 32, "embed_dim": 1280, "mlp_ratio": 4, "num_heads": 16, "in_chans": 3,
                   "hidden_size": 3584, "patch_size": 14, "spatial_merge_size": 2, "temporal_patch_size": 2}}
                """;
        ModelConfig c = ConfigJson.parse(json, "qwen2-vl");
        assertEquals(1280, c.vision().hiddenSize());
        assertEquals(5120, c.vision().intermediateSize());
        assertTrue(c.vision().isFullAttention(0) && c.vision().isFullAttention(31));
    }

    @Test
    void wrongTypesAndBadShapesNameTheField() {
        var e1 = assertThrows(
                IllegalArgumentException.class,
                () -> ConfigJson.parse(
                        ORIGINAL_7B.replace("\"num_hidden_layers\": 28", "\"num_hidden_layers\": \"28\""), "cfg.json"));
        assertTrue(
                e1.getMessage().contains("cfg.json") && e1.getMessage().contains("num_hidden_layers"), e1.getMessage());
        var e2 = assertThrows(
                IllegalArgumentException.class,
                () -> ConfigJson.parse(ORIGINAL_7B.replace("[16, 24, 24]", "[16, 24, 20]"), "cfg.json"));
        assertTrue(e2.getMessage().contains("mrope_section"), e2.getMessage());
        var e3 = assertThrows(
                IllegalArgumentException.class,
                () -> ConfigJson.parse(ORIGINAL_7B.replace("qwen2_5_vl", "llama"), "cfg.json"));
        assertTrue(e3.getMessage().contains("llama"), e3.getMessage());
    }
}
