package dev.verdict.train.pretrain;

import dev.verdict.tensor.Tensors;
import dev.verdict.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.pytorch.ScalarTypeOptional;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The targets of {@code cell_targets: words}: each cell class is named by words ("red circle"; the empty cell by
 * "-", as the grid turn writes it), and its prototype is the sum of those words' token embedding rows, the same
 * space-prefixed tokens a judgment writes ("the circle is red").
 */
public final class WordPrototypes {
    /** The word that names an empty cell (class 0). */
    static final String EMPTY = "-";

    private WordPrototypes() {}

    /**
     * Per class the token ids of its words.
     *
     * @param names the world's class names in label order, index 0 the empty cell
     * @throws IllegalArgumentException when a word is not one token of {@code tok} (it would be trained toward
     *     the unknown token)
     */
    public static long[][] classWords(List<String> names, Tokenizer tok) {
        long[][] out = new long[names.size()][];
        for (int c = 0; c < names.size(); c++) {
            List<String> words = c == 0 ? List.of(EMPTY) : List.of(names.get(c).split(" "));
            List<Long> ids = new ArrayList<>();
            for (String w : words) {
                int id = tok.tokenId(" " + w);
                if (id < 0 || !tok.decode(new long[] {id}, false).equals(" " + w)) {
                    throw new IllegalArgumentException("cell_targets words: the word \"" + w + "\" of cell class " + c
                            + " (\"" + names.get(c) + "\") is not a single token of " + tok.source());
                }
                ids.add((long) id);
            }
            out[c] = ids.stream().mapToLong(Long::longValue).toArray();
        }
        return out;
    }

    /**
     * @param rows [V, D] the token embedding
     * @param words per class the token ids to sum
     * @return [C, D] per class the sum of its words' rows (a copy, detached from {@code rows})
     */
    public static Tensor sums(Tensor rows, long[][] words) {
        List<Tensor> out = new ArrayList<>();
        for (long[] ids : words) {
            Tensor at = Tensors.ofLongs(ids, ids.length).to(rows.device(), torch.ScalarType.Long); // [n]
            out.add(rows.detach().index_select(0, at).sum(new long[] {0}, false, new ScalarTypeOptional())); // [D]
        }
        return Tensors.stack(0, out).clone();
    }
}
