package dev.verdict.cli.bench;

import dev.verdict.tensor.DType;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import java.io.PrintStream;
import org.bytedeco.pytorch.MemoryFormatOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/** Dense matmul throughput (x·Wᵀ through linear, the op every model layer uses): the same-run peak. */
final class GemmBench {
    private GemmBench() {}

    /** Best GFLOP/s over square sizes for {@code dtype}. */
    static double peak(DType dtype, int[] sizes, PrintStream out) {
        double best = 0;
        for (int n : sizes) {
            double g = gflops(dtype, n);
            if (out != null) {
                out.printf("  %-5s %5d x %5d x %5d  %8.1f GFLOP/s%n", dtype, n, n, n, g);
            }
            best = Math.max(best, g);
        }
        return best;
    }

    static double gflops(DType dtype, int n) {
        try (Scope s = Scope.open()) {
            Tensor a =
                    torch.randn(new long[] {n, n}, Tensors.options(DType.F32)).to(dtype.scalarType());
            Tensor b =
                    torch.randn(new long[] {n, n}, Tensors.options(DType.F32)).to(dtype.scalarType());
            Tensor c = torch.empty(new long[] {n, n}, Tensors.options(dtype), new MemoryFormatOptional());
            int runs = n <= 512 ? 40 : n <= 1024 ? 15 : 5;
            double sec = Timing.median(2, runs, () -> torch.linear(a, b).close());
            return 2.0 * n * n * n / sec / 1e9;
        }
    }

    /** Bytes/s of copying a large float32 tensor (read + write counted). */
    static double copyBandwidth() {
        try (Scope s = Scope.open()) {
            long n = 64L << 20;
            Tensor src = torch.randn(new long[] {n}, Tensors.options(DType.F32));
            Tensor dst = torch.empty(new long[] {n}, Tensors.options(DType.F32), new MemoryFormatOptional());
            double sec = Timing.median(2, 7, () -> dst.copy_(src));
            return 2.0 * n * 4 / sec;
        }
    }
}
