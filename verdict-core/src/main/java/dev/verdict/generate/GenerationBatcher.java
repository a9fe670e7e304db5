package dev.verdict.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Batches the generation calls of concurrent callers: one platform thread owns the {@link Generator}; each call
 * queues its requests and waits, and the thread runs everything queued at once (up to {@code maxRequests}) as one
 * batched generation. A caller alone gets a batch of its own requests; callers that arrive while a batch runs
 * share the next one. Sampling stays per request (each request has its own seed), so results do not depend on
 * what else was in the batch beyond floating-point rounding. A failing batch is retried caller by caller, so one
 * bad prompt fails only its own call.
 */
public final class GenerationBatcher implements AutoCloseable {
    private final Generator generator;
    private final int maxRequests;
    private final LinkedBlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private volatile boolean closing;

    private record Job(List<GenerationRequest> requests, CompletableFuture<List<Generation>> result) {}

    /** @param maxRequests most requests in one batched generation (a larger single call still runs whole) */
    public GenerationBatcher(Generator generator, int maxRequests) {
        if (maxRequests < 1) {
            throw new IllegalArgumentException("maxRequests must be >= 1, got " + maxRequests);
        }
        this.generator = generator;
        this.maxRequests = maxRequests;
        this.worker = Thread.ofPlatform().name("verdict-generate").daemon().start(this::loop);
    }

    /** Generates {@code requests} (in order), batched with other callers' requests; blocks until done. */
    public List<Generation> generate(List<GenerationRequest> requests) {
        if (closing) {
            throw new IllegalStateException("the generation batcher is closed");
        }
        CompletableFuture<List<Generation>> f = new CompletableFuture<>();
        queue.add(new Job(List.copyOf(requests), f));
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for generation", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void loop() {
        while (!closing || !queue.isEmpty()) {
            Job first;
            try {
                first = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (first != null) {
                run(collect(first));
            }
        }
    }

    /** The first job and whatever else is already waiting, up to the request limit. */
    private List<Job> collect(Job first) {
        List<Job> batch = new ArrayList<>(List.of(first));
        int n = first.requests().size();
        Job next = queue.peek();
        while (next != null && n + next.requests().size() <= maxRequests) {
            batch.add(queue.poll());
            n += next.requests().size();
            next = queue.peek();
        }
        return batch;
    }

    private void run(List<Job> batch) {
        List<GenerationRequest> all = new ArrayList<>();
        batch.forEach(j -> all.addAll(j.requests()));
        List<Generation> out;
        try {
            out = generator.generate(all);
        } catch (RuntimeException | Error e) {
            if (batch.size() == 1) {
                batch.getFirst().result().completeExceptionally(e);
            } else {
                batch.forEach(j -> run(List.of(j)));
            }
            return;
        }
        int at = 0;
        for (Job j : batch) {
            j.result().complete(List.copyOf(out.subList(at, at + j.requests().size())));
            at += j.requests().size();
        }
    }

    /** Finishes the queued calls and stops the generation thread. */
    @Override
    public void close() {
        closing = true;
        try {
            worker.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Job j = queue.poll(); j != null; j = queue.poll()) {
            j.result().completeExceptionally(new IllegalStateException("the generation batcher was closed"));
        }
    }
}
