package dev.verdict.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.image.ImageGrid;
import dev.verdict.tensor.DType;
import dev.verdict.tensor.Device;
import dev.verdict.tensor.SafetensorsCheckpoint;
import dev.verdict.tensor.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesTest {
    @TempDir
    Path dir;

    private static float[] logits(QwenVL m, long seed) {
        Random r = new Random(seed);
        ImageGrid grid = new ImageGrid(1, 4, 6);
        long[] ids = TestModels.promptWithImage(r, 2, grid.mergedTokens(2), 3);
        try (InferenceMode g = new InferenceMode()) {
            return Tensors.toFloats(m.logits(m.hidden(
                    new ModelInput(new long[][] {ids}, null, TestModels.pixels(r, grid, 1176), List.of(grid)))));
        }
    }

    @Test
    void saveThenLoadGivesIdenticalLogits() throws Exception {
        try (QwenVL m = QwenVL.random(TestModels.micro(DType.F32), 7)) {
            ModelFiles.save(m, dir);
            assertTrue(Files.exists(dir.resolve("config.json")));
            assertTrue(Files.exists(dir.resolve("generation_config.json")));
            try (QwenVL back = ModelFiles.load(dir)) {
                assertEquals(m.config(), back.config());
                assertArrayEquals(logits(m, 1), logits(back, 1));
            }
        }
    }

    @Test
    void newerTensorNamingLoadsToo() {
        try (QwenVL m = QwenVL.random(TestModels.micro(DType.F32), 8)) {
            ModelFiles.save(m, dir);
            Map<String, Tensor> renamed = new LinkedHashMap<>();
            m.parameters().forEach((k, v) -> renamed.put(TensorNames.toNew(k), v));
            assertTrue(renamed.containsKey("model.visual.blocks.0.attn.qkv.weight"));
            assertTrue(renamed.containsKey("model.language_model.layers.0.self_attn.q_proj.weight"));
            assertTrue(renamed.containsKey("lm_head.weight"));
            SafetensorsCheckpoint.save(dir, renamed, 20_000);
            assertTrue(Files.exists(dir.resolve(SafetensorsCheckpoint.INDEX)));
            try (QwenVL back = ModelFiles.load(dir)) {
                assertArrayEquals(logits(m, 2), logits(back, 2));
            }
        }
    }

    @Test
    void bf16SaveAndLoadKeepTheDtype() {
        try (QwenVL m = QwenVL.random(TestModels.micro(DType.BF16), 9)) {
            ModelFiles.save(m, dir);
            try (QwenVL back = ModelFiles.load(dir)) {
                assertEquals(DType.BF16, back.dtype());
                assertArrayEquals(logits(m, 3), logits(back, 3));
            }
            try (QwenVL f32 = ModelFiles.load(dir, DType.F32, Device.CPU)) {
                assertEquals(DType.F32, f32.dtype());
            }
        }
    }

    @Test
    void shapeMismatchAndMissingTensorsAreClearErrors() throws Exception {
        try (QwenVL m = QwenVL.random(TestModels.micro(DType.F32), 10)) {
            ModelFiles.save(m, dir);
        }
        String cfg = Files.readString(dir.resolve("config.json"));
        Files.writeString(
                dir.resolve("config.json"), cfg.replace("\"intermediate_size\" : 48", "\"intermediate_size\" : 40"));
        var e = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(dir));
        assertTrue(
                e.getMessage().contains("mlp.gate_proj.weight")
                        && e.getMessage().contains("[48, 32]"),
                e.getMessage());
        var e2 = assertThrows(IllegalArgumentException.class, () -> ModelFiles.load(dir.resolve("nothing")));
        assertTrue(e2.getMessage().contains("no config.json"), e2.getMessage());
    }
}
