package dev.verdict.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.image.ImageGrid;
import dev.verdict.lifecycle.StopRequest;
import dev.verdict.lifecycle.StoppedException;
import dev.verdict.model.ModelConfig;
import dev.verdict.model.ModelInput;
import dev.verdict.model.Presets;
import dev.verdict.model.QwenVL;
import dev.verdict.tensor.Tensors;
import dev.verdict.tokenizer.Tokenizer;
import dev.verdict.tokenizer.WordLevelVocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bytedeco.pytorch.Tensor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {
    @TempDir
    static Path dir;

    static Tokenizer tokenizer;
    static QwenVL model;

    @BeforeAll
    static void setUp() throws Exception {
        List<String> words = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            words.add("w" + i);
        }
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, WordLevelVocabulary.tokenizerJson(List.of("<think>", "</think>"), words));
        tokenizer = Tokenizer.load(file);
        ModelConfig c = Presets.get("tiny", 96, tokenizer.specials());
        model = QwenVL.random(c, 21);
    }

    @AfterAll
    static void tearDown() {
        model.close();
        tokenizer.close();
    }

    private static long[] prompt(Random r, int n) {
        long[] p = new long[n];
        for (int i = 0; i < n; i++) {
            p[i] = 20 + r.nextInt(70);
        }
        return p;
    }

    @Test
    void aGenerationRecordsTheEndTokenItDrewAndTheSamplersLogProbs() {
        Random r = new Random(3);
        Generator gen = new Generator(model, tokenizer);
        List<GenerationRequest> requests = new ArrayList<>();
        for (int i = 0; i < 48; i++) { // hot sampling from a random model: both end tokens turn up
            requests.add(GenerationRequest.text(prompt(r, 5), SamplingParams.sample(48, 8.0, 100 + i)));
        }
        int imEnd = tokenizer.specials().imEnd();
        int endOfText = tokenizer.specials().endOfText();
        Set<Long> ends = new HashSet<>();
        for (Generation g : gen.generate(requests)) {
            long[] sampled = g.sampled();
            assertEquals(sampled.length, g.logProbs().length, "one log-prob per drawn token");
            for (float lp : g.logProbs()) {
                assertTrue(lp <= 0 && lp > -20, "a log-probability at T = 8 over 96 tokens: " + lp);
            }
            if (g.finish() == Generation.Finish.EOS) {
                assertTrue(g.endToken() == imEnd || g.endToken() == endOfText, "end token " + g.endToken());
                assertEquals(g.endToken(), sampled[sampled.length - 1]);
                assertEquals(g.tokens().length + 1, sampled.length);
                ends.add(g.endToken());
            } else {
                assertEquals(-1, g.endToken());
                assertArrayEquals(g.tokens(), sampled);
            }
        }
        assertEquals(Set.of((long) imEnd, (long) endOfText), ends, "both end tokens were drawn");
    }

    @Test
    void sameSeedSameTextAndBatchingDoesNotChangeIt() {
        Random r = new Random(1);
        long[] a = prompt(r, 7);
        long[] b = prompt(r, 12);
        Generator gen = new Generator(model, tokenizer);
        SamplingParams p = SamplingParams.sample(16, 1.0, 42);
        Generation alone1 = gen.generate(List.of(GenerationRequest.text(a, p))).getFirst();
        Generation alone2 = gen.generate(List.of(GenerationRequest.text(a, p))).getFirst();
        assertArrayEquals(alone1.tokens(), alone2.tokens());
        List<Generation> both =
                gen.generate(List.of(GenerationRequest.text(b, p.with("seed", 7)), GenerationRequest.text(a, p)));
        assertArrayEquals(alone1.tokens(), both.get(1).tokens());
        Generation other = gen.generate(List.of(GenerationRequest.text(a, p.with("seed", 43))))
                .getFirst();
        assertNotEquals(List.of(alone1.text()), List.of(other.text()));
    }

    @Test
    void batcherGivesConcurrentCallersWhatTheyWouldGetAlone() throws Exception {
        Random r = new Random(3);
        Generator gen = new Generator(model, tokenizer);
        List<GenerationRequest> requests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            requests.add(GenerationRequest.text(prompt(r, 5 + i), SamplingParams.sample(12, 1.0, 100 + i)));
        }
        List<long[]> alone = new ArrayList<>();
        for (GenerationRequest q : requests) {
            alone.add(gen.generate(List.of(q)).getFirst().tokens());
        }
        try (GenerationBatcher batcher = new GenerationBatcher(gen, 64);
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Generation>> futures = new ArrayList<>();
            for (GenerationRequest q : requests) {
                futures.add(pool.submit(() -> batcher.generate(List.of(q)).getFirst()));
            }
            // a request the generator rejects fails its own call only
            long[] outOfVocabulary = {5, 1_000_000, 7};
            var bad = pool.submit(
                    () -> batcher.generate(List.of(GenerationRequest.text(outOfVocabulary, SamplingParams.greedy(4)))));
            for (int i = 0; i < requests.size(); i++) {
                assertArrayEquals(alone.get(i), futures.get(i).get().tokens(), "request " + i);
            }
            ExecutionException e = Assertions.assertThrows(ExecutionException.class, bad::get);
            Assertions.assertInstanceOf(RuntimeException.class, e.getCause());
        }
    }

    @Test
    void aStopRequestEndsGenerationUnlessDeferred() {
        long[] a = prompt(new Random(4), 6);
        Generator gen = new Generator(model, tokenizer);
        GenerationRequest q = GenerationRequest.text(a, SamplingParams.greedy(4));
        long[] expected = gen.generate(List.of(q)).getFirst().tokens();
        StopRequest.request("signal");
        try {
            StoppedException e = assertThrows(StoppedException.class, () -> gen.generate(List.of(q)));
            assertEquals("generation stopped (signal)", e.getMessage());
            try (StopRequest.Section d = StopRequest.deferred()) {
                assertArrayEquals(expected, gen.generate(List.of(q)).getFirst().tokens(), "a deferred caller finishes");
            }
        } finally {
            StopRequest.clear();
        }
        assertFalse(StopRequest.pollingActive(), "generation's polling section is closed");
    }

    @Test
    void greedyGenerationFollowsTheArgmaxOfAFullForward() {
        Random r = new Random(2);
        long[] a = prompt(r, 9);
        Generation g = new Generator(model, tokenizer)
                .generate(List.of(GenerationRequest.text(a, SamplingParams.greedy(6))))
                .getFirst();
        // re-score prompt + generated tokens: each generated token must be the argmax at its position
        long[] seq = new long[a.length + g.tokens().length];
        System.arraycopy(a, 0, seq, 0, a.length);
        System.arraycopy(g.tokens(), 0, seq, a.length, g.tokens().length);
        float[] logits = Tensors.toFloats(model.logits(model.hidden(ModelInput.text(new long[][] {seq}, null))));
        int v = model.config().text().vocabSize();
        for (int i = 0; i < g.tokens().length; i++) {
            int pos = a.length - 1 + i;
            float[] row = Arrays.copyOfRange(logits, pos * v, (pos + 1) * v);
            assertEquals(TokenSampler.argmax(row), g.tokens()[i], "token " + i);
        }
    }

    @Test
    void imagesConditionGenerationAndScoringMatchesGeneration() {
        Random r = new Random(3);
        ImageGrid grid = new ImageGrid(1, 8, 8);
        int pads = grid.mergedTokens(2);
        long[] p = new long[4 + pads];
        p[0] = 30;
        p[1] = tokenizer.specials().visionStart();
        for (int i = 0; i < pads; i++) {
            p[2 + i] = tokenizer.specials().imagePad();
        }
        p[2 + pads] = tokenizer.specials().visionEnd();
        p[3 + pads] = 31;
        float[] px = new float[grid.patches() * 1176];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) r.nextGaussian();
        }
        Tensor pixels = Tensors.of(px, grid.patches(), 1176);
        SamplingParams sp = SamplingParams.sample(8, 1.0, 5);
        Generation g = new Generator(model, tokenizer)
                .generate(List.of(new GenerationRequest(p, pixels, List.of(grid), sp)))
                .getFirst();
        assertTrue(g.tokens().length > 0);
        List<float[]> lp = new Scorer(model)
                .score(List.of(
                        new Scorer.Item(p, g.tokens(), pixels, List.of(grid)),
                        new Scorer.Item(prompt(r, 3), new long[] {40, 41}, null, List.of())));
        assertEquals(g.tokens().length, lp.get(0).length);
        assertEquals(2, lp.get(1).length);
        for (float x : lp.get(0)) {
            assertTrue(x <= 0 && Float.isFinite(x));
        }
    }

    /** A prompt of some text, one image slot of {@code grid} and more text. */
    private static long[] imagePrompt(Random r, ImageGrid grid, int after) {
        int pads = grid.mergedTokens(2);
        long[] p = new long[3 + pads + after];
        p[0] = 30;
        p[1] = tokenizer.specials().visionStart();
        for (int i = 0; i < pads; i++) {
            p[2 + i] = tokenizer.specials().imagePad();
        }
        p[2 + pads] = tokenizer.specials().visionEnd();
        for (int i = 3 + pads; i < p.length; i++) {
            p[i] = 20 + r.nextInt(30);
        }
        return p;
    }

    private static Tensor randomPixels(Random r, ImageGrid grid) {
        float[] px = new float[grid.patches() * 1176];
        for (int i = 0; i < px.length; i++) {
            px[i] = (float) r.nextGaussian();
        }
        return Tensors.of(px, grid.patches(), 1176);
    }

    @Test
    void greedyGenerationWithAnImageFollowsTheArgmaxOfAFullForwardAloneAndInAPaddedBatch() {
        Random r = new Random(5);
        ImageGrid grid = new ImageGrid(1, 8, 8);
        long[] p = imagePrompt(r, grid, 5);
        Tensor pixels = randomPixels(r, grid);
        Generator gen = new Generator(model, tokenizer);
        Generation g = gen.generate(List.of(new GenerationRequest(p, pixels, List.of(grid), SamplingParams.greedy(8))))
                .getFirst();
        long[] seq = new long[p.length + g.tokens().length];
        System.arraycopy(p, 0, seq, 0, p.length);
        System.arraycopy(g.tokens(), 0, seq, p.length, g.tokens().length);
        float[] logits = Tensors.toFloats(
                model.logits(model.hidden(new ModelInput(new long[][] {seq}, null, pixels, List.of(grid)))));
        int v = model.config().text().vocabSize();
        for (int i = 0; i < g.tokens().length; i++) {
            int pos = p.length - 1 + i;
            float[] row = Arrays.copyOfRange(logits, pos * v, (pos + 1) * v);
            assertEquals(TokenSampler.argmax(row), g.tokens()[i], "token " + i);
        }
        // beside a longer prompt with a smaller image (so this row is left-padded) the tokens stay the same
        ImageGrid small = new ImageGrid(1, 4, 6);
        long[] longer = imagePrompt(r, small, 30);
        List<Generation> both = gen.generate(List.of(
                new GenerationRequest(longer, randomPixels(r, small), List.of(small), SamplingParams.greedy(8)),
                new GenerationRequest(p, pixels, List.of(grid), SamplingParams.greedy(8))));
        assertArrayEquals(g.tokens(), both.get(1).tokens());
    }

    @Test
    void stopStringsAndEosEndGeneration() {
        Random r = new Random(4);
        long[] a = prompt(r, 5);
        Generator gen = new Generator(model, tokenizer);
        Generation full = gen.generate(List.of(GenerationRequest.text(a, SamplingParams.sample(12, 1.0, 9))))
                .getFirst();
        assertTrue(full.tokens().length >= 3, "need a few tokens to cut: " + full.text());
        String cut = tokenizer.decode(new long[] {full.tokens()[2]}, false);
        Generation stopped = gen.generate(List.of(GenerationRequest.text(
                        a, SamplingParams.sample(12, 1.0, 9).with("stop", List.of(cut)))))
                .getFirst();
        assertEquals(Generation.Finish.STOP, stopped.finish());
        assertTrue(full.text().startsWith(stopped.text()));
        assertTrue(!stopped.text().contains(cut));
        assertEquals(
                0,
                gen.generate(List.of(GenerationRequest.text(a, SamplingParams.greedy(0))))
                        .getFirst()
                        .tokens()
                        .length);
    }
}
