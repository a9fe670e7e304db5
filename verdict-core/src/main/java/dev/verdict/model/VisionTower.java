package dev.verdict.model;

import static dev.verdict.tensor.Ops.s;

import dev.verdict.image.ImageGrid;
import dev.verdict.tensor.DType;
import dev.verdict.tensor.Ops;
import dev.verdict.tensor.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bytedeco.pytorch.Tensor;
import org.bytedeco.pytorch.global.torch;

/**
 * The Qwen2.5-VL vision transformer: patch embedding, 2-D rotary positions, pre-norm blocks with window
 * attention (full attention on {@code fullatt_block_indexes}), and the 2x2 patch merger into the text
 * width. Blocks run on the patches in window order; the merger output is put back in raster order.
 */
final class VisionTower {
    private static final double EPS = 1e-6;
    private final VisionConfig c;
    private final Map<String, Tensor> w;

    VisionTower(VisionConfig config, Map<String, Tensor> weights) {
        this.c = config;
        this.w = weights;
    }

    /**
     * @param pixels [N, patchDim] patch rows in merge-block order, all images concatenated
     * @param grids each image's patch grid, in order (sum of patches = N)
     * @return [N / merge², outHidden] merged-token features in raster order per image
     */
    Tensor forward(Tensor pixels, List<ImageGrid> grids) {
        int unit = c.spatialMergeSize() * c.spatialMergeSize();
        long n = pixels.size(0);
        long expected = grids.stream().mapToLong(ImageGrid::patches).sum();
        if (n != expected) {
            throw new IllegalArgumentException(
                    "pixel rows (" + n + ") do not match the image grids (" + expected + " patches)");
        }
        Tensor patchW = w.get("visual.patch_embed.proj.weight");
        DType dtype = Tensors.dtype(patchW);
        Tensor x = Ops.linear(Tensors.to(pixels, dtype), patchW.reshape(c.hiddenSize(), c.patchDim()), null);

        WindowIndex win = WindowIndex.compute(grids, c.windowTokens(), c.spatialMergeSize());
        Tensor order = Tensors.ofInts(win.order(), win.order().length).to(DType.I64.scalarType());
        Tensor[] rope = rotary(grids, order, unit);
        x = permute(x, order, unit);
        Segments windows = Segments.of(win.cuWindow(), n);
        Segments images = Segments.of(win.cuFull(), n);
        for (int b = 0; b < c.depth(); b++) {
            x = block(b, x, rope[0], rope[1], c.isFullAttention(b) ? images : windows);
        }
        Tensor merged = merger(x);
        Tensor inverse = Tensors.ofInts(win.inverse(), win.order().length).to(DType.I64.scalarType());
        return merged.index_select(0, inverse);
    }

    /** Reorders [N, d] patch rows so that merged token order[i] (its unit patches) comes i-th. */
    private static Tensor permute(Tensor x, Tensor order, int unit) {
        long d = x.size(1);
        return x.view(-1, unit, d).index_select(0, order).reshape(-1, d);
    }

    /** cos and sin [N, headDim] (float32) of each patch's (row, column), in window order. */
    private Tensor[] rotary(List<ImageGrid> grids, Tensor order, int unit) {
        int m = c.spatialMergeSize();
        long total = grids.stream().mapToLong(ImageGrid::patches).sum();
        float[] hw = new float[(int) total * 2];
        int k = 0;
        for (ImageGrid g : grids) {
            for (int t = 0; t < g.t(); t++) {
                for (int bh = 0; bh < g.h() / m; bh++) {
                    for (int bw = 0; bw < g.w() / m; bw++) {
                        for (int dy = 0; dy < m; dy++) {
                            for (int dx = 0; dx < m; dx++) {
                                hw[k++] = bh * m + dy;
                                hw[k++] = bw * m + dx;
                            }
                        }
                    }
                }
            }
        }
        int rotDim = c.headDim() / 2;
        Tensor inv =
                torch.arange(s(0), s(rotDim), s(2), Tensors.options(DType.F32)).div(s(rotDim));
        inv = torch.pow(s(10000.0), inv).reciprocal();
        Tensor pos = Tensors.of(hw, total, 2);
        // theta = [h * inv, w * inv] per patch: [N, rotDim]
        Tensor theta = pos.unsqueeze(2).mul(inv.view(1, 1, -1)).reshape(total, rotDim);
        Tensor emb = permute(Tensors.cat(-1, theta, theta), order, unit);
        return new Tensor[] {emb.cos(), emb.sin()};
    }

    /**
     * Attention within segments of the patch rows (windows or whole images), never across them and never through an
     * [N, N] mask: segments of one length attend as a batch of their own ([segments, H, L, hd]); with several
     * lengths, each length's segments are gathered into such a batch and the results put back in row order. Memory
     * and time grow with the number of segments, not with its square.
     *
     * @param groups the segments of each length
     * @param inverse [N] int64: where each row sits among the groups' rows laid one after another (null with a
     *     single group)
     */
    private record Segments(List<Group> groups, Tensor inverse) {
        /**
         * Segments of one length.
         *
         * @param length rows per segment
         * @param count segments
         * @param rows [count x length] int64 indices of their rows in row order, or null when they are all the rows
         */
        record Group(long length, int count, Tensor rows) {}

        static Segments of(int[] cu, long n) {
            Map<Long, List<Integer>> byLength = new TreeMap<>();
            for (int i = 0; i + 1 < cu.length; i++) {
                byLength.computeIfAbsent((long) cu[i + 1] - cu[i], k -> new ArrayList<>())
                        .add(i);
            }
            if (byLength.size() == 1) {
                Map.Entry<Long, List<Integer>> only =
                        byLength.entrySet().iterator().next();
                return new Segments(
                        List.of(new Group(only.getKey(), only.getValue().size(), null)), null);
            }
            List<Group> groups = new ArrayList<>();
            long[] order = new long[(int) n];
            int at = 0;
            for (Map.Entry<Long, List<Integer>> e : byLength.entrySet()) {
                int start = at;
                for (int seg : e.getValue()) {
                    for (int r = cu[seg]; r < cu[seg + 1]; r++) {
                        order[at++] = r;
                    }
                }
                long[] rows = Arrays.copyOfRange(order, start, at);
                groups.add(new Group(e.getKey(), e.getValue().size(), Tensors.ofLongs(rows, rows.length)));
            }
            long[] inverse = new long[(int) n];
            for (int i = 0; i < n; i++) {
                inverse[(int) order[i]] = i;
            }
            return new Segments(groups, Tensors.ofLongs(inverse, n));
        }

        /**
         * @param q [H, N, hd] (likewise k and v)
         * @return [H, N, hd]
         */
        Tensor attend(Tensor q, Tensor k, Tensor v) {
            if (groups.size() == 1) {
                return attendGroup(groups.getFirst(), q, k, v);
            }
            List<Tensor> outs = new ArrayList<>();
            for (Group g : groups) {
                outs.add(attendGroup(
                        g, q.index_select(1, g.rows()), k.index_select(1, g.rows()), v.index_select(1, g.rows())));
            }
            return Tensors.cat(1, outs).index_select(1, inverse); // [H, N, hd], rows back in order
        }

        /** One group's rows ([H, count x length, hd]) attending within their segments. */
        private static Tensor attendGroup(Group g, Tensor q, Tensor k, Tensor v) {
            long h = q.size(0);
            long hd = q.size(2);
            Tensor o = Ops.attention(split(q, g), split(k, g), split(v, g), null, false); // [S, H, L, hd]
            return o.permute(1, 0, 2, 3).reshape(h, (long) g.count() * g.length(), hd);
        }

        /** [H, S x L, hd] -> [S, H, L, hd]. */
        private static Tensor split(Tensor t, Group g) {
            return t.view(t.size(0), g.count(), g.length(), t.size(2)).permute(1, 0, 2, 3);
        }
    }

    private Tensor block(int b, Tensor x, Tensor cos, Tensor sin, Segments segments) {
        String p = "visual.blocks." + b + ".";
        Tensor h = x.add(attention(p, Ops.rmsNorm(x, w.get(p + "norm1.weight"), EPS), cos, sin, segments));
        Tensor normed = Ops.rmsNorm(h, w.get(p + "norm2.weight"), EPS);
        return h.add(Ops.swiGlu(
                normed,
                w.get(p + "mlp.gate_proj.weight"),
                w.get(p + "mlp.gate_proj.bias"),
                w.get(p + "mlp.up_proj.weight"),
                w.get(p + "mlp.up_proj.bias"),
                w.get(p + "mlp.down_proj.weight"),
                w.get(p + "mlp.down_proj.bias")));
    }

    private Tensor attention(String p, Tensor x, Tensor cos, Tensor sin, Segments segments) {
        long n = x.size(0);
        Tensor qkv = Ops.linear(x, w.get(p + "attn.qkv.weight"), w.get(p + "attn.qkv.bias"))
                .view(n, 3, c.numHeads(), c.headDim())
                .permute(1, 2, 0, 3);
        Tensor q = rotate(qkv.select(0, 0), cos, sin); // [H, N, hd]
        Tensor k = rotate(qkv.select(0, 1), cos, sin); // [H, N, hd]
        Tensor v = qkv.select(0, 2); // [H, N, hd]
        Tensor o = segments.attend(q, k, v).permute(1, 0, 2).reshape(n, c.hiddenSize());
        return Ops.linear(o, w.get(p + "attn.proj.weight"), w.get(p + "attn.proj.bias"));
    }

    /** Rotary in float32, cast back: [H, N, hd]. */
    private static Tensor rotate(Tensor t, Tensor cos, Tensor sin) {
        Tensor t32 = Ops.atLeastF32(t);
        return Ops.applyRotary(t32, cos, sin).to(t.scalar_type());
    }

    private Tensor merger(Tensor x) {
        int unit = c.spatialMergeSize() * c.spatialMergeSize();
        Tensor h = Ops.rmsNorm(x, w.get("visual.merger.ln_q.weight"), EPS).reshape(-1, (long) c.hiddenSize() * unit);
        h = Ops.gelu(Ops.linear(h, w.get("visual.merger.mlp.0.weight"), w.get("visual.merger.mlp.0.bias")));
        return Ops.linear(h, w.get("visual.merger.mlp.2.weight"), w.get("visual.merger.mlp.2.bias"));
    }
}
