package dev.verdict.image;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Rescales, normalizes and flattens resized frames into {@code pixel_values} rows in the exact order
 * of the Hugging Face Qwen2-VL processor (spec section 5.4).
 *
 * <p>Rescale and normalize depend only on the byte value and the channel, so they are one lookup
 * table of 3 x 256 float32 values computed as HF does: {@code float32(float64(x) * (1/255))}, then
 * {@code (x - mean) / std} in float32 with mean and std rounded to float32.
 */
final class Patchifier {

    /** Output values from which rows are written in parallel on the common fork-join pool. */
    private static final long PARALLEL_MIN_VALUES = 1L << 20;

    private final ImageProcessorConfig config;
    private final float[] table; // (3, 256) normalized value of each channel and byte

    Patchifier(ImageProcessorConfig config) {
        this.config = config;
        this.table = normalizationTable(config);
    }

    /** The normalized float32 value of every byte per channel, shape (3, 256). */
    static float[] normalizationTable(ImageProcessorConfig config) {
        double[] mean = config.imageMean();
        double[] std = config.imageStd();
        float[] table = new float[3 * 256]; // (3, 256)
        for (int c = 0; c < 3; c++) {
            float m = (float) mean[c];
            float s = (float) std[c];
            for (int v = 0; v < 256; v++) {
                float rescaled = (float) (v * PreprocessorConfigJson.RESCALE_FACTOR);
                table[c * 256 + v] = (rescaled - m) / s;
            }
        }
        return table;
    }

    float[] table() {
        return table.clone();
    }

    /**
     * Flattens frames of one size (already resized to multiples of patch x merge) into patch rows. A
     * frame count that is not a multiple of the temporal patch size is padded by repeating the last
     * frame; a still image is one frame.
     */
    ProcessedImage patchify(List<RgbImage> frames) {
        RgbImage first = frames.get(0);
        int p = config.patchSize();
        int tp = config.temporalPatchSize();
        int factor = config.factor();
        for (RgbImage f : frames) {
            if (f.width() != first.width() || f.height() != first.height()) {
                throw new IllegalArgumentException("all frames must have one size, got " + f + " and " + first);
            }
        }
        if (first.width() % factor != 0 || first.height() % factor != 0) {
            throw new IllegalArgumentException(first + " is not a multiple of " + factor + " pixels on both sides");
        }
        ImageGrid grid = new ImageGrid((frames.size() + tp - 1) / tp, first.height() / p, first.width() / p);
        int dim = config.patchDim();
        float[] out = new float[Math.multiplyExact(grid.patches(), dim)]; // (patches, C*T*P*P)
        IntStream rows = IntStream.range(0, grid.patches());
        if ((long) out.length >= PARALLEL_MIN_VALUES) {
            rows = rows.parallel(); // rows are independent; the result does not depend on the split
        }
        rows.forEach(row -> writeRow(frames, grid, row, out, row * dim));
        return new ProcessedImage(out, grid);
    }

    /**
     * Row {@code row} in merge-block order is (gt, bh, bw, dy, dx) with dx fastest: decode it into the
     * first frame of the temporal group and the top-left pixel of the patch.
     */
    private void writeRow(List<RgbImage> frames, ImageGrid grid, int row, float[] out, int rowStart) {
        int m = config.mergeSize();
        int p = config.patchSize();
        int blockCols = grid.w() / m;
        int blockRows = grid.h() / m;
        int dx = row % m;
        int dy = (row / m) % m;
        int block = row / (m * m);
        int bw = block % blockCols;
        int bh = (block / blockCols) % blockRows;
        int gt = block / (blockCols * blockRows);
        writePatch(frames, gt * config.temporalPatchSize(), (bh * m + dy) * p, (bw * m + dx) * p, out, rowStart);
    }

    /** Writes one row: for each channel c and frame tau, the P x P pixels at (top, left). */
    private void writePatch(List<RgbImage> frames, int firstFrame, int top, int left, float[] out, int rowStart) {
        int p = config.patchSize();
        int tp = config.temporalPatchSize();
        int area = p * p;
        for (int c = 0; c < 3; c++) {
            int previous = -1;
            for (int tau = 0; tau < tp; tau++) {
                int frame = Math.min(firstFrame + tau, frames.size() - 1);
                int dst = rowStart + (c * tp + tau) * area;
                if (frame == previous) {
                    System.arraycopy(out, dst - area, out, dst, area); // padded frame: same pixels
                    continue;
                }
                copyPixels(frames.get(frame), c, top, left, out, dst);
                previous = frame;
            }
        }
    }

    private void copyPixels(RgbImage frame, int c, int top, int left, float[] out, int dst) {
        int p = config.patchSize();
        byte[] rgb = frame.rgb(); // (h, w, 3)
        int base = c * 256;
        for (int y = 0; y < p; y++) {
            int src = ((top + y) * frame.width() + left) * 3 + c;
            for (int x = 0; x < p; x++, src += 3) {
                out[dst++] = table[base + (rgb[src] & 0xFF)];
            }
        }
    }
}
