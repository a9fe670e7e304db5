package dev.verdict.data.synth;

import dev.verdict.judge.JudgeException;
import dev.verdict.judge.JudgeOptions;
import dev.verdict.judge.PairExample;
import dev.verdict.judge.Preference;
import dev.verdict.judge.SamplingJudge;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The synthetic world's rule teacher as a judge ({@code verdict distill --teacher synthetic}): it writes the
 * world's judgment of a pair as presented.
 *
 * <p>A pair written by {@link SynthWriter} carries the teacher's judgment in {@code meta.judgment}, stated for the
 * pair's own order (its answer is the pair's label). When the judge is shown the pair in that order it returns the
 * stored judgment unchanged; when it is shown the responses swapped (the presented label is then the other one) it
 * returns the same judgment re-stated for the swapped order: in {@link Judgments#PROSE} the two per-response
 * sentences exchange places and every "Response 1" / "Response 2" exchanges its number; in {@link Judgments#LOOKUP}
 * the two quoted words exchange places and the looked-up number flips. The answer is the swapped label. The wording
 * stays inside
 * the world's phrase templates, so the result is still covered by the world's word-level tokenizer.
 *
 * <p>The teacher is deterministic and always right: every vote is the same text, whatever the temperature or the
 * seed. A pair without a stored judgment, or without a label, is a {@link JudgeException}.
 */
public final class WorldTeacherJudge extends SamplingJudge {
    /** The source key holding the stored judgment (the {@code meta.judgment} of our schema). */
    public static final String JUDGMENT = "judgment";

    private static final Pattern SHAPE = Pattern.compile("(?s)<think>(.*)</think><answer>([12])</answer>");
    private static final Pattern RESPONSE_NUMBER = Pattern.compile("Response ([12])");
    /** {@link Phrases#QUOTE} twice, then {@link Phrases#LOOKUP}, at the end of the reasoning. */
    private static final Pattern LOOKUP_TAIL =
            Pattern.compile("(?s)(.*)Response 1: (\\S+) 1\\. Response 2: (\\S+) 2\\. So (\\S+) ([12])\\.");

    @Override
    public String name() {
        return "synthetic";
    }

    @Override
    protected List<String> sample(PairExample presented, JudgeOptions options) {
        String judgment = judgmentAsPresented(presented);
        return Collections.nCopies(options.votes(), judgment);
    }

    /** The world's judgment of {@code presented}, in the order its responses are shown. */
    static String judgmentAsPresented(PairExample presented) {
        String stored = presented.source().get(JUDGMENT);
        if (stored == null || stored.isBlank()) {
            throw new JudgeException("pair " + presented.id() + " has no meta." + JUDGMENT
                    + ": the synthetic teacher judges only pairs written by `verdict synth`");
        }
        if (presented.preferred() == Preference.UNKNOWN) {
            throw new JudgeException("pair " + presented.id() + " has no label: the synthetic teacher needs one");
        }
        Matcher m = SHAPE.matcher(stored.strip());
        if (!m.matches()) {
            throw new JudgeException("pair " + presented.id() + ": meta." + JUDGMENT
                    + " is not a <think>...</think><answer>1|2</answer> judgment");
        }
        int want = presented.preferred().position();
        if (Integer.parseInt(m.group(2)) == want) {
            return stored;
        }
        return "<think>" + swappedThink(presented.id(), m.group(1)) + "</think><answer>" + want + "</answer>";
    }

    /** The reasoning re-stated for the swapped order (see the class comment). */
    static String swappedThink(String id, String think) {
        Matcher lookup = LOOKUP_TAIL.matcher(think);
        if (lookup.matches()) {
            return lookup.group(1)
                    + Phrases.fill(Phrases.QUOTE, Map.of("r", 1, "word", lookup.group(3)))
                    + Phrases.fill(Phrases.QUOTE, Map.of("r", 2, "word", lookup.group(2)))
                    + Phrases.fill(
                            Phrases.LOOKUP,
                            Map.of("word", lookup.group(4), "r", 3 - Integer.parseInt(lookup.group(5))));
        }
        int first = think.indexOf("Response 1 says ");
        int second = think.indexOf("Response 2 says ");
        int end = second < 0 ? -1 : sentenceEnd(think, second);
        if (first < 0 || second < first || end < 0) {
            throw new JudgeException("pair " + id + ": meta." + JUDGMENT
                    + " does not follow the world teacher's layout; cannot swap it");
        }
        String head = think.substring(0, first);
        String one = think.substring(first, second);
        String two = think.substring(second, end);
        String tail = think.substring(end);
        return head + swapNumbers(two) + swapNumbers(one) + swapNumbers(tail);
    }

    /** The index just after the per-response sentence starting at {@code from}, or -1. */
    private static int sentenceEnd(String think, int from) {
        int best = -1;
        for (String ending : endings()) {
            int at = think.indexOf(ending, from);
            if (at >= 0 && (best < 0 || at + ending.length() < best)) {
                best = at + ending.length();
            }
        }
        return best;
    }

    /** The fixed endings of the per-response sentences ("..., which is correct. "). */
    private static List<String> endings() {
        List<String> out = new ArrayList<>();
        for (List<String> templates : List.of(Phrases.RIGHT, Phrases.WRONG)) {
            for (String t : templates) {
                out.add(t.substring(t.indexOf("{claim}") + "{claim}".length()));
            }
        }
        return out;
    }

    private static String swapNumbers(String text) {
        return RESPONSE_NUMBER
                .matcher(text)
                .replaceAll(r -> "Response " + (r.group(1).equals("1") ? "2" : "1"));
    }
}
