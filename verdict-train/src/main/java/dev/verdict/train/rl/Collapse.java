package dev.verdict.train.rl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdict.train.config.Configs;
import dev.verdict.train.run.RunFolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether an RL run collapsed, from its per-step metrics: the paper's signature (R1-Reward §8.5-8.6) is a
 * non-finite loss, responses that run to the generation limit, and garbled output (the format reward falls to 0).
 */
public final class Collapse {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The tail of the run whose means decide the length and format criteria: the last fifth, at least one step. */
    static final double TAIL = 0.2;
    /** Mean response length in the tail at or above this fraction of the limit counts as running to the limit. */
    static final double LENGTH_LIMIT_FRACTION = 0.95;
    /** Mean format reward in the tail at or below this counts as garbled output. */
    static final double FORMAT_FLOOR = 0.05;

    /**
     * One logged RL step.
     *
     * @param loss policy loss (NaN where the log had none: a non-finite loss is logged as null)
     * @param responseTokens mean response length of the step's rollouts
     * @param format mean format reward of the step's rollouts, in [0, 1]
     * @param skipped whether the step's update was skipped by the non-finite guard
     */
    public record Step(double loss, double responseTokens, double format, boolean skipped) {}

    private Collapse() {}

    /**
     * Why the run collapsed, or empty when it did not.
     *
     * @param steps the run's steps in order
     * @param maxNewTokens the rollouts' generation limit
     */
    public static Optional<String> reason(List<Step> steps, int maxNewTokens) {
        long nonFinite = steps.stream()
                .filter(s -> s.skipped() || !Double.isFinite(s.loss()))
                .count();
        if (nonFinite > 0) {
            int first = firstNonFinite(steps);
            return Optional.of(
                    String.format("non-finite loss or gradient at step %d (%d step(s) skipped)", first + 1, nonFinite));
        }
        if (steps.isEmpty()) {
            return Optional.empty();
        }
        List<Step> tail =
                steps.subList(steps.size() - Math.max(1, (int) Math.round(steps.size() * TAIL)), steps.size());
        double length =
                tail.stream().mapToDouble(Step::responseTokens).average().orElse(0);
        if (length >= LENGTH_LIMIT_FRACTION * maxNewTokens) {
            return Optional.of(String.format("responses ran to the limit (%.0f of %d tokens)", length, maxNewTokens));
        }
        double format = tail.stream().mapToDouble(Step::format).average().orElse(1);
        if (format <= FORMAT_FLOOR) {
            return Optional.of(String.format("format reward fell to %.2f (garbled output)", format));
        }
        return Optional.empty();
    }

    /** The largest |loss| of the run's finite steps (the paper's spikes), NaN when none is finite. */
    public static double maxAbsLoss(List<Step> steps) {
        return steps.stream()
                .mapToDouble(Step::loss)
                .filter(Double::isFinite)
                .map(Math::abs)
                .max()
                .orElse(Double.NaN);
    }

    /**
     * The logged steps of an RL run folder's {@code metrics.jsonl}, read under the keys {@link RlStep} writes them
     * with (empty when the folder has no log yet).
     */
    public static List<Step> steps(Path run) {
        Path f = run.resolve(RunFolder.METRICS);
        List<Step> out = new ArrayList<>();
        if (!Files.isRegularFile(f)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(f)) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode m = JSON.readTree(line);
                out.add(new Step(
                        number(m, RlStep.LOSS),
                        number(m, RlStep.RESPONSE_TOKENS),
                        number(m, RlStep.FORMAT),
                        m.path(RlStep.SKIPPED).asBoolean(false)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": cannot read the RL metrics: " + e.getMessage(), e);
        }
        return out;
    }

    /** The rollouts' generation limit of an RL run folder, from its resolved config read back as an {@link RlConfig}. */
    public static int maxNewTokens(Path run) {
        return Configs.resolve(RlConfig.defaults(), run.resolve(RunFolder.CONFIG), List.of())
                .rollout()
                .maxNewTokens();
    }

    private static double number(JsonNode m, String key) {
        JsonNode v = m.get(key);
        return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
    }

    private static int firstNonFinite(List<Step> steps) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).skipped() || !Double.isFinite(steps.get(i).loss())) {
                return i;
            }
        }
        return -1;
    }
}
