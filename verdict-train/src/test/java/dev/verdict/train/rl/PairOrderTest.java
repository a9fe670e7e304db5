package dev.verdict.train.rl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.judge.PairExample;
import dev.verdict.judge.Preference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PairOrderTest {
    private static final PairExample PAIR =
            new PairExample("p", "p", List.of(), "q?", "first", "second", Preference.ONE, "c", "s", Map.of());

    @Test
    void aSwappedPairShowsTheResponsesExchangedWithTheLabelFlipped() {
        int swaps = 0;
        for (int i = 0; i < 2000; i++) {
            PairExample shown = PairOrder.shown(PAIR, true, 7, 3, i);
            if (PairOrder.swapped(7, 3, i)) {
                swaps++;
                assertEquals("second", shown.response1());
                assertEquals("first", shown.response2());
                assertEquals(Preference.TWO, shown.preferred());
            } else {
                assertSame(PAIR, shown);
            }
        }
        // a fair coin: 1000 +- 3 standard deviations (22.4)
        assertTrue(swaps > 933 && swaps < 1067, "swapped " + swaps + " of 2000");
    }

    @Test
    void theCoinDependsOnSeedStepAndIndexOnly() {
        int differentSteps = 0;
        for (int i = 0; i < 200; i++) {
            assertEquals(PairOrder.swapped(1, 5, i), PairOrder.swapped(1, 5, i), "the same coin twice");
            differentSteps += PairOrder.swapped(1, 5, i) != PairOrder.swapped(1, 6, i) ? 1 : 0;
        }
        assertTrue(differentSteps > 60, "a pair's order changes from step to step (" + differentSteps + " of 200)");
    }

    @Test
    void asIsNeverSwaps() {
        for (int i = 0; i < 100; i++) {
            assertSame(PAIR, PairOrder.shown(PAIR, false, 7, 3, i));
        }
    }
}
