package dev.verdict.eval.metrics;

import dev.verdict.judge.Choice;
import dev.verdict.judge.Preference;
import java.util.List;
import java.util.Objects;

/**
 * One line of {@code items.jsonl}: one item judged in one order pass. Choices and the label always refer to the
 * pair's own (file) order, whatever order the judge saw.
 *
 * @param row the item key ({@code EvalItem.row})
 * @param id the item id
 * @param group the prompt group (Acc+ groups by it)
 * @param category the scoring category
 * @param column the mean-of-columns column
 * @param order the pass: fixed, random, forward or reverse
 * @param swapped whether the judge saw the responses swapped
 * @param label the preferred response
 * @param votes every sample's parsed vote, in sampling order (empty for an error line)
 * @param formatValid whether each sample passed the strict format
 * @param choice the vote over all samples ({@link dev.verdict.judge.Voting}); INVALID for an error line
 * @param correct whether {@code choice} matches the label (INVALID never does)
 * @param reasoning the representative sample's {@code <think>} text
 * @param raw every sample's full text
 * @param latencyMs wall time of the judge call
 * @param error the judge's failure message, or null
 */
public record ItemRecord(
        int row,
        String id,
        String group,
        String category,
        String column,
        String order,
        boolean swapped,
        Preference label,
        List<Choice> votes,
        List<Boolean> formatValid,
        Choice choice,
        boolean correct,
        String reasoning,
        List<String> raw,
        long latencyMs,
        String error) {

    public ItemRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(label, "label");
        votes = List.copyOf(votes);
        formatValid = List.copyOf(formatValid);
        raw = List.copyOf(raw);
        reasoning = reasoning == null ? "" : reasoning;
    }

    /** Whether the judge failed on this item (it then scores as INVALID). */
    public boolean failed() {
        return error != null;
    }

    /** The (row, order) key resume uses. */
    public String key() {
        return row + "/" + order;
    }
}
