package dev.verdict.cli.bench;

import dev.verdict.model.ModelConfig;
import dev.verdict.model.ParamSpec;
import dev.verdict.tensor.DType;
import dev.verdict.tensor.Device;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import dev.verdict.train.dist.Collective;
import dev.verdict.train.dist.Collectives;
import dev.verdict.train.dist.DistEnv;
import dev.verdict.train.dist.DistOptions;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.NoGradGuard;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * One rank of the gradient all-reduce benchmark: a model's full gradient set (random values, the parameters'
 * shapes) averaged across the ranks with {@link Collective#averageGradients}, i.e. flatten into buckets,
 * all-reduce SUM, divide, copy back, exactly as a data-parallel step does.
 */
final class AllReduceBench {
    /**
     * Rank 0's figures.
     *
     * @param seconds median wall time of one averageGradients call
     * @param localSeconds median time of the same packing, divide and copy back without any communication
     * @param bytes gradient bytes per rank
     * @param worldSize ranks
     */
    record Result(double seconds, double localSeconds, long bytes, int worldSize) {
        /** Gradient bytes per second ("algorithm bandwidth"). */
        double algorithmGbPerSecond() {
            return bytes / seconds / 1e9;
        }

        /** Algorithm bandwidth x 2(n-1)/n: the bytes each rank's link carries in a ring all-reduce. */
        double busGbPerSecond() {
            return algorithmGbPerSecond() * 2.0 * (worldSize - 1) / worldSize;
        }
    }

    private AllReduceBench() {}

    static Result run(DistEnv env, ModelConfig config, DistOptions options, int warmup, int runs) {
        torch.set_num_threads(Math.max(1, Runtime.getRuntime().availableProcessors() / env.worldSize()));
        List<Tensor> params = gradients(config, env.rank());
        long bytes =
                params.stream().mapToLong(p -> p.numel() * p.element_size()).sum();
        try (Collective c = Collectives.open(env, Device.CPU, options)) {
            c.barrier("bench allreduce: start");
            double seconds = Timing.median(warmup, runs, () -> {
                try (Scope s = Scope.open()) {
                    c.averageGradients(params, "bench allreduce: averageGradients");
                }
            });
            c.barrier("bench allreduce: end");
            Tensor flat = Tensors.zeros(DType.F32, bytes / 4);
            double local = Timing.median(warmup, runs, () -> packAndCopyBack(params, flat, c.worldSize()));
            return new Result(seconds, local, bytes, c.worldSize());
        }
    }

    static void print(PrintStream out, String preset, ModelConfig config, DistOptions options, Result r, int runs) {
        out.printf(
                "allreduce: preset %s, %,d parameters = %s of fp32 gradients per rank, %d ranks, Gloo, %s buckets%n",
                preset,
                ParamSpec.of(config).stream().mapToLong(ParamSpec::numel).sum(),
                Timing.mb(r.bytes()),
                r.worldSize(),
                Timing.mb(options.bucketBytes()));
        out.printf(
                "  averageGradients: %.1f ms/step (median of %d), algorithm bandwidth %.2f GB/s, bus bandwidth %.2f GB/s%n",
                r.seconds() * 1e3, runs, r.algorithmGbPerSecond(), r.busGbPerSecond());
        out.printf(
                "  of which copy into the bucket buffer + divide + copy back (timed alone, no communication): %.1f ms%n",
                r.localSeconds() * 1e3);
    }

    /**
     * The local part of averageGradients: copy into one reused flat buffer, divide, copy back.
     *
     * @param params fp32 tensors of any shape, each with a gradient of its shape
     * @param flat [total numel] fp32
     */
    private static void packAndCopyBack(List<Tensor> params, Tensor flat, int world) {
        try (Scope s = Scope.open();
                NoGradGuard ng = new NoGradGuard()) {
            long off = 0;
            for (Tensor p : params) {
                flat.narrow(0, off, p.numel()).copy_(p.grad().reshape(-1));
                off += p.numel();
            }
            flat.div_(new Scalar((double) world));
            off = 0;
            for (Tensor p : params) {
                p.grad().copy_(flat.narrow(0, off, p.numel()).view(p.grad().sizes()));
                off += p.numel();
            }
        }
    }

    /** One fp32 tensor per parameter, with a random gradient that differs by rank. */
    private static List<Tensor> gradients(ModelConfig config, int rank) {
        torch.manual_seed(17 + rank);
        List<Tensor> out = new ArrayList<>();
        for (ParamSpec p : ParamSpec.of(config)) {
            Tensor t = Tensors.zeros(DType.F32, p.shape()).requires_grad_(true);
            t.mutable_grad().put(torch.randn_like(t));
            out.add(t);
        }
        return out;
    }
}
