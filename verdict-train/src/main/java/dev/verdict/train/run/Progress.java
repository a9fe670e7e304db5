package dev.verdict.train.run;

import java.io.PrintStream;
import java.time.Duration;

/**
 * A console progress line for long work: {@code sft  42/200 [#####.....] 21% 0:34<2:08 loss 0.53 lr 9.1e-4}.
 * On a terminal the line is redrawn in place; otherwise (logs, CI) each update is its own line.
 */
public final class Progress implements AutoCloseable {
    private static final int WIDTH = 24;
    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean inPlace;
    private final long startNanos = System.nanoTime();
    private long startDone = -1;
    private boolean dirty;

    public Progress(String label, long total, PrintStream out, boolean inPlace) {
        this.label = label;
        this.total = Math.max(1, total);
        this.out = out;
        this.inPlace = inPlace;
    }

    /** A progress line on standard error, redrawn in place when it is a terminal. */
    public static Progress console(String label, long total) {
        return new Progress(label, total, System.err, System.console() != null);
    }

    /** Shows {@code done} of {@code total} units and a status text. */
    public void update(long done, String status) {
        if (startDone < 0) {
            startDone = done;
        }
        String line = render(done, status);
        if (inPlace) {
            out.print("\r" + line + "\u001b[K");
            dirty = true;
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Prints a line of its own above the progress line (a measurement, a warning). */
    public void note(String text) {
        if (dirty) {
            out.print("\r\u001b[K");
            dirty = false;
        }
        out.println(text);
        out.flush();
    }

    String render(long done, String status) {
        double frac = Math.min(1.0, (double) done / total);
        int filled = (int) Math.round(frac * WIDTH);
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        long work = done - Math.max(0, startDone);
        String eta = work > 0 ? clock((total - done) * elapsed / work) : "?";
        return String.format(
                "%s %d/%d [%s%s] %3.0f%% %s<%s %s",
                label,
                done,
                total,
                "#".repeat(filled),
                ".".repeat(WIDTH - filled),
                100 * frac,
                clock(elapsed),
                eta,
                status);
    }

    static String clock(double seconds) {
        Duration d = Duration.ofSeconds(Math.round(seconds));
        return d.toHours() > 0
                ? String.format("%d:%02d:%02d", d.toHours(), d.toMinutesPart(), d.toSecondsPart())
                : String.format("%d:%02d", d.toMinutes(), d.toSecondsPart());
    }

    @Override
    public void close() {
        if (dirty) {
            out.println();
            dirty = false;
        }
    }
}
