package dev.verdict.model;

import dev.verdict.image.ImageGrid;
import java.util.List;
import org.bytedeco.pytorch.Tensor;

/**
 * A batch for the combined model: token ids with their padding mask, the pixel rows of every image in
 * order, and the images' grids. The prompts already hold one {@code <|image_pad|>} per merged image token.
 *
 * @param ids [B][S] token ids
 * @param mask [B][S] true for real tokens (left or right padding), or null when nothing is padded
 * @param pixels [N, patchDim] pixel rows of all images in order, or null without images
 * @param grids the images' grids, in order
 */
public record ModelInput(long[][] ids, boolean[][] mask, Tensor pixels, List<ImageGrid> grids) {
    public ModelInput {
        grids = List.copyOf(grids);
        if (ids.length == 0) {
            throw new IllegalArgumentException("empty batch");
        }
        for (long[] row : ids) {
            if (row.length != ids[0].length) {
                throw new IllegalArgumentException("rows of a batch must have one length (pad them)");
            }
        }
        if ((pixels == null) != grids.isEmpty()) {
            throw new IllegalArgumentException("pixels and grids must be given together");
        }
    }

    public static ModelInput text(long[][] ids, boolean[][] mask) {
        return new ModelInput(ids, mask, null, List.of());
    }

    public int batch() {
        return ids.length;
    }

    public int length() {
        return ids[0].length;
    }

    public boolean padded() {
        if (mask == null) {
            return false;
        }
        for (boolean[] row : mask) {
            for (boolean m : row) {
                if (!m) {
                    return true;
                }
            }
        }
        return false;
    }
}
