package dev.verdict.cli.quickstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.verdict.train.config.Configs;
import dev.verdict.train.sft.BlindFocus;
import dev.verdict.train.sft.SftConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PipelineTest {
    @TempDir
    Path dir;

    @Test
    void theSmallWorldIsTheTwoByTwoLookUpWorld() throws IOException {
        Path world = dir.resolve("world");
        new Pipeline(1, QuickstartWorld.SMALL).synth(world, 8, 4, 3);
        JsonNode w = new ObjectMapper().readTree(world.resolve("world.json").toFile());
        assertEquals(2, w.get("grid").asInt());
        assertEquals(56, w.get("image_size").asInt());
        assertEquals("lookup", w.get("judgments").asText());
        assertEquals(3, w.get("colours").size());
        assertEquals(2, w.get("shapes").size());
        assertEquals(List.of("shape_colour", "shape_exists", "same_colour"), texts(w.get("kinds")));
    }

    @Test
    void theSmallWorldsSftRecipeTrainsTheQuotesTheNumberAndTheAnswerBlind() throws IOException {
        Path recipes = new Pipeline(1, QuickstartWorld.SMALL).writeRecipes(dir);
        SftConfig cfg = Configs.resolve(
                SftConfig.defaults(), recipes.resolve("sft.yaml"), QuickstartCommand.sftSets(QuickstartPlan.SMOKE));
        assertEquals(2, cfg.train().steps(), "the smoke plan's steps override the recipe's");
        String judgment = "<think>In the image, the circle is red. Response 1: blue 1. Response 2: red 2. So red 2."
                + "</think><answer>2</answer>";
        List<String> focused = BlindFocus.spans(BlindFocus.compile(cfg.train().blindFocus()), judgment).stream()
                .map(r -> judgment.substring(r[0], r[1]))
                .toList();
        assertEquals(List.of("blue", "red", "2", "2"), focused, "the quotes, the looked-up number, the answer");
    }

    @Test
    void theSmokePlanSetsStepsBatchAndEpochs() {
        assertEquals(
                List.of("train.steps=2", "train.batch_size=4", "train.epochs=1"),
                QuickstartCommand.sftSets(QuickstartPlan.SMOKE));
        assertTrue(QuickstartCommand.sftSets(QuickstartWorld.SMALL.plan()).isEmpty(), "the recipe decides");
    }

    @Test
    void anUnknownWorldNamesTheKnownOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> QuickstartWorld.of("medium"));
        assertTrue(e.getMessage().contains("small, full"), e.getMessage());
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }
}
