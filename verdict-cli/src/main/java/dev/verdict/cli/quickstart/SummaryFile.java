package dev.verdict.cli.quickstart;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The quickstart's {@code summary.json}, one typed record: what the quickstart writes and what anything that reads
 * the file back reads (keys are the components in snake_case; figures are fractions in [0, 1], NaN written as the
 * string "NaN").
 *
 * @param sft the SFT judge, greedy, with its blind control
 * @param rl the RL judge, greedy, with its blind control and voting@5
 * @param targets the method's four targets, each met or not
 * @param stages every stage's wall time, in order
 * @param totalSeconds the stages' sum
 * @param checkpoint the RL judge's checkpoint folder
 * @param report the HTML report
 */
record SummaryFile(
        Judge sft,
        Judge rl,
        Map<String, Boolean> targets,
        List<Stage> stages,
        double totalSeconds,
        String checkpoint,
        String report) {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * One judge's evaluations.
     *
     * @param accuracy greedy accuracy on the held-out pairs
     * @param categories greedy accuracy per category
     * @param formatValid share of judgments that pass the strict parser
     * @param meanResponseTokens mean judgment length in tokens
     * @param items judged pairs
     * @param factStated share of judgments stating the scene's true fact
     * @param blindAccuracy accuracy with every image replaced by a blank one
     * @param blindCategories blind accuracy per category
     * @param blindFactStated blind share of judgments stating the true fact
     * @param voting5Accuracy voting@5 accuracy (the RL judge only; null for SFT)
     * @param voting5Categories voting@5 accuracy per category (RL only)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Judge(
            double accuracy,
            Map<String, Double> categories,
            double formatValid,
            double meanResponseTokens,
            int items,
            double factStated,
            double blindAccuracy,
            Map<String, Double> blindCategories,
            double blindFactStated,
            Double voting5Accuracy,
            Map<String, Double> voting5Categories) {
        /** {@code greedy} with its blind control and, when not null, its voting@5 run. */
        static Judge of(EvalResult greedy, EvalResult blind, EvalResult voting5) {
            return new Judge(
                    greedy.accuracy(),
                    greedy.categories(),
                    greedy.formatValid(),
                    greedy.meanResponseTokens(),
                    greedy.items(),
                    greedy.factStated(),
                    blind.accuracy(),
                    blind.categories(),
                    blind.factStated(),
                    voting5 == null ? null : voting5.accuracy(),
                    voting5 == null ? null : voting5.categories());
        }
    }

    /** One stage's wall time. */
    record Stage(String name, double seconds) {}

    void write(Path file) {
        try {
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    static SummaryFile read(Path file) {
        try {
            return JSON.readValue(file.toFile(), SummaryFile.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
