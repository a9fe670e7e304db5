package dev.verdict.data.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.data.read.Problem;
import dev.verdict.data.read.ReadOptions;
import dev.verdict.data.synth.SynthWriter;
import dev.verdict.data.synth.World;
import dev.verdict.data.synth.WorldConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataValidatorTest {
    @TempDir
    Path dir;

    private Path world() throws Exception {
        Path out = dir.resolve("w");
        new SynthWriter(new World(WorldConfig.defaults(), 3), s -> {}).write(out, 40, 20, 10);
        return out;
    }

    @Test
    void aFreshWorldValidates() throws Exception {
        Path w = world();
        for (String f : List.of("train.jsonl", "test.jsonl", "train.r1reward.jsonl")) {
            ValidationReport r = DataValidator.validate(
                    w.resolve(f),
                    ReadOptions.defaults(),
                    new DataValidator.Options(true, 1 << 20, 1 << 20, w.resolve("tokenizer.json")),
                    s -> {});
            assertTrue(r.ok(), () -> f + ": " + r.problems());
            assertEquals(0, r.warnings());
            assertEquals(r.records(), r.images().get("checked"));
            assertTrue(r.tokenPercentiles().get("p50") > 200, "prompt tokens " + r.tokenPercentiles());
            assertEquals(r.labels().get("1"), r.labels().get("2"));
        }
    }

    @Test
    void aCorruptedCopyFailsWithNamedLines() throws Exception {
        Path w = world();
        List<String> lines = new ArrayList<>(Files.readAllLines(w.resolve("train.jsonl")));
        Files.delete(w.resolve("images/train/train-000001.png"));
        Files.write(w.resolve("images/train/train-000002.png"), new byte[] {1, 2, 3});
        lines.set(3, lines.get(3).substring(0, 40));
        lines.set(
                4,
                lines.get(4)
                        .replace("\"preferred\":1", "\"preferred\":5")
                        .replace("\"preferred\":2", "\"preferred\":5"));
        lines.add(lines.get(6));
        Path bad = w.resolve("corrupt.jsonl");
        Files.write(bad, lines);
        ValidationReport r =
                DataValidator.validate(bad, ReadOptions.defaults(), DataValidator.Options.defaults(), s -> {});
        assertEquals(5, r.badRows());
        List<String> errors = r.problems().stream()
                .filter(p -> p.severity() == Problem.Severity.ERROR)
                .map(p -> p.location() + " " + p.field())
                .toList();
        assertEquals(List.of("2 images[0]", "3 images[0]", "4 ", "5 preferred", "41 id"), errors);
        String text = r.problems().getFirst().toString();
        assertTrue(text.startsWith(bad + ":2: images[0]: missing image: "), text);
        assertTrue(
                r.problems().get(1).toString().contains("not PNG, JPEG, GIF, WebP or BMP"),
                r.problems().get(1).toString());
        assertTrue(
                r.problems().getLast().toString().contains("duplicate of line 7"),
                r.problems().getLast().toString());
        assertEquals(1, r.images().get("missing"));
        assertEquals(1, r.images().get("unreadable"));
    }

    @Test
    void oversizedImagesAreReported() throws Exception {
        Path w = world();
        ValidationReport r = DataValidator.validate(
                w.resolve("test.jsonl"),
                ReadOptions.defaults(),
                new DataValidator.Options(true, 1 << 20, 100 * 100, null),
                s -> {});
        assertEquals(20, r.badRows());
        assertTrue(
                r.problems().getFirst().message().startsWith("oversized image"),
                r.problems().getFirst().message());
        ValidationReport skipped = DataValidator.validate(
                w.resolve("test.jsonl"), ReadOptions.defaults(), new DataValidator.Options(false, 1, 1, null), s -> {});
        assertTrue(skipped.ok());
        assertEquals(0, skipped.images().get("checked"));
    }
}
