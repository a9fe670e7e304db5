package dev.verdict.train.dist;

import dev.verdict.tensor.DType;
import dev.verdict.tensor.Device;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.chrono.Milliseconds;
import org.bytedeco.pytorch.AllreduceOptions;
import org.bytedeco.pytorch.Backend;
import org.bytedeco.pytorch.BarrierOptions;
import org.bytedeco.pytorch.BroadcastOptions;
import org.bytedeco.pytorch.Scalar;
import org.bytedeco.pytorch.TCPStore;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.TensorVector;
import org.bytedeco.pytorch.Work;

/**
 * A {@link Collective} over PyTorch's c10d: a {@code TCPStore} hosted by rank 0 for the rendezvous and a
 * {@code ProcessGroupGloo} for CPU tensors (tested: two JVMs on one host). For CUDA tensors it uses
 * {@code ProcessGroupNCCL} instead, which compiles but has <b>not run on a GPU yet</b>.
 *
 * <p>Every collective first writes "op number, stage" for this rank into the store; when a collective fails or
 * exceeds {@link DistOptions#timeout()}, the {@link DistributedException} names the stage and the ranks that never
 * got there (with where they were last seen), or says that rank 0's store is gone. After a failure the group is
 * unusable: every later call throws, and {@link #close()} leaves the native group to the process exit.
 *
 * <p>Not thread-safe: one trainer thread makes all calls, in the same order on every rank.
 */
public final class GlooCollective implements Collective {
    private final DistEnv env;
    private final Device device;
    private final DistOptions options;
    private final TCPStore store;
    private final Backend group;
    private final ArrivalBoard board;
    /** Reusable flat gradient buffers of the last parameter list (no page faults for fresh memory each step). */
    private BucketBuffers gradBuffers;

    private long op;
    private DistributedException failure;
    private boolean closed;

    private GlooCollective(
            DistEnv env, Device device, DistOptions options, TCPStore store, Backend group, ArrivalBoard board) {
        this.env = env;
        this.device = device;
        this.options = options;
        this.store = store;
        this.group = group;
        this.board = board;
    }

    /**
     * Joins the group: rank 0 hosts the store; every rank then waits (up to the timeout) for all the others.
     *
     * @param device where the tensors passed to this collective live (CPU: Gloo; CUDA: NCCL)
     * @throws DistributedException when the store cannot be reached or a rank does not join in time
     */
    public static GlooCollective connect(DistEnv env, Device device, DistOptions options) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(options, "options");
        TCPStore store;
        try {
            store = Scope.keep(Backends.store(env, options.timeout()));
        } catch (RuntimeException e) {
            String what = env.rank() == 0 ? "host" : "reach";
            throw new DistributedException(
                    "rank " + env.rank() + " could not " + what + " the rendezvous store at " + env.masterAddr() + ":"
                            + env.masterPort() + " within " + options.timeoutText()
                            + " (is rank 0 running, with the same MASTER_ADDR/MASTER_PORT everywhere?) ["
                            + Failures.brief(e) + "]",
                    "rendezvous",
                    env.rank() == 0 ? List.of() : List.of(0),
                    e);
        }
        ArrivalBoard board = new ArrivalBoard(store, env.rank(), env.worldSize());
        try {
            board.arrive(0, "rendezvous");
            Backend group = Scope.keep(Backends.processGroup(store, env, device, options.timeout()));
            return new GlooCollective(env, device, options, store, group, board);
        } catch (RuntimeException e) {
            throw Failures.of(env, board, 0, "rendezvous", "within " + options.timeoutText(), e);
        }
    }

    @Override
    public int rank() {
        return env.rank();
    }

    @Override
    public int worldSize() {
        return env.worldSize();
    }

    /** The settings this group runs with. */
    public DistOptions options() {
        return options;
    }

    @Override
    public double[] allReduceSum(double[] values, String stage) {
        if (values.length == 0) {
            return new double[0];
        }
        try (PointerScope s = new PointerScope()) {
            Tensor cpu = Tensors.empty(DType.F64, Device.CPU, values.length);
            new DoublePointer(cpu.data_ptr()).put(values);
            Tensor t = device.kind() == Device.Kind.CPU ? cpu : cpu.to(device.toTorch(), cpu.scalar_type());
            run(stage, g -> List.of(g.allreduce(new TensorVector(t), new AllreduceOptions())));
            Tensor back = t.cpu().contiguous();
            double[] out = new double[values.length];
            new DoublePointer(back.data_ptr()).get(out);
            return out;
        }
    }

    @Override
    public void averageGradients(List<Tensor> parameters, String stage) {
        try (PointerScope s = new PointerScope()) {
            if (gradBuffers == null || !gradBuffers.fits(parameters)) {
                if (gradBuffers != null) {
                    gradBuffers.close();
                }
                gradBuffers = BucketBuffers.allocate(parameters, options.bucketBytes());
            }
            List<TensorBuckets.Bucket> buckets = gradBuffers.buckets();
            List<Tensor> flats = gradBuffers.buffers();
            for (int i = 0; i < buckets.size(); i++) {
                TensorBuckets.packGrads(parameters, buckets.get(i), flats.get(i));
            }
            run(stage, g -> issueEach(flats, f -> g.allreduce(new TensorVector(f), new AllreduceOptions())));
            Scalar world = new Scalar((double) env.worldSize());
            for (int i = 0; i < buckets.size(); i++) {
                TensorBuckets.unflattenGrads(
                        parameters, buckets.get(i), flats.get(i).div_(world));
            }
        }
    }

    @Override
    public void broadcast(List<Tensor> tensors, String stage) {
        try (PointerScope s = new PointerScope()) {
            List<TensorBuckets.Bucket> buckets = TensorBuckets.plan(tensors, options.bucketBytes());
            List<Tensor> flats = new ArrayList<>();
            for (TensorBuckets.Bucket b : buckets) {
                flats.add(TensorBuckets.flattenValues(tensors, b));
            }
            run(stage, g -> issueEach(flats, f -> g.broadcast(new TensorVector(f), fromRankZero())));
            if (env.rank() != 0) {
                for (int i = 0; i < buckets.size(); i++) {
                    TensorBuckets.unflattenValues(tensors, buckets.get(i), flats.get(i));
                }
            }
        }
    }

    @Override
    public void barrier(String stage) {
        try (PointerScope s = new PointerScope()) {
            run(stage, g -> List.of(g.barrier(new BarrierOptions())));
        }
    }

    /** Frees the process group and the store (rank 0's store stops serving); call after a final barrier. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (failure == null) {
            if (gradBuffers != null) {
                gradBuffers.close();
            }
            group.deallocate();
            store.deallocate();
        }
    }

    private static BroadcastOptions fromRankZero() {
        return new BroadcastOptions().rootRank(0).rootTensor(0);
    }

    private static List<Work> issueEach(List<Tensor> flats, Function<Tensor, Work> issue) {
        List<Work> works = new ArrayList<>();
        for (Tensor f : flats) {
            works.add(issue.apply(f));
        }
        return works;
    }

    /** Marks the arrival, issues the work and waits for it within the timeout; any failure becomes fatal. */
    private void run(String stage, Function<Backend, List<Work>> issue) {
        if (closed) {
            throw new IllegalStateException("collective is closed ('" + stage + "')");
        }
        if (failure != null) {
            throw new DistributedException(
                    "an earlier collective failed: " + failure.getMessage(), stage, failure.missingRanks(), failure);
        }
        long n = ++op;
        try {
            board.arrive(n, stage);
        } catch (RuntimeException e) {
            throw fail(Failures.storeUnreachable(env, stage, Failures.brief(e), e));
        }
        long start = System.nanoTime();
        try {
            long deadline = start + options.timeout().toNanos();
            for (Work w : issue.apply(group)) {
                long leftMs = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
                if (!w._wait(new Milliseconds(leftMs))) {
                    throw new IllegalStateException("operation timed out");
                }
            }
        } catch (RuntimeException e) {
            boolean timedOut = System.nanoTime() - start >= options.timeout().toNanos() * 0.95
                    || Failures.brief(e).toLowerCase(Locale.ROOT).contains("timed out");
            String within = timedOut ? "within " + options.timeoutText() : "";
            throw fail(Failures.of(env, board, n, stage, within, e));
        }
    }

    private DistributedException fail(DistributedException e) {
        failure = e;
        return e;
    }
}
