package dev.verdict.train.curate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.lifecycle.StopRequest;
import dev.verdict.lifecycle.StoppedException;
import dev.verdict.train.run.JsonlWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Runs the work of each item, sequentially (a local model) or {@code concurrency} at a time on virtual threads
 * (a remote judge). An exception from one item is that item's error: it goes to the errors file (id, location,
 * message) and is counted; once the errors exceed {@code maxErrorShare} of the items of the run, no further item
 * is started (those in flight finish) and the result says so.
 */
final class ItemRunner {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ERRORS_SHOWN = 5;

    /** The work on one item; it writes its own results. */
    interface Work {
        void accept(PairFiles.Item item);
    }

    /**
     * @param errors items that failed
     * @param stopped whether the error share stopped the run
     * @param firstError the first error message, or empty
     */
    record Result(int errors, boolean stopped, String firstError) {}

    private final int concurrency;
    private final double maxErrorShare;
    private final JsonlWriter errorSink;
    private final Consumer<String> log;

    ItemRunner(int concurrency, double maxErrorShare, JsonlWriter errorSink, Consumer<String> log) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        }
        if (!(maxErrorShare >= 0 && maxErrorShare <= 1)) {
            throw new IllegalArgumentException("the error share must be in [0, 1], got " + maxErrorShare);
        }
        this.concurrency = concurrency;
        this.maxErrorShare = maxErrorShare;
        this.errorSink = errorSink;
        this.log = log;
    }

    Result run(List<PairFiles.Item> items, Work work) {
        State state = new State(maxErrorShare * items.size(), items.size());
        try (StopRequest.Section polling = StopRequest.polling()) {
            runAll(items, work, state);
        }
        if (state.stopped.get() != null) {
            throw new StoppedException(state.stopped.get().getMessage()
                    + "; the items finished so far are written, and the same command with --resume continues");
        }
        return new Result(state.errors.get(), state.stop.get(), state.firstError.get());
    }

    private void runAll(List<PairFiles.Item> items, Work work, State state) {
        if (concurrency == 1) {
            for (PairFiles.Item item : items) {
                if (state.stop.get() || signalled(state)) {
                    break;
                }
                one(item, work, state);
            }
        } else {
            runConcurrently(items, work, state);
        }
    }

    private void runConcurrently(List<PairFiles.Item> items, Work work, State state) {
        Semaphore slots = new Semaphore(concurrency);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (PairFiles.Item item : items) {
                slots.acquire();
                if (state.stop.get() || signalled(state)) {
                    slots.release();
                    break;
                }
                pool.execute(() -> {
                    try {
                        one(item, work, state);
                    } catch (Error e) {
                        state.fatal.compareAndSet(null, e);
                        state.stop.set(true);
                    } finally {
                        slots.release();
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted; the items finished so far are written", e);
        }
        if (state.fatal.get() != null) {
            throw state.fatal.get();
        }
    }

    /** Whether a stop was requested (Ctrl-C, SIGTERM); records it as the reason the run ends. */
    private static boolean signalled(State state) {
        if (!StopRequest.requested()) {
            return false;
        }
        state.stopped.compareAndSet(
                null, new StoppedException("stopped (" + StopRequest.reason().orElse("requested") + ")"));
        return true;
    }

    private void one(PairFiles.Item item, Work work, State state) {
        try {
            work.accept(item);
        } catch (RuntimeException e) {
            if (StoppedException.in(e).isPresent()) {
                state.stopped.compareAndSet(null, StoppedException.in(e).get());
                state.stop.set(true);
                return;
            }
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            ObjectNode rec = JSON.createObjectNode();
            rec.put("id", item.pair().id());
            rec.put("where", item.where());
            rec.put("error", msg);
            errorSink.write(rec);
            int n = state.errors.incrementAndGet();
            state.firstError.compareAndSet(
                    "", item.where() + " (id " + item.pair().id() + "): " + msg);
            if (n <= ERRORS_SHOWN) {
                log.accept("error: " + item.where() + " (id " + item.pair().id() + "): " + msg);
            }
            if (n > state.allowed && !state.stop.getAndSet(true)) {
                log.accept(String.format(
                        Locale.ROOT,
                        "stopping: %d error(s) exceed %.0f%% of %d item(s)",
                        n,
                        100 * maxErrorShare,
                        state.items));
            }
        }
    }

    private static final class State {
        final double allowed;
        final int items;
        final AtomicInteger errors = new AtomicInteger();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicReference<String> firstError = new AtomicReference<>("");
        final AtomicReference<Error> fatal = new AtomicReference<>();
        final AtomicReference<StoppedException> stopped = new AtomicReference<>();

        State(double allowed, int items) {
            this.allowed = allowed;
            this.items = items;
        }
    }
}
