package dev.verdict.cli.quickstart;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One finished run of the ablation, as kept in its folder's {@code result.json} (a rerun of the benchmark skips
 * runs that have one).
 *
 * @param setting "standard" or "stress"
 * @param variant the {@link AblationVariant} name, or {@link AblationVariant#SFT_ONLY}
 * @param seed training seed
 * @param accuracy greedy accuracy on the held-out split, a fraction (NaN when the run left no model)
 * @param formatValid fraction of the evaluation's judgments that pass the strict parser
 * @param meanResponseTokens mean judgment length in the evaluation, in tokens
 * @param collapsed whether the run collapsed ({@link Collapse})
 * @param reason why it collapsed, empty otherwise
 * @param maxAbsLoss largest |policy loss| of the run's finite steps (NaN for SFT only)
 * @param seconds wall time of training and evaluation
 * @param dir the run folder
 */
record AblationRun(
        String setting,
        String variant,
        long seed,
        double accuracy,
        double formatValid,
        double meanResponseTokens,
        boolean collapsed,
        String reason,
        double maxAbsLoss,
        double seconds,
        String dir) {
    private static final ObjectMapper JSON = AblationJson.mapper();

    static final String FILE = "result.json";

    /**
     * A finished run.
     *
     * @param eval its evaluation, or null when the run left no model
     * @param collapse why it collapsed, empty when it did not
     */
    static AblationRun of(
            String setting,
            String variant,
            long seed,
            EvalResult eval,
            Optional<String> collapse,
            double maxAbsLoss,
            double seconds,
            Path dir) {
        return new AblationRun(
                setting,
                variant,
                seed,
                eval == null ? Double.NaN : eval.accuracy(),
                eval == null ? Double.NaN : eval.formatValid(),
                eval == null ? Double.NaN : eval.meanResponseTokens(),
                collapse.isPresent(),
                collapse.orElse(""),
                maxAbsLoss,
                seconds,
                dir.toString());
    }

    /** The result kept in {@code dir}, if that run finished. */
    static Optional<AblationRun> read(Path dir) {
        Path f = dir.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(f.toFile(), AblationRun.class));
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": cannot read a finished ablation run: " + e.getMessage(), e);
        }
    }

    void write(Path folder) {
        try {
            JSON.writeValue(folder.resolve(FILE).toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + folder.resolve(FILE), e);
        }
    }
}
