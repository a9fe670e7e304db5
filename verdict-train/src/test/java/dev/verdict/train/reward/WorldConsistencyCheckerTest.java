package dev.verdict.train.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.verdict.data.synth.SynthWriter;
import dev.verdict.data.synth.World;
import dev.verdict.data.synth.WorldConfig;
import dev.verdict.data.synth.WorldItem;
import dev.verdict.judge.PairExample;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rule checker on real items of the synthetic world. */
class WorldConsistencyCheckerTest {
    private static final List<WorldItem> ITEMS = new World(WorldConfig.defaults(), 21).judgeItems("train", 240);
    private final WorldConsistencyChecker checker = new WorldConsistencyChecker();

    private static PairExample pair(WorldItem item) {
        return SynthWriter.toPair(item, "train");
    }

    private static String flipAnswer(String judgment) {
        return judgment.endsWith("<answer>1</answer>")
                ? judgment.replace("<answer>1</answer>", "<answer>2</answer>")
                : judgment.replace("<answer>2</answer>", "<answer>1</answer>");
    }

    @Test
    void everyTeacherJudgmentIsConsistent() {
        for (WorldItem item : ITEMS) {
            assertEquals(Consistency.CONSISTENT, checker.judge(pair(item), item.judgment()), item.judgment());
        }
    }

    @Test
    void anAnswerAgainstTheReasoningIsInconsistent() {
        for (WorldItem item : ITEMS) {
            assertEquals(
                    Consistency.INCONSISTENT, checker.judge(pair(item), flipAnswer(item.judgment())), item.judgment());
            assertEquals(
                    Consistency.INCONSISTENT,
                    new WorldConsistencyChecker(false).judge(pair(item), flipAnswer(item.judgment())));
        }
    }

    @Test
    void aFalseFactIsInconsistentUnlessTheFactCheckIsOff() {
        int checked = 0;
        for (int i = 0; i + 1 < ITEMS.size(); i++) {
            WorldItem item = ITEMS.get(i);
            String otherFact = ITEMS.get(i + 1).fact();
            if (item.judgment().contains(otherFact) || otherFact.contains(item.fact())) {
                continue;
            }
            String lied = item.judgment().replace(item.fact(), otherFact);
            assertEquals(Consistency.INCONSISTENT, checker.judge(pair(item), lied), lied);
            assertEquals(Consistency.CONSISTENT, new WorldConsistencyChecker(false).judge(pair(item), lied), lied);
            checked++;
        }
        assertEquals(true, checked > 200, "checked " + checked);
    }

    @Test
    void ambiguousOrMissingConclusions() {
        WorldItem item = ITEMS.getFirst();
        PairExample p = pair(item);
        int right = item.preferred().position();
        String fact = "In the image, " + item.fact() + ". ";
        String noChoice =
                "<think>" + fact + "Both responses talk about the image.</think><answer>" + right + "</answer>";
        assertEquals(Consistency.INCONSISTENT, checker.judge(p, noChoice));
        String both = "<think>" + fact + "Response 1 says something, which is correct. Response 2 says something,"
                + " which is correct.</think><answer>" + right + "</answer>";
        assertEquals(Consistency.INCONSISTENT, checker.judge(p, both));
        String good = "<think>" + fact + "So Response " + right + " is better.</think><answer>" + right + "</answer>";
        assertEquals(Consistency.CONSISTENT, checker.judge(p, good));
        assertEquals(Consistency.UNDETERMINED, checker.judge(p, "<think>" + fact + "</think>"));
        assertEquals(Consistency.UNDETERMINED, checker.judge(p, null));
    }

    @Test
    void anItemWithoutAFactIsRejected() {
        PairExample plain = PairExample.textOnly("q", "a", "b");
        String j = "<think>So Response 1 is better.</think><answer>1</answer>";
        assertThrows(IllegalArgumentException.class, () -> checker.judge(plain, j));
        assertEquals(Consistency.CONSISTENT, new WorldConsistencyChecker(false).judge(plain, j));
    }
}
