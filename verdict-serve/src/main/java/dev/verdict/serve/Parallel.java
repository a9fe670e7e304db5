package dev.verdict.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Runs independent judgments at once on virtual threads, so their prompts reach the batcher together. */
final class Parallel {
    private Parallel() {}

    /** {@code fn} applied to every item, results in order; the first failure is rethrown as it was. */
    static <T, R> List<R> map(List<T> items, Function<T, R> fn) {
        if (items.size() == 1) {
            return List.of(fn.apply(items.getFirst()));
        }
        try (ExecutorService exec = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<R>> futures = new ArrayList<>(items.size());
            for (T item : items) {
                futures.add(exec.submit(() -> fn.apply(item)));
            }
            List<R> out = new ArrayList<>(items.size());
            for (Future<R> f : futures) {
                out.add(await(f));
            }
            return out;
        }
    }

    private static <R> R await(Future<R> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "interrupted", null);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
