package dev.verdict.generate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One platform thread that owns a model and runs what callers queue in batches: it takes the first waiting job,
 * collects more for up to {@code wait} (at most {@code maxItems} inputs in all; a larger single job still runs
 * whole), and runs their inputs as one call. Outputs go back job by job, in input order. A failing batch is
 * retried job by job, so one bad input fails only its own job; nothing a job does stops the thread.
 *
 * @param <I> one input (a prompt)
 * @param <O> its output
 */
public final class BatchingThread<I, O> implements AutoCloseable {
    /** Told about every batch that ran. */
    public interface Observer<O> {
        /**
         * @param inputs inputs in the batch
         * @param outputs their outputs
         * @param seconds wall time of the call
         */
        void batch(int inputs, List<O> outputs, double seconds);

        /**
         * A call failed; a batch of several jobs is retried job by job after this.
         *
         * @param jobs jobs in the failed call
         */
        default void failed(int jobs, Throwable error) {}
    }

    private record Job<I, O>(List<I> inputs, CompletableFuture<List<O>> result) {}

    private final Function<List<I>, List<O>> run;
    private final int maxItems;
    private final long waitNanos;
    private final Observer<O> observer;
    private final Supplier<RuntimeException> closed;
    private final LinkedBlockingQueue<Job<I, O>> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean closing;

    /**
     * @param name the thread's name
     * @param run the batched call: one output per input, in order
     * @param maxItems most inputs per call
     * @param wait how long a batch waits for more jobs (zero: only those already queued)
     * @param observer told about every batch that ran
     * @param closed the error a job gets when it is submitted to, or left queued in, a closed thread
     */
    public BatchingThread(
            String name,
            Function<List<I>, List<O>> run,
            int maxItems,
            Duration wait,
            Observer<O> observer,
            Supplier<RuntimeException> closed) {
        if (maxItems < 1) {
            throw new IllegalArgumentException("maxItems must be >= 1, got " + maxItems);
        }
        this.run = run;
        this.maxItems = maxItems;
        this.waitNanos = wait.toNanos();
        this.observer = observer;
        this.closed = closed;
        this.worker = Thread.ofPlatform().name(name).daemon().start(this::loop);
    }

    /** Queues {@code inputs} as one job; the future completes with their outputs in order, or the call's error. */
    public CompletableFuture<List<O>> submit(List<I> inputs) {
        CompletableFuture<List<O>> f = new CompletableFuture<>();
        if (closing) {
            f.completeExceptionally(closed.get());
        } else {
            queue.add(new Job<>(List.copyOf(inputs), f));
        }
        return f;
    }

    /** Jobs waiting for the thread. */
    public int depth() {
        return queue.size();
    }

    private void loop() {
        while (true) {
            Job<I, O> first;
            try {
                first = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first == null) {
                if (closing) {
                    return;
                }
                continue;
            }
            runBatch(collect(first));
        }
    }

    /** The first job and more, until the input limit or the end of the wait window. */
    private List<Job<I, O>> collect(Job<I, O> first) {
        List<Job<I, O>> batch = new ArrayList<>(List.of(first));
        int n = first.inputs().size();
        long deadline = System.nanoTime() + waitNanos;
        while (n < maxItems) {
            Job<I, O> next = queue.peek();
            if (next == null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    next = queue.poll(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (next == null) {
                    break;
                }
                batch.add(next);
                n += next.inputs().size();
            } else if (n + next.inputs().size() <= maxItems) {
                batch.add(queue.poll());
                n += next.inputs().size();
            } else {
                break;
            }
        }
        return batch;
    }

    private void runBatch(List<Job<I, O>> batch) {
        List<I> all = new ArrayList<>();
        batch.forEach(j -> all.addAll(j.inputs()));
        long start = System.nanoTime();
        List<O> out;
        try {
            out = run.apply(all);
            if (out.size() != all.size()) {
                throw new IllegalStateException(out.size() + " outputs for " + all.size() + " inputs");
            }
        } catch (RuntimeException | Error e) {
            observer.failed(batch.size(), e);
            if (batch.size() == 1) {
                batch.getFirst().result().completeExceptionally(e);
            } else {
                batch.forEach(j -> runBatch(List.of(j)));
            }
            return;
        }
        observer.batch(all.size(), out, (System.nanoTime() - start) / 1e9);
        int at = 0;
        for (Job<I, O> j : batch) {
            j.result().complete(List.copyOf(out.subList(at, at + j.inputs().size())));
            at += j.inputs().size();
        }
    }

    /** Stops taking jobs, finishes the queued ones and stops the thread. */
    @Override
    public void close() {
        closing = true;
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Job<I, O> j = queue.poll(); j != null; j = queue.poll()) {
            j.result().completeExceptionally(closed.get());
        }
    }
}
