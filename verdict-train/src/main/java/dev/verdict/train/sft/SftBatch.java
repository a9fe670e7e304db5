package dev.verdict.train.sft;

import dev.verdict.generate.EncodedPrompt;
import dev.verdict.generate.PromptEncoder;
import dev.verdict.image.ImageGrid;
import dev.verdict.model.ModelInput;
import dev.verdict.tensor.Tensors;
import dev.verdict.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch.ScalarType;

/**
 * A right-padded batch of prompt + reply sequences with the positions whose next token is a reply token
 * (the assistant's text and its closing {@code <|im_end|>}), so the loss covers assistant tokens only; in a
 * multi-turn example every assistant turn of the prompt is trained too. An example with focus ranges trains only
 * the reply tokens inside them.
 *
 * @param input the model input ([B][S] ids and mask, pixels, grids)
 * @param lossMask [B][S-1]: true where predicting token t+1 from position t is trained
 * @param cells [N] the dense class of each image-pad token, in the order the tokens appear in the batch (row by
 *     row; {@link CellProbe#IGNORE} for the tokens of an example without labels), or null when no example of the
 *     batch carries dense labels
 */
public record SftBatch(ModelInput input, boolean[][] lossMask, long[] cells, boolean[][] markMask) {

    public SftBatch(ModelInput input, boolean[][] lossMask, long[] cells) {
        this(input, lossMask, cells, null);
    }

    /** An example of a batch is longer than the token limit. */
    public static final class TooLongException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        private final int index;
        private final int tokens;

        TooLongException(int index, int tokens, int limit) {
            super("example " + index + " has " + tokens + " tokens, more than the limit " + limit);
            this.index = index;
            this.tokens = tokens;
        }

        /** The example's index in the list given to {@code build}. */
        public int index() {
            return index;
        }

        /** Its length in tokens. */
        public int tokens() {
            return tokens;
        }
    }

    /**
     * Encodes and pads {@code examples}; a sequence longer than {@code maxTokens} is a {@link TooLongException}
     * naming it.
     */
    public static SftBatch build(List<SftExample> examples, PromptEncoder encoder, Tokenizer tokenizer, int maxTokens) {
        return build(examples, null, encoder, tokenizer, maxTokens);
    }

    /**
     * As {@link #build(List, PromptEncoder, Tokenizer, int)}, with some reply tokens also marked ({@link #markMask}):
     * the whole reply is still trained, and the marked tokens can carry a second loss from the same forward pass.
     *
     * @param marks per example the [start, end) character ranges of its reply to mark (null or a null entry: none);
     *     an example with its own focus ranges is not marked
     */
    public static SftBatch build(
            List<SftExample> examples,
            List<List<int[]>> marks,
            PromptEncoder encoder,
            Tokenizer tokenizer,
            int maxTokens) {
        boolean dense = examples.stream().anyMatch(e -> e.cells() != null);
        List<Row> rows = new ArrayList<>();
        List<Tensor> pixels = new ArrayList<>();
        List<ImageGrid> grids = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            SftExample ex = examples.get(i);
            List<int[]> mark = marks == null || ex.focus() != null ? null : marks.get(i);
            Row row = row(i, ex, mark, dense, encoder, tokenizer, maxTokens);
            rows.add(row);
            if (row.prompt().pixels() != null) {
                pixels.add(row.prompt().pixels());
                grids.addAll(row.prompt().grids());
            }
        }
        int len = rows.stream().mapToInt(r -> r.seq().length).max().orElseThrow();
        long[][] ids = new long[rows.size()][len];
        boolean[][] mask = new boolean[rows.size()][len];
        boolean[][] loss = new boolean[rows.size()][len - 1];
        boolean[][] markMask = marks == null ? null : new boolean[rows.size()][len - 1];
        for (int b = 0; b < rows.size(); b++) {
            long[] s = rows.get(b).seq();
            System.arraycopy(s, 0, ids[b], 0, s.length);
            Arrays.fill(ids[b], s.length, len, tokenizer.specials().endOfText());
            Arrays.fill(mask[b], 0, s.length, true);
            lossMasks(rows.get(b), loss[b], markMask == null ? null : markMask[b], tokenizer);
        }
        List<int[]> cells = rows.stream().map(Row::cells).filter(c -> c != null).toList();
        ModelInput in = new ModelInput(ids, mask, pixels.isEmpty() ? null : Tensors.cat(0, pixels), grids);
        return new SftBatch(in, loss, cells.isEmpty() ? null : concat(cells), markMask);
    }

    /**
     * One example encoded.
     *
     * @param prompt the encoded prompt (its pixels and grids go to the batch)
     * @param seq [T] prompt, reply and the closing im_end
     * @param replyStart where the reply starts in {@code seq}
     * @param focus [R] the reply's focused tokens (null: the example has no focus ranges)
     * @param mark [R] the reply's marked tokens (null: none marked)
     * @param cells [I] the image tokens' cell labels (null in a batch without dense labels)
     */
    private record Row(
            EncodedPrompt prompt, long[] seq, int replyStart, boolean[] focus, boolean[] mark, int[] cells) {}

    private static Row row(
            int i,
            SftExample ex,
            List<int[]> mark,
            boolean dense,
            PromptEncoder encoder,
            Tokenizer tokenizer,
            int maxTokens) {
        EncodedPrompt p = encoder.encode(ex.prompt(), ex.images(), true);
        Reply r = reply(ex.reply(), ex.focus() != null ? ex.focus() : mark, tokenizer);
        long[] reply = r.ids();
        long[] seq = new long[p.ids().length + reply.length + 1];
        System.arraycopy(p.ids(), 0, seq, 0, p.ids().length);
        System.arraycopy(reply, 0, seq, p.ids().length, reply.length);
        seq[seq.length - 1] = tokenizer.specials().imEnd();
        if (seq.length > maxTokens) {
            throw new TooLongException(i, seq.length, maxTokens);
        }
        int[] cells = ex.cells();
        if (cells == null && dense) {
            // an example without labels (a judgment mixed into pretraining): its image tokens are ignored
            cells = new int
                    [(int) Arrays.stream(p.ids())
                            .filter(id -> id == tokenizer.specials().imagePad())
                            .count()];
            Arrays.fill(cells, CellProbe.IGNORE);
        }
        return new Row(
                p, seq, p.ids().length, ex.focus() != null ? r.focus() : null, mark != null ? r.focus() : null, cells);
    }

    /**
     * Fills one row's loss mask and mark mask: position t predicts token t+1, so t is trained where t+1 is a reply
     * token (a focused one, with focus), and without focus also where it is a token of an earlier assistant reply.
     *
     * @param loss [T-1] the row's loss mask, filled
     * @param markMask [T-1] the row's mark mask, filled (null: the batch marks nothing)
     */
    private static void lossMasks(Row row, boolean[] loss, boolean[] markMask, Tokenizer tokenizer) {
        long[] s = row.seq();
        int start = row.replyStart();
        boolean[] focus = row.focus();
        boolean[] mark = row.mark();
        for (int t = start - 1; t < s.length - 1; t++) {
            loss[t] = focus == null || (t + 1 - start < focus.length && focus[t + 1 - start]);
            if (mark != null) {
                markMask[t] = t + 1 - start < mark.length && mark[t + 1 - start];
            }
        }
        if (focus != null) {
            return;
        }
        for (int[] span : earlierReplies(s, start, tokenizer)) {
            for (int t = span[0] - 1; t < span[1] - 1; t++) {
                loss[t] = true;
            }
        }
    }

    /**
     * A reply's tokens and which of them are focused.
     *
     * @param ids [R] the reply's token ids
     * @param focus [R] whether each token lies in a focus range, or null when the whole reply is trained
     */
    record Reply(long[] ids, boolean[] focus) {}

    /**
     * The reply's tokens; with focus ranges the reply is encoded piece by piece, cut at the ranges' edges (a range
     * preceded by a space is cut before the space, which byte-level pre-tokenizers attach to the next word), so
     * that each token is wholly inside or outside a range. Pieces that do not encode like the whole reply are an
     * error naming the reply.
     */
    static Reply reply(String text, List<int[]> spans, Tokenizer tokenizer) {
        long[] whole = tokenizer.encode(text);
        if (spans == null) {
            return new Reply(whole, null);
        }
        List<long[]> pieces = new ArrayList<>();
        List<Boolean> inFocus = new ArrayList<>();
        int at = 0;
        for (int[] span : spans) {
            int from = span[0] > at && text.charAt(span[0] - 1) == ' ' ? span[0] - 1 : span[0];
            if (from > at) {
                pieces.add(tokenizer.encode(text.substring(at, from)));
                inFocus.add(false);
            }
            pieces.add(tokenizer.encode(text.substring(from, span[1])));
            inFocus.add(true);
            at = span[1];
        }
        if (at < text.length()) {
            pieces.add(tokenizer.encode(text.substring(at)));
            inFocus.add(false);
        }
        int n = pieces.stream().mapToInt(p -> p.length).sum();
        long[] ids = new long[n];
        boolean[] focus = new boolean[n];
        int k = 0;
        for (int i = 0; i < pieces.size(); i++) {
            long[] p = pieces.get(i);
            System.arraycopy(p, 0, ids, k, p.length);
            Arrays.fill(focus, k, k + p.length, inFocus.get(i));
            k += p.length;
        }
        if (!Arrays.equals(ids, whole)) {
            throw new IllegalArgumentException("the focus ranges of reply \"" + text + "\" cut it where the"
                    + " tokenizer does not: move them to word boundaries");
        }
        return new Reply(ids, focus);
    }

    private static long[] concat(List<int[]> parts) {
        long[] out = new long[parts.stream().mapToInt(a -> a.length).sum()];
        int k = 0;
        for (int[] a : parts) {
            for (int v : a) {
                out[k++] = v;
            }
        }
        return out;
    }

    /**
     * The assistant turns inside a prompt (a multi-turn example), as [start, end) token ranges covering the reply
     * and its {@code <|im_end|>}: the tokens after each {@code <|im_start|>assistant\n} up to and including the
     * next {@code <|im_end|>}, before {@code promptEnd} (whose own generation prompt is excluded).
     */
    static List<int[]> earlierReplies(long[] seq, int promptEnd, Tokenizer tokenizer) {
        long start = tokenizer.specials().imStart();
        long end = tokenizer.specials().imEnd();
        long[] header = tokenizer.encode("assistant\n");
        List<int[]> spans = new ArrayList<>();
        for (int i = 0; i + header.length < promptEnd; i++) {
            if (seq[i] != start || !Arrays.equals(seq, i + 1, i + 1 + header.length, header, 0, header.length)) {
                continue;
            }
            int from = i + 1 + header.length;
            int to = from;
            while (to < promptEnd && seq[to] != end) {
                to++;
            }
            if (to < promptEnd) {
                spans.add(new int[] {from, to + 1});
            }
            i = to;
        }
        return spans;
    }

    /** Trained positions in the batch. */
    public long trainedTokens() {
        return count(lossMask);
    }

    /** Marked positions in the batch (0 without marks). */
    public long markedTokens() {
        return markMask == null ? 0 : count(markMask);
    }

    /** [B, S-1] float mask of the trained positions. */
    public Tensor lossMaskTensor() {
        return floatMask(lossMask);
    }

    /** [B, S-1] float mask of the marked positions, or null without marks. */
    public Tensor markMaskTensor() {
        return markMask == null ? null : floatMask(markMask);
    }

    private static long count(boolean[][] mask) {
        long n = 0;
        for (boolean[] row : mask) {
            for (boolean v : row) {
                n += v ? 1 : 0;
            }
        }
        return n;
    }

    private static Tensor floatMask(boolean[][] mask) {
        int b = mask.length;
        int t = mask[0].length;
        boolean[] flat = new boolean[b * t];
        for (int i = 0; i < b; i++) {
            System.arraycopy(mask[i], 0, flat, i * t, t);
        }
        return Tensors.ofBools(flat, b, t).to(ScalarType.Float);
    }

    /** [B, S-1] int64 next-token targets. */
    public Tensor targets() {
        long[][] ids = input.ids();
        int s = ids[0].length;
        long[] flat = new long[ids.length * (s - 1)];
        for (int b = 0; b < ids.length; b++) {
            System.arraycopy(ids[b], 1, flat, b * (s - 1), s - 1);
        }
        return Tensors.ofLongs(flat, ids.length, s - 1);
    }
}
