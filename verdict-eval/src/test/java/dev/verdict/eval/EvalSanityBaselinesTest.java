package dev.verdict.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verdict.data.read.ReadOptions;
import dev.verdict.judge.BaselineJudge;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trivial anchors of {@code spec/benchmarks.md} §5 on the real benchmark text. Expected values are the spec's
 * published figures (two decimals, or one where the spec gives one); the computed ones come from a full run.
 */
class EvalSanityBaselinesTest {

    @TempDir
    Path tmp;

    private int runs;

    private JsonNode run(String judge, EvalConfig cfg) throws IOException {
        try (var j = BaselineJudge.named(judge)) {
            return Evaluation.run(j, cfg, tmp.resolve(judge + "-" + runs++), false, "test", s -> {})
                    .metrics();
        }
    }

    private static void assertPercent(double expected, JsonNode actual, int decimals, String what) {
        double scale = Math.pow(10, decimals);
        assertEquals(expected, Math.round(actual.asDouble() * scale) / scale, 1e-9, what + " = " + actual);
    }

    @Test
    void longerOnMmRlhfRewardBench() throws IOException {
        JsonNode m = run("longer", EvalConfig.of(Bench.MM_RLHF_REWARDBENCH, EvalBenchData.mmRlhf(), "longer"));
        assertEquals(170, m.get("judgments").asInt());
        assertPercent(71.76, m.get("acc"), 2, "Acc");
        assertPercent(47.83, m.get("acc_plus"), 2, "Acc+");
        assertEquals(
                46,
                m.at("/categories/mcq/groups").asInt()
                        + m.at("/categories/long/groups").asInt()
                        + m.at("/categories/short/groups").asInt()
                        + m.at("/categories/safety/groups").asInt()
                        + m.at("/categories/video/groups").asInt());
    }

    @Test
    void longerOnVlRewardBenchOfficialSplit() throws IOException {
        JsonNode m = run("longer", EvalConfig.of(Bench.VL_REWARDBENCH, EvalBenchData.vlHf(), "longer"));
        assertEquals(1250, m.get("judgments").asInt());
        assertPercent(42.64, m.get("overall"), 2, "overall");
        assertPercent(42.91, m.get("macro"), 2, "macro");
        assertPercent(37.2, m.at("/categories/general/acc"), 1, "general");
        assertPercent(40.3, m.at("/categories/hallucination/acc"), 1, "hallucination");
        assertPercent(51.3, m.at("/categories/reasoning/acc"), 1, "reasoning");
        assertEquals(183, m.at("/categories/general/judgments").asInt());
        assertEquals(749, m.at("/categories/hallucination/judgments").asInt());
        assertEquals(318, m.at("/categories/reasoning/judgments").asInt());
    }

    @Test
    void longerIsTheSameInEveryOrderAndOnTheR1Copy() throws IOException {
        EvalConfig cfg = EvalConfig.of(Bench.VL_REWARDBENCH, EvalBenchData.vlR1(), "longer");
        JsonNode both = run("longer", cfg.with("order", OrderMode.BOTH));
        assertPercent(42.64, both.at("/orders/forward/overall"), 2, "forward");
        assertPercent(42.64, both.at("/orders/reverse/overall"), 2, "reverse");
        assertPercent(42.64, both.get("overall"), 2, "pooled");
    }

    @Test
    void r1ScriptSplitCounts() throws IOException {
        EvalConfig cfg = EvalConfig.of(Bench.VL_REWARDBENCH, EvalBenchData.vlR1(), "first")
                .with("categories", ReadOptions.CategoryMapping.R1_SCRIPT)
                .with("order", OrderMode.FIXED);
        JsonNode m = run("first", cfg);
        Map<String, Integer> n = new TreeMap<>();
        m.get("categories")
                .properties()
                .forEach(e -> n.put(e.getKey(), e.getValue().get("judgments").asInt()));
        assertEquals(Map.of("general", 484, "hallucination", 448, "reasoning", 318), n);
    }

    @Test
    void firstWithFixedOrderScoresAHundredOnTheChosenFirstCopies() throws IOException {
        JsonNode vl = run(
                "first",
                EvalConfig.of(Bench.VL_REWARDBENCH, EvalBenchData.vlR1(), "first")
                        .with("order", OrderMode.FIXED));
        assertPercent(100, vl.get("overall"), 2, "VL overall");
        assertPercent(100, vl.get("macro"), 2, "VL macro");
        JsonNode mm = run(
                "first",
                EvalConfig.of(Bench.MM_RLHF_REWARDBENCH, EvalBenchData.mmRlhf(), "first")
                        .with("order", OrderMode.FIXED));
        assertPercent(100, mm.get("acc"), 2, "MM Acc");
        assertPercent(100, mm.get("acc_plus"), 2, "MM Acc+");
    }

    @Test
    void firstUnderBothOrdersExposesThePositionBias() throws IOException {
        JsonNode m = run(
                "first",
                EvalConfig.of(Bench.MM_RLHF_REWARDBENCH, EvalBenchData.mmRlhf(), "first")
                        .with("order", OrderMode.BOTH));
        assertPercent(100, m.at("/orders/forward/overall"), 2, "forward");
        assertPercent(0, m.at("/orders/reverse/overall"), 2, "reverse");
        assertPercent(50, m.at("/orders/mean_overall"), 2, "mean");
        assertPercent(50, m.get("overall"), 2, "pooled");
        assertPercent(0, m.at("/orders/position_consistency"), 2, "consistency");
        assertEquals(340, m.get("judgments").asInt());
    }

    @Test
    void firstUnderRandomOrderIsNearChance() throws IOException {
        JsonNode m = run("first", EvalConfig.of(Bench.VL_REWARDBENCH, EvalBenchData.vlR1(), "first"));
        double overall = m.get("overall").asDouble();
        assertTrue(Math.abs(overall - 50) < 5, "first under a seeded coin order scored " + overall);
    }

    @Test
    void randomBaselineExpectedAccPlusFromTheGroupSizes() throws IOException {
        BenchLoader.Loaded loaded =
                BenchLoader.load(EvalConfig.of(Bench.MM_RLHF_REWARDBENCH, EvalBenchData.mmRlhf(), "random"));
        Map<String, Integer> sizes = new TreeMap<>();
        loaded.items().forEach(i -> sizes.merge(i.pair().groupId(), 1, Integer::sum));
        double expected = 100
                * sizes.values().stream()
                        .mapToDouble(n -> Math.pow(0.5, n))
                        .average()
                        .orElseThrow();
        assertEquals(46, sizes.size());
        assertEquals(11.24, Math.round(expected * 100) / 100.0, 1e-9);
        JsonNode m = run("random", EvalConfig.of(Bench.VL_REWARDBENCH, EvalBenchData.vlHf(), "random"));
        assertTrue(Math.abs(m.get("overall").asDouble() - 50) < 5, "random scored " + m.get("overall"));
    }
}
