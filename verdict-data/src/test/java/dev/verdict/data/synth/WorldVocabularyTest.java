package dev.verdict.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.verdict.judge.prompt.R1RewardPrompt;
import dev.verdict.tokenizer.ChatMessage;
import dev.verdict.tokenizer.ChatTemplate;
import dev.verdict.tokenizer.Tokenizer;
import dev.verdict.tokenizer.WordLevelVocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorldVocabularyTest {
    @TempDir
    Path dir;

    private static List<String> worldTexts(WorldConfig cfg) {
        World world = new World(cfg, 17);
        List<String> texts = new ArrayList<>();
        for (WorldItem item : world.judgeItems("train", 700)) {
            String prompt = R1RewardPrompt.render(item.question(), item.response1(), item.response2());
            texts.add(ChatTemplate.render(
                    List.of(ChatMessage.userWithImages(1, prompt), ChatMessage.assistant(item.judgment())), false));
            texts.add(item.judgment());
            texts.add(item.response1());
            texts.add(item.response2());
            texts.add(item.question());
        }
        for (PretrainItem p : world.pretrainItems(200)) {
            texts.add(ChatTemplate.render(
                    List.of(ChatMessage.userWithImages(1, "Describe the image."), ChatMessage.assistant(p.caption())),
                    true));
            for (PretrainItem.QA qa : p.qa()) {
                texts.add(ChatTemplate.render(
                        List.of(ChatMessage.userWithImages(1, qa.question()), ChatMessage.assistant(qa.answer())),
                        false));
            }
        }
        return texts;
    }

    private void assertCovers(WorldConfig cfg) throws Exception {
        Path file = dir.resolve("tokenizer-" + cfg.grid() + "-" + cfg.colours() + ".json");
        Files.writeString(file, WorldVocabulary.tokenizerJson(cfg));
        try (Tokenizer tok = Tokenizer.load(file)) {
            // a word outside the vocabulary encodes to the single [UNK] id
            long[] unknown = tok.encode("zyzzyva");
            assertEquals(1, unknown.length);
            long unk = unknown[0];
            assertEquals(WordLevelVocabulary.UNK, tok.decode(unknown, false));
            for (String text : worldTexts(cfg)) {
                long[] ids = tok.encode(text);
                for (long id : ids) {
                    assertTrue(id != unk, () -> "[UNK] in: " + text);
                }
                assertEquals(text, tok.decode(ids, false));
            }
            assertEquals(1, tok.encode("<think>").length);
            assertEquals(1, tok.encode("</answer>").length);
        }
    }

    @Test
    void everyWorldTextEncodesWithoutUnknownsAndRoundTrips() throws Exception {
        assertCovers(WorldConfig.defaults());
    }

    @Test
    void largerWorldsAreCoveredToo() throws Exception {
        assertCovers(WorldConfig.defaults()
                .with("imageSize", 168)
                .with("grid", 6)
                .with("colours", 6)
                .with("shapes", 4)
                .with("minObjects", 4, "maxObjects", 20)
                .with("maxDelta", 3)
                .radiiForCell());
    }

    @Test
    void vocabularyDependsOnTheConfigNotTheSeed() {
        assertEquals(
                WorldVocabulary.tokenizerJson(WorldConfig.defaults()),
                WorldVocabulary.tokenizerJson(WorldConfig.defaults()));
        List<String> words = WorldVocabulary.words(WorldConfig.defaults());
        assertTrue(words.contains("Response"));
        assertTrue(words.contains("evaluator"));
        assertTrue(words.contains("helpful"));
        assertTrue(words.contains("circles"));
        assertTrue(words.size() < 400, "small vocabulary: " + words.size());
    }
}
