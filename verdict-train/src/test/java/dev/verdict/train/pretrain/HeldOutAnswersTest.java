package dev.verdict.train.pretrain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class HeldOutAnswersTest {
    private static final Set<String> SLOTS = Set.of("red", "blue", "circle", "square");

    @Test
    void aQuestionsKindHidesItsNumbersAndSlotWords() {
        assertEquals("How many * * are there?", HeldOutAnswers.kindOf("How many red circles are there?", SLOTS));
        assertEquals(
                "What colour is the shape in row #, column #?",
                HeldOutAnswers.kindOf("What colour is the shape in row 4, column 12?", SLOTS));
        assertEquals(
                "Is there a * * in the image?", HeldOutAnswers.kindOf("Is there a Blue square in the image?", SLOTS));
        assertEquals(
                "Is there a green triangle?",
                HeldOutAnswers.kindOf("Is there a green triangle?", SLOTS),
                "words that are no slot stay");
        assertEquals("What is in cell #?", HeldOutAnswers.kindOf("What is in cell 3?", Set.of()));
    }
}
