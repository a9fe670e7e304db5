package dev.verdict.train.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import java.util.Map;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

class CellProbeTest {
    private static final long PAD = 6;

    @Test
    void theScalePenaltyIsTheSquaredLogRatioOfEachImageFeaturesRmsToTheTarget() {
        try (Scope s = Scope.open()) {
            // one row of 4 tokens, two of them image pads; D = 2
            float[] h = {9, 9, 3, 4, 7, 7, 0.5f, -0.5f};
            Tensor hidden = Tensors.of(h, 1, 4, 2).requires_grad_(true); // [B, S, D]
            long[][] ids = {{1, PAD, 2, PAD}};
            Tensor like = Tensors.of(new float[] {0}, 1);
            CellProbe probe = CellProbe.zeros(3, 2, like, 0.1);
            CellProbe.Losses l = probe.loss(hidden, ids, PAD, new long[] {1, 2});
            double rms1 = Math.sqrt((9.0 + 16.0) / 2);
            double rms2 = Math.sqrt((0.25 + 0.25) / 2);
            double expected = sq(Math.log(rms1 / 0.1)) + sq(Math.log(rms2 / 0.1));
            assertEquals(expected, Tensors.item(l.scale()), 1e-4);
            assertEquals(rms1 + rms2, Tensors.item(l.rmsSum()), 1e-4);
            assertEquals(2 * Math.log(3), Tensors.item(l.cells()), 1e-5, "a zero probe is uniform over 3 classes");

            l.scale().backward();
            float[] g = Tensors.toFloats(hidden.grad());
            // d/dx (ln rms - ln t)^2 = 2 (ln rms - ln t) x / (D rms^2): both features are above the target, so the
            // penalty pulls every entry towards zero; text tokens get nothing
            assertEquals(2 * Math.log(rms1 / 0.1) * 3 / (2 * rms1 * rms1), g[2], 1e-4);
            assertEquals(0.0, g[0], 0.0);
            assertEquals(0.0, g[4], 0.0);

            CellProbe off = CellProbe.zeros(3, 2, like, 0);
            assertEquals(
                    0.0,
                    Tensors.item(off.loss(hidden, ids, PAD, new long[] {1, 2}).scale()),
                    0.0);
        }
    }

    @Test
    void aConfidentlyWrongProbeCostsABoundedLoss() {
        try (Scope s = Scope.open()) {
            Tensor hidden = Tensors.of(new float[] {3, 0}, 1, 1, 2); // one image token along the first axis
            Tensor weight = Tensors.of(new float[] {1000, 0, 0, 1000, 0, 0}, 3, 2); // class 0 reads axis 0
            CellProbe probe = CellProbe.of(
                    Map.of(CellProbe.WEIGHT, weight, CellProbe.BIAS, Tensors.of(new float[3], 3)), 0, false);
            // raw logits (1414, 0, 0) on the normalised feature; capped: 10 tanh(141.4) = 10, 0, 0
            double wrong = Tensors.item(probe.loss(hidden, new long[][] {{PAD}}, PAD, new long[] {1})
                    .cells());
            assertEquals(Math.log(Math.exp(10) + 2) - 0, wrong, 1e-4, "the label's logit is 0, the top one 10");
            double right = Tensors.item(probe.loss(hidden, new long[][] {{PAD}}, PAD, new long[] {0})
                    .cells());
            assertEquals(Math.log(1 + 2 * Math.exp(-10)), right, 1e-5);
        }
    }

    private static double sq(double v) {
        return v * v;
    }

    @Test
    void aFixedProbeScoresTheCosineToEachPrototypeAndTrainsNothing() {
        try (Scope s = Scope.open()) {
            // prototypes along axis 0 (scaled: only the direction counts) and along axis 1
            Tensor prototypes = Tensors.of(new float[] {5, 0, 0, 0.5f}, 2, 2);
            CellProbe probe = CellProbe.fixed(prototypes, 0);
            assertTrue(probe.trainable().isEmpty(), "the optimizer gets none of its tensors");
            Tensor alongFirst = Tensors.of(new float[] {3, 0}, 1, 1, 2);
            // cosines (1, 0): logits 10 tanh(1) and 0 after the soft cap, the same for any feature length
            double capped = CellProbe.LOGIT_CAP * Math.tanh(CellProbe.PROTOTYPE_SCALE / CellProbe.LOGIT_CAP);
            double own = Tensors.item(probe.loss(alongFirst, new long[][] {{PAD}}, PAD, new long[] {0})
                    .cells());
            assertEquals(Math.log(1 + Math.exp(-capped)), own, 1e-4);
            double other = Tensors.item(probe.loss(alongFirst, new long[][] {{PAD}}, PAD, new long[] {1})
                    .cells());
            assertEquals(Math.log(1 + Math.exp(capped)), other, 1e-4);

            CellProbe restored = CellProbe.of(probe.tensors(), 0, true);
            assertTrue(restored.trainable().isEmpty(), "a restored fixed probe stays fixed");
        }
    }
}
