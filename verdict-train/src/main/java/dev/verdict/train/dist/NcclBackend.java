package dev.verdict.train.dist;

import java.time.Duration;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.Backend;
import org.bytedeco.pytorch.Store;
import org.bytedeco.pytorch.nccl.ProcessGroupNCCL;

/**
 * The NCCL process group, in a class of its own so that the CPU build never loads its native library (the CPU
 * presets do not ship {@code libjnitorch_nccl}). <b>Untested</b>: it compiles against the JavaCPP presets but has
 * not run on a GPU yet. Needs the {@code linux-x86_64-gpu} presets, CUDA and NCCL on the machine, and every
 * rank's tensors on its own GPU ({@code cuda:LOCAL_RANK}). NCCL's watchdog enforces the timeout itself (it may
 * abort the process instead of raising a {@link DistributedException}).
 */
final class NcclBackend {
    private NcclBackend() {}

    static Backend create(Store store, int rank, int worldSize, Duration timeout) {
        ProcessGroupNCCL.Options o = ProcessGroupNCCL.Options.create();
        o.timeout(new Milliseconds(timeout.toMillis()));
        return new ProcessGroupNCCL(store, rank, worldSize, o);
    }
}
