package dev.verdict.train.reward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConsistencyPromptTest {
    @Test
    void answerIsMappedToASentence() {
        assertEquals("Response 1 is better", ConsistencyPrompt.answerText("<think>x</think><answer>1</answer>"));
        assertEquals("Response 2 is better", ConsistencyPrompt.answerText("x<answer> 2 </answer>"));
        assertEquals("The two responses are equally good", ConsistencyPrompt.answerText("x<answer>3</answer>"));
        assertEquals("the first", ConsistencyPrompt.answerText("x<answer>the first</answer>"));
        assertEquals("no tags at all", ConsistencyPrompt.answerText(" no tags at all "));
    }

    @Test
    void reasoningIsTheLastThreeLinesBeforeTheAnswer() {
        String r = "<think>line a\nline b\nline c\nline d</think><answer>1</answer>\nafter";
        assertEquals("line b; line c; line d</think>", ConsistencyPrompt.reasoningTail(r));
        assertEquals("<think>only</think>", ConsistencyPrompt.reasoningTail("<think>only</think><answer>2</answer>"));
        String prompt = ConsistencyPrompt.render(r);
        assertTrue(prompt.contains("line b; line c; line d</think>"), prompt);
        assertTrue(prompt.contains("Response 1 is better"), prompt);
        assertTrue(prompt.endsWith("Output:"), prompt);
    }

    @Test
    void replyParsingFollowsTheReference() {
        assertEquals(Optional.of(Consistency.CONSISTENT), ConsistencyPrompt.parseReply("1"));
        assertEquals(Optional.of(Consistency.CONSISTENT), ConsistencyPrompt.parseReply("output: 1\n"));
        assertEquals(Optional.of(Consistency.INCONSISTENT), ConsistencyPrompt.parseReply(" 0 "));
        assertEquals(Optional.of(Consistency.INCONSISTENT), ConsistencyPrompt.parseReply("The answer is 10"));
        assertEquals(Optional.of(Consistency.CONSISTENT), ConsistencyPrompt.parseReply("I'd say 1."));
        assertEquals(Optional.empty(), ConsistencyPrompt.parseReply("They match."));
        assertEquals(Optional.empty(), ConsistencyPrompt.parseReply(""));
    }
}
