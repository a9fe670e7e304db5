package dev.verdict.train.sft;

import dev.verdict.judge.PairExample;
import dev.verdict.judge.PromptLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The blind focus examples of {@code train.blind_focus}: a judgment's pair with its images withheld, the loss on
 * the text of each match's group 1 only. With the image in view a small judge learns to write the image's value
 * where the judgment quotes a response (right half the time, so the quote is never learned); without the image
 * the quote can only come from the response (BENCHMARKS.md item 16).
 */
public final class BlindFocus {
    private BlindFocus() {}

    /**
     * The compiled expression.
     *
     * @throws IllegalArgumentException naming {@code train.blind_focus} when it does not compile or has no group
     */
    public static Pattern compile(String regex) {
        Pattern p;
        try {
            p = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("train.blind_focus is not a regular expression: " + e.getMessage(), e);
        }
        if (p.matcher("").groupCount() < 1) {
            throw new IllegalArgumentException(
                    "train.blind_focus needs a group marking the focused text, e.g. 'Response [12]: (\\S+) [12]\\.'; got '"
                            + regex + "'");
        }
        return p;
    }

    /** The [start, end) ranges of group 1 of each match in {@code text} (empty groups left out). */
    public static List<int[]> spans(Pattern focus, String text) {
        List<int[]> out = new ArrayList<>();
        Matcher m = focus.matcher(text);
        while (m.find()) {
            if (m.start(1) >= 0 && m.end(1) > m.start(1)) {
                out.add(new int[] {m.start(1), m.end(1)});
            }
        }
        return out;
    }

    /** The blind focus example of a judgment pair, or null when its judgment has no match. */
    public static SftExample example(PairExample pair, PromptLayout layout, Pattern focus) {
        SftExample full = SftTrainer.example(pair.withImages(List.of()), layout);
        List<int[]> spans = spans(focus, full.reply());
        return spans.isEmpty() ? null : new SftExample(full.prompt(), full.images(), full.reply(), null, spans);
    }
}
