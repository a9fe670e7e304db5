package dev.verdict.train.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.data.synth.SynthWriter;
import dev.verdict.data.synth.World;
import dev.verdict.data.synth.WorldConfig;
import dev.verdict.data.synth.WorldVocabulary;
import dev.verdict.model.ModelInit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A small synthetic world and a tiny random model for trainer tests, plus a toy data set with short judgments:
 * {@code <think>Response N</think><answer>N</answer>}.
 */
public final class ToyWorld {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ToyWorld() {}

    /** Writes a world of {@code n} training pairs under {@code dir/world} and a tiny model under {@code dir/base}. */
    public static void create(Path dir, int n) {
        try {
            new SynthWriter(new World(WorldConfig.defaults(), 5), line -> {}).write(dir.resolve("world"), n, 4, 4);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ModelInit.create(
                dir.resolve("base"),
                "tiny",
                WorldVocabulary.tokenizerJson(WorldConfig.defaults()),
                "PreTrainedTokenizerFast",
                null,
                11);
    }

    /**
     * Rewrites the world's pairs with short judgments.
     *
     * @param answer the answer each judgment gives: "label" (the correct one), "random" (a fair coin per pair),
     *     "mostly-2" (2 three times in five), "quote" (the correct one, in the look-up wording: "Response 1: yes 1.
     *     Response 2: no 2. So yes 1.")
     * @param label "keep", or "1" to relabel every pair as preferring response 1
     */
    public static Path toy(Path dir, String name, String answer, String label) {
        Path out = dir.resolve(name + ".jsonl");
        SplittableRandom rng = new SplittableRandom(3);
        try {
            List<String> lines = new ArrayList<>();
            for (String line : Files.readAllLines(dir.resolve("world").resolve("train.jsonl"))) {
                ObjectNode r = (ObjectNode) JSON.readTree(line);
                if (label.equals("1")) {
                    r.put("preferred", 1);
                }
                int a = switch (answer) {
                    case "label", "quote" -> r.get("preferred").asInt();
                    case "mostly-2" -> rng.nextInt(5) < 2 ? 1 : 2;
                    default -> 1 + rng.nextInt(2);
                };
                String think = answer.equals("quote")
                        ? "Response 1: " + (a == 1 ? "yes" : "no") + " 1. Response 2: " + (a == 2 ? "yes" : "no")
                                + " 2. So yes " + a + "."
                        : "Response " + a + " is the better answer.";
                ((ObjectNode) r.get("meta")).put("judgment", "<think>" + think + "</think><answer>" + a + "</answer>");
                ArrayList<String> images = new ArrayList<>();
                r.get("images")
                        .forEach(i -> images.add(
                                dir.resolve("world").resolve(i.asText()).toString()));
                r.set("images", JSON.valueToTree(images));
                lines.add(JSON.writeValueAsString(r));
            }
            Files.write(out, lines);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
