package dev.verdict.train.sft;

import dev.verdict.generate.PromptEncoder;
import dev.verdict.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;

/**
 * The extra loss terms a judgment run may add, each a per-token mean over the text of a regular expression's groups
 * in every judgment ({@link BlindFocus#spans}), trained in the same step with its own weight:
 *
 * <ul>
 *   <li>{@code train.blind_focus}: the pairs again with their images withheld (batches of their own), so a quote can
 *       only come from the response and a look-up or the answer only from the reasoning;
 *   <li>{@code train.image_focus}: the focused tokens of the judgment batch itself, images included, marked in that
 *       batch and taken from its forward pass, so the few tokens that decide a judgment (the fact read from the
 *       image, the looked-up number, the answer) weigh as much as the whole judgment, whose mean otherwise spreads
 *       them over about thirty template tokens.
 * </ul>
 */
final class FocusTerms {
    /**
     * One term.
     *
     * @param key the config key, also the metric's name ({@code KEY_loss})
     */
    record Term(String key, Pattern pattern, double weight) {}

    private final Term blind;
    private final Term image;

    private FocusTerms(Term blind, Term image) {
        this.blind = blind;
        this.image = image;
    }

    /**
     * The terms {@code train} turns on; each expression must match a judgment among the first 64 items (else the run
     * would silently train without it), which is checked here, before any run folder or model exists.
     */
    static FocusTerms of(SftConfig.Train train, SftItems items) {
        Term blind = train.blindFocus().isEmpty()
                ? null
                : check(
                        new Term("blind_focus", BlindFocus.compile(train.blindFocus()), train.blindFocusWeight()),
                        items);
        Term image = train.imageFocus().isEmpty()
                ? null
                : check(
                        new Term("image_focus", BlindFocus.compile(train.imageFocus()), train.imageFocusWeight()),
                        items);
        return new FocusTerms(blind, image);
    }

    private static Term check(Term t, SftItems items) {
        int n = Math.min(items.size(), 64);
        for (int i = 0; i < n; i++) {
            // the match is a property of the judgment's text: checked without decoding any image
            if (items.focus(i, t.pattern(), false) != null) {
                return t;
            }
        }
        throw new IllegalArgumentException(
                "train." + t.key() + " '" + t.pattern().pattern() + "' matches no judgment"
                        + " among the first " + n + " items (" + (n == 0 ? "none" : "e.g. " + items.id(0)) + "): these"
                        + " judgments do not quote in that form (the world's look-up wording is `verdict synth --judgments"
                        + " lookup`), or the items are not judgments");
    }

    /** The blind term, or null when it is off. */
    Term blind() {
        return blind;
    }

    /** The image term, or null when it is off. */
    Term image() {
        return image;
    }

    /** The terms that are on, blind first. */
    List<Term> terms() {
        List<Term> out = new ArrayList<>();
        if (blind != null) {
            out.add(blind);
        }
        if (image != null) {
            out.add(image);
        }
        return out;
    }

    /**
     * The blind term's batches for {@code mine}: one per micro-batch, of the items that have a focus example (none when
     * the term is off).
     *
     * @param keep which of the items to use (an item over train.max_tokens is left out)
     * @param gradAccum micro-batches per step
     */
    List<SftBatch> blindBatches(
            SftItems items,
            int[] mine,
            IntPredicate keep,
            int gradAccum,
            PromptEncoder encoder,
            Tokenizer tok,
            int maxTokens) {
        List<SftBatch> out = new ArrayList<>();
        if (blind == null) {
            return out;
        }
        int size = mine.length / gradAccum;
        for (int m = 0; m < gradAccum; m++) {
            List<SftExample> ex = Arrays.stream(Arrays.copyOfRange(mine, m * size, (m + 1) * size))
                    .filter(keep)
                    .mapToObj(i -> items.focus(i, blind.pattern(), false))
                    .filter(Objects::nonNull)
                    .toList();
            if (!ex.isEmpty()) {
                out.add(SftBatch.build(ex, encoder, tok, maxTokens));
            }
        }
        return out;
    }

    /**
     * The image term's marks for a judgment batch: per example the ranges of its reply to mark (null for a reply the
     * expression does not match); null when the term is off.
     */
    List<List<int[]>> marks(List<SftExample> examples) {
        if (image == null) {
            return null;
        }
        List<List<int[]>> out = new ArrayList<>();
        for (SftExample ex : examples) {
            List<int[]> spans = BlindFocus.spans(image.pattern(), ex.reply());
            out.add(spans.isEmpty() ? null : spans);
        }
        return out;
    }
}
