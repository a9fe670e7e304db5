package dev.verdict.serve;

import dev.verdict.generate.BatchingThread;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dynamic batching: one model thread ({@link BatchingThread}) owns the {@link Engine}. It takes the first waiting
 * prompt, collects more for up to {@code wait} (at most {@code maxBatch} in all) and runs them in one batched call.
 * A batch that fails is retried one prompt at a time, so one bad prompt fails only its own request; nothing a
 * prompt does stops the thread. Every batch that runs is counted in {@link ServerMetrics}.
 */
public final class Batcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Batcher.class);

    private final BatchingThread<Engine.Prompt, Engine.Completion> thread;

    public Batcher(Engine engine, int maxBatch, Duration wait, ServerMetrics metrics) {
        this.thread = new BatchingThread<>(
                "verdict-model",
                prompts -> complete(engine, prompts),
                maxBatch,
                wait,
                new BatchingThread.Observer<>() {
                    @Override
                    public void batch(int inputs, List<Engine.Completion> outputs, double seconds) {
                        long tokens = outputs.stream()
                                .mapToLong(Engine.Completion::completionTokens)
                                .sum();
                        metrics.batch(inputs, tokens, seconds);
                    }

                    @Override
                    public void failed(int jobs, Throwable error) {
                        if (jobs > 1) {
                            LOG.warn(
                                    "a batch of {} failed ({}); retrying its prompts one by one",
                                    jobs,
                                    error.toString());
                        } else {
                            LOG.debug("generation failed", error);
                        }
                    }
                },
                () -> new ApiException(503, "the server is shutting down", null));
    }

    private static List<Engine.Completion> complete(Engine engine, List<Engine.Prompt> prompts) {
        List<Engine.Completion> out = engine.complete(prompts);
        if (out.size() != prompts.size()) {
            throw new IllegalStateException(
                    engine.name() + " returned " + out.size() + " completions for " + prompts.size() + " prompts");
        }
        return out;
    }

    /** Queues {@code prompts}; each future completes with its continuation or the engine's error. */
    public List<CompletableFuture<Engine.Completion>> submit(List<Engine.Prompt> prompts) {
        List<CompletableFuture<Engine.Completion>> out = new ArrayList<>(prompts.size());
        for (Engine.Prompt p : prompts) {
            out.add(thread.submit(List.of(p)).thenApply(List::getFirst));
        }
        return out;
    }

    /** Prompts waiting for the model thread. */
    public int depth() {
        return thread.depth();
    }

    /** Stops taking prompts, finishes the queued ones and stops the model thread. */
    @Override
    public void close() {
        thread.close();
    }
}
