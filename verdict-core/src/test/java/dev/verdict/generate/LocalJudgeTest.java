package dev.verdict.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.image.ImageProcessor;
import dev.verdict.judge.ImageRef;
import dev.verdict.judge.JudgeException;
import dev.verdict.judge.JudgeOptions;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.Preference;
import dev.verdict.judge.Verdict;
import dev.verdict.model.Presets;
import dev.verdict.model.QwenVL;
import dev.verdict.tokenizer.Tokenizer;
import dev.verdict.tokenizer.WordLevelVocabulary;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalJudgeTest {
    @TempDir
    Path dir;

    private static byte[] png() throws Exception {
        var img = new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    @Test
    void votesAreSampledPerSeedAndParsedIntoAVerdict() throws Exception {
        Path tokFile = dir.resolve("tokenizer.json");
        Files.writeString(
                tokFile,
                WordLevelVocabulary.tokenizerJson(
                        List.of("<think>", "</think>", "<answer>", "</answer>"),
                        List.of("1", "2", "red", "blue", "which", "?")));
        Tokenizer tok = Tokenizer.load(tokFile);
        QwenVL model = QwenVL.random(Presets.get("tiny", 64, tok.specials()), 1);
        try (ModelBundle bundle = new ModelBundle(dir, model, tok, new ImageProcessor());
                LocalJudge judge = new LocalJudge(bundle)) {
            PairExample pair = new PairExample(
                    "p1",
                    "g1",
                    List.of(new ImageRef.Bytes(png())),
                    "which ?",
                    "red",
                    "blue",
                    Preference.ONE,
                    "perception",
                    "synthetic",
                    Map.of());
            JudgeOptions opts = JudgeOptions.votes(3).with("maxTokens", 12).with("seed", 5);
            Verdict a = judge.judge(pair, opts);
            Verdict b = judge.judge(pair, opts);
            assertEquals(3, a.samples().size());
            assertEquals(
                    a.samples().stream().map(Verdict.Sample::raw).toList(),
                    b.samples().stream().map(Verdict.Sample::raw).toList());
            assertTrue(
                    a.samples().stream().map(Verdict.Sample::raw).distinct().count() > 1,
                    "votes with different seeds should differ");
            PairExample noImage = pair.with("images", List.of());
            var e = assertThrows(JudgeException.class, () -> judge.judge(noImage, opts));
            assertTrue(e.getMessage().contains("has no image"), e.getMessage());
            assertEquals(
                    3, judge.allowingTextOnly().judge(noImage, opts).samples().size());
        }
    }
}
