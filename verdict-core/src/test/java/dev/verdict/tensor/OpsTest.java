package dev.verdict.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.bytedeco.pytorch.LongOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;
import org.junit.jupiter.api.Test;

/** The fast paths of {@link Ops} against the plain formulation. */
class OpsTest {
    private static float maxDiff(Tensor a, Tensor b) {
        float[] x = Tensors.toFloats(a);
        float[] y = Tensors.toFloats(b);
        float m = 0;
        for (int i = 0; i < x.length; i++) {
            m = Math.max(m, Math.abs(x[i] - y[i]));
        }
        return m;
    }

    @Test
    void oneRowLinearMatchesTheGemmPathWithAndWithoutBias() {
        torch.manual_seed(1);
        Tensor w = torch.randn(7, 5);
        Tensor b = torch.randn(7);
        Tensor x = torch.randn(1, 1, 5);
        Tensor ref = torch.linear(x.expand(2, 1, 5), w, new TensorOptional(b)).narrow(0, 0, 1);
        Tensor got = Ops.linear(x, w, b);
        assertArrayEquals(new long[] {1, 1, 7}, Tensors.shape(got));
        assertTrue(maxDiff(ref, got) < 1e-5);
        assertTrue(maxDiff(torch.linear(x.expand(2, 1, 5), w).narrow(0, 0, 1), Ops.linear(x, w, null)) < 1e-5);
    }

    @Test
    void groupedQueryAttentionRepeatsEachKvHeadForItsQueryGroup() {
        torch.manual_seed(2);
        Tensor q = torch.randn(2, 6, 5, 8);
        Tensor k = torch.randn(2, 2, 5, 8);
        Tensor v = torch.randn(2, 2, 5, 8);
        Tensor kr = k.repeat_interleave(3, new LongOptional(1), new LongOptional());
        Tensor vr = v.repeat_interleave(3, new LongOptional(1), new LongOptional());
        assertTrue(maxDiff(Ops.attention(q, kr, vr, null, true), Ops.attention(q, k, v, null, true)) < 1e-5);
        Tensor mask = torch.rand(2, 1, 5, 5)
                .gt(new Scalar(0.3))
                .logical_or(torch.eye(5).to(DType.BOOL.scalarType()));
        assertTrue(maxDiff(Ops.attention(q, kr, vr, mask, false), Ops.attention(q, k, v, mask, false)) < 1e-5);
    }
}
