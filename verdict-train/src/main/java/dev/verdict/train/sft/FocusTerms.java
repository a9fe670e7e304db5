package dev.verdict.train.sft;

import dev.verdict.generate.PromptEncoder;
import dev.verdict.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The extra loss terms a judgment run may add, each a per-token mean over the text of a regular expression's groups
 * in every judgment ({@link BlindFocus#spans}), trained in the same step with its own weight:
 *
 * <ul>
 *   <li>{@code train.blind_focus}: the pairs with their images withheld, so a quote can only come from the response
 *       and a look-up only from the reasoning;
 *   <li>{@code train.image_focus}: the pairs as they are, images included, so the few tokens that decide a judgment
 *       (the fact read from the image, the looked-up number, the answer) weigh as much as the whole judgment, whose
 *       mean otherwise spreads them over about thirty template tokens.
 * </ul>
 */
final class FocusTerms {
    /**
     * One term.
     *
     * @param key the config key, also the metric's name ({@code KEY_loss})
     * @param images whether the pairs keep their images
     */
    record Term(String key, Pattern pattern, boolean images, double weight) {}

    private final List<Term> terms;

    private FocusTerms(List<Term> terms) {
        this.terms = List.copyOf(terms);
    }

    /**
     * The terms {@code train} turns on; each expression must match a judgment among the first 64 items (else the run
     * would silently train without it), which is checked here, before any run folder or model exists.
     */
    static FocusTerms of(SftConfig.Train train, SftItems items) {
        List<Term> out = new ArrayList<>();
        if (!train.blindFocus().isEmpty()) {
            out.add(check(
                    new Term("blind_focus", BlindFocus.compile(train.blindFocus()), false, train.blindFocusWeight()),
                    items));
        }
        if (!train.imageFocus().isEmpty()) {
            out.add(check(
                    new Term("image_focus", BlindFocus.compile(train.imageFocus()), true, train.imageFocusWeight()),
                    items));
        }
        return new FocusTerms(out);
    }

    private static Term check(Term t, SftItems items) {
        int n = Math.min(items.size(), 64);
        for (int i = 0; i < n; i++) {
            if (items.focus(i, t.pattern(), t.images()) != null) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "train." + t.key() + " '" + t.pattern().pattern() + "' matches no judgment"
                        + " among the first " + n + " items (" + (n == 0 ? "none" : "e.g. " + items.id(0)) + "): these"
                        + " judgments do not quote in that form (the world's look-up wording is `verdict synth --judgments"
                        + " lookup`), or the items are not judgments");
    }

    List<Term> terms() {
        return terms;
    }

    int size() {
        return terms.size();
    }

    /**
     * Per term, one batch per micro-batch of the focus examples of {@code mine} (the items that have one).
     *
     * @param gradAccum micro-batches per step
     */
    List<List<SftBatch>> batches(
            SftItems items, int[] mine, int gradAccum, PromptEncoder encoder, Tokenizer tok, int maxTokens) {
        int size = mine.length / gradAccum;
        List<List<SftBatch>> out = new ArrayList<>();
        for (Term t : terms) {
            List<SftBatch> term = new ArrayList<>();
            for (int m = 0; m < gradAccum; m++) {
                List<SftExample> ex = Arrays.stream(Arrays.copyOfRange(mine, m * size, (m + 1) * size))
                        .mapToObj(i -> items.focus(i, t.pattern(), t.images()))
                        .filter(Objects::nonNull)
                        .toList();
                if (!ex.isEmpty()) {
                    term.add(SftBatch.build(ex, encoder, tok, maxTokens));
                }
            }
            out.add(term);
        }
        return out;
    }
}
