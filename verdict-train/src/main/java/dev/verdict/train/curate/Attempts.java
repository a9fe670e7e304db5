package dev.verdict.train.curate;

import dev.verdict.judge.Choice;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.PairJudge;
import dev.verdict.judge.Verdict;
import java.util.ArrayList;
import java.util.List;

/**
 * What a judge did with one labelled pair: how many attempts it took until its answer equalled the label.
 *
 * @param attempts attempts made (1..max); equal to the maximum when none was right
 * @param ok whether the last attempt's answer equals the label
 * @param judgment the accepted judgment when {@code ok}, else the last one
 * @param choices the parsed answer of each attempt, in the pair's own order
 * @param swapped whether {@code judgment} was written for the responses shown swapped (its "Response 1" is the
 *     pair's {@code response2})
 */
public record Attempts(int attempts, boolean ok, String judgment, List<Choice> choices, boolean swapped) {

    public Attempts {
        choices = List.copyOf(choices);
    }

    /** Whether the pair is hard in the paper's sense: two or more attempts needed, or none right. */
    public boolean hard() {
        return attempts >= 2 || !ok;
    }

    /**
     * Asks {@code judge} about {@code pair} until an attempt's answer equals the pair's label, at most {@code
     * plan.maxAttempts()} times. A judge failure ({@link dev.verdict.judge.JudgeException}) propagates: the caller
     * records it as an error of the item.
     */
    public static Attempts run(PairJudge judge, PairExample pair, AttemptPlan plan) {
        List<Choice> choices = new ArrayList<>();
        String last = "";
        boolean swapped = false;
        for (int i = 0; i < plan.maxAttempts(); i++) {
            Verdict v = judge.judge(pair, plan.options(pair.id(), i));
            choices.add(v.choice());
            last = v.raw();
            swapped = v.presentedSwapped();
            if (v.correct(pair.preferred())) {
                return new Attempts(i + 1, true, last, choices, swapped);
            }
        }
        return new Attempts(plan.maxAttempts(), false, last, choices, swapped);
    }
}
