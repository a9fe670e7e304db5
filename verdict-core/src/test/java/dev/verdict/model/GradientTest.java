package dev.verdict.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.image.ImageGrid;
import dev.verdict.tensor.DType;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import java.util.List;
import java.util.Random;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/** Autograd through the whole model (vision tower, splice, M-RoPE decoder) against finite differences. */
class GradientTest {

    @Test
    void analyticGradientsMatchCentralDifferences() {
        Random r = new Random(4);
        ModelConfig c = TestModels.micro(DType.F64);
        ImageGrid grid = new ImageGrid(1, 4, 6);
        long[] ids = TestModels.promptWithImage(r, 2, grid.mergedTokens(2), 3);
        try (QwenVL m = QwenVL.random(c, 11);
                Scope s = Scope.open()) {
            Tensor pixels = TestModels.pixels(r, grid, 1176).to(DType.F64.scalarType());
            ModelInput in = new ModelInput(new long[][] {ids}, null, pixels, List.of(grid));
            Tensor probe =
                    Tensors.of(randoms(r, ids.length * 64), 1, ids.length, 64).to(DType.F64.scalarType());
            m.requiresGrad(true);
            Tensor loss = m.logits(m.hidden(in)).mul(probe).sum();
            loss.backward();
            String[] names = {
                "model.layers.1.self_attn.q_proj.weight",
                "model.layers.0.self_attn.k_proj.bias",
                "model.layers.0.mlp.down_proj.weight",
                "model.norm.weight",
                "visual.blocks.0.attn.qkv.weight",
                "visual.blocks.1.mlp.gate_proj.bias",
                "visual.merger.mlp.0.weight",
                "visual.patch_embed.proj.weight",
                "model.embed_tokens.weight",
                "lm_head.weight"
            };
            for (String name : names) {
                Tensor p = m.parameters().get(name);
                float[] grad = Tensors.toFloats(p.grad());
                for (int trial = 0; trial < 3; trial++) {
                    int idx = largestOrRandom(grad, r, trial);
                    double numeric = centralDifference(m, in, probe, p, idx);
                    double analytic = grad[idx];
                    double err = Math.abs(numeric - analytic) / Math.max(1e-6, Math.abs(numeric) + Math.abs(analytic));
                    assertTrue(err < 1e-4, name + "[" + idx + "]: analytic " + analytic + " vs numeric " + numeric);
                }
            }
        }
    }

    private static int largestOrRandom(float[] g, Random r, int trial) {
        if (trial > 0) {
            return r.nextInt(g.length);
        }
        int best = 0;
        for (int i = 1; i < g.length; i++) {
            if (Math.abs(g[i]) > Math.abs(g[best])) {
                best = i;
            }
        }
        return best;
    }

    private static double centralDifference(QwenVL m, ModelInput in, Tensor probe, Tensor p, int idx) {
        double eps = 1e-6;
        try (NoGradGuard ng = new NoGradGuard()) {
            Tensor cell = p.view(-1).narrow(0, idx, 1);
            cell.add_(new Scalar(eps));
            double plus = Tensors.item(m.logits(m.hidden(in)).mul(probe).sum());
            cell.add_(new Scalar(-2 * eps));
            double minus = Tensors.item(m.logits(m.hidden(in)).mul(probe).sum());
            cell.add_(new Scalar(eps));
            return (plus - minus) / (2 * eps);
        }
    }

    private static float[] randoms(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
