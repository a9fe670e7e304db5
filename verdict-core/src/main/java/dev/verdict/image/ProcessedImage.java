package dev.verdict.image;

import java.util.Arrays;
import java.util.Objects;

/**
 * One image after the Qwen2.5-VL processor: its {@code pixel_values} rows and its patch grid.
 *
 * <p>Rows are in merge-block order: frame group, then block row, then block column, then the
 * (dy, dx) position inside the 2x2 block. Within a row the 1176 values are ordered channel, frame in
 * the temporal pair, pixel row, pixel column, i.e. index {@code c*392 + tau*196 + y*14 + x}, the
 * order of the Conv3d patch-embedding weight.
 *
 * @param pixelValues normalized float32 values, shape (grid.patches(), C*T*P*P = 1176), row-major
 * @param grid the patch grid (t, h, w)
 */
public record ProcessedImage(float[] pixelValues /* (patches, 1176) */, ImageGrid grid) {

    public ProcessedImage {
        Objects.requireNonNull(pixelValues, "pixelValues");
        Objects.requireNonNull(grid, "grid");
        if (pixelValues.length == 0 || pixelValues.length % grid.patches() != 0) {
            throw new IllegalArgumentException("pixelValues has " + pixelValues.length
                    + " values, not a positive multiple" + " of the " + grid.patches() + " patches of grid " + grid);
        }
    }

    /** Rows of {@code pixel_values}: one per patch. */
    public int rows() {
        return grid.patches();
    }

    /** Values per row (1176 for Qwen2.5-VL). */
    public int patchDim() {
        return pixelValues.length / grid.patches();
    }

    /** The value at row {@code row}, column {@code col} of the (patches, patchDim) matrix. */
    public float get(int row, int col) {
        return pixelValues[row * patchDim() + col];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessedImage p && grid.equals(p.grid) && Arrays.equals(pixelValues, p.pixelValues);
    }

    @Override
    public int hashCode() {
        return 31 * grid.hashCode() + Arrays.hashCode(pixelValues);
    }

    @Override
    public String toString() {
        return "ProcessedImage[grid=" + grid + ", pixelValues=(" + rows() + ", " + patchDim() + ")]";
    }
}
