package dev.verdict.train.algo;

import dev.verdict.tensor.Tensors;
import java.util.Arrays;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Action-mask helpers shared by the algorithm functions. A mask is {@code [B, T]}, bool or floating point, with
 * 1 / true on the positions whose token the policy generated (the response tokens, EOS included) and 0 / false
 * elsewhere (padding; excluded samples have an all-zero row).
 */
public final class Masks {
    private Masks() {}

    /**
     * The mask as a 0/1 tensor of {@code like}'s dtype and device.
     *
     * @param mask [B, T] bool or float
     * @param like any tensor whose dtype the result takes
     */
    public static Tensor asFloat(Tensor mask, Tensor like) {
        return mask.to(like.scalar_type()).ne(new Scalar(0)).to(like.scalar_type());
    }

    /**
     * The mask as bool.
     *
     * @param mask [B, T] bool or float
     */
    public static Tensor asBool(Tensor mask) {
        return mask.ne(new Scalar(0));
    }

    /**
     * Per-row action-token counts.
     *
     * @param mask [B, T]
     * @return [B] float64 counts
     */
    public static Tensor rowCounts(Tensor mask) {
        return asBool(mask).to(torch.ScalarType.Double).sum(new long[] {1}, false, new ScalarTypeOptional());
    }

    /**
     * {@code t} where the mask is set, exactly 0 elsewhere (also where {@code t} holds NaN or Inf in padding).
     *
     * @param t [B, T]
     * @param mask [B, T]
     */
    public static Tensor zeroOutside(Tensor t, Tensor mask) {
        return torch.where(asBool(mask), t, new Scalar(0.0));
    }

    /** The number of action tokens in {@code mask} ([B, T]). */
    public static long count(Tensor mask) {
        return (long) Tensors.item(asBool(mask).sum());
    }

    /** Fails unless {@code t} is 2-D with the same shape as {@code mask}. */
    static void checkSameShape(String what, Tensor t, Tensor mask) {
        long[] a = Tensors.shape(t);
        long[] m = Tensors.shape(mask);
        if (a.length != 2 || !Arrays.equals(a, m)) {
            throw new IllegalArgumentException(what + " must be [B, T] like the action mask " + Arrays.toString(m)
                    + ", got " + Arrays.toString(a));
        }
    }

    /** Fails unless {@code t} is 1-D of length {@code b}. */
    static void checkVector(String what, Tensor t, long b) {
        long[] a = Tensors.shape(t);
        if (a.length != 1 || a[0] != b) {
            throw new IllegalArgumentException(what + " must be [" + b + "], got " + Arrays.toString(a));
        }
    }

    static Scalar s(double v) {
        return new Scalar(v);
    }
}
