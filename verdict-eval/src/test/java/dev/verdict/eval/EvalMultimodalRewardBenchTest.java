package dev.verdict.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.verdict.judge.BaselineJudge;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multimodal RewardBench's split categories, micro overall and the R1-Reward paper's mean of columns, on a small
 * file in Meta's layout (the real file is not available locally).
 */
class EvalMultimodalRewardBenchTest {
    @TempDir
    Path tmp;

    private static String rec(String id, String better, String category) {
        return String.format(
                "{\"ID\":\"%s\",\"Text\":\"q\",\"Image\":\"img.png\",\"Output1\":\"one\",\"Output2\":\"two\","
                        + "\"Better\":\"%s\",\"Category\":\"%s\"}",
                id, better, category);
    }

    @Test
    void categoriesMicroAndMeanOfColumns() throws IOException {
        Path f = tmp.resolve("mmrb.json");
        Files.writeString(
                f,
                "["
                        + String.join(
                                ",\n",
                                List.of(
                                        rec("pairs_1", "Output1", "safety"),
                                        rec("pairs_2", "Output1", "safety"),
                                        rec("hateful_1", "Output2", "safety"),
                                        rec("math_1", "Output1", "reasoning"),
                                        rec("code_1", "Output2", "reasoning"),
                                        rec("code_2", "Output2", "reasoning"),
                                        rec("vqa_1", "Output1", "vqa"),
                                        rec("vqa_2", "Output2", "vqa")))
                        + "]");
        EvalConfig cfg = EvalConfig.of(Bench.MULTIMODAL_REWARDBENCH, f, "first").with("order", OrderMode.FIXED);
        JsonNode m;
        try (var j = BaselineJudge.named("first")) {
            m = Evaluation.run(j, cfg, tmp.resolve("out"), false, "t", s -> {}).metrics();
        }
        assertEquals(
                List.of("reasoning/coding", "reasoning/math", "safety/bias", "safety/toxicity", "vqa"),
                iterate(m.get("categories")));
        assertEquals(100.0 * 4 / 8, m.get("overall").asDouble(), 1e-9, "micro: 4 of 8 prefer Output1");
        assertEquals(100.0, m.at("/categories/safety~1bias/acc").asDouble(), 1e-9);
        assertEquals(0.0, m.at("/categories/safety~1toxicity/acc").asDouble(), 1e-9);
        assertEquals(100.0 * 2 / 3, m.at("/columns/safety").asDouble(), 1e-9);
        // columns: coding 0, math 100, safety 66.67, vqa 50
        assertEquals((0 + 100 + 200.0 / 3 + 50) / 4, m.get("mean_of_columns").asDouble(), 1e-9);
        assertEquals((0 + 100 + 100 + 0 + 50) / 5.0, m.get("macro").asDouble(), 1e-9);
    }

    private static List<String> iterate(JsonNode o) {
        return o.propertyStream().map(Map.Entry::getKey).toList();
    }
}
