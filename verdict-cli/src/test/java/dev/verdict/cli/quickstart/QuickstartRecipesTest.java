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
 * The quickstart's stage recipes (resources of the jar) and the recipes in {@code recipes/} describe the same
 * training, world by world: they may differ only in paths, bookkeeping and the keys listed here on purpose.
 */
class QuickstartRecipesTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    /** The prefix of each world's recipes in {@code recipes/}. */
    private static final Map<QuickstartWorld, String> RECIPES =
            Map.of(QuickstartWorld.SMALL, "small-world-", QuickstartWorld.FULL, "tiny-");

    /** Keys the quickstart sets differently on purpose, per world and stage. */
    private static final Map<String, List<String>> INTENDED =
            Map.of("full/rl", List.of("train.steps")); // the full world's RL is half as long, to fit the budget

    @Test
    void theQuickstartRecipesMatchTheRecipesOfTheirWorld() throws IOException {
        for (QuickstartWorld world : QuickstartWorld.values()) {
            for (String stage : List.of("pretrain", "sft", "rl")) {
                String name = RECIPES.get(world) + stage + ".yaml";
                String key = world.recipeFolder() + stage;
                JsonNode repo =
                        strip(YAML.readTree(Path.of("..", "recipes", name).toFile()), key);
                JsonNode quick;
                try (InputStream in = Pipeline.class.getResourceAsStream(key + ".yaml")) {
                    assertNotNull(in, "quickstart recipe " + key);
                    quick = strip(YAML.readTree(in), key);
                }
                assertEquals(repo, quick, "recipes/" + name + " and the quickstart's " + key + ".yaml differ");
            }
        }
    }

    private static JsonNode strip(JsonNode recipe, String key) {
        ObjectNode o = (ObjectNode) recipe;
        o.remove(List.of("model", "data", "run"));
        for (String dotted : INTENDED.getOrDefault(key, List.of())) {
            String[] parts = dotted.split("\\.");
            JsonNode parent = o.path(parts[0]);
            if (parent instanceof ObjectNode p) {
                p.remove(parts[1]);
            }
        }
        return o;
    }
}
