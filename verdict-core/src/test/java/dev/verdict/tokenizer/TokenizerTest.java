package dev.verdict.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerTest {
    @TempDir
    Path dir;

    /** The real Qwen tokenizer, fetched by scripts/fetch-test-assets.sh; tests that need it skip without it. */
    static Path qwenTokenizer() {
        Path p = Path.of(System.getProperty("user.dir")).getParent().resolve(".cache/test-assets/qwen-tokenizer.json");
        return Files.isRegularFile(p) ? p : null;
    }

    @Test
    void wordLevelVocabularyRoundTripsChatText() throws Exception {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(
                file,
                WordLevelVocabulary.tokenizerJson(
                        List.of("<think>", "</think>"),
                        List.of("system", "user", "assistant", "You", "are", "a", "helpful", ".", "red", "circle")));
        try (Tokenizer tok = Tokenizer.load(file)) {
            assertEquals(1, tok.specials().imStart());
            assertEquals(6, tok.specials().imagePad());
            String text = ChatTemplate.render(
                    List.of(ChatMessage.userWithImages(1, "red circle"), ChatMessage.assistant("<think>red</think>")),
                    false);
            long[] ids = tok.encode(text);
            assertEquals(text, tok.decode(ids, false));
            assertEquals(8, tok.tokenId("<think>"));
            // an unknown word becomes [UNK] rather than failing
            assertEquals(10, tok.encode("zebra")[0]);
        }
    }

    @Test
    void chatTemplateMatchesTheQwenProcessorLayout() {
        String text = ChatTemplate.render(List.of(ChatMessage.userWithImages(1, "Describe.")), true);
        assertEquals(
                "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\n"
                        + "<|vision_start|><|image_pad|><|vision_end|>Describe.<|im_end|>\n<|im_start|>assistant\n",
                text);
        String withSystem = ChatTemplate.render(List.of(ChatMessage.system("S"), ChatMessage.user("u")), false);
        assertEquals("<|im_start|>system\nS<|im_end|>\n<|im_start|>user\nu<|im_end|>\n", withSystem);
    }

    @Test
    void missingTokenizerIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> Tokenizer.load(dir.resolve("nope.json")));
        assertEquals("tokenizer not found: " + dir.resolve("nope.json"), e.getMessage());
    }

    @Test
    void realQwenTokenizerEncodesChatTextWithTheQwenIds() {
        Path file = qwenTokenizer();
        assumeTrue(file != null, "real Qwen tokenizer not fetched (scripts/fetch-test-assets.sh)");
        try (Tokenizer tok = Tokenizer.load(file)) {
            assertEquals(151644, tok.specials().imStart());
            assertEquals(151645, tok.specials().imEnd());
            assertEquals(151655, tok.specials().imagePad());
            assertEquals(151652, tok.specials().visionStart());
            assertArrayEquals(new long[] {14990, 1879}, tok.encode("hello world"));
            String text = ChatTemplate.render(
                    List.of(ChatMessage.userWithImages(1, "Что это? 这是什么 🐱"), ChatMessage.assistant("ok")), false);
            long[] ids = tok.encode(text);
            assertEquals(151644, ids[0]);
            assertEquals(text, tok.decode(ids, false));
            // a long text is not truncated at 512 tokens
            String longText = " word".repeat(2000);
            assertEquals(2000, tok.encode(longText).length);
        }
    }
}
