package dev.verdict.tensor;

import org.bytedeco.pytorch.DoubleOptional;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorOptional;
import org.bytedeco.pytorch.global.torch;

/** The neural-network functions the Qwen2.5-VL family is made of, in the numerics Hugging Face uses. */
public final class Ops {
    private Ops() {}

    /**
     * y = x·Wᵀ + b.
     *
     * @param x [..., in]
     * @param weight [out, in]
     * @param bias [out], or null
     * @return [..., out]
     */
    public static Tensor linear(Tensor x, Tensor weight, Tensor bias) {
        long in = x.size(-1);
        if (x.numel() == in && x.dim() >= 1) {
            // one row (decoding at batch 1): a matrix-vector product reads the weights ~8x faster than a
            // one-row GEMM on CPU BLAS
            long[] shape = Tensors.shape(x);
            shape[shape.length - 1] = weight.size(0);
            Tensor y = torch.mv(weight, x.reshape(in));
            return (bias == null ? y : y.add(bias)).view(shape);
        }
        return bias == null ? torch.linear(x, weight) : torch.linear(x, weight, new TensorOptional(bias));
    }

    /**
     * RMSNorm as Hugging Face's Qwen2 computes it: mean of squares in float32, normalise, cast back to the
     * input dtype, then multiply by the weight.
     *
     * @param x [..., d]
     * @param weight [d]
     */
    public static Tensor rmsNorm(Tensor x, Tensor weight, double eps) {
        DType dtype = Tensors.dtype(x);
        if (dtype == DType.F32) {
            return torch.rms_norm(x, new long[] {x.size(-1)}, new TensorOptional(weight), new DoubleOptional(eps));
        }
        Tensor x32 = atLeastF32(x);
        Tensor var = x32.pow(new Scalar(2)).mean(new long[] {-1}, true, new ScalarTypeOptional());
        Tensor normed = x32.mul(var.add(new Scalar(eps)).rsqrt()).to(x.scalar_type());
        return normed.mul(weight);
    }

    /** {@code x} in float32 when it is a 16-bit float, else unchanged (float64 stays float64). */
    public static Tensor atLeastF32(Tensor x) {
        DType d = Tensors.dtype(x);
        return d == DType.BF16 || d == DType.F16 ? x.to(DType.F32.scalarType()) : x;
    }

    public static Tensor silu(Tensor x) {
        return torch.silu(x);
    }

    /** The exact (erf) GELU. */
    public static Tensor gelu(Tensor x) {
        return torch.gelu(x);
    }

    /** SwiGLU MLP: down(silu(gate(x)) * up(x)); biases may be null. x: [..., d] -> [..., d]. */
    public static Tensor swiGlu(
            Tensor x, Tensor gateW, Tensor gateB, Tensor upW, Tensor upB, Tensor downW, Tensor downB) {
        Tensor h = silu(linear(x, gateW, gateB)).mul(linear(x, upW, upB));
        return linear(h, downW, downB);
    }

    /** rotate_half(x) = concat(-x[d/2:], x[:d/2]) on the last dim. x: [..., d] -> [..., d]. */
    public static Tensor rotateHalf(Tensor x) {
        long half = x.size(-1) / 2;
        return Tensors.cat(-1, x.narrow(-1, half, half).neg(), x.narrow(-1, 0, half));
    }

    /**
     * Applies a rotary embedding: x·cos + rotate_half(x)·sin.
     *
     * @param x [B, heads, S, d]
     * @param cos [B, 1, S, d] (or broadcastable)
     * @param sin same shape as cos
     */
    public static Tensor applyRotary(Tensor x, Tensor cos, Tensor sin) {
        return x.mul(cos).add(rotateHalf(x).mul(sin));
    }

    /**
     * Fused scaled-dot-product attention.
     *
     * @param q [B, H, Sq, d]
     * @param k [B, Hkv, Sk, d] with H a multiple of Hkv (grouped-query attention: kv head j serves query
     *     heads j*H/Hkv .. (j+1)*H/Hkv - 1)
     * @param v [B, Hkv, Sk, d]
     * @param mask bool [B or 1, 1, Sq, Sk] with true = attend, or null
     * @param causal whether to apply a causal mask (only with a null mask)
     * @return [B, H, Sq, d]
     */
    public static Tensor attention(Tensor q, Tensor k, Tensor v, Tensor mask, boolean causal) {
        TensorOptional m = mask == null ? new TensorOptional() : new TensorOptional(mask);
        boolean gqa = k.size(1) != q.size(1);
        return torch.scaled_dot_product_attention(q, k, v, m, 0.0, causal, new DoubleOptional(), gqa);
    }

    public static Scalar s(double v) {
        return new Scalar(v);
    }
}
