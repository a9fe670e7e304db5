package dev.verdict.train.sft;

import dev.verdict.judge.PairExample;
import dev.verdict.judge.prompt.PromptLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The blind focus examples of {@code train.blind_focus}: a judgment's pair with its images withheld, the loss on
 * the text of each match's groups only (every group that took part in the match). With the image in view a small
 * judge learns to write the image's value where the judgment quotes a response (right half the time, so the quote
 * is never learned), and to answer from the image rather than from its own reasoning; without the image the quote
 * can only come from the response and the answer only from the reasoning (BENCHMARKS.md items 16 and 17).
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
            throw new IllegalArgumentException(
                    "train.blind_focus / image_focus is not a regular expression: " + e.getMessage(), e);
        }
        if (p.matcher("").groupCount() < 1) {
            throw new IllegalArgumentException(
                    "train.blind_focus / image_focus needs a group marking the focused text, e.g. 'Response [12]: (\\S+) [12]\\.'; got '"
                            + regex + "'");
        }
        return p;
    }

    /**
     * The [start, end) ranges of the groups of each match in {@code text}, in order (groups that did not take part
     * or matched nothing left out; a group inside another counts as the outer one).
     */
    public static List<int[]> spans(Pattern focus, String text) {
        List<int[]> out = new ArrayList<>();
        Matcher m = focus.matcher(text);
        while (m.find()) {
            int end = -1;
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.start(g) >= 0 && m.end(g) > m.start(g) && m.start(g) >= end) {
                    out.add(new int[] {m.start(g), m.end(g)});
                    end = m.end(g);
                }
            }
        }
        return out;
    }

    /**
     * The focus example of a judgment pair, or null when its judgment has no match.
     *
     * @param images keep the pair's images ({@code train.image_focus}) or withhold them ({@code train.blind_focus})
     */
    public static SftExample example(PairExample pair, PromptLayout layout, Pattern focus, boolean images) {
        SftExample full = SftTrainer.example(images ? pair : pair.with("images", List.of()), layout);
        List<int[]> spans = spans(focus, full.reply());
        return spans.isEmpty() ? null : new SftExample(full.prompt(), full.images(), full.reply(), null, spans);
    }
}
