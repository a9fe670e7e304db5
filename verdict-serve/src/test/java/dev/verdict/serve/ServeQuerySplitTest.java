package dev.verdict.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code /get_reward} cuts an OpenRLHF query into question, images and response. */
class ServeQuerySplitTest {
    private static final String CHAT = "<|im_start|>system\nYou are helpful.<|im_end|>\n<|im_start|>user\n"
            + "<|vision_start|><|image_pad|><|image_pad|><|vision_end|>How many dots?<|im_end|>\n"
            + "<|im_start|>assistant\n";

    @Test
    void chatmlQueryWithoutPrompt() {
        QuerySplit s = QuerySplit.of(CHAT + "<think>count</think> Three.<|im_end|><|endoftext|>", null, "query[0]");
        assertEquals("How many dots?", s.question());
        assertEquals("<think>count</think> Three.", s.response());
        assertEquals(List.of(), s.images());
    }

    @Test
    void plainPromptPrefixIsCutFromTheQuery() {
        QuerySplit s = QuerySplit.of("Q: how many? A: three", "Q: how many?", "query[0]");
        assertEquals("Q: how many?", s.question());
        assertEquals("A: three", s.response());
    }

    @Test
    void jsonChatPromptGivesTextAndImages() {
        String prompt = "{\"messages\": [{\"role\": \"user\", \"content\": [{\"type\": \"image_url\", \"image_url\":"
                + " {\"url\": \"data:image/png;base64,AAAA\"}}, {\"type\": \"text\", \"text\": \"How many dots?\"}]}]}";
        QuerySplit s = QuerySplit.of(CHAT + "Three.<|im_end|>", prompt, "query[0]");
        assertEquals("How many dots?", s.question());
        assertEquals("Three.", s.response());
        assertEquals(List.of("data:image/png;base64,AAAA"), s.images());
    }

    @Test
    void aQueryWithNoUserTurnAndNoPromptIsAnError() {
        ApiException e = assertThrows(ApiException.class, () -> QuerySplit.of("just text", null, "query[2]"));
        assertEquals(400, e.status());
        assertEquals("query[2]", e.field());
    }
}
