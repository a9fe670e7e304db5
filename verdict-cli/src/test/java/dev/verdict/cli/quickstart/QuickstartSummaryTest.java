package dev.verdict.cli.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuickstartSummaryTest {
    private static EvalResult at(double accuracy) {
        return new EvalResult(accuracy, Map.of("perception", accuracy), 1.0, 33.0, 300, 0.5);
    }

    private static QuickstartSummary summary(double sft, double sftBlind, double rl, double voting) {
        return new QuickstartSummary(
                at(sft), at(sftBlind), at(rl), at(voting), at(0.5), List.of(), Path.of("ckpt"), Path.of("r.html"));
    }

    @Test
    void targetsAreCheckedAgainstTheirThresholds() {
        assertEquals(
                Map.of(
                        "sft_accuracy_at_least_0.80", true,
                        "sft_blind_gap_at_least_0.25", true,
                        "rl_at_least_sft_plus_0.05", true,
                        "voting5_at_least_greedy", true),
                summary(0.80, 0.55, 0.85, 0.85).targets());
        assertEquals(
                Map.of(
                        "sft_accuracy_at_least_0.80", false,
                        "sft_blind_gap_at_least_0.25", false,
                        "rl_at_least_sft_plus_0.05", false,
                        "voting5_at_least_greedy", false),
                summary(0.76, 0.52, 0.80, 0.79).targets());
    }

    @Test
    void theTableNamesEveryEvaluationAndTarget() {
        String table = summary(0.81, 0.52, 0.70, 0.68).table();
        for (String s : List.of("SFT blind", "RL voting@5", "RL blind")) {
            assertTrue(table.contains(s), s + " in\n" + table);
        }
        assertTrue(table.matches("(?s).*\\nsft_accuracy_at_least_0\\.80 +met\\n.*"), table);
        assertTrue(table.matches("(?s).*\\nrl_at_least_sft_plus_0\\.05 +not met\\n.*"), table);
        SummaryFile file = summary(0.81, 0.52, 0.70, 0.68).file();
        assertEquals(0.52, file.sft().blindAccuracy());
        assertEquals(0.5, file.rl().blindAccuracy());
    }
}
