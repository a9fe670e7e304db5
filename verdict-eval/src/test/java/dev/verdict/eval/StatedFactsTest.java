package dev.verdict.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.eval.metrics.ItemRecord;
import dev.verdict.judge.Choice;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.Preference;
import dev.verdict.judge.StatedFact;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatedFactsTest {
    private static EvalItem item(int row, String category, String fact) {
        PairExample p = PairExample.textOnly("q" + row, "a", "b").with("id", "p" + row);
        return new EvalItem(row, fact == null ? p : p.plusSource(StatedFact.FACT_KEY, fact), category, category);
    }

    private static ItemRecord record(int row, String category, String error, String... raw) {
        return new ItemRecord(
                row,
                "p" + row,
                "p" + row,
                category,
                category,
                "random",
                false,
                Preference.ONE,
                List.of(),
                List.of(),
                Choice.ONE,
                true,
                "",
                List.of(raw),
                1,
                error);
    }

    @Test
    void countsSamplesWhoseReasoningStatesTheFactIgnoringCaseAndSpaces() {
        List<EvalItem> items = List.of(
                item(0, "perception", "the square is green"),
                item(1, "perception", "the circle is red"),
                item(2, "reasoning", "there is no square in the image"),
                item(3, "reasoning", "there is a circle in the image"));
        List<ItemRecord> records = List.of(
                record(
                        0,
                        "perception",
                        null,
                        "<think>Looking at the image, The  square\nis green.</think><answer>1</answer>"),
                // the fact only after <answer> does not count
                record(1, "perception", null, "<think>the circle is blue</think><answer>2</answer> the circle is red"),
                record(
                        2,
                        "reasoning",
                        null,
                        "<think>there is no square in the image</think><answer>1</answer>",
                        "<think>there is a square in the image</think><answer>2</answer>"),
                record(3, "reasoning", "judge failed", "there is a circle in the image"));

        ObjectNode o = StatedFacts.of(records, items).orElseThrow();

        assertEquals(4, o.get("samples").asInt(), "the failed judgment is left out; both votes of row 2 count");
        assertEquals(0.5, o.get("overall").asDouble(), 1e-12);
        assertEquals(0.5, o.at("/by_category/perception").asDouble(), 1e-12);
        assertEquals(0.5, o.at("/by_category/reasoning").asDouble(), 1e-12);
    }

    @Test
    void aTwoObjectFactCountsInEitherOrder() {
        PairExample p = PairExample.textOnly("q0", "a", "b")
                .with("id", "p0")
                .plusSource(StatedFact.FACT_KEY, "square blue yes, circle red no")
                .plusSource(StatedFact.OTHER_ORDER_KEY, "circle red yes, square blue no");
        List<EvalItem> items = List.of(new EvalItem(0, p, "reasoning", "reasoning"));
        List<ItemRecord> records = List.of(record(
                0,
                "reasoning",
                null,
                "<think>circle red yes, square blue no.</think><answer>1</answer>",
                "<think>square blue yes, circle red no.</think><answer>1</answer>",
                "<think>circle blue yes, square red no.</think><answer>1</answer>"));

        ObjectNode o = StatedFacts.of(records, items).orElseThrow();

        assertEquals(3, o.get("samples").asInt());
        assertEquals(2.0 / 3, o.get("overall").asDouble(), 1e-12, "the colours swapped with the shapes kept is false");
    }

    @Test
    void dataWithoutFactsHasNoFigure() {
        assertTrue(StatedFacts.of(List.of(record(0, "x", null, "text")), List.of(item(0, "x", null)))
                .isEmpty());
    }
}
