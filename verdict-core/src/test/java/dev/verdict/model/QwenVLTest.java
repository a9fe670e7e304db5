package dev.verdict.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.image.ImageGrid;
import dev.verdict.tensor.DType;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class QwenVLTest {

    private static float maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        float m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @Test
    void tinyPresetHasTheAdvertisedSize() {
        long n = ParamSpec.of(TestModels.tiny()).stream()
                .mapToLong(ParamSpec::numel)
                .sum();
        assertTrue(n >= 2_000_000 && n <= 5_000_000, "tiny has " + n + " parameters");
    }

    @Test
    void aWiderTiedEmbeddingCanExpressAConfidentToken() {
        ModelConfig c = TestModels.tiny();
        int d = c.text().hiddenSize();
        assertTrue(alignedLogit(c, ParamSpec.MATRIX_STD) < 5, "at 0.02 the logits stay small");
        assertTrue(alignedLogit(c, 1 / Math.sqrt(d)) > 10, "at 1/sqrt(d) a token can be confident");
    }

    /** The logit of token 9 for a final-norm output (norm sqrt(d)) pointing at its embedding row. */
    private static float alignedLogit(ModelConfig c, double embeddingStd) {
        int d = c.text().hiddenSize();
        try (QwenVL m = QwenVL.random(c, 5, embeddingStd);
                InferenceMode g = new InferenceMode();
                Scope s = Scope.open()) {
            Tensor rows = m.parameters().get("model.embed_tokens.weight"); // [V, D]
            assertEquals(embeddingStd, rows.std().item_double(), embeddingStd / 10, "embedding std");
            Tensor row = rows.select(0, 9); // [D]
            Tensor hidden = row.mul(new Scalar(Math.sqrt(d) / row.norm().item_double()));
            float[] logits = Tensors.toFloats(m.logits(hidden.view(1, d))); // [V]
            for (int v = 0; v < logits.length; v++) {
                assertTrue(v == 9 || logits[v] < logits[9], "token 9's own logit is the largest");
            }
            return logits[9];
        }
    }

    @Test
    void kvCachedDecodeEqualsTheUncachedForward() {
        Random r = new Random(1);
        ModelConfig c = TestModels.tiny();
        ImageGrid grid = new ImageGrid(1, 8, 8);
        try (QwenVL m = QwenVL.random(c, 3);
                InferenceMode g = new InferenceMode();
                Scope s = Scope.open()) {
            long[] full = TestModels.promptWithImage(r, 5, grid.mergedTokens(2), 9);
            Tensor pixels = TestModels.pixels(r, grid, c.vision().patchDim());
            float[] reference = Tensors.toFloats(
                    m.logits(m.hidden(new ModelInput(new long[][] {full}, null, pixels, List.of(grid)))));

            // prefill all but the last 4 tokens, then decode them one at a time
            int prefill = full.length - 4;
            long[] head = Arrays.copyOf(full, prefill);
            ModelInput in = new ModelInput(new long[][] {head}, null, pixels, List.of(grid));
            RopeIndex rope = m.ropeIndex(in);
            try (KvCache cache = m.newCache(1, full.length)) {
                Tensor h = m.step(m.embed(in), QwenVL.positionsTensor(rope.positions()), null, cache);
                float[] got = Tensors.toFloats(m.logits(h));
                int v = c.text().vocabSize();
                float[] expectHead = Arrays.copyOf(reference, prefill * v);
                assertTrue(maxAbsDiff(expectHead, got) < 1e-4, "prefill logits differ");
                for (int i = prefill; i < full.length; i++) {
                    long p = i + rope.deltas()[0];
                    Tensor pos = Tensors.ofLongs(new long[] {p, p, p}, 3, 1, 1);
                    Tensor step = m.step(m.embedIds(Tensors.ofLongs(new long[] {full[i]}, 1, 1)), pos, null, cache);
                    float[] row = Tensors.toFloats(m.logits(step));
                    float[] expect = Arrays.copyOfRange(reference, i * v, (i + 1) * v);
                    assertTrue(
                            maxAbsDiff(expect, row) < 1e-4,
                            "decode step " + i + " differs by " + maxAbsDiff(expect, row));
                }
            }
        }
    }

    @Test
    void leftPaddedBatchEqualsPromptsOneByOne() {
        Random r = new Random(2);
        ModelConfig c = TestModels.micro(DType.F32);
        ImageGrid g1 = new ImageGrid(1, 4, 4);
        ImageGrid g2 = new ImageGrid(1, 4, 8);
        try (QwenVL m = QwenVL.random(c, 5);
                InferenceMode g = new InferenceMode();
                Scope s = Scope.open()) {
            long[] a = TestModels.promptWithImage(r, 3, g1.mergedTokens(2), 4);
            long[] b = TestModels.promptWithImage(r, 1, g2.mergedTokens(2), 2);
            Tensor pa = TestModels.pixels(r, g1, c.vision().patchDim());
            Tensor pb = TestModels.pixels(r, g2, c.vision().patchDim());
            float[] la = Tensors.toFloats(m.logits(m.hidden(new ModelInput(new long[][] {a}, null, pa, List.of(g1)))));
            float[] lb = Tensors.toFloats(m.logits(m.hidden(new ModelInput(new long[][] {b}, null, pb, List.of(g2)))));

            int len = Math.max(a.length, b.length);
            long[][] ids = new long[2][len];
            boolean[][] mask = new boolean[2][len];
            for (int row = 0; row < 2; row++) {
                long[] src = row == 0 ? a : b;
                int pad = len - src.length;
                System.arraycopy(src, 0, ids[row], pad, src.length);
                Arrays.fill(mask[row], pad, len, true);
            }
            Tensor pixels = Tensors.cat(0, pa, pb);
            float[] batch = Tensors.toFloats(m.logits(m.hidden(new ModelInput(ids, mask, pixels, List.of(g1, g2)))));
            int v = c.text().vocabSize();
            float[] rowA = Arrays.copyOfRange(batch, (len - a.length) * v, len * v);
            float[] rowB = Arrays.copyOfRange(batch, len * v + (len - b.length) * v, 2 * len * v);
            assertTrue(maxAbsDiff(la, rowA) < 1e-4, "row 0 differs by " + maxAbsDiff(la, rowA));
            assertTrue(maxAbsDiff(lb, rowB) < 1e-4, "row 1 differs by " + maxAbsDiff(lb, rowB));
        }
    }

    @Test
    void imagesInABatchGetTheFeaturesTheyGetAlone() {
        Random r = new Random(4);
        ModelConfig c = TestModels.micro(DType.F32);
        // two images of one size (every window and image segment the same length: one batched attention), and one
        // with four windows whose full-attention segment is longer (segments of two lengths, gathered per length)
        List<ImageGrid> grids = List.of(new ImageGrid(1, 4, 4), new ImageGrid(1, 4, 4), new ImageGrid(1, 8, 8));
        try (QwenVL m = QwenVL.random(c, 6);
                InferenceMode g = new InferenceMode();
                Scope s = Scope.open()) {
            VisionTower tower = new VisionTower(c.vision(), m.parameters());
            List<Tensor> pixels = new ArrayList<>();
            List<float[]> alone = new ArrayList<>();
            for (ImageGrid grid : grids) {
                Tensor p = TestModels.pixels(r, grid, c.vision().patchDim());
                pixels.add(p);
                alone.add(Tensors.toFloats(tower.forward(p, List.of(grid))));
            }
            for (int n : new int[] {2, 3}) {
                float[] batch =
                        Tensors.toFloats(tower.forward(Tensors.cat(0, pixels.subList(0, n)), grids.subList(0, n)));
                int at = 0;
                for (int i = 0; i < n; i++) {
                    float[] rows = Arrays.copyOfRange(batch, at, at + alone.get(i).length);
                    assertTrue(
                            maxAbsDiff(alone.get(i), rows) < 1e-6,
                            n + " images: image " + i + " differs by " + maxAbsDiff(alone.get(i), rows));
                    at += alone.get(i).length;
                }
                assertEquals(batch.length, at);
            }
        }
    }

    @Test
    void imageFeaturesReachTheLogits() {
        Random r = new Random(3);
        ModelConfig c = TestModels.micro(DType.F32);
        ImageGrid grid = new ImageGrid(1, 4, 6);
        try (QwenVL m = QwenVL.random(c, 5);
                InferenceMode g = new InferenceMode();
                Scope s = Scope.open()) {
            long[] ids = TestModels.promptWithImage(r, 2, grid.mergedTokens(2), 3);
            float[] one = Tensors.toFloats(m.logits(m.hidden(
                    new ModelInput(new long[][] {ids}, null, TestModels.pixels(r, grid, 1176), List.of(grid)))));
            float[] two = Tensors.toFloats(m.logits(m.hidden(
                    new ModelInput(new long[][] {ids}, null, TestModels.pixels(r, grid, 1176), List.of(grid)))));
            int v = c.text().vocabSize();
            // the first 3 tokens precede the image: identical; the last token sees it: different
            assertArrayEquals(Arrays.copyOf(one, 3 * v), Arrays.copyOf(two, 3 * v));
            float[] lastOne = Arrays.copyOfRange(one, one.length - v, one.length);
            float[] lastTwo = Arrays.copyOfRange(two, two.length - v, two.length);
            assertTrue(maxAbsDiff(lastOne, lastTwo) > 1e-4);
        }
    }
}
