package dev.verdict.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model init} then {@code generate}, end to end through the command line, in-process. */
class ModelCommandsIT {
    @TempDir
    static Path dir;

    static Path model;

    @BeforeAll
    static void init() {
        model = dir.resolve("m");
        CliRun r = CliRun.of("model", "init", "--preset", "tiny", "--out", model.toString(), "--seed", "4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("preset tiny"), r.out());
    }

    @Test
    void initWritesAHuggingFaceDirectory() throws Exception {
        for (String f : new String[] {
            "config.json",
            "generation_config.json",
            "model.safetensors",
            "tokenizer.json",
            "tokenizer_config.json",
            "chat_template.json",
            "preprocessor_config.json"
        }) {
            assertTrue(Files.isRegularFile(model.resolve(f)), f);
        }
        String config = Files.readString(model.resolve("config.json"));
        assertTrue(config.contains("\"architectures\" : [ \"Qwen2_5_VLForConditionalGeneration\" ]"), config);
        assertTrue(config.contains("\"image_token_id\" : 6"), config);
        CliRun again = CliRun.of("model", "init", "--preset", "tiny", "--out", model.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().contains("is not empty"), again.err());
    }

    @Test
    void sameSeedPrintsTheSameTextAndAnotherSeedDoesNot() {
        CliRun a = CliRun.of(
                "generate", "--model", model.toString(), "--prompt", "hello", "--seed", "1", "--max-new-tokens", "24");
        CliRun b = CliRun.of(
                "generate", "--model", model.toString(), "--prompt", "hello", "--seed", "1", "--max-new-tokens", "24");
        CliRun c = CliRun.of(
                "generate", "--model", model.toString(), "--prompt", "hello", "--seed", "2", "--max-new-tokens", "24");
        assertEquals(0, a.code(), a.err());
        assertFalse(a.out().isBlank());
        assertEquals(a.out(), b.out());
        assertNotEquals(a.out(), c.out());
        assertTrue(a.err().contains("prompt tokens"), a.err());
    }

    @Test
    void generateLooksAtAnImage() throws Exception {
        Path png = dir.resolve("red.png");
        BufferedImage img = new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(10, 10, 40, 40);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
        CliRun r = CliRun.of(
                "generate",
                "--model",
                model.toString(),
                "--prompt",
                "how many squares ?",
                "--image",
                png.toString(),
                "--seed",
                "1",
                "--max-new-tokens",
                "8");
        assertEquals(0, r.code(), r.err());
        // 16 image tokens (112 x 112 -> 8 x 8 patches -> 4 x 4 merged) are part of the prompt
        CliRun text = CliRun.of(
                "generate",
                "--model",
                model.toString(),
                "--prompt",
                "how many squares ?",
                "--seed",
                "1",
                "--max-new-tokens",
                "8");
        int withImage = Integer.parseInt(r.err().replaceAll("(?s).*\\[(\\d+) prompt tokens.*", "$1"));
        int without = Integer.parseInt(text.err().replaceAll("(?s).*\\[(\\d+) prompt tokens.*", "$1"));
        assertEquals(without + 16 + 2, withImage);
    }

    @Test
    void aTrainingRunFolderMeansItsLatestCheckpoint() throws Exception {
        Path checkpoints = Files.createDirectories(dir.resolve("run").resolve("checkpoints"));
        Files.createSymbolicLink(checkpoints.resolve("step-3"), model.toAbsolutePath());
        Files.writeString(checkpoints.resolve("latest"), "step-3\n");
        String[] tail = {"--prompt", "hello", "--seed", "1", "--max-new-tokens", "12"};
        String expected = generate(model, tail).out();
        for (Path p : List.of(dir.resolve("run"), checkpoints, checkpoints.resolve("latest"))) {
            CliRun r = generate(p, tail);
            assertEquals(0, r.code(), r.err());
            assertEquals(expected, r.out(), p.toString());
        }
        CliRun empty = generate(Files.createDirectories(dir.resolve("empty-run")), tail);
        assertEquals(1, empty.code());
        assertTrue(empty.err().contains("--model: ") && empty.err().contains("neither a model directory"), empty.err());
    }

    private static CliRun generate(Path modelPath, String... tail) {
        List<String> args = new ArrayList<>(List.of("generate", "--model", modelPath.toString()));
        args.addAll(List.of(tail));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void badInputIsAClearError() {
        CliRun missing = CliRun.of("generate", "--model", dir.resolve("nope").toString(), "--prompt", "x");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("error:") && missing.err().contains("nope"), missing.err());
        CliRun badImage = CliRun.of(
                "generate",
                "--model",
                model.toString(),
                "--prompt",
                "x",
                "--image",
                dir.resolve("none.png").toString());
        assertEquals(1, badImage.code());
        assertTrue(badImage.err().contains("none.png"), badImage.err());
        CliRun badPreset = CliRun.of(
                "model", "init", "--preset", "huge", "--out", dir.resolve("h").toString());
        assertEquals(1, badPreset.code());
        assertTrue(badPreset.err().contains("unknown preset"), badPreset.err());
    }

    @Test
    void judgeAPairWithTheLocalModelAndWithABaseline() throws Exception {
        Path png = dir.resolve("judge.png");
        ImageIO.write(new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        CliRun local = CliRun.of(
                "judge",
                "--model",
                model.toString(),
                "--image",
                png.toString(),
                "--question",
                "how many ?",
                "--response1",
                "2",
                "--response2",
                "3",
                "--votes",
                "3",
                "--max-tokens",
                "8",
                "--json");
        assertEquals(0, local.code(), local.err());
        assertTrue(local.out().contains("\"votes\":[") && local.out().contains("\"judge\":\"model:"), local.out());
        CliRun longer = CliRun.of(
                "judge",
                "--judge",
                "longer",
                "--question",
                "q",
                "--response1",
                "short",
                "--response2",
                "a longer answer");
        assertEquals(0, longer.code(), longer.err());
        assertTrue(longer.out().startsWith("choice: 2"), longer.out());
        CliRun noImage = CliRun.of(
                "judge",
                "--model",
                model.toString(),
                "--question",
                "q",
                "--response1",
                "a",
                "--response2",
                "b",
                "--max-tokens",
                "4");
        assertEquals(1, noImage.code());
        assertTrue(noImage.err().contains("--text-only"), noImage.err());
        CliRun textOnly = CliRun.of(
                "judge",
                "--model",
                model.toString(),
                "--question",
                "q",
                "--response1",
                "a",
                "--response2",
                "b",
                "--max-tokens",
                "4",
                "--text-only");
        assertEquals(0, textOnly.code(), textOnly.err());
        CliRun both = CliRun.of(
                "judge",
                "--judge",
                "first",
                "--model",
                model.toString(),
                "--question",
                "q",
                "--response1",
                "a",
                "--response2",
                "b");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("mutually exclusive"), both.err());
    }
}
