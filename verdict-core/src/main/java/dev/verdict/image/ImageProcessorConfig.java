package dev.verdict.image;

import dev.verdict.config.With;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The settings of the Qwen2-VL / Qwen2.5-VL image processor, as stored in a Hugging Face
 * {@code preprocessor_config.json}. {@link #DEFAULT} holds the values released with Qwen2.5-VL
 * 3B/7B/72B (which differ from the transformers class default for {@code max_pixels}).
 *
 * <p>The processor always resizes with bicubic, rescales by 1/255, normalizes and converts to RGB;
 * {@link PreprocessorConfigJson} rejects a file that asks for anything else.
 *
 * @param minPixels smallest pixel count after resizing ({@code min_pixels})
 * @param maxPixels largest pixel count after resizing ({@code max_pixels})
 * @param patchSize side of a square vision patch in pixels ({@code patch_size})
 * @param temporalPatchSize frames per patch ({@code temporal_patch_size}); a still image is repeated
 * @param mergeSize side of the square of patches the merger fuses into one LLM token
 * @param imageMean per-channel mean, shape (3,), RGB order
 * @param imageStd per-channel standard deviation, shape (3,), RGB order
 */
public record ImageProcessorConfig(
        long minPixels,
        long maxPixels,
        int patchSize,
        int temporalPatchSize,
        int mergeSize,
        double[] imageMean, // (3,) RGB
        double[] imageStd // (3,) RGB
        ) implements With<ImageProcessorConfig> {

    /** OpenAI CLIP mean, used by all Qwen2.5-VL sizes. */
    private static final double[] CLIP_MEAN = {0.48145466, 0.4578275, 0.40821073};

    /** OpenAI CLIP standard deviation, used by all Qwen2.5-VL sizes. */
    private static final double[] CLIP_STD = {0.26862954, 0.26130258, 0.27577711};

    /** The released Qwen2.5-VL {@code preprocessor_config.json} values. */
    public static final ImageProcessorConfig DEFAULT =
            new ImageProcessorConfig(56 * 56, 16384L * 28 * 28, 14, 2, 2, CLIP_MEAN, CLIP_STD);

    public ImageProcessorConfig {
        require(patchSize > 0, "patch_size must be positive, got " + patchSize);
        require(temporalPatchSize > 0, "temporal_patch_size must be positive, got " + temporalPatchSize);
        require(mergeSize > 0, "merge_size must be positive, got " + mergeSize);
        require(minPixels > 0, "min_pixels must be positive, got " + minPixels);
        require(maxPixels >= minPixels, "max_pixels (" + maxPixels + ") must be >= min_pixels (" + minPixels + ")");
        require(imageMean != null && imageMean.length == 3, "image_mean must have 3 values (RGB)");
        require(imageStd != null && imageStd.length == 3, "image_std must have 3 values (RGB)");
        for (double s : imageStd) {
            require(s != 0 && Double.isFinite(s), "image_std values must be finite and non-zero, got " + s);
        }
        imageMean = imageMean.clone();
        imageStd = imageStd.clone();
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Reads a Hugging Face {@code preprocessor_config.json}; missing keys take {@link #DEFAULT}'s values. */
    public static ImageProcessorConfig read(Path file) {
        return PreprocessorConfigJson.read(file);
    }

    /** Writes this config as a Hugging Face {@code preprocessor_config.json}. */
    public void write(Path file) {
        PreprocessorConfigJson.write(this, file);
    }

    /** The JSON text of {@link #write}. */
    public String toJson() {
        return PreprocessorConfigJson.toJson(this);
    }

    /** Side length both resized sides are a multiple of: patch size times merge size (28). */
    public int factor() {
        return patchSize * mergeSize;
    }

    /** Values per row of {@code pixel_values}: 3 channels x temporal x patch x patch (1176). */
    public int patchDim() {
        return 3 * temporalPatchSize * patchSize * patchSize;
    }

    @Override
    public double[] imageMean() {
        return imageMean.clone();
    }

    @Override
    public double[] imageStd() {
        return imageStd.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageProcessorConfig c
                && minPixels == c.minPixels
                && maxPixels == c.maxPixels
                && patchSize == c.patchSize
                && temporalPatchSize == c.temporalPatchSize
                && mergeSize == c.mergeSize
                && Arrays.equals(imageMean, c.imageMean)
                && Arrays.equals(imageStd, c.imageStd);
    }

    @Override
    public int hashCode() {
        int h = Long.hashCode(minPixels);
        h = 31 * h + Long.hashCode(maxPixels);
        h = 31 * h + patchSize;
        h = 31 * h + temporalPatchSize;
        h = 31 * h + mergeSize;
        h = 31 * h + Arrays.hashCode(imageMean);
        return 31 * h + Arrays.hashCode(imageStd);
    }

    @Override
    public String toString() {
        return "ImageProcessorConfig[minPixels=" + minPixels + ", maxPixels=" + maxPixels + ", patchSize=" + patchSize
                + ", temporalPatchSize=" + temporalPatchSize + ", mergeSize=" + mergeSize + ", imageMean="
                + Arrays.toString(imageMean) + ", imageStd=" + Arrays.toString(imageStd) + "]";
    }
}
