package dev.verdict.eval;

import dev.verdict.judge.ImageRef;
import dev.verdict.judge.PairExample;
import java.util.Arrays;
import java.util.List;

/**
 * The other-image blind control: each pair is shown with the images of the next pair in the file (wrapping
 * around) whose images differ from its own. Such an image comes from the same distribution as the real one, so a
 * judge stays in its element, but it says nothing about this pair: a judge that reads the image falls to chance,
 * one that does not keeps its accuracy.
 */
final class OtherImages {
    private final List<PairExample> pairs;

    /** @param pairs every pair of the evaluation, in file order */
    OtherImages(List<PairExample> pairs) {
        this.pairs = List.copyOf(pairs);
    }

    /**
     * The pair at {@code index} with another pair's images.
     *
     * @throws IllegalArgumentException when no other pair has different images (nothing to swap in)
     */
    PairExample swap(int index) {
        PairExample pair = pairs.get(index);
        for (int k = 1; k < pairs.size(); k++) {
            PairExample other = pairs.get((index + k) % pairs.size());
            if (!other.images().isEmpty() && !sameImages(pair.images(), other.images())) {
                return pair.with("images", other.images());
            }
        }
        throw new IllegalArgumentException("--blind other-image: no other pair of the " + pairs.size()
                + " has different images to show with pair " + pair.id());
    }

    private static boolean sameImages(List<ImageRef> a, List<ImageRef> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i).bytes(), b.get(i).bytes())) {
                return false;
            }
        }
        return true;
    }
}
