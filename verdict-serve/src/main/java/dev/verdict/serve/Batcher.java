package dev.verdict.serve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic batching: one model thread owns the {@link Engine}. It takes the first waiting prompt, collects more
 * for up to {@code wait} (at most {@code maxBatch} in all) and runs them in one batched call. A batch that fails
 * is retried one prompt at a time, so one bad prompt fails only its own request; nothing a prompt does stops the
 * thread.
 */
public final class Batcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);

    private final Engine engine;
    private final int maxBatch;
    private final long waitNanos;
    private final Metrics metrics;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean closing;

    private record Job(Engine.Prompt prompt, CompletableFuture<Engine.Completion> result) {}

    public Batcher(Engine engine, int maxBatch, Duration wait, Metrics metrics) {
        this.engine = engine;
        this.maxBatch = maxBatch;
        this.waitNanos = wait.toNanos();
        this.metrics = metrics;
        this.worker = Thread.ofPlatform().name("verdict-model").daemon().start(this::loop);
    }

    /** Queues {@code prompts}; each future completes with its continuation or the engine's error. */
    public List<CompletableFuture<Engine.Completion>> submit(List<Engine.Prompt> prompts) {
        List<CompletableFuture<Engine.Completion>> out = new ArrayList<>(prompts.size());
        for (Engine.Prompt p : prompts) {
            CompletableFuture<Engine.Completion> f = new CompletableFuture<>();
            if (closing) {
                f.completeExceptionally(new ApiException(503, "the server is shutting down", null));
            } else {
                queue.add(new Job(p, f));
            }
            out.add(f);
        }
        return out;
    }

    /** Prompts waiting for the model thread. */
    public int depth() {
        return queue.size();
    }

    private void loop() {
        while (true) {
            Job first;
            try {
                first = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (first == null) {
                if (closing) {
                    break;
                }
                continue;
            }
            run(collect(first));
        }
    }

    private List<Job> collect(Job first) {
        List<Job> batch = new ArrayList<>(maxBatch);
        batch.add(first);
        long deadline = System.nanoTime() + waitNanos;
        while (batch.size() < maxBatch) {
            long left = deadline - System.nanoTime();
            Job next;
            try {
                next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            if (next == null) {
                break;
            }
            batch.add(next);
        }
        return batch;
    }

    private void run(List<Job> batch) {
        long start = System.nanoTime();
        List<Engine.Completion> out;
        try {
            out = engine.complete(batch.stream().map(Job::prompt).toList());
            if (out.size() != batch.size()) {
                throw new IllegalStateException(
                        engine.name() + " returned " + out.size() + " completions for " + batch.size() + " prompts");
            }
        } catch (Throwable t) {
            if (batch.size() == 1) {
                LOG.debug("generation failed", t);
                batch.getFirst().result().completeExceptionally(t);
            } else {
                LOG.warn("a batch of {} failed ({}); retrying its prompts one by one", batch.size(), t.toString());
                for (Job j : batch) {
                    run(List.of(j));
                }
            }
            return;
        }
        long tokens =
                out.stream().mapToLong(Engine.Completion::completionTokens).sum();
        metrics.batch(batch.size(), tokens, (System.nanoTime() - start) / 1e9);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(out.get(i));
        }
    }

    /** Stops taking prompts, finishes the queued ones and stops the model thread. */
    @Override
    public void close() {
        closing = true;
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Job j = queue.poll(); j != null; j = queue.poll()) {
            j.result().completeExceptionally(new ApiException(503, "the server is shutting down", null));
        }
    }
}
