package dev.verdict.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.judge.Choice;
import dev.verdict.judge.ParsedOutput;
import dev.verdict.judge.ParserOptions;
import dev.verdict.judge.Preference;
import dev.verdict.judge.VerdictParser;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

class WorldTest {
    private static final WorldConfig CFG = WorldConfig.defaults();

    @Test
    void rightResponsesAreTrueOfTheSceneAndWrongOnesFalse() {
        SceneOracle oracle = new SceneOracle(CFG);
        for (WorldItem item : new World(CFG, 5).judgeItems("test", 1200)) {
            String right = item.preferred() == Preference.ONE ? item.response1() : item.response2();
            String wrong = item.preferred() == Preference.ONE ? item.response2() : item.response1();
            assertTrue(oracle.isTrue(item.kind(), item.question(), right, item.scene()), () -> "right: " + item);
            assertFalse(oracle.isTrue(item.kind(), item.question(), wrong, item.scene()), () -> "wrong: " + item);
            assertNotEquals(item.response1(), item.response2());
        }
    }

    @Test
    void onlyTwoObjectFactsHaveAnOtherOrderAndItHasTheSameWords() {
        for (Judgments wording : Judgments.values()) {
            int swapped = 0;
            for (WorldItem item : new World(CFG.with("judgments", wording), 4).judgeItems("train", 600)) {
                if (!item.kind().equals("same_colour")) {
                    assertEquals("", item.factOtherOrder(), item.kind());
                    continue;
                }
                assertNotEquals(item.fact(), item.factOtherOrder());
                assertEquals(sortedWords(item.fact()), sortedWords(item.factOtherOrder()), item.factOtherOrder());
                var q = Pattern.compile("the (\\w+) and the (\\w+)").matcher(item.question());
                assertTrue(q.find(), item.question());
                String first = q.group(1);
                String second = q.group(2);
                assertTrue(item.fact().indexOf(first) < item.fact().indexOf(second), item.fact());
                assertTrue(item.factOtherOrder().indexOf(second)
                        < item.factOtherOrder().indexOf(first));
                swapped++;
            }
            assertTrue(swapped > 10, wording + ": same-colour items " + swapped);
        }
    }

    @Test
    void theAnswerIsAWordOfTheRightResponseAndTheLookUpsWord() {
        for (Judgments wording : Judgments.values()) {
            for (WorldItem item : new World(CFG.with("judgments", wording), 6).judgeItems("train", 600)) {
                String right = words(item.preferred() == Preference.ONE ? item.response1() : item.response2());
                assertTrue(right.contains(" " + item.answer() + " "), () -> item.answer() + " / " + right);
                if (wording == Judgments.LOOKUP) {
                    String so = "So " + item.answer() + " " + item.preferred().position() + ".";
                    assertTrue(item.judgment().contains(so), () -> so + " / " + item.judgment());
                }
            }
        }
    }

    private static String words(String response) {
        return " " + response.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ") + " ";
    }

    private static List<String> sortedWords(String s) {
        return Arrays.stream(s.split(" ")).sorted().toList();
    }

    @Test
    void teacherJudgmentsAreStrictlyValidStateTheTrueFactAndPickTheRightResponse() {
        Set<String> openings = new HashSet<>();
        for (WorldItem item : new World(CFG, 9).judgeItems("train", 900)) {
            ParsedOutput p = VerdictParser.parse(item.judgment(), ParserOptions.STRICT);
            assertTrue(p.formatValid(), item.judgment());
            assertEquals(item.preferred().asChoice(), p.choice());
            assertTrue(p.reasoning().contains(item.fact()), () -> item.fact() + " not in " + item.judgment());
            int w = item.preferred().position();
            assertTrue(p.reasoning().contains("Response " + w), item.judgment());
            openings.add(p.reasoning().substring(0, 12));
        }
        assertTrue(openings.size() >= 5, "wording varies: " + openings);
    }

    @Test
    void teacherFactIsTheTrueFactOfTheScene() {
        SceneOracle oracle = new SceneOracle(CFG);
        for (WorldItem item : new World(CFG, 13).judgeItems("train", 900)) {
            String fact = item.fact();
            String asAnswer = switch (item.kind()) {
                case "count", "cell_colour", "cell_shape" -> " " + fact;
                case "exists" -> fact.startsWith("there is no") ? "no" : "yes";
                case "sum" -> {
                    var m = Pattern.compile("(\\d+) \\w+ and (\\d+) \\w+, so the total is (\\d+)")
                            .matcher(fact);
                    assertTrue(m.find(), fact);
                    yield "x " + m.group(1) + " a and " + m.group(2) + " b, so " + m.group(1) + " + " + m.group(2)
                            + " = " + m.group(3) + ".";
                }
                case "minus" -> {
                    var m = Pattern.compile("so (\\d+) are not").matcher(fact);
                    assertTrue(m.find(), fact);
                    yield "= " + m.group(1) + ".";
                }
                default -> null;
            };
            if (asAnswer != null) {
                assertTrue(
                        oracle.isTrue(item.kind(), item.question(), asAnswer, item.scene()),
                        () -> "fact " + fact + " of " + item);
            }
        }
    }

    @Test
    void labelsAndCategoriesAreBalancedAndEveryKindOccurs() {
        List<WorldItem> items = new World(CFG, 1).judgeItems("train", 2001);
        long ones = items.stream().filter(i -> i.preferred() == Preference.ONE).count();
        assertTrue(ones == 1000 || ones == 1001, "ones " + ones);
        Map<String, Long> cats =
                items.stream().collect(Collectors.groupingBy(WorldItem::category, TreeMap::new, Collectors.counting()));
        assertEquals(Map.of("hallucination", 667L, "perception", 667L, "reasoning", 667L), cats);
        Set<String> kinds = items.stream().map(WorldItem::kind).collect(Collectors.toSet());
        assertEquals(TaskKind.ALL.stream().map(TaskKind::wireName).collect(Collectors.toSet()), kinds);
    }

    @Test
    void aWorldOfLookupKindsDrawsOnlyThoseAndAsksTheirPretrainingQuestions() {
        WorldConfig lookup = CFG.with("kinds", TaskKind.LOOKUP);
        List<WorldItem> items = new World(lookup, 2).judgeItems("train", 300);
        assertEquals(
                Set.of("shape_colour", "shape_exists", "same_colour"),
                items.stream().map(WorldItem::kind).collect(Collectors.toSet()));
        Set<String> questions = new HashSet<>();
        for (PretrainItem p : new World(lookup, 2).pretrainItems(200)) {
            assertTrue(p.scene().things().stream().noneMatch(t -> t.shape() == ShapeKind.BAR), "no charts");
            p.qa().forEach(q -> questions.add(q.question().replaceAll("circle|square|triangle", "*")));
        }
        assertEquals(Set.of("What colour is the *?", "Is there a * in the image?"), questions);
        long yes = 0;
        long asked = 0;
        for (PretrainItem p : new World(lookup, 4).pretrainItems(600)) {
            for (PretrainItem.QA q : p.qa()) {
                if (q.question().startsWith("Is there")) {
                    asked++;
                    yes += q.answer().equals("yes") ? 1 : 0;
                }
            }
        }
        assertEquals(600, asked);
        assertTrue(Math.abs(yes / 600.0 - 0.5) < 0.06, "existence answers balanced: " + yes + " yes of 600");
    }

    @Test
    void aSmallWorldIsMadeInOneStepWithRadiiForItsCells() {
        assertEquals(
                WorldConfig.defaults(),
                WorldConfig.of(112, 4, 4, 3, 3, 8, 2, Backdrop.TILED, TaskKind.ALL, Judgments.PROSE));
        // one field at a time this is unreachable: a 56 px image under the defaults' 4 x 4 grid has 14 px cells
        WorldConfig small = WorldConfig.of(56, 2, 3, 2, 2, 3, 2, Backdrop.TILED, TaskKind.LOOKUP, Judgments.LOOKUP);
        assertTrue(small.maxRadius() + small.jitter() <= small.cellSize() / 2);
        SceneOracle oracle = new SceneOracle(small);
        for (WorldItem item : new World(small, 3).judgeItems("train", 300)) {
            String right = item.preferred() == Preference.ONE ? item.response1() : item.response2();
            assertTrue(oracle.isTrue(item.kind(), item.question(), right, item.scene()), () -> "right: " + item);
        }
    }

    @Test
    void aWorldWithoutAKindInSomeCategoryIsRefused() {
        IllegalArgumentException e = Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> CFG.with("kinds", TaskKind.parseList("shape_colour,same_colour")));
        assertTrue(e.getMessage().contains("hallucination"), e.getMessage());
        IllegalArgumentException unknown =
                Assertions.assertThrows(IllegalArgumentException.class, () -> TaskKind.parseList("count,colour"));
        assertTrue(unknown.getMessage().contains("\"colour\""), unknown.getMessage());
    }

    @Test
    void generationIsDeterministicGivenTheSeed() {
        List<WorldItem> a = new World(CFG, 7).judgeItems("test", 200);
        List<WorldItem> b = new World(CFG, 7).judgeItems("test", 200);
        List<WorldItem> c = new World(CFG, 8).judgeItems("test", 200);
        assertEquals(a, b);
        assertNotEquals(a, c);
        List<PretrainItem> p = new World(CFG, 7).pretrainItems(50);
        List<PretrainItem> q = new World(CFG, 7).pretrainItems(50);
        for (int i = 0; i < p.size(); i++) {
            assertEquals(p.get(i).caption(), q.get(i).caption());
            assertTrue(Arrays.equals(p.get(i).cells(), q.get(i).cells()));
        }
    }

    @Test
    void oneObjectPerCellAndRenderedColoursMatchTheLabels() {
        int charts = 0;
        for (PretrainItem p : new World(CFG, 3).pretrainItems(100)) {
            Scene s = p.scene();
            int n = s.things().size();
            boolean chart = s.things().stream().anyMatch(t -> t.shape() == ShapeKind.BAR);
            charts += chart ? 1 : 0;
            assertTrue(chart || n >= CFG.minObjects() && n <= CFG.maxObjects(), "objects " + n);
            BufferedImage img = SceneRenderer.render(s, CFG);
            assertEquals(112, img.getWidth());
            for (int cell = 0; cell < CFG.cells(); cell++) {
                int row = cell / CFG.grid();
                int col = cell % CFG.grid();
                Scene.Thing t = s.at(row, col);
                int cx = col * 28 + 14 + (t == null ? 0 : t.dx());
                int cy = row * 28 + 14 + (t == null ? 0 : t.dy());
                int rgb = img.getRGB(cx, cy) & 0xFFFFFF;
                int behind = CFG.backdrop().rgb(row, col, CFG.grid());
                int expected =
                        t == null ? behind : CFG.palette().get(t.colour()).rgb();
                assertEquals(expected, rgb, "cell " + cell + " of " + p.id());
                int label = p.cells()[cell];
                assertEquals(t == null ? 0 : CFG.cellClass(t.colour(), t.shape()), label);
                // nothing spills out of the cell: the cell corners are its backdrop
                assertEquals(behind, img.getRGB(col * 28, row * 28) & 0xFFFFFF);
            }
            // charts: bar count and height; scenes: total, count, cell colour and shape, two existence questions
            // and one colour question per shape the scene holds once
            long uniqueShapes = CFG.shapeKinds().stream()
                    .filter(k -> s.count(th -> th.shape() == k) == 1)
                    .count();
            assertEquals(chart ? 2 : 6 + uniqueShapes, p.qa().size());
        }
        assertTrue(charts > 3 && charts < 30, "about one pretraining image in eight is a chart: " + charts);
    }

    @Test
    void answersAreNotLeakedThroughTheTruthMarginal() {
        // both values of every numeric pair should be equally often the true one
        List<WorldItem> items = new World(CFG, 21).judgeItems("train", 3000);
        int smallerTrue = 0;
        int numeric = 0;
        for (WorldItem item : items) {
            Integer a = BlindHeuristics.lastNumber(item.response1());
            Integer b = BlindHeuristics.lastNumber(item.response2());
            if (a != null && b != null && !a.equals(b)) {
                numeric++;
                boolean oneSmaller = a < b;
                smallerTrue += (oneSmaller == (item.preferred() == Preference.ONE)) ? 1 : 0;
            }
        }
        assertTrue(numeric > 1000, "numeric items " + numeric);
        double rate = (double) smallerTrue / numeric;
        assertTrue(Math.abs(rate - 0.5) < 0.04, "smaller is true in " + rate);
        assertEquals(Choice.ONE, Preference.ONE.asChoice());
    }
}
