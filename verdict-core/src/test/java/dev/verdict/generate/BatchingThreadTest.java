package dev.verdict.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BatchingThreadTest {
    private final List<List<Integer>> calls = new CopyOnWriteArrayList<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(1);

    /**
     * Squares each input; an input of -1 fails the whole call; the first call says it has started, then waits for
     * the gate (so that the test can queue jobs while it runs).
     */
    private List<Integer> square(List<Integer> in) {
        if (calls.isEmpty()) {
            entered.countDown();
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        calls.add(in);
        if (in.contains(-1)) {
            throw new IllegalArgumentException("bad input");
        }
        return in.stream().map(x -> x * x).toList();
    }

    private BatchingThread<Integer, Integer> thread(int maxItems) {
        return new BatchingThread<>(
                "test",
                this::square,
                maxItems,
                Duration.ZERO,
                (n, out, s) -> {},
                () -> new IllegalStateException("closed"));
    }

    @Test
    void jobsQueuedWhileABatchRunsShareTheNextUpToTheLimit() throws Exception {
        try (BatchingThread<Integer, Integer> t = thread(4)) {
            CompletableFuture<List<Integer>> first = t.submit(List.of(1));
            assertTrue(entered.await(10, TimeUnit.SECONDS), "the first call started");
            CompletableFuture<List<Integer>> a = t.submit(List.of(2, 3));
            CompletableFuture<List<Integer>> b = t.submit(List.of(4));
            CompletableFuture<List<Integer>> c = t.submit(List.of(5, 6)); // would make 5 > 4: next batch
            gate.countDown();
            assertEquals(List.of(1), first.get());
            assertEquals(List.of(4, 9), a.get());
            assertEquals(List.of(16), b.get());
            assertEquals(List.of(25, 36), c.get());
            assertEquals(List.of(List.of(1), List.of(2, 3, 4), List.of(5, 6)), calls);
        }
    }

    @Test
    void aFailingBatchIsRetriedJobByJobSoOnlyTheBadJobFails() throws Exception {
        try (BatchingThread<Integer, Integer> t = thread(8)) {
            CompletableFuture<List<Integer>> first = t.submit(List.of(0));
            assertTrue(entered.await(10, TimeUnit.SECONDS), "the first call started");
            CompletableFuture<List<Integer>> good = t.submit(List.of(3));
            CompletableFuture<List<Integer>> bad = t.submit(List.of(-1));
            gate.countDown();
            first.get();
            assertEquals(List.of(9), good.get());
            ExecutionException e = assertThrows(ExecutionException.class, bad::get);
            assertInstanceOf(IllegalArgumentException.class, e.getCause());
        }
    }

    @Test
    void aClosedThreadRejectsNewJobsWithItsError() {
        gate.countDown();
        BatchingThread<Integer, Integer> t = thread(2);
        t.close();
        ExecutionException e = assertThrows(
                ExecutionException.class, () -> t.submit(List.of(1)).get());
        assertTrue(e.getCause().getMessage().contains("closed"));
    }
}
