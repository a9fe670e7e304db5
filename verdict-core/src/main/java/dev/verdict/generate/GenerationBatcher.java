package dev.verdict.generate;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * Batches the generation calls of concurrent callers on one {@link BatchingThread} that owns the {@link Generator}:
 * each call queues its requests and waits; the thread runs everything queued at once (up to {@code maxRequests})
 * as one batched generation. A caller alone gets a batch of its own requests; callers that arrive while a batch
 * runs share the next one. Sampling stays per request (each request has its own seed), so results do not depend
 * on what else was in the batch beyond floating-point rounding. A failing batch is retried caller by caller, so
 * one bad prompt fails only its own call.
 */
public final class GenerationBatcher implements AutoCloseable {
    private final BatchingThread<GenerationRequest, Generation> thread;

    /** @param maxRequests most requests in one batched generation (a larger single call still runs whole) */
    public GenerationBatcher(Generator generator, int maxRequests) {
        this.thread = new BatchingThread<>(
                "verdict-generate",
                generator::generate,
                maxRequests,
                Duration.ZERO,
                (inputs, outputs, seconds) -> {},
                () -> new IllegalStateException("the generation batcher was closed"));
    }

    /** Generates {@code requests} (in order), batched with other callers' requests; blocks until done. */
    public List<Generation> generate(List<GenerationRequest> requests) {
        try {
            return thread.submit(requests).get();
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

    /** Finishes the queued calls and stops the generation thread. */
    @Override
    public void close() {
        thread.close();
    }
}
