package dev.verdict.cli.quickstart;

import dev.verdict.cli.tree.CommandTree;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Runs named pipeline stages in order, announcing each and timing it; a failed stage stops the pipeline. */
final class Stages {
    /** One finished stage and its wall time. */
    record Timed(String name, double seconds) {}

    private final PrintStream out;
    private final String pipeline;
    private final int total;
    private final List<Timed> done = new ArrayList<>();

    /**
     * @param pipeline the name shown with each stage
     * @param total how many stages will run
     */
    Stages(PrintStream out, String pipeline, int total) {
        this.out = out;
        this.pipeline = pipeline;
        this.total = total;
    }

    /** Runs {@code body} as the next stage and returns its value. */
    <T> T run(String name, Supplier<T> body) {
        out.printf("%n== %s [%d/%d] %s%n", pipeline, done.size() + 1, total, name);
        out.flush();
        long t0 = System.nanoTime();
        T value = body.get();
        double secs = (System.nanoTime() - t0) / 1e9;
        done.add(new Timed(name, secs));
        out.printf("== %s done in %.1f s%n", name, secs);
        return value;
    }

    void run(String name, Runnable body) {
        run(name, () -> {
            body.run();
            return null;
        });
    }

    /** Runs a {@code verdict} command in this process; a non-zero exit stops the pipeline, naming the stage. */
    static void cli(String stage, Object... args) {
        String[] argv = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            argv[i] = String.valueOf(args[i]);
        }
        int code = CommandTree.fresh().execute(argv);
        if (code != 0) {
            throw new StageFailedException("stage \"" + stage + "\" failed (verdict " + String.join(" ", argv)
                    + " exited with " + code + "); its output is above");
        }
    }

    /** A {@code verdict} command of a stage exited with an error. */
    static final class StageFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StageFailedException(String message) {
            super(message);
        }
    }

    List<Timed> timings() {
        return List.copyOf(done);
    }
}
