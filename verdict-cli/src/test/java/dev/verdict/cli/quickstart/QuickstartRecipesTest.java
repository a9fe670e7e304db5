package dev.verdict.cli.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The quickstart's stage recipes (resources of the jar) and the tiny recipes in {@code recipes/} describe the same
 * training: they may differ only in paths, bookkeeping and the keys listed here on purpose.
 */
class QuickstartRecipesTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    /** Keys the quickstart sets differently on purpose, per stage. */
    private static final Map<String, List<String>> INTENDED = Map.of(
            "pretrain", List.of(),
            "sft", List.of(),
            "rl", List.of("train.steps")); // the quickstart's RL is half as long, to fit its time budget

    @Test
    void theQuickstartRecipesMatchTheTinyRecipes() throws IOException {
        for (String stage : List.of("pretrain", "sft", "rl")) {
            JsonNode tiny = strip(
                    YAML.readTree(
                            Path.of("..", "recipes", "tiny-" + stage + ".yaml").toFile()),
                    stage);
            JsonNode quick;
            try (InputStream in = Pipeline.class.getResourceAsStream(stage + ".yaml")) {
                assertNotNull(in, "quickstart recipe " + stage);
                quick = strip(YAML.readTree(in), stage);
            }
            assertEquals(tiny, quick, stage + ": recipes/tiny-" + stage + ".yaml and the quickstart's differ");
        }
    }

    private static JsonNode strip(JsonNode recipe, String stage) {
        ObjectNode o = (ObjectNode) recipe;
        o.remove(List.of("model", "data", "run"));
        for (String dotted : INTENDED.get(stage)) {
            String[] parts = dotted.split("\\.");
            JsonNode parent = o.path(parts[0]);
            if (parent instanceof ObjectNode p) {
                p.remove(parts[1]);
            }
        }
        return o;
    }
}
