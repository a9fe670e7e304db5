package dev.verdict.train.dist;

import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * Flat buffers for the gradient buckets of one parameter list, allocated once and reused every step (a fresh
 * 100 MB buffer per step costs more in page faults than the copy itself). Kept outside any step scope.
 *
 * @param signature numel, dtype and device of each parameter, to notice a different parameter list
 * @param buckets the bucket plan
 * @param buffers one [bucket numel] buffer per bucket
 */
record BucketBuffers(List<String> signature, List<TensorBuckets.Bucket> buckets, List<Tensor> buffers)
        implements AutoCloseable {
    static BucketBuffers allocate(List<Tensor> params, long bucketBytes) {
        List<TensorBuckets.Bucket> plan = TensorBuckets.plan(params, bucketBytes);
        List<Tensor> buffers = new ArrayList<>();
        for (TensorBuckets.Bucket b : plan) {
            Tensor first = params.get(b.from());
            buffers.add(Scope.keep(torch.zeros(new long[] {b.numel()}, first.options())));
        }
        return new BucketBuffers(signature(params), plan, List.copyOf(buffers));
    }

    /** Whether these buffers match {@code params} (same count, sizes, dtypes and devices). */
    boolean fits(List<Tensor> params) {
        return signature.equals(signature(params));
    }

    private static List<String> signature(List<Tensor> params) {
        List<String> sig = new ArrayList<>(params.size());
        for (Tensor p : params) {
            sig.add(p.numel() + " " + Tensors.dtype(p) + "@" + p.device().str().getString());
        }
        return sig;
    }

    @Override
    public void close() {
        buffers.forEach(Tensor::deallocate);
    }
}
