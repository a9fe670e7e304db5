package dev.verdict.train.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollapseTest {
    private static List<Collapse.Step> run(int n, double length, double format) {
        List<Collapse.Step> steps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            steps.add(new Collapse.Step(0.1 * i, length, format, false));
        }
        return steps;
    }

    @Test
    void aHealthyRunDidNotCollapse() {
        assertTrue(Collapse.reason(run(10, 60, 0.9), 128).isEmpty());
        assertTrue(Collapse.reason(List.of(), 128).isEmpty());
    }

    @Test
    void aNonFiniteOrSkippedStepIsACollapseNamingTheFirstStep() {
        List<Collapse.Step> steps = run(10, 60, 0.9);
        steps.set(6, new Collapse.Step(Double.NaN, 60, 0.9, true));
        steps.set(8, new Collapse.Step(1.0, 60, 0.9, true));
        assertEquals(
                "non-finite loss or gradient at step 7 (2 step(s) skipped)",
                Collapse.reason(steps, 128).orElseThrow());
    }

    @Test
    void lengthDecidesOnTheLastFifth() {
        List<Collapse.Step> steps = run(10, 60, 0.9);
        // the last fifth of 10 steps is steps 9 and 10: mean (128 + 116) / 2 = 122 >= 0.95 x 128 = 121.6
        steps.set(8, new Collapse.Step(0, 128, 0.9, false));
        steps.set(9, new Collapse.Step(0, 116, 0.9, false));
        assertEquals(
                "responses ran to the limit (122 of 128 tokens)",
                Collapse.reason(steps, 128).orElseThrow());
        steps.set(9, new Collapse.Step(0, 114, 0.9, false)); // mean 121 < 121.6
        assertTrue(Collapse.reason(steps, 128).isEmpty());
        // an early run to the limit that recovers is not a collapse
        List<Collapse.Step> early = run(10, 60, 0.9);
        early.set(0, new Collapse.Step(0, 128, 0.9, false));
        assertTrue(Collapse.reason(early, 128).isEmpty());
    }

    @Test
    void formatFallingToZeroIsGarbledOutput() {
        List<Collapse.Step> steps = run(10, 60, 0.9);
        steps.set(8, new Collapse.Step(0, 60, 0.0, false));
        steps.set(9, new Collapse.Step(0, 60, 0.1, false));
        assertEquals(
                "format reward fell to 0.05 (garbled output)",
                Collapse.reason(steps, 128).orElseThrow());
    }

    @Test
    void maxAbsLossSkipsNonFiniteSteps() {
        List<Collapse.Step> steps = List.of(
                new Collapse.Step(-3.5, 1, 1, false),
                new Collapse.Step(Double.NaN, 1, 1, true),
                new Collapse.Step(2.0, 1, 1, false));
        assertEquals(3.5, Collapse.maxAbsLoss(steps));
        assertTrue(Double.isNaN(Collapse.maxAbsLoss(List.of(new Collapse.Step(Double.NaN, 1, 1, true)))));
    }
}
