package dev.verdict.image;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Several processed images as one batch, the way Hugging Face returns them: the {@code pixel_values}
 * rows of all images concatenated in order, and one {@code image_grid_thw} row per image.
 *
 * @param pixelValues concatenated rows, shape (sum of patches, 1176), row-major
 * @param grids the grid of each image, in input order
 */
public record ProcessedBatch(float[] pixelValues /* (total patches, 1176) */, List<ImageGrid> grids) {

    public ProcessedBatch {
        grids = List.copyOf(grids);
        long patches = grids.stream().mapToLong(ImageGrid::patches).sum();
        if (patches == 0 ? pixelValues.length != 0 : pixelValues.length % patches != 0) {
            throw new IllegalArgumentException(
                    "pixelValues has " + pixelValues.length + " values for " + patches + " patches");
        }
    }

    /** Concatenates the images in order. */
    public static ProcessedBatch of(List<ProcessedImage> images) {
        int total = 0;
        List<ImageGrid> grids = new ArrayList<>(images.size());
        for (ProcessedImage image : images) {
            if (image.patchDim() != images.get(0).patchDim()) {
                throw new IllegalArgumentException("images of one batch must share the patch dimension");
            }
            total = Math.addExact(total, image.pixelValues().length);
            grids.add(image.grid());
        }
        float[] all = new float[total]; // (total patches, patchDim)
        int offset = 0;
        for (ProcessedImage image : images) {
            System.arraycopy(image.pixelValues(), 0, all, offset, image.pixelValues().length);
            offset += image.pixelValues().length;
        }
        return new ProcessedBatch(all, grids);
    }

    /** Total rows of {@code pixel_values}. */
    public int totalPatches() {
        return grids.stream().mapToInt(ImageGrid::patches).sum();
    }

    /** HF's {@code image_grid_thw}, shape (images, 3), flattened row-major. */
    public long[] imageGridThw() {
        long[] thw = new long[grids.size() * 3]; // (images, 3)
        for (int i = 0; i < grids.size(); i++) {
            System.arraycopy(grids.get(i).toThw(), 0, thw, i * 3, 3);
        }
        return thw;
    }

    /** The number of {@code <|image_pad|>} tokens of each image, in order. */
    public int[] tokenCounts(int merge) {
        return grids.stream().mapToInt(g -> g.mergedTokens(merge)).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessedBatch b && grids.equals(b.grids) && Arrays.equals(pixelValues, b.pixelValues);
    }

    @Override
    public int hashCode() {
        return 31 * grids.hashCode() + Arrays.hashCode(pixelValues);
    }

    @Override
    public String toString() {
        return "ProcessedBatch[grids=" + grids + ", totalPatches=" + totalPatches() + "]";
    }
}
