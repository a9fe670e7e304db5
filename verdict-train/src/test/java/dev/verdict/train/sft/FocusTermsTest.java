package dev.verdict.train.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.generate.ModelBundle;
import dev.verdict.judge.prompt.PromptLayout;
import dev.verdict.tensor.Scope;
import dev.verdict.train.config.Configs;
import dev.verdict.train.config.DataConfig;
import dev.verdict.train.data.TrainData;
import dev.verdict.train.run.ToyWorld;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FocusTermsTest {
    @TempDir
    static Path dir;

    @Test
    void theBlindTermHasTextOnlyBatchesAndTheImageTermMarksTheJudgmentBatch() {
        ToyWorld.create(dir, 8);
        Path quotes = ToyWorld.toy(dir, "quotes", "quote", "keep");
        SftConfig cfg = Configs.resolve(
                SftConfig.defaults(),
                null,
                List.of(
                        "model=" + dir.resolve("base"),
                        "train.blind_focus='Response [12]: (\\S+) [12]\\.'",
                        "train.image_focus='So \\S+ ([12])\\.'",
                        "train.image_focus_weight=2"));
        SftItems items = SftTrainer.judgments(
                TrainData.load(DataConfig.of(quotes.toString()), SftTrainer::hasJudgment, "a judgment"),
                quotes,
                PromptLayout.DEFAULT);
        FocusTerms terms = FocusTerms.of(cfg.train(), items);
        assertEquals(
                List.of("blind_focus", "image_focus"),
                terms.terms().stream().map(FocusTerms.Term::key).toList());
        assertEquals(2.0, terms.image().weight());
        try (ModelBundle b = ModelBundle.load(dir.resolve("base"));
                Scope s = Scope.open()) {
            List<SftBatch> blind =
                    terms.blindBatches(items, new int[] {0, 1, 2, 3}, i -> true, 2, b.encoder(), b.tokenizer(), 1024);
            assertEquals(2, blind.size(), "one batch per micro-batch");
            for (SftBatch batch : blind) {
                assertNull(batch.input().pixels(), "the blind term withholds the images");
            }
            // the image term marks tokens of the judgment batch itself: the whole reply is still trained, the marks
            // are the tokens a focus-only example of the same pair (images kept) would train
            List<SftExample> ex = List.of(items.example(0), items.example(1));
            SftBatch plain = SftBatch.build(ex, b.encoder(), b.tokenizer(), 1024);
            SftBatch marked = SftBatch.build(ex, terms.marks(ex), b.encoder(), b.tokenizer(), 1024);
            assertNotNull(marked.input().pixels());
            for (int r = 0; r < 2; r++) {
                Assertions.assertArrayEquals(plain.lossMask()[r], marked.lossMask()[r]);
                for (int t = 0; t < marked.markMask()[r].length; t++) {
                    assertTrue(!marked.markMask()[r][t] || marked.lossMask()[r][t], "a marked token is trained");
                }
            }
            long focusOnly = SftBatch.build(
                            List.of(
                                    items.focus(0, terms.image().pattern(), true),
                                    items.focus(1, terms.image().pattern(), true)),
                            b.encoder(),
                            b.tokenizer(),
                            1024)
                    .trainedTokens();
            assertEquals(focusOnly, marked.markedTokens());
            assertTrue(marked.markedTokens() == 2, "one looked-up number per judgment");
            assertNull(plain.markMaskTensor());
        }
    }
}
