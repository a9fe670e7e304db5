package dev.verdict.train.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.generate.Generation;
import dev.verdict.generate.Generator;
import dev.verdict.generate.PromptEncoder;
import dev.verdict.generate.SamplingParams;
import dev.verdict.image.ImageProcessor;
import dev.verdict.model.Presets;
import dev.verdict.model.QwenVL;
import dev.verdict.tensor.Scope;
import dev.verdict.tensor.Tensors;
import dev.verdict.tokenizer.ChatMessage;
import dev.verdict.tokenizer.Tokenizer;
import dev.verdict.tokenizer.WordLevelVocabulary;
import dev.verdict.train.optim.LrSchedule;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;
import org.bytedeco.pytorch.AdamW;
import org.bytedeco.pytorch.AdamWOptions;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SftTest {
    @TempDir
    Path dir;

    @Test
    void scheduleWarmsUpLinearlyThenDecaysToTheFloor() {
        LrSchedule s = new LrSchedule(1e-3, 1e-4, 10, 110);
        assertEquals(1e-4, s.at(0), 1e-12);
        assertEquals(1e-3, s.at(9), 1e-12);
        assertEquals(1e-3, s.at(10), 1e-12);
        assertEquals(1e-4 + 0.9e-3 * 0.5, s.at(60), 1e-12); // half way through the decay
        assertEquals(1e-4, s.at(110), 1e-12);
        assertEquals(1e-4, s.at(500), 1e-12);
        for (int i = 10; i < 110; i++) {
            assertTrue(s.at(i + 1) <= s.at(i));
        }
        assertThrows(IllegalArgumentException.class, () -> new LrSchedule(1e-3, 1e-2, 0, 10));
    }

    private static BufferedImage square(Color c) {
        BufferedImage img = new BufferedImage(56, 56, BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, 56, 56);
        g.dispose();
        return img;
    }

    private Tokenizer tokenizer() throws Exception {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(
                file,
                WordLevelVocabulary.tokenizerJson(
                        List.of("<think>", "</think>", "<answer>", "</answer>"),
                        List.of(
                                "system",
                                "user",
                                "assistant",
                                "You",
                                "are",
                                "a",
                                "helpful",
                                ".",
                                "colour",
                                "?",
                                "red",
                                "blue",
                                "it",
                                "is")));
        return Tokenizer.load(file);
    }

    @Test
    void onlyReplyTokensAndTheEndOfTurnAreTrained() throws Exception {
        try (Tokenizer tok = tokenizer()) {
            PromptEncoder enc = new PromptEncoder(tok, new ImageProcessor());
            SftExample a = new SftExample(
                    List.of(ChatMessage.userWithImages(1, "colour ?")), List.of(square(Color.RED)), "it is red");
            SftExample b = new SftExample(List.of(ChatMessage.user("colour ?")), List.of(), "blue");
            SftBatch batch = SftBatch.build(List.of(a, b), enc, tok, 512);
            long[][] ids = batch.input().ids();
            int replyA = tok.encode("it is red").length + 1;
            int replyB = tok.encode("blue").length + 1;
            assertEquals(replyA + replyB, batch.trainedTokens());
            // the trained targets of row 0 are exactly "it is red" then <|im_end|>
            List<Long> targets = new ArrayList<>();
            for (int t = 0; t < batch.lossMask()[0].length; t++) {
                if (batch.lossMask()[0][t]) {
                    targets.add(ids[0][t + 1]);
                }
            }
            long[] expected = LongStream.concat(
                            Arrays.stream(tok.encode("it is red")),
                            LongStream.of(tok.specials().imEnd()))
                    .toArray();
            assertEquals(Arrays.stream(expected).boxed().toList(), targets);
            assertThrows(IllegalArgumentException.class, () -> SftBatch.build(List.of(a), enc, tok, 10));
        }
    }

    @Test
    void anExampleWithFocusTrainsOnlyTheFocusedTokens() throws Exception {
        try (Tokenizer tok = tokenizer()) {
            PromptEncoder enc = new PromptEncoder(tok, new ImageProcessor());
            String reply = "it is red . it is blue";
            SftExample whole = new SftExample(List.of(ChatMessage.user("colour ?")), List.of(), reply);
            SftExample focused = new SftExample(
                    whole.prompt(), List.of(), reply, null, List.of(new int[] {6, 9}, new int[] {18, 22}));
            SftBatch batch = SftBatch.build(List.of(whole, focused), enc, tok, 512);
            long[][] ids = batch.input().ids();
            assertEquals(
                    Arrays.stream(ids[0]).boxed().toList(),
                    Arrays.stream(ids[1]).boxed().toList());
            List<Long> targets = new ArrayList<>();
            for (int t = 0; t < batch.lossMask()[1].length; t++) {
                if (batch.lossMask()[1][t]) {
                    targets.add(ids[1][t + 1]);
                }
            }
            assertEquals(List.of(tok.encode(" red")[0], tok.encode(" blue")[0]), targets);
            assertEquals(tok.encode(reply).length + 1 + 2, batch.trainedTokens());
            assertThrows(
                    IllegalArgumentException.class,
                    () -> new SftExample(whole.prompt(), List.of(), reply, null, List.of(new int[] {9, 6})));
            SftExample midWord = new SftExample(whole.prompt(), List.of(), reply, null, List.of(new int[] {7, 9}));
            IllegalArgumentException cut =
                    assertThrows(IllegalArgumentException.class, () -> SftBatch.build(List.of(midWord), enc, tok, 512));
            assertTrue(cut.getMessage().contains("word boundaries"), cut.getMessage());
        }
    }

    @Test
    void everyAssistantTurnOfAMultiTurnExampleIsTrained() throws Exception {
        try (Tokenizer tok = tokenizer()) {
            PromptEncoder enc = new PromptEncoder(tok, new ImageProcessor());
            SftExample ex = new SftExample(
                    List.of(
                            ChatMessage.userWithImages(1, "colour ?"),
                            ChatMessage.assistant("it is red"),
                            ChatMessage.user("colour ?")),
                    List.of(square(Color.RED)),
                    "red");
            SftBatch batch = SftBatch.build(List.of(ex), enc, tok, 512);
            long[] ids = batch.input().ids()[0];
            List<Long> targets = new ArrayList<>();
            for (int t = 0; t < batch.lossMask()[0].length; t++) {
                if (batch.lossMask()[0][t]) {
                    targets.add(ids[t + 1]);
                }
            }
            long end = tok.specials().imEnd();
            List<Long> expected = new ArrayList<>();
            Arrays.stream(tok.encode("it is red")).forEach(expected::add);
            expected.add(end);
            Arrays.stream(tok.encode("red")).forEach(expected::add);
            expected.add(end);
            assertEquals(expected, targets, "both answers and their <|im_end|>, nothing of the user turns");
        }
    }

    @Test
    void aTinyModelLearnsToAnswerFromTheImage() throws Exception {
        try (Tokenizer tok = tokenizer();
                QwenVL model = QwenVL.random(Presets.get("tiny", 64, tok.specials()), 3)) {
            PromptEncoder enc = new PromptEncoder(tok, new ImageProcessor());
            List<SftExample> data = List.of(
                    new SftExample(
                            List.of(ChatMessage.userWithImages(1, "colour ?")),
                            List.of(square(Color.RED)),
                            "it is red"),
                    new SftExample(
                            List.of(ChatMessage.userWithImages(1, "colour ?")),
                            List.of(square(Color.BLUE)),
                            "it is blue"));
            SftBatch batch = SftBatch.build(data, enc, tok, 512);
            model.requiresGrad(true);
            var params = Tensors.vector(new ArrayList<>(model.parameters().values()));
            AdamW opt = new AdamW(params, new AdamWOptions(3e-3));
            double first = 0;
            double last = 0;
            for (int step = 0; step < 60; step++) {
                try (Scope s = Scope.open()) {
                    opt.zero_grad();
                    Tensor loss = SftLoss.compute(model, batch);
                    loss.backward();
                    opt.step();
                    last = Tensors.item(loss);
                    first = step == 0 ? last : first;
                }
            }
            assertTrue(last < first * 0.1, "loss " + first + " -> " + last);
            model.requiresGrad(false);
            // the same question gets different, correct answers depending only on the image
            var gen = new Generator(model, tok);
            for (SftExample ex : data) {
                Generation g = gen.generate(List.of(
                                enc.encode(ex.prompt(), ex.images(), true).request(SamplingParams.greedy(8))))
                        .getFirst();
                assertEquals(ex.reply(), g.text());
            }
        }
    }
}
