package dev.verdict.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandsTest {
    @TempDir
    Path dir;

    @Test
    void synthThenValidateThenFailOnACorruptedCopy() throws Exception {
        Path w = dir.resolve("w");
        CliRun synth = CliRun.of(
                "synth", "--out", w.toString(), "--train", "30", "--test", "10", "--pretrain", "5", "--seed", "7");
        assertEquals(0, synth.code(), synth.err());
        for (String f : List.of(
                "world.json",
                "tokenizer.json",
                "train.jsonl",
                "test.jsonl",
                "train.r1reward.jsonl",
                "pretrain.jsonl")) {
            assertTrue(Files.isRegularFile(w.resolve(f)), f);
        }
        assertTrue(Files.readString(w.resolve("world.json")).contains("\"seed\" : 7"));
        CliRun ok = CliRun.of(
                "data",
                "validate",
                w.resolve("train.jsonl").toString(),
                "--tokenizer",
                w.resolve("tokenizer.json").toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertTrue(ok.out().contains("records     30 (30 good, 0 bad"), ok.out());
        assertTrue(ok.out().contains("prompt tokens p50="), ok.out());

        List<String> lines = new ArrayList<>(Files.readAllLines(w.resolve("train.jsonl")));
        lines.set(2, "{broken");
        Path bad = w.resolve("bad.jsonl");
        Files.write(bad, lines);
        CliRun failed = CliRun.of("data", "validate", bad.toString());
        assertEquals(1, failed.code());
        assertTrue(failed.out().contains(bad + ":3: invalid JSON"), failed.out());
        assertTrue(failed.out().contains("FAILED: 1 bad rows"), failed.out());

        // a world's pretraining file is no preference file: one line that says so, and the next file still runs
        Path pretrain = w.resolve("pretrain.jsonl");
        CliRun notPairs = CliRun.of(
                "data",
                "validate",
                "--skip-images",
                pretrain.toString(),
                w.resolve("test.jsonl").toString());
        assertEquals(1, notPairs.code(), notPairs.out() + notPairs.err());
        List<String> out = notPairs.out().lines().toList();
        assertEquals(
                1,
                out.stream().filter(l -> l.startsWith(pretrain.toString())).count(),
                "one line about pretrain.jsonl: " + notPairs.out());
        String line = out.stream()
                .filter(l -> l.startsWith(pretrain.toString()))
                .findFirst()
                .orElseThrow();
        assertTrue(line.contains("line 1: not a preference pair"), line);
        assertTrue(line.contains("pretraining data, which `verdict train pretrain` reads"), line);
        assertTrue(line.contains("verdict (question, response_1, response_2)"), line);
        assertTrue(!notPairs.out().contains("question: missing"), notPairs.out());
        assertTrue(notPairs.out().contains("records     10 (10 good, 0 bad"), "test.jsonl after it: " + notPairs.out());
    }

    @Test
    void synthWritesTheLookUpWordingWhenAsked() throws Exception {
        Path w = dir.resolve("lookup");
        CliRun synth = CliRun.of(
                "synth",
                "--out",
                w.toString(),
                "--train",
                "12",
                "--test",
                "2",
                "--pretrain",
                "2",
                "--judgments",
                "lookup");
        assertEquals(0, synth.code(), synth.err());
        assertTrue(Files.readString(w.resolve("world.json")).contains("\"judgments\" : \"lookup\""));
        for (String line : Files.readAllLines(w.resolve("train.jsonl"))) {
            assertTrue(line.matches(".*Response 1: \\S+ 1\\. Response 2: \\S+ 2\\. So \\S+ [12]\\..*"), line);
        }
        CliRun bad = CliRun.of("synth", "--out", dir.resolve("x").toString(), "--judgments", "poetry");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("unknown judgment wording \"poetry\""), bad.err());
    }

    @Test
    void synthMakesTheSmallWorldOfTheSmallWorldRecipes() throws Exception {
        Path w = dir.resolve("small");
        CliRun synth = CliRun.of(
                "synth",
                "--out",
                w.toString(),
                "--train",
                "12",
                "--test",
                "2",
                "--pretrain",
                "2",
                "--seed",
                "1",
                "--kinds",
                "lookup",
                "--judgments",
                "lookup",
                "--grid",
                "2",
                "--image-size",
                "56",
                "--colours",
                "3",
                "--shapes",
                "2",
                "--min-objects",
                "2",
                "--max-objects",
                "3");
        assertEquals(0, synth.code(), synth.err());
        String world = Files.readString(w.resolve("world.json"));
        assertTrue(world.contains("\"grid\" : 2") && world.contains("\"cell_size\" : 28"), world);
        BufferedImage img =
                ImageIO.read(w.resolve("images/train/train-000000.png").toFile());
        assertEquals(56, img.getWidth());
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(
                2, CliRun.of("data", "validate", "x.jsonl", "--layout", "nope").code());
        assertEquals(
                2, CliRun.of("synth", "--out", dir.toString(), "--colours", "9").code());
        CliRun missing = CliRun.of("data", "validate", dir.resolve("none.jsonl").toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("none.jsonl"), missing.err());
    }
}
