package dev.verdict.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.tensor.DType;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import dev.verdict.train.config.OptimConfig;
import dev.verdict.train.dist.Collective;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Mixed precision against fp32 at the recipes' learning rates: the same gradients, ten AdamW steps at lr 1e-6. The
 * fp32 master weights of a bf16 model move as an fp32 model's weights do; pure bf16 weights do not move at all.
 */
class TrainOptimizerTest {
    private static final int N = 512;
    private static final int STEPS = 10;
    private static final OptimConfig LR_1E_6 = new OptimConfig(1e-6, 1e-6, 0, 0.0, 0.9, 0.95, 1e-8, 0.0);

    /** The weights after training and how many master weights the optimizer kept. */
    private record Trained(float[] weights, int masters) {}

    /** Weights of about 0.02, each exactly representable in bf16. */
    private static float[] weights() {
        Random r = new Random(5);
        float[] w = new float[N];
        for (int i = 0; i < N; i++) {
            w[i] = (float) (0.02 * (1 + r.nextGaussian() * 0.1));
        }
        return Tensors.toFloats(Tensors.of(w, N).to(DType.BF16.scalarType()).to(DType.F32.scalarType()));
    }

    /** Ten steps with the gradient {@code grad} on a parameter of {@code dtype}. */
    private static Trained train(float[] start, float[] grad, DType dtype, boolean masters) {
        Tensor p = Tensors.of(start, N).to(dtype.scalarType()).requires_grad_(true);
        try (TrainOptimizer opt = new TrainOptimizer(List.of(p), LR_1E_6, STEPS, masters)) {
            for (int s = 0; s < STEPS; s++) {
                try (Scope sc = Scope.open()) {
                    p.mul(Tensors.of(grad, N).to(dtype.scalarType())).sum().backward();
                }
                assertTrue(opt.step(s, Collective.LOCAL, "test").applied());
            }
            Map<String, Tensor> kept = opt.masterTensors();
            Tensor moved = masters ? kept.get(TrainOptimizer.MASTER + 0) : p;
            return new Trained(Tensors.toFloats(moved.detach().to(DType.F32.scalarType())), kept.size());
        }
    }

    @Test
    void masterWeightsMoveLikeFp32AtLearningRate1e6AndPureBf16DoesNot() {
        float[] start = weights();
        float[] grad = new float[N];
        Random r = new Random(6);
        for (int i = 0; i < N; i++) {
            grad[i] = (float) (r.nextGaussian() * 1e-3);
        }
        float[] fp32 = train(start, grad, DType.F32, false).weights();
        Trained mixed = train(start, grad, DType.BF16, true);
        float[] pure = train(start, grad, DType.BF16, false).weights();
        double err = 0;
        double size = 0;
        double pureMoved = 0;
        for (int i = 0; i < N; i++) {
            double d32 = fp32[i] - start[i];
            err += Math.abs((mixed.weights()[i] - start[i]) - d32);
            size += Math.abs(d32);
            pureMoved += Math.abs(pure[i] - start[i]);
        }
        assertTrue(size > N * 5e-6, "AdamW moved each fp32 weight by about 10 x 1e-6: " + size / N);
        assertTrue(err / size < 0.01, "relative error of the master weights' update: " + err / size);
        assertEquals(0.0, pureMoved, "pure bf16 rounds every update of 1e-6 at 0.02 away");
        assertEquals(1, mixed.masters(), "one master weight per trainable parameter");
    }
}
