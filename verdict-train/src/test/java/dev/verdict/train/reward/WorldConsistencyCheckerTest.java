package dev.verdict.train.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.data.synth.Judgments;
import dev.verdict.data.synth.SynthWriter;
import dev.verdict.data.synth.World;
import dev.verdict.data.synth.WorldConfig;
import dev.verdict.data.synth.WorldItem;
import dev.verdict.judge.PairExample;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule checker on real items of the synthetic world. */
class WorldConsistencyCheckerTest {
    private static final List<WorldItem> ITEMS = items(Judgments.PROSE);
    private static final List<WorldItem> LOOKUP_ITEMS = items(Judgments.LOOKUP);
    private final WorldConsistencyChecker checker = new WorldConsistencyChecker();

    private static List<WorldItem> items(Judgments wording) {
        return new World(WorldConfig.defaults().with("judgments", wording), 21).judgeItems("train", 240);
    }

    private static List<WorldItem> items(String wording) {
        return wording.equals("lookup") ? LOOKUP_ITEMS : ITEMS;
    }

    private static PairExample pair(WorldItem item) {
        return SynthWriter.toPair(item, "train");
    }

    private static String flipAnswer(String judgment) {
        return judgment.endsWith("<answer>1</answer>")
                ? judgment.replace("<answer>1</answer>", "<answer>2</answer>")
                : judgment.replace("<answer>2</answer>", "<answer>1</answer>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"prose", "lookup"})
    void everyTeacherJudgmentIsConsistent(String wording) {
        for (WorldItem item : items(wording)) {
            assertEquals(Consistency.CONSISTENT, checker.judge(pair(item), item.judgment()), item.judgment());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prose", "lookup"})
    void anAnswerAgainstTheReasoningIsInconsistent(String wording) {
        for (WorldItem item : items(wording)) {
            assertEquals(
                    Consistency.INCONSISTENT, checker.judge(pair(item), flipAnswer(item.judgment())), item.judgment());
            assertEquals(
                    Consistency.INCONSISTENT,
                    new WorldConsistencyChecker(false).judge(pair(item), flipAnswer(item.judgment())));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"prose", "lookup"})
    void aFalseFactIsInconsistentUnlessTheFactCheckIsOff(String wording) {
        List<WorldItem> items = items(wording);
        int checked = 0;
        for (int i = 0; i + 1 < items.size(); i++) {
            WorldItem item = items.get(i);
            String otherFact = items.get(i + 1).fact();
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

    @ParameterizedTest
    @ValueSource(strings = {"prose", "lookup"})
    void aTwoObjectFactStatedInTheOtherOrderIsConsistent(String wording) {
        int checked = 0;
        for (WorldItem item : items(wording)) {
            if (item.factOtherOrder().isEmpty()) {
                continue;
            }
            String swapped = item.judgment().replace(item.fact(), item.factOtherOrder());
            assertNotEquals(item.judgment(), swapped);
            assertEquals(Consistency.CONSISTENT, checker.judge(pair(item), swapped), swapped);
            String noFact = item.judgment().replace(item.fact(), "I cannot tell");
            assertEquals(Consistency.INCONSISTENT, checker.judge(pair(item), noFact), noFact);
            checked++;
        }
        assertTrue(checked > 10, "same-colour items checked: " + checked);
    }

    @Test
    void aLookUpThatNamesTheOtherQuoteReachesNoChoice() {
        for (WorldItem item : LOOKUP_ITEMS) {
            int right = item.preferred().position();
            String think = item.judgment().substring(0, item.judgment().indexOf("So "));
            String rightWord = quoted(think, right);
            String wrongWord = quoted(think, 3 - right);
            String tail = "</think><answer>" + right + "</answer>";
            String misread = think + "So " + wrongWord + " " + right + "." + tail;
            assertEquals(Consistency.INCONSISTENT, checker.judge(pair(item), misread), misread);
            String otherNumber = think + "So " + rightWord + " " + (3 - right) + "." + tail;
            assertEquals(Consistency.INCONSISTENT, checker.judge(pair(item), otherNumber), otherNumber);
            String unquoted = item.judgment().replaceAll("Response [12]: \\S+ [12]\\. ", "");
            assertEquals(Consistency.CONSISTENT, checker.judge(pair(item), unquoted), unquoted);
        }
    }

    private static String quoted(String think, int r) {
        Matcher m = Pattern.compile("Response " + r + ": (\\S+) " + r + "\\.").matcher(think);
        assertEquals(true, m.find(), think);
        return m.group(1);
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
