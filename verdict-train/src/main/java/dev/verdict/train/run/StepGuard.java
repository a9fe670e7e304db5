package dev.verdict.train.run;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts steps skipped for a non-finite loss, gradient or log-prob, dumps what each skipped step saw to
 * {@code RUN/skipped/step-N.json}, and stops the run with an actionable message after {@code maxConsecutive}
 * skips in a row.
 */
public final class StepGuard {
    private final Path runDir;
    private final int maxConsecutive;
    private int consecutive;
    private int total;

    public StepGuard(Path runDir, int maxConsecutive) {
        this.runDir = runDir;
        this.maxConsecutive = maxConsecutive;
    }

    /** Whether every value is finite. */
    public static boolean finite(double... values) {
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Records a skipped step.
     *
     * @param reason what was non-finite, e.g. "loss = NaN"
     * @param batch what the step saw (ids, texts), written to the dump
     * @throws TrainingAbortedException when this makes {@code maxConsecutive} skips in a row
     */
    public void skip(long step, String reason, Map<String, ?> batch) {
        consecutive++;
        total++;
        Map<String, Object> dump = new LinkedHashMap<>();
        dump.put("step", step);
        dump.put("reason", reason);
        dump.putAll(batch);
        Path file = runDir.resolve("skipped").resolve("step-" + step + ".json");
        try (JsonlWriter w = new JsonlWriter(file)) {
            w.write(dump);
        }
        if (consecutive >= maxConsecutive) {
            throw new TrainingAbortedException(String.format(
                    "stopped at step %d: %d consecutive steps had a non-finite value (last: %s); the batches are in %s."
                            + " Lower optim.lr, check the data those files name, or keep algo.pre_clip on;"
                            + " run.max_skips sets the limit",
                    step, consecutive, reason, runDir.resolve("skipped")));
        }
    }

    /** Records an applied step (resets the consecutive count). */
    public void applied() {
        consecutive = 0;
    }

    /** Steps skipped so far in this process. */
    public int totalSkips() {
        return total;
    }
}
