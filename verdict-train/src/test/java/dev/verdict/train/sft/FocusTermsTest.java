package dev.verdict.train.sft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.generate.ModelBundle;
import dev.verdict.judge.PromptLayout;
import dev.verdict.tensor.Scope;
import dev.verdict.train.config.Configs;
import dev.verdict.train.config.DataConfig;
import dev.verdict.train.data.TrainData;
import dev.verdict.train.run.ToyWorld;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FocusTermsTest {
    @TempDir
    static Path dir;

    @Test
    void theBlindTermsBatchesHaveNoImagesAndTheImageTermsHaveThem() {
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
        assertEquals(2.0, terms.terms().get(1).weight());
        try (ModelBundle b = ModelBundle.load(dir.resolve("base"));
                Scope s = Scope.open()) {
            List<List<SftBatch>> batches =
                    terms.batches(items, new int[] {0, 1, 2, 3}, 2, b.encoder(), b.tokenizer(), 1024);
            assertEquals(2, batches.get(0).size(), "one batch per micro-batch");
            for (SftBatch blind : batches.get(0)) {
                assertNull(blind.input().pixels(), "the blind term withholds the images");
            }
            for (SftBatch image : batches.get(1)) {
                assertNotNull(image.input().pixels(), "the image term keeps them");
                assertTrue(image.trainedTokens() > 0 && image.trainedTokens() <= 2, "one number per judgment");
            }
        }
    }
}
