package dev.verdict.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.judge.VerdictParser;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The look-up wording on every task kind: what it quotes, what it looks up, and that it is always right. */
class TeacherTest {
    private static final Pattern LOOKUP =
            Pattern.compile("(.+\\. )Response 1: (\\S+) 1\\. Response 2: (\\S+) 2\\. So (\\S+) ([12])\\.");

    @Test
    void eachResponseIsQuotedByAWordItSaysAndTheVerdictLooksUpTheFactsWord() {
        WorldConfig cfg = WorldConfig.defaults().with("judgments", Judgments.LOOKUP);
        List<WorldItem> items = new World(cfg, 5).judgeItems("train", 600);
        int kindsSeen = (int) items.stream().map(WorldItem::kind).distinct().count();
        assertEquals(TaskKind.values().length, kindsSeen);
        for (WorldItem item : items) {
            String judgment = item.judgment();
            assertTrue(VerdictParser.isFormatValid(judgment), judgment);
            Matcher m = LOOKUP.matcher(VerdictParser.parse(judgment).reasoning());
            assertTrue(m.matches(), judgment);
            int right = item.preferred().position();
            assertEquals(String.valueOf(right), m.group(5), judgment);
            assertTrue(judgment.endsWith("<answer>" + right + "</answer>"), judgment);
            String[] quotes = {m.group(2), m.group(3)};
            assertTrue(!quotes[0].equals(quotes[1]), judgment);
            assertEquals(quotes[right - 1], m.group(4), judgment);
            assertTrue(words(item.response1()).contains(quotes[0]), item.response1() + " / " + judgment);
            assertTrue(words(item.response2()).contains(quotes[1]), item.response2() + " / " + judgment);
            assertTrue(m.group(1).contains(item.fact()), judgment);
            boolean yesNo = m.group(4).equals("yes") || m.group(4).equals("no");
            assertTrue(yesNo || words(item.fact()).contains(m.group(4)), item.fact() + " / " + judgment);
        }
    }

    @Test
    void theWordingDoesNotChangeTheItems() {
        List<WorldItem> prose = new World(WorldConfig.defaults(), 3).judgeItems("test", 90);
        List<WorldItem> lookup =
                new World(WorldConfig.defaults().with("judgments", Judgments.LOOKUP), 3).judgeItems("test", 90);
        for (int i = 0; i < prose.size(); i++) {
            assertEquals(prose.get(i).question(), lookup.get(i).question());
            assertEquals(prose.get(i).response1(), lookup.get(i).response1());
            assertEquals(prose.get(i).scene(), lookup.get(i).scene());
            assertEquals(prose.get(i).preferred(), lookup.get(i).preferred());
        }
    }

    private static List<String> words(String text) {
        return Arrays.asList(text.toLowerCase(Locale.ROOT).split("[^a-z0-9]+"));
    }
}
