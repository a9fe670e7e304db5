package dev.verdict.model;

import dev.verdict.image.ImageGrid;
import java.util.ArrayList;
import java.util.List;

/**
 * The window-attention layout of the Qwen2.5-VL vision tower for a list of images. The merged tokens of each
 * frame are cut into windows of {@code window x window} merged tokens (ceil division: edge windows are
 * smaller); {@code order} lists the merged tokens window by window, and the ViT runs on the patches in that
 * order. Attention in window blocks stays inside {@code cuWindow} segments and in full blocks inside {@code
 * cuFull} segments (one per frame of each image). Offsets are in patch tokens (4 per merged token).
 *
 * @param order [merged tokens]: merged-token index (raster order over all images) at each window position
 * @param cuWindow [windows + 1]: running patch-token offsets of the windows
 * @param cuFull [frames + 1]: running patch-token offsets of the frames
 */
public record WindowIndex(int[] order, int[] cuWindow, int[] cuFull) {

    public static WindowIndex compute(List<ImageGrid> grids, int windowTokens, int merge) {
        List<Integer> order = new ArrayList<>();
        List<Integer> cuWindow = new ArrayList<>(List.of(0));
        List<Integer> cuFull = new ArrayList<>(List.of(0));
        int unit = merge * merge;
        int base = 0;
        for (ImageGrid g : grids) {
            int hh = g.h() / merge;
            int ww = g.w() / merge;
            for (int t = 0; t < g.t(); t++) {
                for (int wy = 0; wy < hh; wy += windowTokens) {
                    for (int wx = 0; wx < ww; wx += windowTokens) {
                        int cells = 0;
                        for (int y = wy; y < Math.min(wy + windowTokens, hh); y++) {
                            for (int x = wx; x < Math.min(wx + windowTokens, ww); x++) {
                                order.add(base + t * hh * ww + y * ww + x);
                                cells++;
                            }
                        }
                        cuWindow.add(cuWindow.getLast() + cells * unit);
                    }
                }
                cuFull.add(cuFull.getLast() + hh * ww * unit);
            }
            base += g.t() * hh * ww;
        }
        return new WindowIndex(toArray(order), toArray(cuWindow), toArray(cuFull));
    }

    /** The inverse permutation: position of merged token k in {@link #order}. */
    public int[] inverse() {
        int[] inv = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            inv[order[i]] = i;
        }
        return inv;
    }

    private static int[] toArray(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }
}
