package dev.verdict.train.curate;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * A progress line every {@code every} items (and at the end, and at least every 30 s): done / total, rate and
 * estimated time left, with the running counts. Thread-safe.
 */
final class ProgressLine {
    private static final long QUIET_NANOS = 30_000_000_000L;

    private final String task;
    private final int total;
    private final int every;
    private final Consumer<String> out;
    private final long start = System.nanoTime();
    private long lastPrint = start;
    private int done;

    ProgressLine(String task, int total, int every, Consumer<String> out) {
        this.task = task;
        this.total = total;
        this.every = Math.max(1, every);
        this.out = out;
    }

    /** Counts one finished item; {@code counts} describes the running totals ("ok 10, failed 2"). */
    synchronized void step(String counts) {
        done++;
        long now = System.nanoTime();
        if (done % every == 0 || done == total || now - lastPrint > QUIET_NANOS) {
            lastPrint = now;
            double secs = (now - start) / 1e9;
            double rate = done / Math.max(secs, 1e-9);
            long eta = Math.round((total - done) / Math.max(rate, 1e-9));
            out.accept(String.format(
                    Locale.ROOT,
                    "%s %d/%d (%.0f%%) %.2f items/s, eta %dm%02ds; %s",
                    task,
                    done,
                    total,
                    100.0 * done / Math.max(total, 1),
                    rate,
                    eta / 60,
                    eta % 60,
                    counts));
        }
    }
}
