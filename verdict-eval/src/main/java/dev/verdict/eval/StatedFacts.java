package dev.verdict.eval;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.verdict.eval.metrics.ItemRecord;
import dev.verdict.judge.StatedFact;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * For data that records each pair's true fact ({@link StatedFact}, as the synthetic world writes it): the share
 * of judgments whose reasoning (the text before {@code <answer>}) states that fact word for word (in either of its
 * wordings), ignoring case and whitespace. A judge can be right by luck; it states the fact only by reading the
 * image (or by luck in the fact's own words), so this separates "looks" from "guesses" where accuracy cannot. Every
 * sample of every judgment counts; failed judgments are left out.
 */
final class StatedFacts {
    private StatedFacts() {}

    /**
     * @param records the run's judgments
     * @param items the evaluated items (their pairs carry the facts)
     * @return {@code overall}, {@code by_category} and {@code samples}, or empty when no pair has a fact
     */
    static Optional<ObjectNode> of(List<ItemRecord> records, List<EvalItem> items) {
        Map<Integer, List<String>> facts = new HashMap<>();
        for (EvalItem it : items) {
            List<String> wordings = StatedFact.wordings(it.pair());
            if (!wordings.isEmpty()) {
                facts.put(it.row(), wordings);
            }
        }
        if (facts.isEmpty()) {
            return Optional.empty();
        }
        Map<String, int[]> byCategory = new TreeMap<>();
        int[] all = new int[2];
        for (ItemRecord r : records) {
            List<String> fact = facts.get(r.row());
            if (fact == null || r.failed()) {
                continue;
            }
            int[] cat = byCategory.computeIfAbsent(r.category(), c -> new int[2]);
            for (String raw : r.raw()) {
                int stated = StatedFact.statedIn(fact, reasoning(raw)) ? 1 : 0;
                all[0] += stated;
                all[1]++;
                cat[0] += stated;
                cat[1]++;
            }
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("overall", share(all));
        ObjectNode cats = o.putObject("by_category");
        byCategory.forEach((c, n) -> cats.put(c, share(n)));
        o.put("samples", all[1]);
        return Optional.of(o);
    }

    private static double share(int[] n) {
        return n[1] == 0 ? Double.NaN : (double) n[0] / n[1];
    }

    /** The text before the first {@code <answer>}, normalised. */
    static String reasoning(String raw) {
        int at = raw.indexOf("<answer>");
        return StatedFact.normalise(at < 0 ? raw : raw.substring(0, at));
    }
}
