package dev.verdict.train.reward;

import dev.verdict.judge.PairExample;
import dev.verdict.judge.Preference;
import dev.verdict.judge.StatedFact;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule-based consistency judge for the synthetic world ({@code verdict-data}'s {@code dev.verdict.data.synth}),
 * which records each item's true fact in {@code PairExample.source().get("fact")}. It reads the reasoning (the
 * text before the first {@code <answer>}) sentence by sentence, in the phrasing the world's teacher uses, and
 * decides:
 *
 * <ol>
 *   <li>no {@code <answer>1|2</answer>} → {@link Consistency#UNDETERMINED} (nothing to compare with);
 *   <li>the reasoning endorses both responses, or reaches no choice at all → INCONSISTENT (the paper's
 *       "ambiguous conclusion" and "approves both" cases);
 *   <li>the reasoning's choice differs from the answer → INCONSISTENT ("choice direction opposite");
 *   <li>with {@code requireTrueFact} (default): the reasoning does not state the scene's true fact (in either of
 *       its {@link StatedFact} wordings: a judge may name two objects in either order), or states it and still
 *       answers against the label the fact supports → INCONSISTENT (the stated evidence does not support the
 *       answer);
 *   <li>otherwise CONSISTENT.
 * </ol>
 *
 * A choice is read from sentences like "Response 2 is better", "Response 2 is the better answer", "Response 2
 * is right", and otherwise from per-response verdicts ("Response 1 says …, which is correct / wrong", "… matches
 * / does not match the image"; rejecting one response endorses the other). The last explicit conclusion wins. In
 * the look-up wording ("Response 1: green 1. Response 2: yellow 2. So yellow 2.") the choice is the number after
 * "So yellow", and a look-up that names a word other than the chosen response's quote ("So green 2." after
 * "Response 2: yellow 2.") reaches no choice.
 * Matching ignores case and collapses whitespace. Departure from the paper: the paper asks an MLLM and checks only
 * reasoning versus answer; the fact check is possible here because the world knows the truth. Thread-safe.
 */
public final class WorldConsistencyChecker implements ConsistencyJudge {
    /** The source key the synthetic world writes the true fact under. */
    public static final String FACT_KEY = StatedFact.FACT_KEY;

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;])\\s+|\\n+");
    private static final Pattern CONCLUSION =
            Pattern.compile("response ([12]) is (?:the )?(?:better|best|right|correct|preferable)");
    private static final Pattern MENTION = Pattern.compile("response ([12])");
    private static final Pattern POSITIVE = Pattern.compile("which is correct|matches the image|is accurate");
    private static final Pattern NEGATIVE = Pattern.compile("wrong|does not match|incorrect|is not correct");
    private static final Pattern QUOTE = Pattern.compile("response ([12]): (\\S+) \\1\\.?");
    private static final Pattern LOOKUP = Pattern.compile("so (\\S+) ([12])\\.?");
    private static final Pattern THINK_TAG = Pattern.compile("</?think>");
    private static final Pattern ANSWER = Pattern.compile("<answer>\\s*([12])\\s*</answer>");

    private final boolean requireTrueFact;

    /** A checker that also requires the true fact to be stated. */
    public WorldConsistencyChecker() {
        this(true);
    }

    /** @param requireTrueFact whether the reasoning must state the scene's true fact (step 4) */
    public WorldConsistencyChecker(boolean requireTrueFact) {
        this.requireTrueFact = requireTrueFact;
    }

    @Override
    public String name() {
        return requireTrueFact ? "world-rules" : "world-rules(no-fact)";
    }

    @Override
    public Consistency judge(PairExample pair, String response) {
        String text = response == null ? "" : response;
        Matcher answer = ANSWER.matcher(text);
        if (!answer.find()) {
            return Consistency.UNDETERMINED;
        }
        int answered = Integer.parseInt(answer.group(1));
        String reasoning = StatedFact.normalise(
                THINK_TAG.matcher(text.substring(0, answer.start())).replaceAll(" "));
        int chosen = choice(reasoning);
        if (chosen <= 0 || chosen != answered) {
            return Consistency.INCONSISTENT;
        }
        if (requireTrueFact) {
            List<String> fact = StatedFact.wordings(pair);
            if (fact.isEmpty()) {
                throw new IllegalArgumentException(
                        "item " + pair.id() + " has no '" + FACT_KEY + "' in its source: not a synthetic-world item");
            }
            if (!StatedFact.statedIn(fact, reasoning)) {
                return Consistency.INCONSISTENT;
            }
            if (pair.preferred() != Preference.UNKNOWN && pair.preferred().position() != answered) {
                return Consistency.INCONSISTENT;
            }
        }
        return Consistency.CONSISTENT;
    }

    /** The response the reasoning settles on: 1 or 2, 0 for none, −1 when it endorses both. */
    static int choice(String reasoning) {
        int conclusion = 0;
        boolean[] endorsed = new boolean[3];
        String[] quoted = new String[3];
        String lookedUp = null;
        for (String sentence : SENTENCE_END.split(reasoning)) {
            Matcher quote = QUOTE.matcher(sentence);
            if (quote.matches()) {
                quoted[Integer.parseInt(quote.group(1))] = quote.group(2);
                continue;
            }
            Matcher lookup = LOOKUP.matcher(sentence);
            if (lookup.matches()) {
                lookedUp = lookup.group(1);
                conclusion = Integer.parseInt(lookup.group(2));
                endorsed[conclusion] = true;
                continue;
            }
            Matcher c = CONCLUSION.matcher(sentence);
            boolean concluded = false;
            while (c.find()) {
                conclusion = Integer.parseInt(c.group(1));
                concluded = true;
            }
            if (concluded) {
                endorsed[conclusion] = true;
                continue;
            }
            Matcher mention = MENTION.matcher(sentence);
            if (!mention.find()) {
                continue;
            }
            int r = Integer.parseInt(mention.group(1));
            if (mention.find()) {
                continue; // a sentence about both responses that is not a conclusion: no verdict read
            }
            boolean negative = NEGATIVE.matcher(sentence).find();
            if (negative) {
                endorsed[3 - r] = true;
            } else if (POSITIVE.matcher(sentence).find()) {
                endorsed[r] = true;
            }
        }
        if (endorsed[1] && endorsed[2]) {
            return -1;
        }
        if (lookedUp != null && conclusion > 0 && quoted[conclusion] != null && !quoted[conclusion].equals(lookedUp)) {
            return 0;
        }
        if (conclusion != 0) {
            return conclusion;
        }
        return endorsed[1] ? 1 : endorsed[2] ? 2 : 0;
    }
}
