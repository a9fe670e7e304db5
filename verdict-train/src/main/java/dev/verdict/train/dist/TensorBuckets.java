package dev.verdict.train.dist;

import dev.verdict.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Tensor;

/**
 * Packs a list of tensors (or their gradients) into a few flat buffers, so that a collective runs on a handful
 * of large messages instead of hundreds of small ones, and unpacks the result. A bucket holds consecutive
 * tensors of one dtype and device, up to about {@code bucketBytes} (a single larger tensor gets its own bucket).
 */
final class TensorBuckets {
    /**
     * Tensors {@code [from, to)} of the list, {@code numel} elements in all.
     *
     * @param from first index
     * @param to index after the last
     * @param numel total elements
     */
    record Bucket(int from, int to, long numel) {}

    private TensorBuckets() {}

    /**
     * Plans buckets from sizes alone (pure).
     *
     * @param numels elements of each tensor
     * @param elementBytes bytes per element of each tensor
     * @param kinds dtype and device of each tensor: a bucket never mixes kinds
     */
    static List<Bucket> plan(long[] numels, long[] elementBytes, String[] kinds, long bucketBytes) {
        List<Bucket> out = new ArrayList<>();
        int from = 0;
        long bytes = 0;
        long numel = 0;
        for (int i = 0; i < numels.length; i++) {
            long b = numels[i] * elementBytes[i];
            boolean split = i > from && (!kinds[i].equals(kinds[from]) || bytes + b > bucketBytes);
            if (split) {
                out.add(new Bucket(from, i, numel));
                from = i;
                bytes = 0;
                numel = 0;
            }
            bytes += b;
            numel += numels[i];
        }
        if (numels.length > from) {
            out.add(new Bucket(from, numels.length, numel));
        }
        return out;
    }

    /** Plans buckets for these tensors. */
    static List<Bucket> plan(List<Tensor> tensors, long bucketBytes) {
        int n = tensors.size();
        long[] numels = new long[n];
        long[] elem = new long[n];
        String[] kinds = new String[n];
        for (int i = 0; i < n; i++) {
            Tensor t = tensors.get(i);
            numels[i] = t.numel();
            elem[i] = t.element_size();
            kinds[i] = Tensors.dtype(t) + "@" + t.device().str().getString();
        }
        return plan(numels, elem, kinds, bucketBytes);
    }

    /**
     * Copies the bucket's gradients into {@code flat} (a parameter without a gradient contributes zeros).
     *
     * @param flat [numel] contiguous buffer of the parameters' dtype and device, reused across steps
     */
    static void packGrads(List<Tensor> params, Bucket b, Tensor flat) {
        try (NoGradGuard ng = new NoGradGuard()) {
            long off = 0;
            for (int i = b.from(); i < b.to(); i++) {
                Tensor p = params.get(i);
                long n = p.numel();
                Tensor dst = flat.narrow(0, off, n);
                Tensor g = p.grad();
                if (g.defined()) {
                    dst.copy_(g.reshape(-1));
                } else {
                    dst.zero_();
                }
                off += n;
            }
        }
    }

    /**
     * The bucket's tensor values in one new buffer.
     *
     * @return [numel] contiguous
     */
    static Tensor flattenValues(List<Tensor> tensors, Bucket b) {
        List<Tensor> parts = new ArrayList<>();
        for (int i = b.from(); i < b.to(); i++) {
            parts.add(tensors.get(i).detach().reshape(-1));
        }
        return Tensors.cat(0, parts);
    }

    /**
     * Writes slices of {@code flat} into the parameters' gradients, creating a gradient where there was none.
     *
     * @param flat [numel] as filled by {@link #packGrads}
     */
    static void unflattenGrads(List<Tensor> params, Bucket b, Tensor flat) {
        try (NoGradGuard ng = new NoGradGuard()) {
            long off = 0;
            for (int i = b.from(); i < b.to(); i++) {
                Tensor p = params.get(i);
                long n = p.numel();
                Tensor slice = flat.narrow(0, off, n).view(Tensors.shape(p));
                Tensor g = p.grad();
                if (g.defined()) {
                    g.copy_(slice);
                } else {
                    p.mutable_grad().put(slice.clone());
                }
                off += n;
            }
        }
    }

    /**
     * Writes slices of {@code flat} into the tensors themselves (no autograd record).
     *
     * @param flat [numel] as made by {@link #flattenValues}
     */
    static void unflattenValues(List<Tensor> tensors, Bucket b, Tensor flat) {
        try (NoGradGuard ng = new NoGradGuard()) {
            long off = 0;
            for (int i = b.from(); i < b.to(); i++) {
                Tensor t = tensors.get(i);
                long n = t.numel();
                t.copy_(flat.narrow(0, off, n).view(Tensors.shape(t)));
                off += n;
            }
        }
    }
}
