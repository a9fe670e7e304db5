package dev.verdict.serve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Submits prompts to the batcher and waits for them, turning engine failures into API errors. */
final class Completions {
    private static final Logger LOG = LoggerFactory.getLogger(Completions.class);
    private final Batcher batcher;
    private final Duration timeout;

    Completions(Batcher batcher, Duration timeout) {
        this.batcher = batcher;
        this.timeout = timeout;
    }

    /** The continuations of {@code prompts}, in order. */
    List<Engine.Completion> run(List<Engine.Prompt> prompts) {
        List<CompletableFuture<Engine.Completion>> futures = batcher.submit(prompts);
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Engine.Completion> out = new ArrayList<>(futures.size());
        for (CompletableFuture<Engine.Completion> f : futures) {
            out.add(await(f, deadline));
        }
        return out;
    }

    private static Engine.Completion await(CompletableFuture<Engine.Completion> f, long deadline) {
        try {
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ApiException(504, "the model did not answer in time", null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted while waiting for the model", null);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof ApiException a) {
                throw a;
            }
            if (c instanceof IllegalArgumentException bad) {
                throw ApiException.badRequest(null, bad.getMessage());
            }
            LOG.warn("generation failed", c);
            throw new ApiException(
                    500,
                    "generation failed (" + c.getClass().getSimpleName() + "); the server log has the details",
                    null);
        }
    }
}
