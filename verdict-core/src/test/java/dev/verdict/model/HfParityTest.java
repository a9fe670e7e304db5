package dev.verdict.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.image.ImageGrid;
import dev.verdict.image.ImageProcessor;
import dev.verdict.image.ProcessedImage;
import dev.verdict.tensor.DType;
import dev.verdict.tensor.Device;
import dev.verdict.tensor.SafetensorsFile;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorIndex;
import org.bytedeco.pytorch.TensorIndexVector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verdict's Qwen2.5-VL against Hugging Face transformers' own, on {@link ReferenceFixture}: the golden tensors in
 * {@code reference/qwen2_5_vl_micro.safetensors} were written by {@code scripts/reference/qwen2_5_vl_golden.py}
 * (transformers 5.18, torch 2.13 CPU, eager attention; the header's metadata says which). Covered: the PIL image
 * processor, the multimodal rotary positions of a left-padded batch, the vision tower with window attention and the
 * patch merger, and the logits of the whole model in float32 and bfloat16.
 */
class HfParityTest {
    private static SafetensorsFile golden;

    @TempDir
    static Path dir;

    @BeforeAll
    static void load() throws IOException, URISyntaxException {
        ReferenceFixture.write(dir);
        golden = SafetensorsFile.open(Path.of(HfParityTest.class
                .getResource("/reference/qwen2_5_vl_micro.safetensors")
                .toURI()));
    }

    @AfterAll
    static void close() {
        golden.close();
    }

    private static float[] floats(String name) {
        try (Scope s = Scope.open()) {
            return Tensors.toFloats(golden.copy(name));
        }
    }

    private static long[] longs(String name) {
        try (Scope s = Scope.open()) {
            return Tensors.toLongs(golden.copy(name));
        }
    }

    @Test
    void theGoldenTensorsCameFromThePilImageProcessorAndThisBatch() {
        assertEquals("pil", golden.metadata().get("image_processor_backend"), "golden metadata");
        long[] ids = longs("input_ids");
        long[][] fixture = ReferenceFixture.ids();
        assertArrayEquals(fixture[0], Arrays.copyOfRange(ids, 0, fixture[0].length));
        assertArrayEquals(fixture[1], Arrays.copyOfRange(ids, fixture[0].length, ids.length));
        assertArrayEquals(new long[] {1, 6, 8}, longs("image_grid_thw"));
    }

    @Test
    void imageProcessorMatchesTransformers() {
        ProcessedImage p = new ImageProcessor().process(ReferenceFixture.image());
        assertEquals(new ImageGrid(1, 6, 8), p.grid());
        assertClose(floats("pixel_values"), p.pixelValues(), 1e-6, 0, "pixel_values");
    }

    @Test
    void rotaryPositionsOfAPaddedBatchMatchTransformers() {
        ModelConfig c = ReferenceFixture.config();
        boolean[][] mask = ReferenceFixture.mask();
        RopeIndex rope = RopeIndex.compute(
                ReferenceFixture.ids(),
                mask,
                List.of(new ImageGrid(1, 6, 8)),
                c.imageTokenId(),
                c.visionStartTokenId(),
                c.vision().spatialMergeSize());
        long[] expected = longs("position_ids"); // [3, B, S]
        int seq = mask[0].length;
        for (int axis = 0; axis < 3; axis++) {
            for (int b = 0; b < 2; b++) {
                for (int s = 0; s < seq; s++) {
                    if (mask[b][s]) {
                        assertEquals(
                                expected[(axis * 2 + b) * seq + s],
                                rope.positions()[axis][b][s],
                                "axis " + axis + ", row " + b + ", position " + s);
                    }
                }
            }
        }
    }

    @Test
    void visionTowerAndMergerMatchTransformers() {
        try (QwenVL m = ModelFiles.load(dir);
                InferenceMode g = new InferenceMode();
                Scope s = Scope.open()) {
            ModelInput in = input(DType.F32);
            Tensor embeds = m.embed(in); // [B, S, D]
            Tensor isImage = Tensors.ofLongs(flatten(ReferenceFixture.ids()), 2, in.length())
                    .eq(new Scalar(m.config().imageTokenId()));
            float[] actual =
                    Tensors.toFloats(embeds.index(new TensorIndexVector(new TensorIndex(isImage)))); // [tokens, D]
            assertClose(floats("image_embeds"), actual, 1e-5, 1e-5, "image features");
        }
    }

    @Test
    void float32LogitsMatchTransformers() {
        assertLogits(DType.F32, "logits", 2e-5, 1e-5);
    }

    /**
     * Both sides round every op to bfloat16 (8 significant bits) but fuse and order them differently, so this bound
     * is loose: it catches a missing cast or a wrong op, not a last-bit difference.
     */
    @Test
    void bfloat16LogitsMatchTransformers() {
        assertLogits(DType.BF16, "logits_bf16", 0.1, 0.05);
    }

    private static void assertLogits(DType dtype, String goldenName, double abs, double rel) {
        try (QwenVL m = ModelFiles.load(dir, dtype, Device.CPU);
                InferenceMode g = new InferenceMode();
                Scope s = Scope.open()) {
            float[] actual = Tensors.toFloats(Tensors.to(m.logits(m.hidden(input(dtype))), DType.F32)); // [B, S, V]
            float[] expected = floats(goldenName);
            boolean[][] mask = ReferenceFixture.mask();
            int seq = mask[0].length;
            int vocab = m.config().text().vocabSize();
            int compared = 0;
            for (int b = 0; b < 2; b++) {
                for (int t = 0; t < seq; t++) {
                    if (!mask[b][t]) {
                        continue; // transformers' logits at padded positions are not defined by the model
                    }
                    int at = (b * seq + t) * vocab;
                    assertClose(
                            Arrays.copyOfRange(expected, at, at + vocab),
                            Arrays.copyOfRange(actual, at, at + vocab),
                            abs,
                            rel,
                            goldenName + " row " + b + " position " + t);
                    compared++;
                }
            }
            assertEquals(26 + 11, compared);
        }
    }

    private static ModelInput input(DType dtype) {
        Tensor pixels = Tensors.to(golden.copy("pixel_values"), dtype); // [patches, 1176]
        return new ModelInput(ReferenceFixture.ids(), ReferenceFixture.mask(), pixels, List.of(new ImageGrid(1, 6, 8)));
    }

    private static long[] flatten(long[][] rows) {
        return Arrays.stream(rows).flatMapToLong(Arrays::stream).toArray();
    }

    /** |a - e| <= abs + rel * |e| everywhere, and the values are not all zero (a vacuous match). */
    private static void assertClose(float[] expected, float[] actual, double abs, double rel, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = 0;
        double norm = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]) - rel * Math.abs(expected[i]);
            norm = Math.max(norm, Math.abs(expected[i]));
            if (err > worst) {
                worst = err;
                at = i;
            }
        }
        assertTrue(norm > 0.1, what + ": the reference is all near zero");
        assertTrue(
                worst <= abs,
                what + ": element " + at + " is " + (at < 0 ? 0 : actual[at]) + ", transformers gives "
                        + (at < 0 ? 0 : expected[at]) + " (excess " + worst + ")");
    }
}
