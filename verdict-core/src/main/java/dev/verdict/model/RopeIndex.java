package dev.verdict.model;

import dev.verdict.image.ImageGrid;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The 3-D (temporal, height, width) position ids of Qwen2.5-VL's multimodal rotary embedding for a batch of
 * prompts, and each row's rope delta (how far the last position is from the row length), so generation can
 * continue the positions. Text counts up in all three streams; an image's merged tokens share one temporal
 * position and take their row and column offsets; the text after an image resumes at the largest position
 * so far plus one. Padded slots (mask 0) get position 1.
 *
 * @param positions [3][B][S]
 * @param deltas [B]: max position + 1 - S
 */
public record RopeIndex(long[][][] positions, long[] deltas) {

    /**
     * @param ids [B][S] token ids (left or right padded)
     * @param mask [B][S] true for real tokens, or null for none padded
     * @param grids the images of the whole batch in order of appearance (row 0's first)
     */
    public static RopeIndex compute(
            long[][] ids,
            boolean[][] mask,
            List<ImageGrid> grids,
            int imageTokenId,
            int visionStartTokenId,
            int merge) {
        int batch = ids.length;
        int seq = batch == 0 ? 0 : ids[0].length;
        long[][][] pos = new long[3][batch][seq];
        long[] deltas = new long[batch];
        Iterator<ImageGrid> images = grids.iterator();
        for (int b = 0; b < batch; b++) {
            int[] valid = validIndexes(ids[b], mask == null ? null : mask[b]);
            long[][] rowPos = row(ids[b], valid, images, imageTokenId, visionStartTokenId, merge);
            long max = 0;
            for (int s = 0; s < 3; s++) {
                Arrays.fill(pos[s][b], 1);
                for (int i = 0; i < valid.length; i++) {
                    pos[s][b][valid[i]] = rowPos[s][i];
                    max = Math.max(max, rowPos[s][i]);
                }
            }
            deltas[b] = valid.length == 0 ? -seq : max + 1 - seq;
        }
        if (images.hasNext()) {
            throw new IllegalArgumentException("more images were given than the prompts have image slots");
        }
        return new RopeIndex(pos, deltas);
    }

    private static int[] validIndexes(long[] row, boolean[] mask) {
        int n = 0;
        for (int i = 0; i < row.length; i++) {
            if (mask == null || mask[i]) {
                n++;
            }
        }
        int[] out = new int[n];
        int k = 0;
        for (int i = 0; i < row.length; i++) {
            if (mask == null || mask[i]) {
                out[k++] = i;
            }
        }
        return out;
    }

    /** Positions [3][valid] of one row's real tokens. */
    private static long[][] row(
            long[] ids, int[] valid, Iterator<ImageGrid> images, int imageTokenId, int visionStartTokenId, int merge) {
        int n = valid.length;
        long[][] out = new long[3][n];
        int imageCount = 0;
        for (int i = 0; i + 1 < n; i++) {
            if (ids[valid[i]] == visionStartTokenId && ids[valid[i + 1]] == imageTokenId) {
                imageCount++;
            }
        }
        int st = 0;
        long next = 0;
        for (int img = 0; img < imageCount; img++) {
            int ed = st;
            while (ed < n && ids[valid[ed]] != imageTokenId) {
                ed++;
            }
            if (!images.hasNext()) {
                throw new IllegalArgumentException("a prompt has more image slots than images were given");
            }
            ImageGrid g = images.next();
            int hh = g.h() / merge;
            int ww = g.w() / merge;
            int tokens = g.t() * hh * ww;
            if (ed + tokens > n) {
                throw new IllegalArgumentException(
                        "image " + img + " needs " + tokens + " image tokens but the prompt has fewer");
            }
            for (int i = st; i < ed; i++) {
                fill(out, i, next + (i - st));
            }
            long base = next + (ed - st);
            int k = ed;
            for (int tt = 0; tt < g.t(); tt++) {
                for (int y = 0; y < hh; y++) {
                    for (int x = 0; x < ww; x++, k++) {
                        out[0][k] = base;
                        out[1][k] = base + y;
                        out[2][k] = base + x;
                    }
                }
            }
            next = base + Math.max(Math.max(0, hh - 1), ww - 1) + 1;
            st = ed + tokens;
        }
        for (int i = st; i < n; i++) {
            fill(out, i, next + (i - st));
        }
        return out;
    }

    private static void fill(long[][] out, int i, long p) {
        out[0][i] = p;
        out[1][i] = p;
        out[2][i] = p;
    }
}
