package dev.verdict.data.synth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.judge.Preference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The world must not leak answers through the text: text-only judges, including one trained on a separate split,
 * score 50 +- 3% on 2,000 items (abstentions count half).
 */
class BlindAccuracyTest {
    private static final Logger LOG = LoggerFactory.getLogger(BlindAccuracyTest.class);
    /** The default world (every kind) and the world of look-up kinds only. */
    private static final List<WorldConfig> WORLDS =
            List.of(WorldConfig.defaults(), WorldConfig.defaults().with("kinds", TaskKind.LOOKUP));

    private static final WorldConfig CFG = WORLDS.getFirst();

    private static double accuracy(BlindHeuristics.Heuristic h, List<WorldItem> items) {
        double score = 0;
        for (WorldItem item : items) {
            int pick = h.pick(item.question(), item.response1(), item.response2());
            score += pick == 0 ? 0.5 : pick == item.preferred().position() ? 1 : 0;
        }
        return score / items.size();
    }

    @Test
    void everyBlindHeuristicScoresAboutHalf() {
        List<String> failures = new ArrayList<>();
        List<String> names = List.of(
                "first", "longer", "shorter", "smaller number", "larger number", "says yes", "question overlap");
        List<BlindHeuristics.Heuristic> all = BlindHeuristics.all();
        for (WorldConfig world : WORLDS) {
            List<WorldItem> test = new World(world, 2024).judgeItems("test", 2000);
            for (int i = 0; i < all.size(); i++) {
                double acc = accuracy(all.get(i), test);
                LOG.info("blind heuristic {} on kinds {}: {}", names.get(i), world.kinds(), acc);
                if (Math.abs(acc - 0.5) > 0.03) {
                    failures.add(names.get(i) + " on " + world.kinds() + " = " + acc);
                }
            }
        }
        assertTrue(failures.isEmpty(), "blind heuristics outside 50 +- 3%: " + failures);
    }

    @Test
    void aTrainedTextOnlyClassifierScoresAboutHalf() {
        for (WorldConfig world : WORLDS) {
            BlindHeuristics.NaiveBayes nb = new BlindHeuristics.NaiveBayes();
            for (WorldItem item : new World(world, 2024).judgeItems("train", 4000)) {
                boolean oneRight = item.preferred() == Preference.ONE;
                nb.train(item.question(), item.response1(), oneRight);
                nb.train(item.question(), item.response2(), !oneRight);
            }
            double acc = accuracy(nb, new World(world, 2024).judgeItems("test", 2000));
            LOG.info("blind naive Bayes on kinds {}: {}", world.kinds(), acc);
            assertTrue(Math.abs(acc - 0.5) <= 0.03, "naive Bayes blind accuracy on " + world.kinds() + ": " + acc);
        }
    }

    @Test
    void theHeuristicsAreNotBlindToALeak() {
        // control: a world where the right answer is always the smaller number must be caught
        List<WorldItem> items = new World(CFG, 2024).judgeItems("test", 2000);
        List<WorldItem> leaky = new ArrayList<>();
        for (WorldItem item : items) {
            Integer a = BlindHeuristics.lastNumber(item.response1());
            Integer b = BlindHeuristics.lastNumber(item.response2());
            if (a != null && b != null && !a.equals(b) && (a < b) == (item.preferred() == Preference.ONE)) {
                leaky.add(item);
            }
        }
        assertTrue(accuracy(BlindHeuristics.SMALLER_NUMBER, leaky) > 0.9);
    }
}
